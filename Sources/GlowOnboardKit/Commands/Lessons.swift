import ArgumentParser
import Checks
import Environment
import Foundation

public struct Lessons: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "For instructors: list, lint, test, scaffold and preview lessons.",
        subcommands: [List.self, Lint.self, Test.self, New.self, Show.self],
        defaultSubcommand: List.self)

    public init() {}

    public struct List: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(abstract: "List the lessons in course order.")
        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            CommandOutput(try context.loadedCourse().lessons.map { l in
                let questions = l.steps.map(\.questions.count).reduce(0, +)
                return "\(String(l.order).leftPadded(3)). \(l.id.padded(to: 18)) \(l.title.padded(to: 34)) 단계 \(l.steps.count), 질문 \(questions)"
            })
        }
    }

    public struct Lint: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(
            abstract: "Report every problem in every lesson as file:line:col: message.",
            discussion: "Exit status: 0 when there are no errors, 1 when there are (or warnings with --strict), 2 when PATH cannot be read.")

        @Argument(help: ArgumentHelp("A lessons directory or one lesson file (default: the course's Lessons/).", valueName: "PATH"),
                  completion: .file(extensions: ["md"]))
        var path: String?

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(help: ArgumentHelp("Also evaluate every query of the lessons on this fixture: each must give a result.", valueName: "DIR"),
                completion: .directory)
        var fixture: String?

        @Option(help: ArgumentHelp("Learners' exported progress (a file or a directory of them; repeatable): warn where an id they have progress for is gone from the lessons (renamed without 'aliases' or 'renamed').", valueName: "PROGRESS"),
                completion: .file(extensions: ["json"]))
        var against: [String] = []

        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let target = try path ?? context.lessonsDirectory(allowEmpty: false)
            var result = try LessonLinter.lint(path: target)
            if let fixture {
                guard FileManager.default.fileExists(atPath: fixture) else { throw SourceFailure.noSuchDirectory(fixture) }
                let snapshot = FixtureSource.load(directory: fixture)
                result.diagnostics += LessonLinter.queryProblems(result.lessons, snapshot: snapshot, fixture: fixture)
            }
            var unread: [String] = []
            if !against.isEmpty {
                let (progress, problems) = CourseReport.read(against)
                unread = problems
                result.diagnostics += LessonLinter.orphanedProgress(result.lessons, progress: progress)
            }
            result.diagnostics.sort { $0.location < $1.location }
            var out = CommandOutput(result.diagnostics.map(\.description))
            for problem in unread { out.aside("✘ --against: " + problem) }
            out.aside("\(result.files.count) lesson file(s): \(result.errorCount) error(s), \(result.warningCount) warning(s)")
            if !result.unusedChecks.isEmpty {
                // Not a warning: a draft course uses few checks. `verify` runs every one all the same.
                out.aside("\(result.unusedChecks.count) of \(Catalogue.checks.count) catalogue checks are in no lesson's verify block (verify runs them anyway): \(result.unusedChecks.joined(separator: ", "))")
            }
            if result.errorCount > 0 || (strict && result.warningCount > 0) || !unread.isEmpty { out.status = ExitStatus.failure }
            return out
        }
    }

    public struct Test: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(
            abstract: "Prove each lesson works as a learner meets it: every answer, mistake and answer-query through the real matcher, every verify block where it must pass or fail.",
            discussion: """
                Each question is played with its accepted answers, its example and its mistakes; each answer-query runs on \
                the environment its step reads (a case study's fixture, else the reference) and each value must be an answer \
                of the question's kind. Build and exploration verify blocks must pass on the reference (and on --lab); a case \
                study's must fail on its fixture, first with the check its question names as the root cause. A lesson with \
                lint errors fails. Exit status: 0 when every lesson passes, 1 when one fails.
                """)

        @Argument(help: ArgumentHelp("Lessons to test, by id or number (default: all).", valueName: "LESSON"))
        var lessons: [String] = []

        @Option(help: ArgumentHelp("The environment build and exploration steps are written for (default: the bundled reference).", valueName: "DIR"),
                completion: .directory)
        var reference: String?

        @Option(help: ArgumentHelp("A snapshot of the lab after its build steps (glow-onboard snapshot --sandbox): build and exploration verify blocks must pass there too.", valueName: "DIR"),
                completion: .directory)
        var lab: String?

        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let directory = try context.lessonsDirectory(allowEmpty: false)
            let linted = try LessonLinter.lint(path: directory)
            for dir in [reference, lab].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: dir) {
                throw SourceFailure.noSuchDirectory(dir)
            }
            guard let reference = reference ?? FixtureLocator.bundled(environment: context.environment) else {
                throw UserError("no reference environment: the bundled Fixtures/glowcorp was not found (give --reference DIR)")
            }
            let course = Course(lessons: linted.lessons, directory: directory)
            var chosen: [Lesson] = []
            for reference in self.lessons {
                let id = try course.resolve(reference).lesson
                if let lesson = course.lesson(id), !chosen.contains(where: { $0.id == id }) { chosen.append(lesson) }
            }
            let testsAll = self.lessons.isEmpty
            if testsAll { chosen = course.lessons }
            var out = CommandOutput()
            var failed = 0
            // A file with lint errors is a lesson learners never see: it fails here as a whole.
            let errorFiles = Set(linted.diagnostics.filter { $0.severity == .error }.map(\.location.file))
            let chosenFiles = Set(chosen.map(\.file))
            for file in linted.files where errorFiles.contains(file) && (testsAll || chosenFiles.contains(file)) {
                failed += 1
                out.append("✘ \(file): lint errors (learners do not get this lesson)")
                out.append(contentsOf: linted.diagnostics.filter { $0.severity == .error && $0.location.file == file }.map { "  \($0)" })
            }
            var tester = LessonTester(reference: reference, lab: lab, environment: context.environment)
            for lesson in chosen where !errorFiles.contains(lesson.file) {
                let report = tester.test(lesson)
                out.append(report.summary)
                out.append(contentsOf: report.failures.map { "  \($0)" })
                if !report.failures.isEmpty { failed += 1 }
            }
            out.aside("\(chosen.count + (testsAll ? errorFiles.count : 0)) lesson(s) tested on \(reference)\(lab.map { " and \($0)" } ?? ""): \(failed == 0 ? "all pass" : "\(failed) fail")")
            if failed > 0 { out.status = ExitStatus.failure }
            return out
        }
    }

    public struct New: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(abstract: "Create a lesson file that passes lint, to fill in.")

        @Argument(help: "The new lesson's id (lowercase letters, digits, '-').")
        var id: String

        @Option(help: "Title (default: the id).")
        var title: String?

        @Option(help: "Position in the course, 1–999 (default: after the last lesson).")
        var order: Int?

        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func validate() throws {
            guard LessonParser.isValidId(id) else {
                throw ValidationError("lesson id '\(id)' must be lowercase letters, digits and '-'")
            }
            if let order, !Lesson.orderRange.contains(order) {
                throw ValidationError("--order \(order): a lesson's order is \(Lesson.orderRange.lowerBound)–\(Lesson.orderRange.upperBound)")
            }
        }

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let directory = try context.lessonsDirectory(allowEmpty: true)
            let existing = (try? LessonLinter.lint(path: directory, authoring: false))?.lessons ?? []
            // A lesson with errors is not in `existing`, but its id is still taken.
            let files = (try? LessonLinter.lessonFiles(at: directory)) ?? []
            if let taken = files.first(where: { LessonLinter.declaredId(ofFile: $0) == id }) {
                throw UserError("a lesson with id '\(id)' already exists: \(taken)")
            }
            let order = self.order ?? min((existing.map(\.order).max() ?? 0) + 1, Lesson.orderRange.upperBound)
            let file = "\(directory)/\(String(format: "%02d", order))-\(id).md"
            if FileManager.default.fileExists(atPath: file) { throw CourseError.fileExists(file) }
            let text = LessonScaffold.text(id: id, title: title ?? id, order: order)
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else { throw UserError("cannot write \(file)") }
            var out = CommandOutput([file])
            out.aside("Created \(file). Edit it, then run: glow-onboard lessons lint \(directory)")
            return out
        }
    }

    public struct Show: KitCommand, TakesCourseOptions {
        public static let configuration = CommandConfiguration(abstract: "Print a lesson (or one step) as the learner sees it, without progress.")

        @Argument(help: ArgumentHelp("Lesson id or number, optionally /STEP.", valueName: "LESSON[/STEP]"))
        var reference: String

        @Flag(help: "For review: under each question its answers, answer-query, example, mistakes, hints and explanation.")
        var answers = false

        @OptionGroup public var courseOptions: CourseOptions
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let preview = CourseSession(course: try context.loadedCourse(), store: nil)
            return CommandOutput(try TutorView(terminal: context.terminal).preview(preview, reference, answers: answers))
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
