import JSON
import Checks
import Environment
import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

@Suite struct LessonLinterTests {
    @Test func goodFixtureHasNoProblems() throws {
        let result = try LessonLinter.lint(path: Paths.fixture("lessons-good"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.lessons.map(\.id) == ["basics", "more"])
    }

    @Test func everyProblemOfEveryFileInOneRun() throws {
        let result = try LessonLinter.lint(path: Paths.fixture("lessons-broken"))
        let base = Paths.fixture("lessons-broken")
        let lines = result.diagnostics.map { $0.description.replacingOccurrences(of: base + "/", with: "") }
        let expected = [
            "01-frontmatter.md:2:5: error: lesson id 'Bad_Id' must be lowercase letters, digits and '-'",
            "01-frontmatter.md:4:8: error: 'order' in frontmatter must be a whole number, not 'one'",
            "02-blocks.md:6:11: error: requires unknown lesson 'nowhere'",
            "02-blocks.md:17:1: warning: image '../img/missing.png' does not exist (looked for ../img/missing.png); the lesson is shown without it",
            "02-blocks.md:30:9: error: answer 'C' is not among the choices",
            "02-blocks.md:52:9: error: answer '10.0.0.1/16' has host bits set; the block is 10.0.0.0/16",
            "02-blocks.md:56:1: error: verify block is missing required field 'expect'",
            "02-blocks.md:59:8: error: duplicate step id 'questions' (first used on line 15)",
            "02-blocks.md:65:9: error: answer '70000' is not a port number 1–65535",
            "03-dup.md:2:5: error: duplicate lesson id 'blocks' (also in 02-blocks.md)",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\n\(lines.joined(separator: "\n"))") }
        #expect(result.errorCount == 18)
        #expect(Set(result.diagnostics.map(\.location.file)).count == 3)
        // Lessons with errors are not part of the course.
        #expect(result.lessons.isEmpty)
    }

    /// A copy of the shipped Lessons/ outside the checkout (an instructor's draft): the case studies'
    /// fixtures are found in the bundled set, a missing picture is a warning, and no lesson is lost (issue 15).
    @Test func aCopyOfTheCourseOutsideTheCheckoutLosesNoLesson() throws {
        let dir = Paths.temporaryDirectory() + "/draft"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (dir as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(Paths.repository)/Lessons", toPath: dir)
        let shipped = try LessonLinter.lint(path: "\(Paths.repository)/Lessons")
        let copy = try LessonLinter.lint(path: dir)
        #expect(copy.errorCount == 0, "\(copy.diagnostics.filter { $0.severity == .error })")
        #expect(copy.lessons.map(\.id) == shipped.lessons.map(\.id))
        #expect(copy.diagnostics.allSatisfy { $0.severity == .warning && $0.message.hasPrefix("image ") }, "\(copy.diagnostics)")
        let study = try #require(copy.lessons.first { $0.id == "on-call" }?.verifications.compactMap(\.spec.fixture).first)
        #expect(FileManager.default.fileExists(atPath: copy.lessons.first { $0.id == "on-call" }!.resolveFixture(study)))
    }

    @Test func diagnosticsAreSortedByFileAndLine() throws {
        let result = try LessonLinter.lint(path: Paths.fixture("lessons-broken"))
        #expect(result.diagnostics.map(\.location) == result.diagnostics.map(\.location).sorted())
    }

    @Test func missingPathIsAnError() {
        #expect(throws: CourseError.lessonsNotFound("/nonexistent/x")) { try LessonLinter.lint(path: "/nonexistent/x") }
    }

    @Test func readmeIsNotALesson() throws {
        let files = try LessonLinter.lessonFiles(at: Paths.lessons)
        #expect(!files.contains { $0.hasSuffix("README.md") })
    }

    @Test func scaffoldPassesLint() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LessonScaffold.text(id: "new-lesson", title: "새 레슨", order: 4).write(toFile: "\(dir)/04-new-lesson.md", atomically: true, encoding: .utf8)
        let result = try LessonLinter.lint(path: dir)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.lessons.first?.id == "new-lesson")
    }

    @Test func requiresLaterLessonWarns() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LessonScaffold.text(id: "a", title: "A", order: 1).replacingOccurrences(of: "minutes: 10", with: "minutes: 10\nrequires: [b]")
            .write(toFile: "\(dir)/a.md", atomically: true, encoding: .utf8)
        try LessonScaffold.text(id: "b", title: "B", order: 1).write(toFile: "\(dir)/b.md", atomically: true, encoding: .utf8)
        let result = try LessonLinter.lint(path: dir)
        let m = result.diagnostics.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
        #expect(m.contains("a.md:7:11: warning: requires 'b', which comes later in the course (order 1 ≥ 1)"))
        #expect(m.contains("b.md:4:8: warning: order 1 is also used by 'a' (a.md); the list order between them is by id"))
    }

    /// A lesson that requires itself, and lessons that require each other in a ring, can never be started:
    /// errors that say "cycle", once per cycle, at the first lesson of it in course order.
    @Test func requiresCyclesAreErrors() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func write(_ id: String, _ order: Int, _ requires: String) throws {
            try LessonScaffold.text(id: id, title: id.uppercased(), order: order).replacingOccurrences(of: "minutes: 10", with: "minutes: 10\nrequires: [\(requires)]")
                .write(toFile: "\(dir)/\(id).md", atomically: true, encoding: .utf8)
        }
        try write("a", 1, "c")
        try write("b", 2, "a")
        try write("c", 3, "b")
        try write("d", 4, "d")
        try write("e", 5, "a")
        let result = try LessonLinter.lint(path: dir)
        let m = result.diagnostics.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
        #expect(m.contains("a.md:7:11: error: requires cycle: a → c → b → a (none of these lessons can ever be started)"), "\(m)")
        #expect(m.contains("d.md:7:11: error: requires itself: a lesson cannot come before itself"), "\(m)")
        #expect(m.filter { $0.contains("cycle") }.count == 1)
        // Inside a cycle the order warning says nothing more; e requires a lesson of the cycle, which is not a cycle of its own.
        #expect(!m.contains { $0.contains("comes later") }, "\(m)")
        #expect(!m.contains { $0.hasPrefix("e.md") }, "\(m)")
        // One file linted alone: its requires resolve against its directory, and a cycle through it is still said.
        let alone = try LessonLinter.lint(path: "\(dir)/e.md").diagnostics
        #expect(alone.isEmpty, "\(alone)")
        let inCycle = try LessonLinter.lint(path: "\(dir)/b.md").diagnostics.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
        #expect(inCycle == ["b.md:7:11: error: requires cycle: b → a → c → b (none of these lessons can ever be started)"], "\(inCycle)")
    }
}

@Suite struct VerifyBlockLintTests {
    @Test func unknownChecksAndParametersAreErrors() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = LessonScaffold.text(id: "x", title: "X", order: 1)
            .replacingOccurrences(of: "  - dns.record\n", with: "  - dns.recrod\n  - check: alb.listener\n    with: {prot: 80}\n")
        try text.write(toFile: "\(dir)/x.md", atomically: true, encoding: .utf8)
        let result = try LessonLinter.lint(path: dir)
        let m = result.diagnostics.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
        #expect(m.contains("x.md:36:5: error: unknown check 'dns.recrod' (did you mean 'dns.record'?); 'glow-onboard checks' lists them"), "\(m)")
        #expect(m.contains("x.md:38:12: error: check 'alb.listener' has no parameter 'prot' (its parameters: port)"), "\(m)")
    }
}
