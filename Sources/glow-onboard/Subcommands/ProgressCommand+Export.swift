import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension ProgressCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the progress file to stdout or FILE, to carry it to another machine.")
        @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of stdout.", valueName: "FILE"))
        var output: String?
        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let store = ProgressStore(path: options.progressPath)
                let loaded = store.load()
                if let notice = loaded.notice { printError(notice) }
                let data = try ProgressTransfer.export(loaded.progress)
                if let output {
                    do { try ProgressStore.writeAtomically(data, to: output) } catch { throw Failure("\(error)") }
                    printError("Exported progress to \(output)")
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}
