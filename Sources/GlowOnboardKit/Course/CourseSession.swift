import Environment
import Foundation

/// The learner's course session: the course, where they are, what they have done, and the store it is
/// saved in. Every change is a typed outcome; saying it in words is the presentation's job.
public final class CourseSession {
    public private(set) var course: Course
    public internal(set) var progress = LearnerProgress()
    public private(set) var position: Course.Position
    public let store: ProgressStore?
    /// The learner id a progress without one gets (`ChoiceOrder.newLearner`).
    let newLearner: String

    public init(course: Course, store: ProgressStore?, environment: [String: String] = [:]) {
        self.course = course
        self.store = store
        newLearner = ChoiceOrder.newLearner(environment: environment)
        position = course.first ?? Course.Position(lesson: "", step: "")
        progress.learner = newLearner
    }

    /// Whose order of choices this session shows.
    public var learner: String { progress.learner ?? newLearner }

    public var lesson: Lesson { course.lesson(position.lesson)! }
    public var step: Step { lesson.step(position.step)! }

    /// The first question of the current step not yet answered or skipped, as this learner sees it.
    public var openQuestion: Question? {
        step.questions.first { progress.record(position, question: $0.id).status == .open }
            .map { $0.presented(to: learner, in: position.lesson) }
    }

    public var firstUnfinished: Course.Position? {
        course.positions.first { p in
            guard let l = course.lesson(p.lesson), let s = l.step(p.step) else { return false }
            return !progress.isComplete(l, step: s)
        }
    }

    // MARK: loading and saving

    /// Reads the store; the notice says what happened to a file that could not be read.
    public func load() -> String? {
        guard let loaded = store?.load() else { return nil }
        // Renamed ids carry their progress over, written at once under the new ids (a session that
        // ends without an answer keeps it too).
        progress = loaded.progress.migrated(to: course)
        base = loaded.progress
        writable = loaded.writable
        if progress.learner == nil { progress.learner = newLearner }
        if progress.lessons != loaded.progress.lessons || progress.position != loaded.progress.position, let error = save() {
            return [loaded.notice, error.description].compactMap { $0 }.joined(separator: " ")
        }
        return loaded.notice
    }

    /// What the file held when this session last read or wrote it: what another session saved since is
    /// merged in at the next save, not written over.
    var base = LearnerProgress()
    /// False when the file was there but could not be read: it is never written over.
    public private(set) var writable = true

    /// Saves progress; the error says why it could not be (the answers stay in memory).
    public func save() -> CourseError? {
        guard let store, writable else { return nil }
        do { progress = try store.save(progress, since: base); base = progress } catch { return error }
        return nil
    }

    /// A new course (a reload); the position is kept when it still exists.
    public func replaceCourse(_ new: Course) -> Bool {
        course = new
        return course.isValid(position)
    }

    // MARK: moving

    /// Moves to `p`; true when it starts a lesson (its introduction is shown).
    @discardableResult
    public func move(to p: Course.Position) -> Bool {
        let newLesson = p.lesson != position.lesson || p.step == course.lesson(p.lesson)?.steps.first?.id
        position = p
        progress.position = p
        progress[step: p].visited = true
        return newLesson
    }

    /// Looks at `p` without recording a visit (a preview).
    public func look(at p: Course.Position) { position = p }

    // MARK: answering

    public enum Answered: Sendable {
        case correct(note: String?)
        case nearMiss(String)
        case wrong(feedback: String?, hintsLeft: Int)
        /// Not an answer of the question's form: what was typed, and what is expected.
        case unclear(String)
    }

    /// Records an answer to `q` (whose accepted answers may come from the environment).
    public func answer(_ text: String, to q: Question) -> Answered {
        var verdict = AnswerMatcher.check(text, against: q)
        // The other language's term for an accepted answer (`target group` for 대상 그룹) is the same answer.
        if !verdict.isCorrect, q.kind == .text || q.kind == .choice,
           let other = course.glossary.counterparts(of: text).first(where: { AnswerMatcher.check($0, against: q).isCorrect }) {
            let said = AnswerMatcher.check(other, against: q)
            if case .correct(let note) = said {
                verdict = .correct(note: [note, "(용어: \(text.trimmingWhitespace) = \(other))"].compactMap { $0 }.joined(separator: " "))
            }
        }
        var record = progress.record(position, question: q.id)
        record.attempts = min(record.attempts + 1, LearnerProgress.attemptsRange.upperBound)
        record.lastAnswer = text.trimmingWhitespace
        record.updated = Self.timestamp()
        let outcome: Answered
        switch verdict {
        case .correct(let note):
            record.status = .correct
            outcome = .correct(note: note)
        case .nearMiss(let message):
            record.rememberWrong(AnswerMatcher.meant(text, by: q))
            outcome = .nearMiss(message)
        case .wrong(let feedback):
            record.rememberWrong(AnswerMatcher.meant(text, by: q))
            outcome = .wrong(feedback: feedback, hintsLeft: q.hints.count - record.hintsShown)
        case .unclear(let message):
            record.rememberWrong(AnswerMatcher.meant(text, by: q))
            outcome = .unclear(message)
        }
        progress[step: position].questions[q.id] = record
        return outcome
    }

    public func skip(_ q: Question) {
        var record = progress.record(position, question: q.id)
        record.status = .skipped
        record.updated = Self.timestamp()
        progress[step: position].questions[q.id] = record
    }

    public enum HintShown: Sendable {
        /// The question's hint `number` of `total` (question and step hints together).
        case question(text: String, number: Int, total: Int)
        case step(Hint, number: Int, total: Int)
        /// No hint left; `questionOpen` says whether skip would help.
        case noneLeft(questionOpen: Bool)
    }

    /// The next hint: the open question's first, then the step's.
    public func nextHint() -> HintShown {
        let q = openQuestion
        if let q {
            var record = progress.record(position, question: q.id)
            if record.hintsShown < min(q.hints.count, LearnerProgress.hintsRange.upperBound) {
                record.hintsShown += 1
                progress[step: position].questions[q.id] = record
                return .question(text: q.hints[record.hintsShown - 1], number: record.hintsShown, total: q.hints.count + step.hints.count)
            }
        }
        var stepRecord = progress[step: position]
        let shown = stepRecord.stepHintsShown ?? 0
        guard shown < step.hints.count else { return .noneLeft(questionOpen: q != nil) }
        stepRecord.stepHintsShown = shown + 1
        progress[step: position] = stepRecord
        let before = q?.hints.count ?? 0
        return .step(step.hints[shown], number: before + shown + 1, total: before + step.hints.count)
    }

    // MARK: verify and reset

    /// A verify of the step at `p` passed or failed on `source`.
    public func recordVerify(at p: Course.Position, passed: Bool, source: String) {
        var record = progress[step: p]
        record.verified = passed ? Self.timestamp() : nil
        record.verifiedOn = passed ? source : nil
        progress[step: p] = record
    }

    public enum ResetScope: String, Sendable, CaseIterable {
        case step, lesson, all
    }

    /// Forgets progress in `scope` around `here`; returns where to go next (nil: stay).
    public func reset(_ scope: ResetScope, at here: Course.Position) -> Course.Position? {
        switch scope {
        case .step:
            progress.lessons[here.lesson]?[here.step] = LearnerProgress.StepRecord(visited: true)
            return nil
        case .lesson:
            progress.lessons[here.lesson] = nil
            return course.lesson(here.lesson)?.steps.first.map { Course.Position(lesson: here.lesson, step: $0.id) }
        case .all:
            let learner = learner
            progress = LearnerProgress()
            progress.learner = learner
            return course.first
        }
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
