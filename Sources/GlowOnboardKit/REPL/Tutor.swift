import Checks
import Environment
import AWSRead
import Foundation
import JMESPath
import JSON

/// The learner's session: where they are, what they answered, and what every command does. It reads
/// lines and returns lines, so tests drive it directly; `REPL` only connects it to a terminal or a pipe.
public final class Tutor {
    public private(set) var course: Course
    public private(set) var progress: LearnerProgress
    public private(set) var position: Course.Position
    public private(set) var finished = false
    let store: ProgressStore?
    let terminal: Terminal
    var renderer: MarkdownRenderer
    /// A destructive command waiting for "y".
    var pending: (description: String, action: () -> [String])?
    /// Problems found by the last load or reload, for whoever wants to show them.
    public private(set) var lessonDiagnostics: [Diagnostic] = []
    /// The fixture `verify` reads (the bundled glowcorp setup by default), and its snapshot once loaded.
    public var sourceDirectory: String?
    var snapshotCache: Snapshot?
    /// Set by `source aws …` / `source host …`: read live, once per session until `verify --refresh`.
    public var liveSource: LiveSource?

    /// Re-reads the lessons (for `reload`); nil where the session cannot reload (previews).
    let reloadCourse: (() throws(CourseError) -> LessonLinter.Result)?

    /// The bundled fixture, for `source default`.
    let defaultSource: String?

    public init(course: Course, store: ProgressStore?, terminal: Terminal, source: String? = nil,
                reload: (() throws(CourseError) -> LessonLinter.Result)? = nil) {
        self.defaultSource = source
        self.sourceDirectory = source
        self.course = course
        self.store = store
        self.terminal = terminal
        self.reloadCourse = reload
        self.renderer = MarkdownRenderer(terminal: terminal)
        self.progress = LearnerProgress()
        self.position = course.first ?? Course.Position(lesson: "", step: "")
    }

    // MARK: styling helpers

    func style(_ text: String, _ s: TextStyle) -> String { s.apply(text, colour: terminal.colour) }

    /// A message wrapped to the terminal by display width, continuation lines indented under the text.
    func say(_ runs: [StyledRun], indent: String = "  ") -> [String] {
        TextWrapper(width: terminal.width, colour: terminal.colour).wrap(runs, firstPrefix: "", restPrefix: indent)
    }
    func markdown(_ text: String, indent: String = "") -> [String] {
        let blocks = MarkdownParser.parse(text)
        return renderer.render(blocks, width: terminal.width - indent.count).map { $0.isEmpty ? "" : indent + $0 }
    }

    var lesson: Lesson { course.lesson(position.lesson)! }

    /// The renderer for the current lesson: images resolve against the lesson file's directory.
    var lessonRenderer: MarkdownRenderer {
        var r = renderer
        r.imageBase = (lesson.file as NSString).deletingLastPathComponent
        r.currentDirectory = FileManager.default.currentDirectoryPath
        return r
    }
    var step: Step { lesson.step(position.step)! }

    /// The first question of the current step not yet answered or skipped.
    var openQuestion: Question? {
        step.questions.first { progress.record(position, question: $0.id).status == .open }
    }

    public var prompt: String {
        let where_ = "\(position.lesson)/\(position.step)"
        let suffix = openQuestion != nil ? " 답" : ""
        if pending != nil { return "확인 (y/N) ❯ " }
        return "\(where_)\(suffix) ❯ "
    }

    public var completions: CompletionTable {
        let refs = course.lessons.flatMap { l in [l.id] + l.steps.map { "\(l.id)/\($0.id)" } }
        let choices = openQuestion.map { $0.kind == .choice ? $0.choices : [] } ?? []
        return CompletionTable(commands: Command.completionWords, lessonReferences: refs, choices: choices,
                               document: snapshot()?.document)
    }

    // MARK: start

    /// Loads progress and returns the greeting and the current step (or `reference`, when given).
    public func start(at reference: String? = nil) -> [String] {
        fit(greeting(at: reference))
    }

    func greeting(at reference: String?) -> [String] {
        var out: [String] = []
        if let loaded = store?.load() {
            progress = loaded.progress
            if let notice = loaded.notice { out.append(style("⚠ " + notice, .yellow)) }
        }
        guard course.first != nil else {
            return out + ["레슨이 없어요. 'glow-onboard lessons lint'로 Lessons/를 확인해 주세요."]
        }
        if let reference, let target = try? course.resolve(reference) {
            if progress.position == nil { out += welcome() }
            position = target
            return out + moveTo(target)
        }
        if let saved = progress.position, course.isValid(saved) {
            position = saved
            out.append(style("다시 오셨네요! \(lesson.order). \(lesson.title) · \(step.title)에서 이어갑니다.", .green))
            out.append("")
            out += showStep(withLessonIntro: false)
        } else {
            if let saved = progress.position {
                out.append(style("지난번 위치(\(saved.lesson)/\(saved.step))가 레슨에서 사라져서, 마치지 않은 첫 단계로 갑니다.", .yellow))
                position = firstUnfinished ?? course.first!
            } else {
                out += welcome()
            }
            out += moveTo(position)
        }
        return out
    }

    var firstUnfinished: Course.Position? {
        course.positions.first { p in
            guard let l = course.lesson(p.lesson), let s = l.step(p.step) else { return false }
            return !progress.isComplete(l, step: s)
        }
    }

    func welcome() -> [String] {
        [
            style("glow-onboard: glowcorp의 트래픽이 어떻게 앱까지 가는지 배우는 튜터", .bold),
            "Route53 → ALB → EC2 → nginx → Docker 앱 (app.glowcorp.io, api.glowcorp.io)",
            "레슨 \(course.lessons.count)개. 질문이 나오면 답을 그냥 입력하세요. 명령 목록은 help, 끝낼 때는 quit.",
            "",
        ]
    }

    // MARK: commands

    public func handle(_ rawLine: String) -> [String] {
        fit(respond(to: rawLine))
    }

    /// Wraps any line still wider than the terminal (short messages are not pre-wrapped), by display width.
    /// Lesson diagnostics stay on one line, so terminals and editors can jump to `file:line:col`.
    func fit(_ lines: [String]) -> [String] {
        lines.flatMap { line -> [String] in
            guard line.displayWidth > terminal.width, !line.contains(": error: "), !line.contains(": warning: ") else { return [line] }
            let indent = String(line.prefix { $0 == " " })
            return TextWrapper(width: terminal.width, colour: false).wrap([StyledRun(String(line.dropFirst(indent.count)))], firstPrefix: indent, restPrefix: indent)
        }
    }

    func respond(to rawLine: String) -> [String] {
        let line = rawLine.trimmingWhitespace
        if let pending {
            self.pending = nil
            if ["y", "yes", "예", "네", "ㅇ"].contains(line.lowercased()) { return pending.action() }
            return ["취소했어요: \(pending.description)"]
        }
        guard !line.isEmpty else { return [] }
        if let command = Command.parse(line) { return run(command) }
        if let question = openQuestion { return answer(line, question, unknownCommandHint: true) }
        let word = String(line.split(whereSeparator: \.isWhitespace).first ?? "")
        if let suggestion = Command.suggestion(for: word) {
            return ["알 수 없는 명령이에요: '\(word)'. '\(suggestion)'을(를) 말한 건가요? (명령 목록: help)"]
        }
        return ["알 수 없는 명령이에요: '\(word)'. 지금 열린 질문은 없어요. 명령 목록은 help."]
    }

    func run(_ command: Command) -> [String] {
        switch command.name {
        case "help": return help()
        case "lessons": return lessonList()
        case "goto":
            guard !command.argument.isEmpty else { return ["어디로 갈까요? 예: goto vpc, goto vpc/cidr, goto 3 (목록: lessons)"] }
            do { return moveTo(try course.resolve(command.argument)) } catch { return ["✘ " + error.description] }
        case "next":
            var out: [String] = []
            if let q = openQuestion {
                out.append(style("(이 단계의 질문 '\(q.id)'에 아직 답하지 않았어요. 나중에 goto \(position.lesson)/\(position.step)로 돌아올 수 있어요.)", .dim))
            }
            guard let next = course.next(after: position) else { return out + courseFinished() }
            return out + moveTo(next)
        case "back":
            guard let previous = course.previous(before: position) else { return ["첫 단계예요. 더 앞은 없어요."] }
            return moveTo(previous)
        case "show": return showStep(withLessonIntro: position.step == lesson.steps.first?.id)
        case "hint": return hint()
        case "answer":
            guard let q = openQuestion else { return ["지금 열린 질문이 없어요. 다음 단계는 next."] }
            guard !command.argument.isEmpty else { return ["answer 뒤에 답을 함께 적어 주세요. (질문이 열려 있을 때는 답만 입력해도 돼요.)"] }
            return answer(command.argument, q, unknownCommandHint: false)
        case "skip": return skip()
        case "verify":
            let words = Set(command.argument.lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
            if words.contains("--refresh") || words.contains("refresh") { snapshotCache = nil }
            return verify(all: words.contains("all"))
        case "source": return source(command.argument)
        case "query": return query(command.argument)
        case "map": return map()
        case "trace": return trace(command.argument)
        case "reset": return reset(command.argument)
        case "progress": return progressReport()
        case "reload": return reload()
        case "quit":
            finished = true
            return quitMessage()
        default: return []
        }
    }

    func help() -> [String] {
        var out = [style("명령", .bold)]
        let width = Command.specs.map { $0.usage.displayWidth }.max() ?? 0
        let column = String(repeating: " ", count: width + 4)
        let wrapper = TextWrapper(width: terminal.width, colour: terminal.colour)
        for spec in Command.specs {
            let aliases = spec.aliases.isEmpty ? [] : [StyledRun("  (" + spec.aliases.joined(separator: ", ") + ")", .dim)]
            out += wrapper.wrap([StyledRun(spec.help)] + aliases,
                                firstPrefix: "  " + style(spec.usage.padded(to: width), .cyan) + "  ", restPrefix: column)
        }
        out.append("")
        out.append("질문이 열려 있으면(프롬프트에 '답') 그냥 답을 입력하면 돼요. Tab으로 명령·레슨·보기를 완성해요.")
        return out
    }

    public func quitMessage() -> [String] {
        if let store { return ["진도는 \(store.path)에 저장돼 있어요. 다음에 glow-onboard를 실행하면 여기서 이어갑니다."] }
        return ["안녕히 가세요!"]
    }

    // MARK: moving

    func moveTo(_ p: Course.Position) -> [String] {
        let newLesson = p.lesson != position.lesson || p.step == course.lesson(p.lesson)?.steps.first?.id
        position = p
        progress.position = p
        progress[step: p].visited = true
        var out = save()
        out += showStep(withLessonIntro: newLesson)
        return out
    }

    func courseFinished() -> [String] {
        let totals = course.lessons.map { progress.done(in: $0) }
        let done = totals.map(\.done).reduce(0, +), total = totals.map(\.total).reduce(0, +)
        var out = [style("🎉 코스의 마지막 단계까지 왔어요! 질문 \(total)개 중 \(done)개를 마쳤어요.", .green)]
        if let unfinished = firstUnfinished {
            out.append("아직 남은 질문이 있어요: goto \(unfinished.lesson)/\(unfinished.step)")
        }
        return out
    }

    // MARK: showing

    func lessonHeader() -> [String] {
        var out = [style("━━ \(lesson.order). \(lesson.title) ━━", .bold + .cyan)]
        out += renderer.render([.paragraph([.emphasis([.text(lesson.summary)])], line: 0)])
        if !lesson.intro.isEmpty {
            out.append("")
            out += lessonRenderer.render(lesson.intro)
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

    func showStep(withLessonIntro: Bool) -> [String] {
        var out: [String] = withLessonIntro ? lessonHeader() : []
        let index = (lesson.stepIndex(step.id) ?? 0) + 1
        out.append(style("[\(lesson.id) · 단계 \(index)/\(lesson.steps.count)] \(step.title)", .bold + .cyan))
        out.append("")
        var prose: [Block] = []
        for part in step.parts { if case .prose(let b) = part { prose.append(b) } }
        out += lessonRenderer.render(prose)
        if let spec = step.verify {
            if !prose.isEmpty { out.append("") }
            out += TextWrapper(width: terminal.width, colour: terminal.colour).wrap(
                [StyledRun("verify가 확인할 상태: ", .bold + .magenta), StyledRun(spec.expect.trimmingWhitespace)],
                firstPrefix: "", restPrefix: "  ")
            out.append(style("  (검사: \(spec.checks.map(\.id).joined(separator: ", ")))", .dim))
            if let fixture = spec.fixture {
                out.append(style("  사례 연구: 이 단계의 verify는 고장 난 환경 \(fixture)을(를) 읽어요.", .magenta))
            }
        }
        if !prose.isEmpty || step.verify != nil { out.append("") }
        for q in step.questions {
            let record = progress.record(position, question: q.id)
            if record.status == .open { break }
            let mark = record.status == .correct ? style("✔", .green) : style("↷", .yellow)
            out.append("\(mark) \(q.prompt.split(separator: "\n").first.map(String.init) ?? q.id)")
            // A choice answered by number shows the choice; other kinds show what the learner wrote.
            let shown = record.status == .correct && q.kind != .choice ? (record.lastAnswer ?? q.displayAnswer) : q.displayAnswer
            out.append(style("   답: \(shown)", .dim))
        }
        if let q = openQuestion {
            out += ask(q)
        } else if !step.questions.isEmpty {
            out.append(stepDoneLine())
        }
        return out
    }

    func stepDoneLine() -> String {
        if step.verify != nil && step.verify?.fixture == nil && progress[step: position].verified == nil {
            return style("질문을 모두 마쳤어요. verify로 환경이 이 단계의 상태인지 확인하고, next로 넘어가요.", .green)
        }
        return course.next(after: position) == nil
            ? style("이 단계를 마쳤어요. 마지막 단계예요!", .green)
            : style("이 단계를 마쳤어요. 다음 단계는 next.", .green)
    }

    func ask(_ q: Question) -> [String] {
        let qs = step.questions
        let n = (qs.firstIndex { $0.id == q.id } ?? 0) + 1
        var out = [style("질문 \(n)/\(qs.count)", .bold + .yellow) + style(" · \(kindLabel(q.kind))", .dim)]
        out += markdown(q.prompt, indent: "  ")
        for (i, choice) in q.choices.enumerated() {
            out += TextWrapper(width: terminal.width, colour: terminal.colour)
                .wrap(MarkdownRenderer(terminal: terminal).runs(MarkdownParser.parse(choice).first?.inlines ?? [.text(choice)]),
                      firstPrefix: "  \(i + 1)) ", restPrefix: "     ")
                .map { $0.replacingOccurrences("\u{00A0}", with: " ") }
        }
        return out
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

    // MARK: answering

    /// A question whose answer comes from the environment gets its accepted answers from the query's
    /// result on the active source; nil when that result is missing.
    func resolved(_ q: Question) -> Question? {
        guard let query = q.answerQuery else { return q }
        guard let snapshot = snapshot(), let result = try? JMESPathExpression(query).evaluate(snapshot.document) else { return nil }
        let values = (result.array ?? [result]).compactMap { v -> String? in
            switch v {
            case .string(let s): return s
            case .number, .bool: return JSONWriter.string(v, indent: nil)
            default: return nil
            }
        }
        guard !values.isEmpty else { return nil }
        var copy = q
        copy.answers = values + q.answers
        return copy
    }

    func answer(_ text: String, _ q: Question, unknownCommandHint: Bool) -> [String] {
        guard let q = resolved(q) else {
            return ["이 질문의 답은 환경에서 찾아요. 그런데 지금 source(\(liveSource?.description ?? sourceDirectory ?? "없음"))에서 답을 찾지 못했어요. source를 확인해 주세요."]
        }
        let verdict = AnswerMatcher.check(text, against: q)
        var record = progress.record(position, question: q.id)
        record.attempts += 1
        record.lastAnswer = text.trimmingWhitespace
        record.updated = Self.timestamp()
        var out: [String] = []
        switch verdict {
        case .correct(let note):
            record.status = .correct
            out += say([StyledRun("✔ 정답이에요!", .bold + .green)] + (note.map { [StyledRun(" " + $0)] } ?? []))
            if let explain = q.explain { out += markdown(explain, indent: "  ") }
        case .nearMiss(let message):
            out += say([StyledRun("△ 거의 맞았어요.", .bold + .yellow), StyledRun(" " + message)])
        case .wrong(let feedback):
            out += say([StyledRun("✘ 아니에요.", .bold + .red)] + (feedback.map { [StyledRun(" " + $0)] } ?? []))
            let word = String(text.split(whereSeparator: \.isWhitespace).first ?? "")
            if unknownCommandHint, let suggestion = Command.suggestion(for: word), word.count > 1 {
                out.append(style("  (명령 '\(suggestion)'을(를) 입력하려던 거라면 그대로 다시 입력해 주세요. 질문에 대한 답으로 처리했어요.)", .dim))
            }
            let remaining = q.hints.count - record.hintsShown
            if remaining > 0 && record.attempts >= 1 {
                out.append(style("  힌트가 필요하면 hint (남은 힌트 \(remaining)개), 답을 보려면 skip.", .dim))
            } else {
                out.append(style("  다시 해 보세요. 답을 보려면 skip.", .dim))
            }
        }
        progress[step: position].questions[q.id] = record
        out += save()
        if verdict.isCorrect { out += afterQuestion() }
        return out
    }

    func afterQuestion() -> [String] {
        if let next = openQuestion { return [""] + ask(next) }
        return ["", stepDoneLine()]
    }

    func skip() -> [String] {
        guard let q = openQuestion else { return ["건너뛸 질문이 없어요. 다음 단계는 next."] }
        var record = progress.record(position, question: q.id)
        record.status = .skipped
        record.updated = Self.timestamp()
        progress[step: position].questions[q.id] = record
        let shown = resolved(q)?.displayAnswer ?? q.displayAnswer
        var out = [style("↷ 건너뛰었어요.", .yellow) + " 답: " + style(shown.isEmpty ? "(환경에서 찾지 못함)" : shown, .bold)]
        if let explain = q.explain { out += markdown(explain, indent: "  ") }
        out += save()
        return out + afterQuestion()
    }

    func hint() -> [String] {
        if let q = openQuestion {
            var record = progress.record(position, question: q.id)
            if record.hintsShown < q.hints.count {
                record.hintsShown += 1
                progress[step: position].questions[q.id] = record
                let label = style("💡 힌트 \(record.hintsShown)/\(q.hints.count + step.hints.count):", .bold + .yellow)
                return [label] + markdown(q.hints[record.hintsShown - 1], indent: "  ") + save()
            }
        }
        var stepRecord = progress[step: position]
        let shown = stepRecord.stepHintsShown ?? 0
        guard shown < step.hints.count else {
            return openQuestion == nil ? ["이 단계에는 더 볼 힌트가 없어요."] : ["더 이상 힌트가 없어요. 답과 설명을 보려면 skip."]
        }
        stepRecord.stepHintsShown = shown + 1
        progress[step: position] = stepRecord
        let total = (openQuestion?.hints.count ?? 0) + step.hints.count
        let number = (openQuestion?.hints.count ?? 0) + shown + 1
        return [style("💡 힌트 \(number)/\(total):", .bold + .yellow)]
            + renderer.render(step.hints[shown].blocks, width: terminal.width - 2).map { "  " + $0 } + save()
    }

    // MARK: verify

    func snapshot() -> Snapshot? {
        if let snapshotCache { return snapshotCache }
        if let liveSource {
            let capture = liveSource.capture()
            if let fatal = capture.fatal {
                var failed = Snapshot(source: liveSource.description)
                failed.issues.append(.init(kind: .error, message: fatal))
                return failed  // not cached: the learner fixes the setting and tries again
            }
            snapshotCache = capture.snapshot()
            return snapshotCache
        }
        guard let dir = sourceDirectory else { return nil }
        snapshotCache = FixtureSource.load(directory: dir)
        return snapshotCache
    }

    /// A case study's fixture, resolved against the lesson file.
    func caseStudyDirectory(_ spec: VerifySpec) -> String? {
        spec.fixture.map(lesson.resolve)
    }

    func verify(all: Bool) -> [String] {
        let specs: [VerifySpec] = all ? course.lessons.flatMap { $0.verifications.map(\.spec) }.filter { $0.fixture == nil } : (step.verify.map { [$0] } ?? [])
        guard !specs.isEmpty else { return ["이 단계에는 verify가 확인할 상태가 없어요. 모든 레슨을 확인하려면 verify all."] }
        if !all, let dir = step.verify.flatMap(caseStudyDirectory) {
            let snapshot = FixtureSource.load(directory: dir)
            let findings = Verifier.run(step.verify!.requests, on: snapshot)
            let renderer = FindingRenderer(terminal: terminal)
            return [style("verify: 사례 연구 환경 \(dir)", .dim)] + renderer.render(findings) + [renderer.summary(findings),
                    style("이 환경의 어디가 고장 났는지 찾았나요? 맨 위의 ✘가 근본 원인이에요. 질문에 답해 보세요.", .magenta)]
        }
        guard let snapshot = snapshot() else { return ["verify가 읽을 환경이 없어요: source fixture DIR로 정해 주세요."] }
        var requests: [Verifier.Request] = []
        for r in specs.flatMap(\.requests) where !requests.contains(r) { requests.append(r) }
        let findings = Verifier.run(requests, on: snapshot)
        let renderer = FindingRenderer(terminal: terminal)
        var out = [style("verify: \(snapshot.source)", .dim)]
        for issue in snapshot.issues where issue.kind == .error { out.append(style("⚠ " + issue.message, .yellow)) }
        out += renderer.render(findings)
        out.append(renderer.summary(findings))
        let failed = findings.contains { $0.status == .fail }
        if !all {
            var record = progress[step: position]
            if failed {
                record.verified = nil
                out.append(style("✘ 이 단계가 기대하는 상태가 아니에요. 위의 첫 번째 ✘부터 고쳐 보세요.", .red))
            } else {
                record.verified = Self.timestamp()
                out.append(style("✔ 이 단계가 기대하는 상태예요.", .green))
            }
            progress[step: position] = record
            out += save()
        }
        return out
    }

    /// The flow map of the active source, or of this step's case study.
    func map() -> [String] {
        let snapshot: Snapshot
        if let dir = step.verify.flatMap(caseStudyDirectory) {
            snapshot = FixtureSource.load(directory: dir)
        } else if let s = self.snapshot() {
            snapshot = s
        } else {
            return ["그릴 환경이 없어요: source fixture DIR로 정해 주세요."]
        }
        let renderer = FlowMapRenderer(terminal: terminal)
        var out = [style("map: \(snapshot.source)", .dim)]
        for (i, m) in FlowMap.build(snapshot: snapshot).enumerated() {
            if i > 0 { out.append("") }
            out += renderer.render(m)
        }
        return out
    }

    func query(_ expression: String) -> [String] {
        guard !expression.isEmpty else { return ["질의를 적어 주세요. 예: query Vpcs[?IsDefault == `false`].CidrBlock"] }
        guard let snapshot = snapshot() else { return ["질의할 환경이 없어요: source fixture DIR로 정해 주세요."] }
        do {
            let result = try JMESPathExpression(expression).evaluate(snapshot.document)
            return QueryOutput.render(result, format: .json, terminal: terminal)
        } catch {
            return ["✘ \(error)"]
        }
    }

    func source(_ argument: String) -> [String] {
        let words = argument.split(whereSeparator: \.isWhitespace).map(String.init)
        switch words.first?.lowercased() {
        case nil:
            return ["지금 verify가 읽는 환경: " + (liveSource?.description ?? sourceDirectory.map { "fixture \($0)" } ?? "없음"),
                    "바꾸기: source fixture DIR, source aws [--profile P] [--region R] [--endpoint-url URL], source host local|ssh://user@host, 번들 기본값으로: source default"]
        case "aws":
            var options = AWSSettings.Options()
            var rest = words.dropFirst()
            while let flag = rest.first {
                rest = rest.dropFirst()
                guard let value = rest.first, ["--profile", "--region", "--endpoint-url"].contains(flag) else {
                    return ["source aws 다음에는 --profile P, --region R, --endpoint-url URL만 올 수 있어요: \(flag)"]
                }
                rest = rest.dropFirst()
                switch flag {
                case "--profile": options.profile = value
                case "--region": options.region = value
                default: options.endpointURL = value
                }
            }
            liveSource = LiveSource(aws: options, host: liveSource?.host, nginxConf: liveSource?.nginxConf)
            snapshotCache = nil
            return ["이제 verify는 \(liveSource!.description)을(를) 읽어요. (읽기 전용: Describe/List 호출만 보내요. 다시 읽으려면 verify --refresh)"]
        case "host":
            guard words.count >= 2, let host = HostTarget(words[1]) else {
                return ["source host 다음에 local 또는 ssh://user@host를 적어 주세요. 예: source host local"]
            }
            let conf = words.count == 4 && words[2] == "--nginx-conf" ? words[3] : nil
            liveSource = LiveSource(aws: liveSource?.aws, host: host, nginxConf: conf)
            snapshotCache = nil
            return ["이제 verify는 \(liveSource!.description)을(를) 읽어요. (nginx -T, docker ps만 실행해요. 다시 읽으려면 verify --refresh)"]
        case "fixture":
            guard words.count == 2 else { return ["source fixture 다음에 디렉터리를 적어 주세요. 예: source fixture Fixtures/broken/igw-detached"] }
            guard FileManager.default.fileExists(atPath: words[1]) else { return ["✘ 디렉터리가 없어요: \(words[1])"] }
            sourceDirectory = words[1]
            liveSource = nil
            snapshotCache = nil
            return ["이제 verify는 fixture \(words[1])을(를) 읽어요."]
        case "default":
            sourceDirectory = defaultSource
            liveSource = nil
            snapshotCache = nil
            return ["이제 verify는 번들 fixture \(defaultSource ?? "(없음)")을(를) 읽어요."]
        default:
            return ["source 다음에는 fixture DIR, aws, host 또는 default를 적어요."]
        }
    }

    // MARK: progress

    func progressBar(_ done: Int, _ total: Int, width: Int = 10) -> String {
        let filled = total == 0 ? width : Int((Double(done) / Double(total) * Double(width)).rounded())
        return style(String(repeating: "█", count: filled), .green) + style(String(repeating: "░", count: width - filled), .dim)
    }

    func lessonList() -> [String] {
        let titleWidth = course.lessons.map { "\($0.order). \($0.title)".displayWidth }.max() ?? 0
        var out: [String] = []
        for l in course.lessons {
            let (done, total) = progress.done(in: l)
            let mark = done == total ? style("✔", .green) : (l.id == position.lesson ? style("▶", .cyan) : " ")
            let minutes = l.minutes.map { style(" ~\($0)분", .dim) } ?? ""
            out.append("\(mark) \("\(l.order). \(l.title)".padded(to: titleWidth))  \(progressBar(done, total)) \(done)/\(total)  \(style(l.id, .dim))\(minutes)")
        }
        out.append("")
        out.append("이동: goto ID (예: goto \(course.lessons.first?.id ?? "overview"))")
        return out
    }

    /// The progress report, for `progress show` (loads the store first).
    public func report() -> [String] {
        var out: [String] = []
        if let loaded = store?.load() {
            progress = loaded.progress
            if let notice = loaded.notice { out.append(notice) }
        }
        return out + progressReport()
    }

    /// A whole lesson, or one step, as the learner sees it, without touching progress.
    public func preview(_ reference: String) throws(CourseError) -> [String] {
        let target = try course.resolve(reference)
        position = target
        guard !reference.contains("/") else { return showStep(withLessonIntro: true) }
        var out: [String] = []
        for (i, s) in lesson.steps.enumerated() {
            position = Course.Position(lesson: target.lesson, step: s.id)
            if i > 0 { out.append("") }
            out += showStep(withLessonIntro: i == 0)
            for q in s.questions.dropFirst() { out.append(""); out += ask(q) }
        }
        return out
    }

    func progressReport() -> [String] {
        let totals = course.lessons.map { progress.done(in: $0) }
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
        out += lessonList().dropLast(2)
        if let store { out.append(""); out.append(style("진도 파일: \(store.path)", .dim)) }
        return out
    }

    func reset(_ scope: String) -> [String] {
        let which = scope.isEmpty ? "step" : scope.lowercased()
        let here = position
        switch which {
        case "step":
            pending = ("단계 \(here.lesson)/\(here.step)의 진도 지우기", { [unowned self] in
                progress.lessons[here.lesson]?[here.step] = LearnerProgress.StepRecord(visited: true)
                return ["단계 \(here.lesson)/\(here.step)의 진도를 지웠어요."] + save() + [""] + showStep(withLessonIntro: false)
            })
        case "lesson":
            pending = ("레슨 \(here.lesson)의 진도 지우기", { [unowned self] in
                progress.lessons[here.lesson] = nil
                return ["레슨 \(here.lesson)의 진도를 지웠어요."] + moveTo(Course.Position(lesson: here.lesson, step: lesson.steps[0].id))
            })
        case "all":
            pending = ("모든 진도 지우기", { [unowned self] in
                progress = LearnerProgress()
                return ["모든 진도를 지웠어요."] + moveTo(course.first!)
            })
        default:
            return ["reset 다음에는 step, lesson, all 중 하나를 적어요. 예: reset step"]
        }
        return ["정말 \(pending!.description)를 할까요? 되돌릴 수 없어요. (y/N)"]
    }

    func reload() -> [String] {
        guard let reloadCourse else { return ["이 세션에서는 레슨을 다시 읽을 수 없어요."] }
        let result: LessonLinter.Result
        do { result = try reloadCourse() } catch { return ["✘ " + error.description] }
        lessonDiagnostics = result.diagnostics
        var out: [String] = []
        let errors = result.diagnostics.filter { $0.severity == .error }
        for d in result.diagnostics.prefix(20) { out.append(style(d.description, d.severity == .error ? .red : .yellow)) }
        if result.diagnostics.count > 20 { out.append("… 그리고 \(result.diagnostics.count - 20)개 더") }
        guard !result.lessons.isEmpty else { return out + ["쓸 수 있는 레슨이 없어서 이전 레슨을 그대로 써요."] }
        course = Course(lessons: result.lessons, directory: course.directory)
        out.append("레슨 \(result.lessons.count)개를 다시 읽었어요" + (errors.isEmpty ? "." : " (오류 \(errors.count)개: 해당 레슨은 빠졌어요)."))
        if !course.isValid(position) {
            let fallback = course.lesson(position.lesson)?.steps.first.map { Course.Position(lesson: position.lesson, step: $0.id) }
            out.append("지금 단계가 사라져서 옮겨요.")
            return out + moveTo(fallback ?? course.first!)
        }
        return out + [""] + showStep(withLessonIntro: false)
    }

    /// Saves progress; a failure is reported but the session goes on (the answers stay in memory).
    func save() -> [String] {
        guard let store else { return [] }
        do { try store.save(progress) } catch { return [style("⚠ " + error.description, .yellow)] }
        return []
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
