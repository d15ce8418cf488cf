import JSON
import Checks
import Environment
import TestPaths
import Testing
@testable import GlowOnboardKit

@Suite struct CourseTests {
    static let course = Course(lessons: try! LessonLinter.lint(path: Paths.fixture("lessons-good")).lessons, directory: "")

    @Test func resolvesIdsNumbersAndSteps() throws {
        #expect(try Self.course.resolve("basics") == .init(lesson: "basics", step: "first"))
        #expect(try Self.course.resolve("basics/second") == .init(lesson: "basics", step: "second"))
        #expect(try Self.course.resolve("2") == .init(lesson: "more", step: "command"))
        #expect(try Self.course.resolve("1/2") == .init(lesson: "basics", step: "second"))
        #expect(throws: CourseError.unknownLesson("basic", suggestion: "basics")) { try Self.course.resolve("basic") }
        #expect(throws: CourseError.unknownStep(lesson: "basics", step: "secnd", suggestion: "second")) { try Self.course.resolve("basics/secnd") }
    }

    @Test func movesAcrossLessons() {
        let last = Course.Position(lesson: "basics", step: "second")
        #expect(Self.course.next(after: last) == .init(lesson: "more", step: "command"))
        #expect(Self.course.previous(before: .init(lesson: "more", step: "command")) == last)
        #expect(Self.course.next(after: .init(lesson: "more", step: "command")) == nil)
        #expect(Self.course.previous(before: Self.course.first!) == nil)
    }
}
