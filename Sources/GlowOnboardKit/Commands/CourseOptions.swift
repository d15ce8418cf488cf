import ArgumentParser
import Environment
import Foundation

/// Where the lessons and the learner's progress live; every command that reads them takes these.
public struct CourseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Lessons directory (default: $GLOW_ONBOARD_LESSONS, ./Lessons, or the one beside the program).", valueName: "DIR"),
            completion: .directory)
    public var lessons: String?

    @Option(name: .long, help: ArgumentHelp("Progress file (default: $GLOW_ONBOARD_PROGRESS or $XDG_STATE_HOME/glow-onboard/progress.json).", valueName: "FILE"),
            completion: .file(extensions: ["json"]))
    public var progress: String?

    public init() {}

    /// Neither given (ArgumentParser's values exist only once parsed).
    public static var none: CourseOptions { (try? CourseOptions.parse([]))! }

    var isEmpty: Bool { lessons == nil && progress == nil }

    func lessonsDirectory(environment: [String: String], allowEmpty: Bool = false) throws -> String {
        try LessonLocator.find(flag: lessons, environment: environment, allowEmpty: allowEmpty)
    }

    func progressPath(environment: [String: String]) -> String { ProgressStore.defaultPath(flag: progress, environment: environment) }
}

/// The process environment, read once (building the dictionary is not free at start-up).
public enum ProcessEnvironment {
    public static let variables = ProcessInfo.processInfo.environment
}

/// Which commands take --lessons/--progress: the command line reads them; in the REPL the session's own
/// course and progress are used.
public protocol TakesCourseOptions {
    var courseOptions: CourseOptions { get }
}
