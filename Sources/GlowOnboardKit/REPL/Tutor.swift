import ArgumentParser
import Checks
import Environment
import Foundation
import JMESPath
import JSON

/// The REPL's shell: reads a line, finds its command in the table (`ReplCommand.all`) or takes it as the
/// answer to the open question, and returns lines. The course session keeps progress, the source
/// selection keeps what was read, the view says it; tests drive this directly, `REPL` connects it to a
/// terminal or a pipe.
public final class Tutor {
    public let session: CourseSession
    public let sources: SourceSelection
    private(set) var view: TutorView
    public let environment: [String: String]
    public private(set) var finished = false
    /// A destructive command waiting for "y".
    var pending: Confirmation?
    /// Problems found by the last load or reload, for whoever wants to show them.
    public private(set) var lessonDiagnostics: [Diagnostic] = []
    /// Re-reads the lessons (for `reload`); nil where the session cannot reload.
    let reloadCourse: (() throws(CourseError) -> LessonLinter.Result)?
    /// The note shown on a terminal while a live source is read.
    let progressLine: ProgressLine
    /// Set when the reply is a command's output, which its renderer already laid out (JSON, tables, maps
    /// are never re-wrapped).
    var laidOut = false
    /// A terminal's first screen showed the welcome only: the first step comes with the next line.
    var awaitingFirstStep = false
    let interactive: Bool
    /// True while a confirmed command runs again (`confirm` answers it).
    var confirming = false

    public init(course: Course, store: ProgressStore?, terminal: Terminal, source: String? = nil,
                environment: [String: String] = ProcessEnvironment.variables, interactive: Bool = false,
                reload: (() throws(CourseError) -> LessonLinter.Result)? = nil) {
        session = CourseSession(course: course, store: store, environment: environment)
        sources = SourceSelection(bundled: source)
        view = TutorView(terminal: terminal)
        self.environment = environment
        self.reloadCourse = reload
        progressLine = ProgressLine(enabled: interactive && Terminal.isTTY(2))
        self.interactive = interactive
    }

    public var terminal: Terminal { view.terminal }

    /// The terminal was resized (SIGWINCH): what follows wraps at the new width.
    public func resize(width: Int) {
        guard width != view.terminal.width else { return }
        var t = view.terminal
        t.width = width
        view = TutorView(terminal: t)
    }
    public var course: Course { session.course }
    public var progress: LearnerProgress { session.progress }
    public var position: Course.Position { session.position }

    public var prompt: String {
        if pending != nil { return "확인 (y/N) ❯ " }
        return "\(position.lesson)/\(position.step)\(session.openQuestion != nil ? " 답" : "") ❯ "
    }

    /// What Tab can complete now, from what is already known: nothing is read for it.
    public var completions: CompletionTable {
        let refs = course.lessons.flatMap { l in [l.id] + l.steps.map { "\(l.id)/\($0.id)" } }
        let choices = session.openQuestion.map { $0.kind == .choice ? $0.choices : [] } ?? []
        return CompletionTable(context: CompletionContext(lessonReferences: refs, choices: choices, document: sources.cached?.document))
    }

    // MARK: start and stop

    /// Loads progress and returns the greeting and the current step (or `reference`, when given).
    public func start(at reference: String? = nil) -> [String] {
        view.fit(greeting(at: reference))
    }

    func greeting(at reference: String?) -> [String] {
        var out: [String] = []
        if let notice = session.load() { out.append(view.style("⚠ " + notice, .yellow)) }
        guard course.first != nil else {
            return out + ["레슨이 없어요. 'glow-onboard lessons lint'로 Lessons/를 확인해 주세요."]
        }
        if let reference, let target = try? course.resolve(reference) {
            if progress.position == nil { out += view.welcome(lessons: course.lessons.count) }
            return out + moveTo(target)
        }
        if let saved = progress.position, course.isValid(saved) {
            session.look(at: saved)
            out.append(view.style("다시 오셨네요! \(session.lesson.order). \(session.lesson.title) · \(session.step.title)에서 이어갑니다.", .green))
            out.append("")
            out += view.showStep(session, withLessonIntro: false)
        } else {
            if let saved = progress.position {
                out.append(view.style("지난번 위치(\(saved.lesson)/\(saved.step))가 레슨에서 사라져서, 마치지 않은 첫 단계로 갑니다.", .yellow))
                session.look(at: session.firstUnfinished ?? course.first!)
            } else {
                out += view.welcome(lessons: course.lessons.count)
                if interactive {
                    // The very first screen of a terminal fits 24 rows: the welcome and the lesson's
                    // introduction, then the step (with its picture) on Enter, not all at once.
                    _ = session.move(to: position)
                    awaitingFirstStep = true
                    return out + save() + view.lessonHeader(session.lesson)
                        + [view.style("준비되면 Enter를 눌러 첫 단계 「\(session.step.title)」부터 봐요. 명령 목록은 help.", .green)]
                }
            }
            out += moveTo(position)
        }
        return out
    }

    public func quitMessage() -> [String] {
        if let store = session.store { return ["진도는 \(store.path)에 저장돼 있어요. 다음에 glow-onboard를 실행하면 여기서 이어갑니다."] }
        return ["안녕히 가세요!"]
    }

    // MARK: one line

    public func handle(_ rawLine: String) -> [String] {
        laidOut = false
        let lines = respond(to: rawLine)
        var out = laidOut ? lines : view.fit(lines)
        // After long output (a map, verify -v) the open question has scrolled away: say it again, short.
        if out.count > Self.longOutput, let q = session.openQuestion {
            let header = view.questionHeader(q, in: session.step)
            if !out.suffix(12).contains(where: { $0.contains(header) }) { out += [""] + view.reminder(q, in: session.step) }
        }
        return out
    }

    /// The open question, short (after the pager): nothing when none is open.
    public func openQuestionReminder() -> [String] {
        guard let q = session.openQuestion else { return [] }
        return view.reminder(q, in: session.step)
    }

    /// Output longer than this many lines scrolls the open question off a 24-row screen.
    static let longOutput = 18

    func respond(to rawLine: String) -> [String] {
        let line = rawLine.trimmingWhitespace
        if let pending {
            self.pending = nil
            if ["y", "yes", "예", "네", "ㅇ"].contains(line.lowercased()) { return confirm(pending) }
            return ["취소했어요: \(pending.description)"]
        }
        if awaitingFirstStep {
            awaitingFirstStep = false
            // Enter, `next` or `show` after the first screen: the first step. Any other command runs as typed.
            if line.isEmpty || ["next", "n", "다음", "show", "s", "보기"].contains(line.lowercased()) { return view.showStep(session, withLessonIntro: false) }
        }
        guard !line.isEmpty else { return [] }
        let word = String(line.prefix { !$0.isWhitespace })
        let rest = String(line.dropFirst(word.count)).trimmingWhitespace
        if let command = ReplCommand.named(word) { return invoke(command, rest) }
        if session.openQuestion != nil, Self.isAQuestion(line) {
            // The learner asks rather than answers: not an attempt, and not a mistyped command.
            return ["질문처럼 보여서 답으로 받지 않았어요. 이 튜터는 질문에 답하지 못해요: 힌트는 hint, 답과 설명은 skip이에요. 답으로 보내려면 answer 뒤에 적어 주세요."]
        }
        if let question = session.openQuestion { return answer(line, question, unknownCommandHint: true) }
        if let other = course.glossary.counterparts(of: line).first {
            return ["용어: \(line) = \(other). 지금 열린 질문은 없어요 (용어 목록: 용어)."]
        }
        if !Self.couldBeCommand(line) {
            return ["지금 열린 질문이 없어요. 명령 목록은 help, 질문을 다시 보려면 show, 다음 단계는 next."]
        }
        if let suggestion = ReplCommand.suggestion(for: word) {
            return ["알 수 없는 명령이에요: '\(word)'. " + "'\(suggestion)'".with(.을를) + " 말한 건가요? (명령 목록: help)"]
        }
        if !word.contains(where: \.isLetter) {
            // A number or an address with no question open: an answer that has nowhere to go.
            return ["지금 열린 질문이 없어서 '\(line)'에 답할 곳이 없어요. 질문을 다시 보려면 show, 다음 단계는 next."]
        }
        return ["알 수 없는 명령이에요: '\(word)'. 지금 열린 질문은 없어요. 명령 목록은 help."]
    }

    /// Reads the arguments as the command's grammar says and runs it; the one place the REPL catches
    /// what goes wrong.
    func invoke(_ command: ReplCommand, _ text: String) -> [String] {
        var invocation = ReplCommand.Invocation(text: text, words: [], parsed: nil)
        switch command.grammar {
        case .none, .text:
            break
        case .words, .arguments:
            do { invocation.words = try ShellWords.split(text) } catch {
                return ["✘ \(command.name): " + (error == .trailingBackslash ? "줄 끝의 \\ 뒤에 글자가 없어요." : "따옴표가 닫히지 않았어요.")]
            }
        }
        if case .arguments(let type) = command.grammar {
            if command.name == "query" { invocation.words = Self.queryWords(text) }
            do {
                let parsed = try type.parseAsRoot(invocation.words)
                if let options = (parsed as? any TakesCourseOptions)?.courseOptions, !options.isEmpty {
                    return ["✘ REPL에서는 --lessons와 --progress를 쓰지 않아요: 이 세션의 레슨과 진도를 써요."]
                }
                invocation.parsed = parsed
            } catch {
                return ArgumentMessages.korean(error, for: type, command: command)
            }
        }
        return command.run(self, invocation)
    }

    /// `query EXPR [OPTIONS]`: the expression as typed (JMESPath's quotes and spaces kept), then options
    /// as shell words. A JMESPath expression never holds a space followed by `-` and a letter.
    static func queryWords(_ text: String) -> [String] {
        let chars = Array(text)
        var i = 0
        while i + 2 < chars.count {
            if chars[i].isWhitespace && chars[i + 1] == "-" && (chars[i + 2] == "-" || chars[i + 2].isLetter) { break }
            i += 1
        }
        guard i + 2 < chars.count else { return text.isEmpty ? [] : [text] }
        let expression = String(chars[..<i]).trimmingWhitespace
        let options = (try? ShellWords.split(String(chars[i...]))) ?? []
        return (expression.isEmpty ? [] : [expression]) + options
    }

    /// A command's output in the session: notes in place, problems marked.
    func show(_ output: CommandOutput) -> [String] {
        laidOut = true
        return output.lines.flatMap { line -> [String] in
            switch line {
            case .text(let t): return [t]
            case .note(let issue): return view.say([StyledRun(issue.kind == .error ? "⚠ " + issue.message : issue.message, issue.kind == .error ? .yellow : .dim)])
            case .aside(let t): return view.fit([view.style(t, .dim)])
            }
        }
    }

    func perform(_ command: some KitCommand) -> [String] {
        do { return show(try command.perform(self)) } catch {
            progressLine.finish()
            return [view.style("✘ " + userFacing(error).shown, .red)]
        }
    }

    // MARK: moving

    func moveTo(_ p: Course.Position) -> [String] {
        let newLesson = session.move(to: p)
        return save() + view.showStep(session, withLessonIntro: newLesson)
    }

    func goto(_ reference: String) -> [String] {
        guard !reference.isEmpty else { return ["어디로 갈까요? 예: goto vpc, goto vpc/cidr, goto 3 (목록: lessons)"] }
        do { return moveTo(try course.resolve(reference)) } catch { return ["✘ " + error.description] }
    }

    func next() -> [String] {
        var out: [String] = []
        if let q = session.openQuestion {
            out.append(view.style("(이 단계의 질문 '\(q.id)'에 아직 답하지 않았어요. 나중에 goto \(position.lesson)/\(position.step, .으로로) 돌아올 수 있어요.)", .dim))
        }
        guard let next = course.next(after: position) else { return out + view.courseFinished(session) }
        // Leaving a lesson: what it taught, what is left of the course, what comes next.
        if next.lesson != position.lesson, let finished = course.lesson(position.lesson), let coming = course.lesson(next.lesson) {
            out += view.lessonDone(session, finished, next: coming) + [""]
        }
        return out + moveTo(next)
    }

    func back() -> [String] {
        guard let previous = course.previous(before: position) else { return ["첫 단계예요. 더 앞은 없어요."] }
        return moveTo(previous)
    }

    func showHere() -> [String] {
        view.showStep(session, withLessonIntro: position.step == session.lesson.steps.first?.id)
    }

    // MARK: answering

    /// A question whose answer comes from the environment gets its accepted answers from the query's
    /// result on the environment this step reads.
    func resolved(_ q: Question) throws -> Question? {
        guard let query = q.answerQuery else { return q }
        let snapshot = try self.snapshot(.none, caseStudy: caseStudyHere)
        guard case .success(let values) = LessonTester.answerQueryValues(query, on: snapshot.document), !values.isEmpty else { return nil }
        return q.answeredBy(values)
    }

    func answer(_ text: String, _ question: Question, unknownCommandHint: Bool) -> [String] {
        let q: Question
        do {
            guard let found = try resolved(question) else {
                return ["이 질문의 답은 환경에서 찾아요. 그런데 지금 source(\(sources.choice?.description ?? "없음"))에서 답을 찾지 못했어요. source를 확인해 주세요."]
            }
            q = found
        } catch {
            return ["✘ " + userFacing(error).shown, "이 질문의 답은 환경에서 찾아요. source를 확인해 주세요."]
        }
        let outcome = session.answer(text, to: q)
        var out = view.answered(outcome, q)
        let missed: Bool = { if case .correct = outcome { return false } else { return true } }()
        if missed, Self.couldBeCommand(text) {
            let word = String(text.split(whereSeparator: \.isWhitespace).first ?? "")
            if unknownCommandHint, let suggestion = ReplCommand.suggestion(for: word), word.count > 1 {
                out.insert(view.style("  (명령 " + "'\(suggestion)'".with(.을를) + " 입력하려던 거라면 그대로 다시 입력해 주세요. 질문에 대한 답으로 처리했어요.)", .dim), at: out.count - 1)
            }
        }
        out += save()
        if case .correct = outcome { out += afterQuestion() }
        return out
    }

    /// `그림`: the step's pictures in the terminal where it can show them (kitty, iTerm2), else how to
    /// open each in a window.
    func picture() -> [String] {
        let pictures = session.lesson.images(in: session.step)
        guard !pictures.isEmpty else { return ["이 단계에는 그림이 없어요."] }
        let graphics = interactive && Terminal.isTTY(1) ? TerminalGraphics.detect(environment: environment) : nil
        var out: [String] = []
        for picture in pictures {
            let path = session.lesson.resolve(picture.path)
            let shown = (path as NSString).standardizingPath
            guard FileManager.default.fileExists(atPath: path) else {
                out.append("그림 \(picture.caption) — 파일이 없어요 (\(shown)).")
                continue
            }
            if let graphics, let bytes = graphics.escape(forImageAt: path) {
                // Straight to the terminal: the image's own bytes, not text (which passes through printable).
                FileHandle.standardOutput.write(Data(bytes))
                out.append("그림: \(picture.caption) (\(shown))")
            } else {
                out.append("그림: \(picture.caption) — 이 터미널에서는 보여 줄 수 없어요 (kitty, iTerm2, WezTerm, sixel 터미널에서는 돼요: GLOW_IMAGES=sixel). 창으로 열기: \(TerminalGraphics.openCommand) \(shown)")
            }
        }
        return out
    }

    /// `용어 [WORD]`: the glossary, or the entries with WORD in a term.
    func glossary(_ word: String) -> [String] {
        let glossary = course.glossary
        guard !glossary.entries.isEmpty else { return ["이 코스에는 용어집(Lessons/\(Glossary.fileName))이 없어요."] }
        let entries = glossary.search(word)
        guard !entries.isEmpty else { return ["\("'\(word)'".with(.이가)) 들어간 용어가 없어요. 전체 목록: 용어"] }
        let left = entries.map { $0.korean.joined(separator: " / ") }
        let width = left.map(\.displayWidth).max() ?? 0
        var out = [view.style("콘솔(한국어)".padded(to: width) + "  API·CLI(영어)", .bold)]
        for (entry, k) in zip(entries, left) { out.append(k.padded(to: width) + "  " + entry.english.joined(separator: " / ")) }
        return out
    }

    /// A sentence that asks (`Host 헤더를 보는 건 nginx 아닌가요?`): three words or more ending in a question mark.
    static func isAQuestion(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        return (trimmed.hasSuffix("?") || trimmed.hasSuffix("？")) && trimmed.split(whereSeparator: \.isWhitespace).count >= 3
    }

    /// A line that may be a mistyped command: a word or two, not a sentence (no question mark, no
    /// Korean word ending a sentence). `Host 헤더를 보는 건 nginx 아닌가요?` is neither a command nor close to one.
    static func couldBeCommand(_ text: String) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard (1...2).contains(words.count), !text.contains("?"), !text.contains("？") else { return false }
        return !text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    func afterQuestion() -> [String] {
        if let next = session.openQuestion { return [""] + view.ask(next, in: session.step) }
        return ["", view.stepDoneLine(session)]
    }

    func answerCommand(_ text: String) -> [String] {
        guard let q = session.openQuestion else { return ["지금 열린 질문이 없어요. 다음 단계는 next."] }
        guard !text.isEmpty else { return ["answer 뒤에 답을 함께 적어 주세요. (질문이 열려 있을 때는 답만 입력해도 돼요.)"] }
        return answer(text, q, unknownCommandHint: false)
    }

    func skip() -> [String] {
        guard let q = session.openQuestion else { return ["건너뛸 질문이 없어요. 다음 단계는 next."] }
        session.skip(q)
        let shown = ((try? resolved(q)) ?? nil)?.displayAnswer ?? q.displayAnswer
        return view.skipped(q, shownAnswer: shown) + save() + afterQuestion()
    }

    func hint() -> [String] {
        view.hint(session.nextHint()) + save()
    }

    // MARK: progress and lessons

    enum Confirmation: Equatable {
        case reset(CourseSession.ResetScope, at: Course.Position)
        case sandboxReset

        var description: String {
            switch self {
            case .sandboxReset: return "sandbox 비우기"
            case .reset(.step, let p): return "단계 \(p.lesson)/\(p.step)의 진도 지우기"
            case .reset(.lesson, let p): return "레슨 \(p.lesson)의 진도 지우기"
            case .reset(.all, _): return "모든 진도 지우기"
            }
        }
    }

    func reset(_ scope: String) -> [String] {
        guard let which = CourseSession.ResetScope(rawValue: scope.isEmpty ? "step" : scope.lowercased()) else {
            return ["reset 다음에는 step, lesson, all 중 하나를 적어요. 예: reset step"]
        }
        let confirmation = Confirmation.reset(which, at: position)
        pending = confirmation
        return ["정말 \(confirmation.description, .을를) 할까요? 되돌릴 수 없어요. (y/N)"]
    }

    func confirm(_ confirmation: Confirmation) -> [String] {
        switch confirmation {
        case .sandboxReset:
            confirming = true
            defer { confirming = false }
            return runGroup(SandboxCommand.self, ["reset"])
        case .reset(let scope, let here):
            let done = "\(confirmation.description.replacingOccurrences(" 지우기", with: ""), .을를) 지웠어요."
            guard let next = session.reset(scope, at: here) else {
                return [done] + save() + [""] + view.showStep(session, withLessonIntro: false)
            }
            return [done] + moveTo(next)
        }
    }

    func reload() -> [String] {
        guard let reloadCourse else { return ["이 세션에서는 레슨을 다시 읽을 수 없어요."] }
        let result: LessonLinter.Result
        do { result = try reloadCourse() } catch { return ["✘ " + error.description] }
        lessonDiagnostics = result.diagnostics
        var out: [String] = []
        let errors = result.diagnostics.filter { $0.severity == .error }
        for d in result.diagnostics.prefix(20) { out.append(view.style(d.description, d.severity == .error ? .red : .yellow)) }
        if result.diagnostics.count > 20 { out.append("… 그리고 \(result.diagnostics.count - 20)개 더") }
        guard !result.lessons.isEmpty else { return out + ["쓸 수 있는 레슨이 없어서 이전 레슨을 그대로 써요."] }
        // A lesson whose file now has an error keeps its last good version (and the learner their place in
        // it) until the file is fixed; a lesson whose file is gone is gone.
        let errorFiles = Set(errors.map(\.location.file))
        let reread = Set(result.lessons.map(\.id))
        let kept = course.lessons.filter { !reread.contains($0.id) && errorFiles.contains($0.file) }
        let stillValid = session.replaceCourse(Course(lessons: result.lessons + kept, directory: course.directory))
        out.append("레슨 \(result.lessons.count)개를 다시 읽었어요" + (errors.isEmpty ? "." : " (오류 \(errors.count)개)."))
        if !kept.isEmpty {
            out.append("오류가 있는 " + kept.map(\.id).joined(separator: ", ").with(.은는) + " 고칠 때까지 마지막으로 읽은 내용을 그대로 써요. 고친 뒤 다시 reload 해요.")
        }
        if !stillValid {
            let fallback = course.lesson(position.lesson)?.steps.first.map { Course.Position(lesson: position.lesson, step: $0.id) }
            out.append("지금 단계가 사라져서 옮겨요.")
            return out + moveTo(fallback ?? course.first!)
        }
        return out + [""] + view.showStep(session, withLessonIntro: false)
    }

    func quit() -> [String] {
        finished = true
        return quitMessage()
    }

    /// A whole lesson, or one step, as the learner sees it, without touching progress.
    public func preview(_ reference: String) throws(CourseError) -> [String] {
        try view.preview(session, reference)
    }

    /// Saves progress; a failure is reported but the session goes on (the answers stay in memory).
    func save() -> [String] {
        guard let error = session.save() else { return [] }
        return [view.style("⚠ " + error.description, .yellow)]
    }
}
