import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

/// Where the lessons and the learner's progress live; shared by every subcommand.
struct CourseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Lessons directory (default: $GLOW_ONBOARD_LESSONS, ./Lessons, or the one beside the program).", valueName: "DIR"),
            completion: .directory)
    var lessons: String?

    @Option(name: .long, help: ArgumentHelp("LearnerProgress file (default: $GLOW_ONBOARD_PROGRESS or $XDG_STATE_HOME/glow-onboard/progress.json).", valueName: "FILE"),
            completion: .file(extensions: ["json"]))
    var progress: String?

    var environment: [String: String] { Environment.variables }

    func lessonsDirectory(allowEmpty: Bool = false) throws -> String {
        do { return try LessonLocator.find(flag: lessons, environment: environment, allowEmpty: allowEmpty) } catch { throw Failure("\(error)") }
    }

    var progressPath: String { ProgressStore.defaultPath(flag: progress, environment: environment) }

    /// Loads the course; lesson problems go to stderr and the broken lessons are left out.
    func loadCourse(quietWarnings: Bool = true) throws -> (Course, LessonLinter.Result, String) {
        let directory = try lessonsDirectory()
        let result: LessonLinter.Result
        do { result = try LessonLinter.lint(path: directory) } catch { throw Failure("\(error)") }
        let shown = result.diagnostics.filter { $0.severity == .error || !quietWarnings }
        for d in shown { printError(d.description) }
        if result.errorCount > 0 {
            printError("glow-onboard: \(result.errorCount) lesson problem(s); those lessons are skipped. Run 'glow-onboard lessons lint \(directory)'.")
        }
        guard !result.lessons.isEmpty else { throw Failure(CourseError.noLessons(directory).description) }
        return (Course(lessons: result.lessons, directory: directory), result, directory)
    }
}

/// Loads the fixture the command reads: the first of `candidates` given (`--fixture`, a case study's),
/// else the bundled glowcorp setup. Reading problems go to stderr (notes too with `showNotes`).
func loadFixture(_ candidates: String?..., showNotes: Bool = false) throws -> Snapshot {
    guard let directory = candidates.lazy.compactMap({ $0 }).first ?? FixtureLocator.bundled(environment: Environment.variables) else {
        throw Failure("no fixture: pass --fixture DIR (the bundled one is Fixtures/glowcorp in the repository)")
    }
    guard FileManager.default.fileExists(atPath: directory) else { throw Failure("no such fixture directory: \(directory)") }
    let snapshot = FixtureSource.load(directory: directory)
    for issue in snapshot.issues where showNotes || issue.kind == .error { printError(issue.description) }
    return snapshot
}

/// The process environment, read once (building the dictionary is not free at start-up).
enum Environment {
    static let variables = ProcessInfo.processInfo.environment
}

/// A user-facing failure: printed as one line on stderr, exit code 2 (usage or input error).
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension ParsableCommand {
    /// Runs `body`, turning a `Failure` into a message and exit code 2.
    func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as Failure {
            printError("glow-onboard: error: \(failure.description)")
            throw ExitCode(2)
        }
    }
}
