import ArgumentParser
import Environment

public struct Start: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start or resume the course (the default when no subcommand is given).")

    @OptionGroup var options: CourseOptions

    @Argument(help: ArgumentHelp("Lesson or lesson/step to open (default: where you left off).", valueName: "LESSON[/STEP]"))
    var position: String?

    public init() {}

    public func run() throws {
        // Before anything touches libedit: a Korean prompt under the C locale crashes it.
        LocaleSetup.ensureUTF8CType()
        let context = CommandLineContext(options: options)
        let course: Course
        do {
            course = try context.loadedCourse()
            if let position { _ = try course.resolve(position) }
        } catch {
            printError("glow-onboard: 오류: \(userFacing(error).shown)")
            throw ExitCode(userFacing(error).exitStatus)
        }
        let environment = context.environment
        let interactive = Terminal.isTTY(0) && Terminal.isTTY(1)
        let terminal = interactive ? Terminal.detect(environment: environment) : Terminal.plain(environment: environment)
        let directory = course.directory
        let tutor = Tutor(course: course, store: context.progressStore, terminal: terminal,
                          source: FixtureLocator.bundled(environment: environment), environment: environment,
                          interactive: interactive) { () throws(CourseError) in
            try LessonLinter.lint(path: directory)
        }
        let history = interactive ? ProgressStore.stateDirectory(environment: environment) + "/history" : nil
        REPL.run(tutor, interactive: interactive, historyPath: history, startAt: position)
    }
}
