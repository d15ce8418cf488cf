import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension Lessons {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a lesson (or one step) as the learner sees it, without progress.")

        @Argument(help: ArgumentHelp("Lesson id or number, optionally /STEP.", valueName: "LESSON[/STEP]"))
        var reference: String

        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let (course, _, _) = try options.loadCourse()
                let terminal = Terminal.forStandardOutput(environment: options.environment)
                let tutor = Tutor(course: course, store: nil, terminal: terminal)
                do {
                    for line in try tutor.preview(reference) { print(line) }
                } catch { throw Failure("\(error)") }
            }
        }
    }
}
