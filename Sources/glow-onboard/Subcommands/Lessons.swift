import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "For instructors: list, lint, scaffold and preview lessons.",
        subcommands: [List.self, Lint.self, New.self, Show.self],
        defaultSubcommand: List.self)
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
