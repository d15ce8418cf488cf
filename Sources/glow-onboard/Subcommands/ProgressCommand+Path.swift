import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension ProgressCommand {
    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print where the progress file is.")
        @OptionGroup var options: CourseOptions
        func run() { print(options.progressPath) }
    }
}
