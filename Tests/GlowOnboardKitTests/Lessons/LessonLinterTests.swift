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

    /// The slips an author makes, each told where it is and why, with how to write it instead.
    @Test func authoringSlipsAreToldWhereAndWhy() throws {
        let base = Paths.fixture("lessons-slips")
        var result = try LessonLinter.lint(path: base)
        let fixture = "\(Paths.repository)/Fixtures/broken/wrong-health-check-path"
        result.diagnostics += LessonLinter.queryProblems(result.lessons, snapshot: FixtureSource.load(directory: fixture), fixture: "wrong-health-check-path")
        let lines = result.diagnostics.map { $0.description.replacingOccurrences(of: base + "/", with: "") }
        let expected = [
            "01-slips.md:10:6: warning: '**' will show as it is: no '**' closes (or opens) this bold; add its partner, or write '\\*\\*' where the asterisks are meant",
            "01-slips.md:10:34: warning: link to '../nowhere.md', which does not exist (looked for ../nowhere.md)",
            "01-slips.md:10:55: warning: link to '#nope', which is no step of this lesson (steps: first, second)",
            "01-slips.md:13:81: warning: shell line 112 columns wide: an 80-column terminal cuts it where the learner copies it; break it with ' \\' between arguments",
            "01-slips.md:21:10: error: '10.0.2.10' would not be accepted by this ip-in-cidr question: 10.0.2.10 is outside 10.0.1.0/24",
            "01-slips.md:30:10: error: '10.0.1.5/24' would not be accepted by this cidr-within question: host bits set; the block is 10.0.1.0/24",
            "01-slips.md:39:10: error: '10.0.1.0/25' would not be accepted by this cidr-within question: its prefix is /25, the question asks for /24",
            "01-slips.md:46:9: error: a YAML value cannot start with a backtick (`) in the question block: quote the whole value, e.g. answer: \"`/health`\"",
            "01-slips.md:55:1: error: a tab in the YAML of the question block: YAML indents with spaces only; replace the tab with spaces",
            "01-slips.md:64:5: error: each item of 'hints' in question block must be a single value: '힌트: 슬래시로 시작해요' reads as a mapping because of the ': ' after '힌트'; quote the item (- \"힌트: 슬래시로 시작해요\")",
            "01-slips.md:71:48: error: invalid answer-query: invalid JSON literal `/health`: expected a value (object, array, string, number, true, false or null), found '/'; in JMESPath `…` holds a JSON value, so a string inside backticks needs JSON's double quotes (`\"/health\"`), or write it as a raw string in single quotes ('/health')",
            "01-slips.md:75:19: warning: 'expect' is shown as plain text, so '**' will show as it is: write it without markdown",
            "01-slips.md:78:12: warning: parameter 'path' of check 'target-group.health-check' is a path starting with '/', not '200' (its default is /health: the health-check path)",
            "01-slips.md:96:1: warning: this fence (```) is never closed: everything after it, to the end of the file, is one code block; end it with a line '```'",
            "02-fixture.md:22:1: warning: query check id 'network.vpc-cidr' is also a catalogue check's id: findings would not say which one spoke; give the query its own id",
        ]
        for line in expected { #expect(lines.contains(line), "missing: \(line)\n\(lines.joined(separator: "\n"))") }
        #expect(lines.contains { $0.hasPrefix("02-fixture.md:17:1: warning: verify of step 'health' fails on wrong-health-check-path: ✘ target-group.health-check: ") }, "\(lines)")
        // Escaped asterisks are meant: no warning for line 10's `\*\*`.
        #expect(lines.filter { $0.hasPrefix("01-slips.md:10:") && $0.contains("'**'") }.count == 1)
        #expect(lines.count == expected.count + 1, "\(lines.joined(separator: "\n"))")
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
