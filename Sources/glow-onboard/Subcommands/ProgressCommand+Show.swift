import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension ProgressCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show progress per lesson.")
        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let (course, _, _) = try options.loadCourse()
                let terminal = Terminal.forStandardOutput(environment: options.environment)
                let tutor = Tutor(course: course, store: ProgressStore(path: options.progressPath), terminal: terminal)
                for line in tutor.report() { print(line) }
            }
        }
    }
}
