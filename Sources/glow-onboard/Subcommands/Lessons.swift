import ArgumentParser
import Foundation
import GlowOnboardKit

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "For instructors: list, lint, scaffold and preview lessons.",
        subcommands: [List.self, Lint.self, New.self, Show.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the lessons in course order.")
        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let (course, _, _) = try options.loadCourse()
                for l in course.lessons {
                    let questions = l.steps.map(\.questions.count).reduce(0, +)
                    print("\(String(l.order).leftPadded(3)). \(l.id.padded(to: 18)) \(l.title.padded(to: 34)) 단계 \(l.steps.count), 질문 \(questions)")
                }
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem in every lesson as file:line:col: message.",
            discussion: "Exit status: 0 when there are no errors, 1 when there are (or warnings with --strict), 2 when PATH cannot be read.")

        @Argument(help: ArgumentHelp("A lessons directory or one lesson file (default: the course's Lessons/).", valueName: "PATH"),
                  completion: .file(extensions: ["md"]))
        var path: String?

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @OptionGroup var options: CourseOptions

        func run() throws {
            var failed = false
            try reporting {
                let target = try path ?? options.lessonsDirectory()
                let result: LessonLinter.Result
                do { result = try LessonLinter.lint(path: target) } catch { throw Failure("\(error)") }
                for d in result.diagnostics { print(d.description) }
                let summary = "\(result.files.count) lesson file(s): \(result.errorCount) error(s), \(result.warningCount) warning(s)"
                printError(summary)
                failed = result.errorCount > 0 || (strict && result.warningCount > 0)
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a lesson file that passes lint, to fill in.")

        @Argument(help: "The new lesson's id (lowercase letters, digits, '-').")
        var id: String

        @Option(help: "Title (default: the id).")
        var title: String?

        @Option(help: "Position in the course (default: after the last lesson).")
        var order: Int?

        @OptionGroup var options: CourseOptions

        func validate() throws {
            guard LessonParser.isValidId(id) else {
                throw ValidationError("lesson id '\(id)' must be lowercase letters, digits and '-'")
            }
        }

        func run() throws {
            try reporting {
                let directory = try options.lessonsDirectory(allowEmpty: true)
                let existing = (try? LessonLinter.lint(path: directory))?.lessons ?? []
                if existing.contains(where: { $0.id == id }) { throw Failure("a lesson with id '\(id)' already exists in \(directory)") }
                let order = self.order ?? ((existing.map(\.order).max() ?? 0) + 1)
                let file = "\(directory)/\(String(format: "%02d", order))-\(id).md"
                if FileManager.default.fileExists(atPath: file) { throw Failure(CourseError.fileExists(file).description) }
                let text = LessonScaffold.text(id: id, title: title ?? id, order: order)
                guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                    throw Failure("cannot write \(file)")
                }
                print(file)
                printError("Created \(file). Edit it, then run: glow-onboard lessons lint \(directory)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a lesson (or one step) as the learner sees it, without progress.")

        @Argument(help: ArgumentHelp("Lesson id or number, optionally /STEP.", valueName: "LESSON[/STEP]"))
        var reference: String

        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let (course, _, _) = try options.loadCourse()
                let terminal = Terminal.isTTY(1) ? Terminal.detect(environment: options.environment) : Terminal.plain
                let tutor = Tutor(course: course, store: nil, terminal: terminal) { () throws(CourseError) in
                    throw CourseError.lessonsNotFound(course.directory)
                }
                do {
                    for line in try tutor.preview(reference) { print(line) }
                } catch { throw Failure("\(error)") }
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
