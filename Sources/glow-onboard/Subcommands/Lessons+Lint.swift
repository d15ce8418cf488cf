import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension Lessons {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in every lesson as file:line:col: message.",
            discussion: "Exit status: 0 when there are no errors, 1 when there are (or warnings with --strict), 2 when PATH cannot be read.")

        @Argument(help: ArgumentHelp("A lessons directory or one lesson file (default: the course's Lessons/).", valueName: "PATH"),
                  completion: .file(extensions: ["md"]))
        var path: String?

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(help: ArgumentHelp("Also evaluate every query of the lessons on this fixture: each must give a result.", valueName: "DIR"),
                completion: .directory)
        var fixture: String?

        @OptionGroup var options: CourseOptions

        func run() throws {
            var failed = false
            try reporting {
                let target = try path ?? options.lessonsDirectory()
                var result: LessonLinter.Result
                do { result = try LessonLinter.lint(path: target) } catch { throw Failure("\(error)") }
                if let fixture {
                    guard FileManager.default.fileExists(atPath: fixture) else { throw Failure("no such fixture directory: \(fixture)") }
                    let snapshot = FixtureSource.load(directory: fixture)
                    result.diagnostics += LessonLinter.queryProblems(result.lessons, document: snapshot.document, fixture: fixture)
                    result.diagnostics.sort { $0.location < $1.location }
                }
                for d in result.diagnostics { print(d.description) }
                let summary = "\(result.files.count) lesson file(s): \(result.errorCount) error(s), \(result.warningCount) warning(s)"
                printError(summary)
                failed = result.errorCount > 0 || (strict && result.warningCount > 0)
            }
            if failed { throw ExitCode(1) }
        }
    }
}
