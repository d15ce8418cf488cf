import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension ProgressCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge an exported progress file into this machine's progress.",
            discussion: "For each question the better outcome is kept. The current file is first copied to <progress>.before-import-<time>.")
        @Argument(help: ArgumentHelp("An exported progress file ('-' for stdin).", valueName: "FILE"), completion: .file(extensions: ["json"]))
        var file: String
        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let data: Data
                if file == "-" {
                    data = FileHandle.standardInput.readDataToEndOfFile()
                } else {
                    guard let d = FileManager.default.contents(atPath: file) else { throw Failure("cannot read '\(file)'") }
                    data = d
                }
                let store = ProgressStore(path: options.progressPath)
                do {
                    let summary = try ProgressTransfer.importing(data, source: file, into: store)
                    print(summary)
                } catch { throw Failure("\(error)") }
            }
        }
    }
}
