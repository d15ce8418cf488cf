import Environment
import Foundation

/// How the course session looks in the terminal: steps, questions, lists, what an answer or a hint
/// did. It reads the session and returns lines; it changes nothing.
public struct TutorView {
    public let terminal: Terminal
    let renderer: MarkdownRenderer

    public init(terminal: Terminal) {
        self.terminal = terminal
        renderer = MarkdownRenderer(terminal: terminal)
    }

    func style(_ text: String, _ s: TextStyle) -> String { s.apply(text, colour: terminal.colour) }

    /// A message wrapped to the terminal by display width, continuation lines indented under the text.
    func say(_ runs: [StyledRun], indent: String = "  ") -> [String] {
        TextWrapper(width: terminal.width, colour: terminal.colour).wrap(runs, firstPrefix: "", restPrefix: indent)
    }

    /// A line of feedback (a mistake's `say`, an answer's note) with its inline markdown rendered:
    /// `**안에서**` in bold, `` `nginx -t` `` as code, never with its asterisks.
    func inline(_ text: String) -> [StyledRun] {
        let blocks = MarkdownParser.parse(text)
        guard blocks.count == 1, case .paragraph(let inlines, _) = blocks[0] else { return [StyledRun(text)] }
        return renderer.runs(inlines)
    }

    func markdown(_ text: String, indent: String = "") -> [String] {
        let blocks = MarkdownParser.parse(text)
        return renderer.render(blocks, width: terminal.width - indent.count).map { $0.isEmpty ? "" : indent + $0 }
    }

    /// The renderer for a lesson: images resolve against the lesson file's directory.
    func renderer(for lesson: Lesson) -> MarkdownRenderer {
        var r = renderer
        r.imageBase = (lesson.file as NSString).deletingLastPathComponent
        r.currentDirectory = FileManager.default.currentDirectoryPath
        r.markPreformatted = true
        return r
    }

    // MARK: the course

    func welcome(lessons: Int) -> [String] {
        [
            style("glow-onboard: glowcorp의 트래픽이 어떻게 앱까지 가는지 배우는 튜터", .bold),
            "Route53 → ALB → EC2 → nginx → Docker 앱 (app.glowcorp.io, api.glowcorp.io)",
            "레슨 \(lessons)개. 질문이 나오면 답을 그냥 입력하세요. 명령 목록은 help, 끝낼 때는 quit.",
            "",
        ]
    }

    func lessonHeader(_ lesson: Lesson) -> [String] {
        var out = [style("━━ \(lesson.order). \(lesson.title) ━━", .bold + .cyan)]
        out += renderer.render([.paragraph([.emphasis([.text(lesson.summary)])], line: 0)])
        if !lesson.intro.isEmpty {
            out.append("")
            out += renderer(for: lesson).render(lesson.intro)
        }
        let verifications = lesson.verifications
        if !verifications.isEmpty {
            out.append("")
            out.append(style("이 레슨을 마치면 verify가 확인할 상태:", .bold))
            for (_, spec) in verifications {
                out += TextWrapper(width: terminal.width, colour: terminal.colour)
                    .wrap([StyledRun(spec.expect.trimmingWhitespace)], firstPrefix: "  • ", restPrefix: "    ")
            }
        }
        out.append("")
        return out
    }

    func showStep(_ session: CourseSession, withLessonIntro: Bool) -> [String] {
        let lesson = session.lesson, step = session.step
        var out: [String] = withLessonIntro ? lessonHeader(lesson) : []
        let index = (lesson.stepIndex(step.id) ?? 0) + 1
        out.append(style("[\(lesson.id) · 단계 \(index)/\(lesson.steps.count)] \(step.title)", .bold + .cyan))
        out.append("")
        var prose: [Block] = []
        for part in step.parts { if case .prose(let b) = part { prose.append(b) } }
        out += renderer(for: lesson).render(prose)
        // A picture is named in the text; how to see it is said once under it.
        if !lesson.images(in: step).isEmpty {
            out.append(style("(그림 보기: 그림)", .dim))
        }
        if let spec = step.verify {
            if !prose.isEmpty { out.append("") }
            out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                [StyledRun("verify가 확인할 상태: ", .bold + .magenta), StyledRun(spec.expect.trimmingWhitespace)],
                firstPrefix: "", restPrefix: "  ")
            // Wrapped here with its indent (a styled line re-wrapped later would lose it).
            out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                [StyledRun("(검사: \(spec.checks.map(\.id).joined(separator: ", ")))", .dim)], firstPrefix: "  ", restPrefix: "   ")
            if let defect = spec.practice {
                out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                    [StyledRun("  고장 내고 고치기: 연습 환경에서는 " + "sandbox break \(defect)".with(.으로로) + " 고장을 넣고, 찾아서 고친 뒤 verify로 확인해요. 연습 환경이 없으면 verify가 고장 난 환경을 읽어요.", .magenta)],
                    firstPrefix: "", restPrefix: "    ")
            } else if let fixture = spec.fixture {
                out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                    [StyledRun("사례 연구: 이 단계의 verify는 고장 난 환경 \(fixture, .을를) 읽어요.", .magenta)], firstPrefix: "  ", restPrefix: "    ")
            } else if spec.build {
                out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                    [StyledRun("  직접 만들기: 여러분이 만든 환경(연습 환경, 실제 계정과 호스트)에서 verify가 통과해야 끝나요. 번들 참고 설정으로는 끝나지 않아요.", .magenta)],
                    firstPrefix: "", restPrefix: "    ")
            }
        }
        if !prose.isEmpty || step.verify != nil { out.append("") }
        for q in step.questions {
            let record = session.progress.record(session.position, question: q.id)
            if record.status == .open { break }
            let mark = record.status == .correct ? style("✔", .green) : style("↷", .yellow)
            out.append("\(mark) \(q.prompt.split(separator: "\n").first.map(String.init) ?? q.id)")
            // A choice answered by number shows the choice; other kinds show what the learner wrote.
            let shown = record.status == .correct && q.kind != .choice ? (record.lastAnswer ?? q.displayAnswer) : q.displayAnswer
            out.append(style("   답: \(shown)", .dim))
        }
        if let q = session.openQuestion {
            out += ask(q, in: step)
        } else if !step.questions.isEmpty {
            out.append(stepDoneLine(session))
        }
        return out
    }

    func stepDoneLine(_ session: CourseSession) -> String {
        let step = session.step
        if step.verify != nil && step.verify?.fixture == nil && session.progress[step: session.position].verified == nil {
            return style("질문을 모두 마쳤어요. verify로 환경이 이 단계의 상태인지 확인하고, next로 넘어가요.", .green)
        }
        return session.course.next(after: session.position) == nil
            ? style("이 단계를 마쳤어요. 마지막 단계예요!", .green)
            : style("이 단계를 마쳤어요. 다음 단계는 next.", .green)
    }

    func ask(_ q: Question, in step: Step) -> [String] {
        let qs = step.questions
        let n = (qs.firstIndex { $0.id == q.id } ?? 0) + 1
        var out = [style("질문 \(n)/\(qs.count)", .bold + .yellow) + style(" · \(kindLabel(q.kind))", .dim)]
        out += markdown(q.prompt, indent: "  ")
        for (i, choice) in q.choices.enumerated() {
            out += TextWrapper(width: terminal.width, colour: terminal.colour)
                .wrap(renderer.runs(MarkdownParser.parse(choice).first?.inlines ?? [.text(choice)]),
                      firstPrefix: "  \(i + 1)) ", restPrefix: "     ")
                .map { $0.replacingOccurrences("\u{00A0}", with: " ") }
        }
        return out
    }

    /// `질문 2/3`: how a question is headed where it is asked.
    func questionHeader(_ q: Question, in step: Step) -> String {
        "질문 \((step.questions.firstIndex { $0.id == q.id } ?? 0) + 1)/\(step.questions.count)"
    }

    /// The open question again, short, after output that pushed it off the screen.
    func reminder(_ q: Question, in step: Step) -> [String] {
        let prompt = MarkdownParser.parse(q.prompt).first?.inlines.plainText ?? q.prompt
        return TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
            [StyledRun(questionHeader(q, in: step), .bold + .yellow), StyledRun(" (다시 보기: show) ", .dim), StyledRun(prompt)],
            firstPrefix: "", restPrefix: "  ")
    }

    func kindLabel(_ kind: AnswerKind) -> String {
        switch kind {
        case .choice: return "번호나 보기의 내용으로 답하세요"
        case .text: return "단어로 답하세요"
        case .regex: return "자유롭게 답하세요"
        case .number: return "숫자로 답하세요"
        case .port: return "포트 번호로 답하세요"
        case .cidr: return "CIDR로 답하세요 (예: 192.168.0.0/16)"
        case .cidrWithin: return "CIDR 블록으로 답하세요"
        case .ipInCidr: return "IPv4 주소로 답하세요"
        case .dns: return "DNS 이름으로 답하세요"
        case .command: return "명령어로 답하세요"
        }
    }

    func courseFinished(_ session: CourseSession) -> [String] {
        let totals = session.course.lessons.map { session.progress.done(in: $0) }
        let done = totals.map(\.done).reduce(0, +), total = totals.map(\.total).reduce(0, +)
        var out = [style("🎉 코스의 마지막 단계까지 왔어요! 질문 \(total)개 중 \(done)개를 마쳤어요.", .green)]
        if let unfinished = session.firstUnfinished {
            out.append("아직 남은 것이 있어요 (질문이나 verify): goto \(unfinished.lesson)/\(unfinished.step)")
            return out
        }
        out.append("")
        out.append(style("glowcorp에서 다음에 할 일", .bold))
        for line in [
            "• 실제 콘솔에서 같은 것을 찾아보세요 (보기만): Route 53 → 호스팅 영역 → glowcorp.io, EC2 → 로드 밸런서 → glowcorp-alb와 리스너, EC2 → 대상 그룹 → glowcorp-web-tg의 대상 상태, VPC → glowcorp-vpc의 서브넷과 라우팅 테이블.",
            "• 실제 계정을 읽기 전용으로 확인해요: glow-onboard verify --aws --profile 여러분의-프로필, 그리고 map --aws.",
            "• EC2 안은 SSH로: glow-onboard verify --host ssh://ec2-user@인스턴스 (nginx 설정과 docker ps를 읽어요).",
            "• 모르는 것은 이 온보딩 문서를 건네준 분(팀의 선임)에게 물어보세요. 무엇을 봤고 verify가 무엇을 말했는지 함께 보여 주면 빨라요.",
        ] {
            out += say([StyledRun(line)], indent: "  ")
        }
        return out
    }

    /// The moment a lesson ends: what it taught, how much of the course is left, what comes next.
    func lessonDone(_ session: CourseSession, _ lesson: Lesson, next: Lesson) -> [String] {
        let progress = session.progress
        let complete = lesson.steps.allSatisfy { progress.isComplete(lesson, step: $0) }
        var out: [String] = []
        if complete {
            out += say([StyledRun("🎉 레슨 \(lesson.order) 「\(lesson.title)」 완료!", .bold + .green), StyledRun(" " + lesson.summary)])
        } else if let left = lesson.steps.first(where: { !progress.isComplete(lesson, step: $0) }) {
            out += say([StyledRun("레슨 \(lesson.order) 「\(lesson.title)」의 끝이에요.", .bold), StyledRun(" 남은 것(질문이나 verify)이 있어요: goto \(lesson.id)/\(left.id)")])
        }
        let remaining = session.course.lessons.filter { l in l.order > lesson.order && !l.steps.allSatisfy { progress.isComplete(l, step: $0) } }
        let minutes = remaining.compactMap(\.minutes).reduce(0, +)
        let time = minutes > 0 ? ", 약 \(minutes)분" : ""
        out += say([StyledRun("남은 레슨 \(remaining.count)개\(time). 다음: \(next.order). \(next.title)\(next.minutes.map { " (~\($0)분)" } ?? "")", .dim)])
        return out
    }

    // MARK: what the learner did

    func answered(_ outcome: CourseSession.Answered, _ q: Question) -> [String] {
        switch outcome {
        case .correct(let note):
            var out = say([StyledRun("✔ 정답이에요!", .bold + .green)] + (note.map { [StyledRun(" ")] + inline($0) } ?? []))
            if let explain = q.explain { out += markdown(explain, indent: "  ") }
            return out
        case .nearMiss(let message):
            // Plain: a near miss may quote what the learner typed, which is not markdown.
            return say([StyledRun("△ 거의 맞았어요.", .bold + .yellow), StyledRun(" " + message)])
        case .unclear(let message):
            // Neither right nor almost: what was typed, and what the question takes.
            return say([StyledRun("?", .bold + .yellow), StyledRun(" " + message)])
        case .wrong(let feedback, let hintsLeft):
            var out = say([StyledRun("✘ 아니에요.", .bold + .red)] + (feedback.map { [StyledRun(" ")] + inline($0) } ?? []))
            if hintsLeft > 0 {
                out.append(style("  힌트가 필요하면 hint (남은 힌트 \(hintsLeft)개), 답을 보려면 skip.", .dim))
            } else {
                out.append(style("  다시 해 보세요. 답을 보려면 skip.", .dim))
            }
            return out
        }
    }

    func skipped(_ q: Question, shownAnswer: String) -> [String] {
        var out = [style("↷ 건너뛰었어요.", .yellow) + " 답: " + style(shownAnswer.isEmpty ? "(환경에서 찾지 못함)" : shownAnswer, .bold)]
        if let explain = q.explain { out += markdown(explain, indent: "  ") }
        return out
    }

    func hint(_ shown: CourseSession.HintShown) -> [String] {
        switch shown {
        case .question(let text, let number, let total):
            return [style("💡 힌트 \(number)/\(total):", .bold + .yellow)] + markdown(text, indent: "  ")
        case .step(let hint, let number, let total):
            return [style("💡 힌트 \(number)/\(total):", .bold + .yellow)]
                + renderer.render(hint.blocks, width: terminal.width - 2).map { "  " + $0 }
        case .noneLeft(let questionOpen):
            return questionOpen ? ["더 이상 힌트가 없어요. 답과 설명을 보려면 skip."] : ["이 단계에는 더 볼 힌트가 없어요."]
        }
    }

    // MARK: lists

    func progressBar(_ done: Int, _ total: Int, width: Int = 10) -> String {
        let filled = total == 0 ? width : Int((Double(done) / Double(total) * Double(width)).rounded())
        return style(String(repeating: "█", count: filled), .green) + style(String(repeating: "░", count: width - filled), .dim)
    }

    func lessonList(_ session: CourseSession, current: String?) -> [String] {
        let course = session.course, progress = session.progress
        // Numbers right-aligned, so titles of lessons 10 and on start where those of 1–9 do.
        let numberWidth = course.lessons.map { String($0.order).count }.max() ?? 1
        func heading(_ l: Lesson) -> String { String(l.order).leftPadded(numberWidth) + ". " + l.title }
        let titleWidth = course.lessons.map { heading($0).displayWidth }.max() ?? 0
        var out: [String] = []
        for l in course.lessons {
            let (done, total) = progress.done(in: l)
            // Done is every question answered and every verify block passed on the learner's environment;
            // answered but not yet verified is said so.
            let complete = l.steps.allSatisfy { progress.isComplete(l, step: $0) }
            let mark = complete ? style("✔", .green) : done == total && total > 0 ? style("◐", .yellow) : (l.id == current ? style("▶", .cyan) : " ")
            let minutes = l.minutes.map { style(" ~\($0)분", .dim) } ?? ""
            // Where the learner's own build steps passed.
            let built = Set(l.steps.filter { $0.verify?.build == true }.compactMap { progress.lessons[l.id]?[$0.id]?.verifiedOn })
            let where_ = built.isEmpty ? "" : style(" · 만듦: " + built.sorted().joined(separator: ", "), .green)
            let unverified = !complete && done == total && total > 0 ? style(" · verify 남음", .yellow) : ""
            out.append("\(mark) \(heading(l).padded(to: titleWidth))  \(progressBar(done, total)) \(done)/\(total)  \(style(l.id, .dim))\(minutes)\(where_)\(unverified)")
        }
        if course.lessons.contains(where: { l in !l.steps.allSatisfy { progress.isComplete(l, step: $0) } && progress.done(in: l).done == progress.done(in: l).total && progress.done(in: l).total > 0 }) {
            out.append(style("◐ 질문은 다 풀었고 verify가 남은 레슨: 그 레슨에서 verify를 통과하면 ✔가 돼요.", .dim))
        }
        out.append("")
        out.append("이동: goto ID (예: goto \(course.lessons.first?.id ?? "overview"))")
        return out
    }

    func progressReport(_ session: CourseSession, current: String?) -> [String] {
        let progress = session.progress
        let totals = session.course.lessons.map { progress.done(in: $0) }
        let done = totals.map(\.done).reduce(0, +), total = totals.map(\.total).reduce(0, +)
        let percent = total == 0 ? 100 : done * 100 / total
        var out = [style("전체 진도: \(done)/\(total) 질문 (\(percent)%)", .bold) + "  " + progressBar(done, total, width: 20)]
        var correct = 0, skipped = 0, attempts = 0
        for steps in progress.lessons.values {
            for s in steps.values {
                for q in s.questions.values {
                    if q.status == .correct { correct += 1 }
                    if q.status == .skipped { skipped += 1 }
                    attempts += q.attempts
                }
            }
        }
        out.append("정답 \(correct) · 건너뜀 \(skipped) · 시도 \(attempts)회")
        out.append("")
        out += lessonList(session, current: current).dropLast(2)
        if let store = session.store { out.append(""); out.append(style("진도 파일: \(store.path)", .dim)) }
        return out
    }

    /// A whole lesson, or one step, as the learner sees it (the session is a throwaway one).
    /// `lessons show`: a lesson (or one step) as the learner meets it; with `answers`, each question
    /// followed by what a reviewer checks: its answers, the answer-query, example, mistakes, hints and
    /// explanation.
    func preview(_ session: CourseSession, _ reference: String, answers: Bool = false) throws(CourseError) -> [String] {
        let target = try session.course.resolve(reference)
        session.look(at: target)
        let steps = reference.contains("/") ? [session.step] : session.lesson.steps
        var out: [String] = []
        for (i, s) in steps.enumerated() {
            session.look(at: Course.Position(lesson: target.lesson, step: s.id))
            if i > 0 { out.append("") }
            out += showStep(session, withLessonIntro: i == 0)
            if answers, let first = s.questions.first { out += review(first) }
            for q in s.questions.dropFirst() {
                out.append("")
                out += ask(q, in: s)
                if answers { out += review(q) }
            }
            if answers, let spec = s.verify, let fixture = spec.fixture {
                out.append(style("  ▷ 사례 연구의 fixture: \(fixture)", .magenta))
            }
        }
        return out
    }

    /// What a reviewer of a lesson reads under each question.
    func review(_ q: Question) -> [String] {
        var out: [String] = []
        func line(_ label: String, _ text: String, markdown: Bool = false) {
            let body = markdown ? renderer.runs(MarkdownParser.parse(text).first?.inlines ?? [.text(text)]) : [StyledRun(text)]
            out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                [StyledRun("▷ \(label): ", .bold + .magenta)] + body, firstPrefix: "  ", restPrefix: "      ")
                .map { $0.replacingOccurrences("\u{00A0}", with: " ") }
        }
        let answers = q.answers.map { answer in q.answerNotes[answer].map { "\(answer) (\($0))" } ?? answer }
        if !answers.isEmpty { line("정답", answers.joined(separator: " | ")) }
        if let within = q.within { line("범위", within + (q.prefix.map { " 안의 /\($0)" } ?? " 안")) }
        if let query = q.answerQuery { line("환경에서 찾는 답 (answer-query)", query) }
        if let example = q.example { line("예시", example) }
        if !q.units.isEmpty { line("단위", q.units.joined(separator: ", ")) }
        for mistake in q.mistakes { line("오답 \(mistake.answer)", mistake.say, markdown: true) }
        for (i, hint) in q.hints.enumerated() { line("힌트 \(i + 1)", hint, markdown: true) }
        if let explain = q.explain {
            out.append(style("  ▷ 설명:", .bold + .magenta))
            out += markdown(explain, indent: "      ")
        }
        return out
    }

    /// Wraps any line still wider than the terminal (short messages are not pre-wrapped), by display width.
    /// Lesson diagnostics stay on one line, so terminals and editors can jump to `file:line:col`.
    func fit(_ lines: [String]) -> [String] {
        lines.flatMap { line -> [String] in
            // A code line stays whole: re-wrapped, a command could not be copied.
            if line.unicodeScalars.first == TerminalText.preformatted { return [String(line.unicodeScalars.dropFirst())] }
            guard line.displayWidth > terminal.width, !line.contains(": error: "), !line.contains(": warning: ") else { return [line] }
            let indent = String(line.prefix { $0 == " " })
            return TextWrapper(width: terminal.width, colour: false).wrap([StyledRun(String(line.dropFirst(indent.count)))], firstPrefix: indent, restPrefix: indent)
        }
    }
}
