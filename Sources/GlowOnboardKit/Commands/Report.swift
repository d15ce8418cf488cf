import ArgumentParser
import Environment
import Foundation

/// `glow-onboard report FILE…|DIR`: what learners did, from their exported progress files.
public struct Report: KitCommand, TakesCourseOptions {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "For instructors: what learners did, from their exported progress files (glow-onboard progress export).",
        discussion: """
            Per lesson, step and question: how many learners reached it, answered it, skipped it and needed hints, \
            and the wrong answers most learners gave (untold ones are the mistakes to add); then where learners who \
            have not finished stand, and progress for ids the course no longer has. Files of one learner (the same \
            learner id) count once. Exit status: 0 when every file was read, 1 when one could not be (the report \
            covers the rest), 2 when no file could be.
            """)

    @Argument(help: ArgumentHelp("Exported progress files, or directories of them (*.json).", valueName: "FILE|DIR"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Print the report as a standalone HTML page (for a wiki).")
    var html = false

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of stdout.", valueName: "FILE"))
    var output: String?

    @OptionGroup public var courseOptions: CourseOptions
    public init() {}

    public func validate() throws {
        if paths.isEmpty { throw ValidationError("give the exported progress files (or a directory of them): report FILE…|DIR") }
        if json && html { throw ValidationError("--json and --html: choose one") }
    }

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        let course = try context.loadedCourse()
        let (progress, problems) = CourseReport.read(paths)
        var out = CommandOutput()
        for problem in problems { out.aside("✘ " + problem) }
        guard !progress.isEmpty else {
            out.status = ExitStatus.badInput
            out.aside("no progress file could be read: no report")
            return out
        }
        let report = CourseReport(course: course, progress: progress)
        let body = json ? try report.json() : html ? report.html : report.text.joined(separator: "\n")
        if let output {
            try ProgressStore.writeAtomically(Data((body.hasSuffix("\n") ? body : body + "\n").utf8), to: output)
            out.aside("report of \(report.learners) learner(s) written to \(output)")
        } else {
            out.append(contentsOf: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(body.hasSuffix("\n") ? 1 : 0))
        }
        if !problems.isEmpty { out.status = ExitStatus.failure }
        return out
    }
}
