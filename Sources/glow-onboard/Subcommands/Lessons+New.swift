import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension Lessons {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a lesson file that passes lint, to fill in.")

        @Argument(help: "The new lesson's id (lowercase letters, digits, '-').")
        var id: String

        @Option(help: "Title (default: the id).")
        var title: String?

        @Option(help: "Position in the course (default: after the last lesson).")
        var order: Int?

        @OptionGroup var options: CourseOptions

        func validate() throws {
            guard LessonParser.isValidId(id) else {
                throw ValidationError("lesson id '\(id)' must be lowercase letters, digits and '-'")
            }
        }

        func run() throws {
            try reporting {
                let directory = try options.lessonsDirectory(allowEmpty: true)
                let existing = (try? LessonLinter.lint(path: directory))?.lessons ?? []
                if existing.contains(where: { $0.id == id }) { throw Failure("a lesson with id '\(id)' already exists in \(directory)") }
                let order = self.order ?? ((existing.map(\.order).max() ?? 0) + 1)
                let file = "\(directory)/\(String(format: "%02d", order))-\(id).md"
                if FileManager.default.fileExists(atPath: file) { throw Failure(CourseError.fileExists(file).description) }
                let text = LessonScaffold.text(id: id, title: title ?? id, order: order)
                guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                    throw Failure("cannot write \(file)")
                }
                print(file)
                printError("Created \(file). Edit it, then run: glow-onboard lessons lint \(directory)")
            }
        }
    }
}
