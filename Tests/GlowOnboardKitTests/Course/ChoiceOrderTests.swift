import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

@Suite struct ChoiceOrderTests {
    static let question = Question(id: "q", kind: .choice, prompt: "?", choices: ["A", "B", "C", "D"], answers: ["B"])

    @Test func theSameLearnerSeesTheSameOrderEverySession() {
        let first = Self.question.presented(to: "learner-1", in: "vpc").choices
        #expect(Self.question.presented(to: "learner-1", in: "vpc").choices == first)
        #expect(Set(first) == Set(Self.question.choices))
        // A fixed key is a fixed permutation on every machine and run (no per-process hash seed).
        #expect(ChoiceOrder.permutation(count: 4, key: "learner-1/vpc/q") == ChoiceOrder.permutation(count: 4, key: "learner-1/vpc/q"))
    }

    @Test func learnersSeeDifferentOrdersAndEveryPositionIsEquallyLikely() {
        var where_ = [Int](repeating: 0, count: 4)
        for n in 0..<4000 {
            let shown = Self.question.presented(to: "learner-\(n)", in: "vpc").choices
            where_[shown.firstIndex(of: "B")!] += 1
        }
        // 1000 expected in each place; 4 standard deviations is about 110.
        for count in where_ { #expect(abs(count - 1000) < 110, "\(where_)") }
    }

    @Test func theNumberTypedIsTheOneShown() {
        let shown = Self.question.presented(to: "learner-7", in: "vpc")
        let number = shown.choices.firstIndex(of: "B")! + 1
        #expect(AnswerMatcher.check("\(number)", against: shown).isCorrect)
        let other = number == 1 ? 2 : 1
        #expect(!AnswerMatcher.check("\(other)", against: shown).isCorrect)
        #expect(AnswerMatcher.check("B", against: shown).isCorrect)
    }

    @Test func otherKindsAreNotTouched() {
        let text = Question(id: "t", kind: .text, prompt: "?", answers: ["x"])
        #expect(text.presented(to: "anyone", in: "vpc") == text)
    }

    @Test func theLearnerIdIsKeptInProgressAndSurvivesResetAndMerge() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: "\(dir)/progress.json")
        let course = Course(lessons: try LessonLinter.lint(path: Paths.fixture("lessons-good")).lessons, directory: Paths.fixture("lessons-good"))
        let session = CourseSession(course: course, store: store)
        _ = session.load()
        let learner = session.learner
        #expect(learner.count == 16 && learner.allSatisfy(\.isHexDigit))
        #expect(session.save() == nil)
        let again = CourseSession(course: course, store: store)
        _ = again.load()
        #expect(again.learner == learner)
        #expect(again.openQuestion?.choices == session.openQuestion?.choices)
        _ = again.reset(.all, at: again.position)
        #expect(again.learner == learner)
        var other = LearnerProgress()
        other.learner = "someone-else"
        #expect(again.progress.merged(with: other).learner == learner)
        // A fixed id where the environment sets one (transcripts).
        #expect(CourseSession(course: course, store: nil, environment: ["GLOW_ONBOARD_LEARNER": "transcript"]).learner == "transcript")
    }
}
