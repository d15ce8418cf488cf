import ArgumentParser
import Environment
import Foundation

public struct ProgressCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show, export or import the learner's progress.",
        subcommands: [Show.self, Export.self, Import.self, Path.self],
        defaultSubcommand: Show.self)

    public init() {}

    public struct Show: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(abstract: "Show progress per lesson.")
        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let session = CourseSession(course: try context.loadedCourse(), store: context.progressStore)
            var out = CommandOutput()
            if let notice = session.load() { out.aside(notice) }
            out.append(contentsOf: TutorView(terminal: context.terminal).progressReport(session, current: context.here?.lesson))
            return out
        }
    }

    public struct Export: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(abstract: "Write the progress file to stdout or FILE, to carry it to another machine.")
        @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of stdout.", valueName: "FILE"))
        var output: String?
        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let loaded = context.progressStore.load()
            var out = CommandOutput()
            if let notice = loaded.notice { out.aside(notice) }
            let data = try ProgressTransfer.export(loaded.progress)
            if let output {
                try ProgressStore.writeAtomically(data, to: output)
                out.aside("진도를 \(output)에 내보냈어요.")
            } else {
                out.append(String(decoding: data.dropLast(data.last == 10 ? 1 : 0), as: UTF8.self))
            }
            return out
        }
    }

    public struct Import: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(
            abstract: "Merge an exported progress file into this machine's progress.",
            discussion: "For each question the better outcome is kept. The current file is first copied to <progress>.before-import-<time>.")
        @Argument(help: ArgumentHelp("An exported progress file ('-' for stdin).", valueName: "FILE"), completion: .file(extensions: ["json"]))
        var file: String
        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let data: Data
            if file == "-" {
                guard context.here == nil else { throw UserError("REPL에서는 파일 이름을 적어 주세요: progress import FILE") }
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: file) else { throw CourseError.unreadable(file, "읽을 수 없는 파일이에요") }
                data = d
            }
            let summary = try ProgressTransfer.importing(data, source: file, into: context.progressStore)
            context.progressChanged()
            return CommandOutput([summary])
        }
    }

    public struct Path: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(abstract: "Print where the progress file is.")
        @OptionGroup public var courseOptions: CourseOptions
        public init() {}
        public func perform(_ context: any CommandContext) throws -> CommandOutput { CommandOutput([context.progressStore.path]) }
    }
}
