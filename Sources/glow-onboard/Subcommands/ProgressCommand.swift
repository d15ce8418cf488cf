import ArgumentParser
import Foundation
import GlowOnboardKit

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show, export or import the learner's progress.",
        subcommands: [Show.self, Export.self, Import.self, Path.self],
        defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show progress per lesson.")
        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let (course, _, _) = try options.loadCourse()
                let terminal = Terminal.isTTY(1) ? Terminal.detect(environment: options.environment) : Terminal.plain
                let tutor = Tutor(course: course, store: ProgressStore(path: options.progressPath), terminal: terminal) { () throws(CourseError) in
                    throw CourseError.lessonsNotFound(course.directory)
                }
                for line in tutor.report() { print(line) }
            }
        }
    }

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

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print where the progress file is.")
        @OptionGroup var options: CourseOptions
        func run() { print(options.progressPath) }
    }
}
