import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show, export or import the learner's progress.",
        subcommands: [Show.self, Export.self, Import.self, Path.self],
        defaultSubcommand: Show.self)
}
