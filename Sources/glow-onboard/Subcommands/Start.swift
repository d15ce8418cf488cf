import JSON
import Checks
import Environment
import ArgumentParser
import GlowOnboardKit

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start or resume the course (the default when no subcommand is given).")

    @OptionGroup var options: CourseOptions

    @Argument(help: ArgumentHelp("Lesson or lesson/step to open (default: where you left off).", valueName: "LESSON[/STEP]"))
    var position: String?

    func run() throws {
        try reporting {
            // Before anything touches libedit: a Korean prompt under the C locale crashes it.
            LocaleSetup.ensureUTF8CType()
            let (course, _, directory) = try options.loadCourse()
            let interactive = Terminal.isTTY(0) && Terminal.isTTY(1)
            let terminal = interactive ? Terminal.detect(environment: options.environment) : Terminal.plain
            let store = ProgressStore(path: options.progressPath)
            let source = FixtureLocator.bundled(environment: options.environment)
            let tutor = Tutor(course: course, store: store, terminal: terminal, source: source) { () throws(CourseError) in
                try LessonLinter.lint(path: directory)
            }
            if let position {
                do { _ = try course.resolve(position) } catch { throw Failure("\(error)") }
            }
            let history = interactive ? ProgressStore.stateDirectory(environment: options.environment) + "/history" : nil
            REPL.run(tutor, interactive: interactive, historyPath: history, startAt: position)
        }
    }
}
