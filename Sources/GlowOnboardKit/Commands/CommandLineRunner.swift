import ArgumentParser
import Checks
import Environment
import Foundation

/// The command line's context: each run reads what it needs, once.
public final class CommandLineContext: CommandContext {
    public let options: CourseOptions
    public let environment: [String: String]
    public let terminal: Terminal
    private var loaded: Course?

    public init(options: CourseOptions, environment: [String: String] = ProcessEnvironment.variables) {
        self.options = options
        self.environment = environment
        self.terminal = Terminal.forStandardOutput(environment: environment)
    }

    public func lessonsDirectory(allowEmpty: Bool) throws -> String {
        try options.lessonsDirectory(environment: environment, allowEmpty: allowEmpty)
    }

    /// Loads the course; lesson errors go to standard error and the broken lessons are left out.
    public func loadedCourse() throws -> Course {
        if let loaded { return loaded }
        let directory = try lessonsDirectory(allowEmpty: false)
        let result = try LessonLinter.lint(path: directory, authoring: false)
        for d in result.diagnostics where d.severity == .error { printError(d.description) }
        if result.errorCount > 0 {
            printError("glow-onboard: \(result.errorCount) lesson problem(s); those lessons are skipped. Run 'glow-onboard lessons lint \(directory)'.")
        }
        guard !result.lessons.isEmpty else { throw CourseError.noLessons(directory) }
        let course = Course(lessons: result.lessons, directory: directory)
        loaded = course
        return course
    }

    public var progressStore: ProgressStore { ProgressStore(path: options.progressPath(environment: environment)) }
    public var here: Course.Position? { nil }

    public func snapshot(_ source: SourceOptions, caseStudy: String?) throws -> Snapshot {
        let choice = source.choice(environment: environment)
            ?? (caseStudy ?? FixtureLocator.bundled(environment: environment)).map(SourceChoice.fixture)
        guard let choice else {
            throw UserError("fixture가 없어요. --fixture DIR을 주세요 (번들 fixture는 저장소의 Fixtures/glowcorp예요).")
        }
        let line = ProgressLine()
        defer { line.finish() }
        return try SourceSelection.read(choice, progress: line.reporter)
    }

    public func verified(_ scope: VerifyPlan.Scope, findings: [Finding], source: String) -> [String] { [] }
    public func progressChanged() {}
    public func refreshSources() {}

    public func readsOwnEnvironment(_ source: SourceOptions) -> Bool {
        source.sandbox || source.isLive || source.fixture.map { !FixtureLocator.isBundled($0, environment: environment) } == true
    }

    public func confirm(_ question: String) -> Bool {
        FileHandle.standardError.write(Data((question + " (y/N) ").utf8))
        guard let answer = readLine() else { printError(""); return false }
        return ["y", "yes", "예", "네", "ㅇ"].contains(answer.trimmingWhitespace.lowercased())
    }
}

/// Runs a command on the command line: the one place its errors are caught and its output printed.
public enum CommandLineRunner {
    public static func run(_ command: some KitCommand, options: CourseOptions = .none) throws {
        let context = CommandLineContext(options: options)
        let output: CommandOutput
        do {
            output = try command.perform(context)
        } catch let error as ExitCode {
            throw error
        } catch {
            let shown = userFacing(error)
            printError("glow-onboard: 오류: \(shown.shown)")
            throw ExitCode(shown.exitStatus)
        }
        for line in output.lines {
            switch line {
            case .text(let text): print(TerminalText.printable(text))
            case .note(let issue): printError(issue.description)
            case .aside(let text): printError(text)
            }
        }
        // A write that failed (a full disk, a closed pipe) is a failure, not a silent success.
        if fflush(nil) != 0 {
            printError("glow-onboard: 오류: 출력을 쓰지 못했어요: \(String(cString: strerror(errno)))")
            throw ExitCode(ExitStatus.outputFailed)
        }
        if output.status != ExitStatus.success { throw ExitCode(output.status) }
    }
}

public func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.printable(message) + "\n").utf8))
}

extension KitCommand {
    public func run() throws {
        try CommandLineRunner.run(self, options: (self as? any TakesCourseOptions)?.courseOptions ?? .none)
    }
}
