import Checks
import Environment
/// What the learner has done, keyed by lesson, step and question ids so it survives edits to the
/// lessons. Small, versioned and readable: it is the learner's file.
public struct LearnerProgress: Sendable, Equatable, Codable {
    public static let currentVersion = 1

    public enum Status: String, Sendable, Codable, Comparable {
        case open, skipped, correct

        private var rank: Int { [.open: 0, .skipped: 1, .correct: 2][self]! }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    public struct QuestionRecord: Sendable, Equatable, Codable {
        public var status: Status
        public var attempts: Int
        public var hintsShown: Int
        /// The last answer given (it helps a learner see what they wrote).
        public var lastAnswer: String?
        /// The last few answers that were not right (oldest first, at most `wrongAnswersKept`, each
        /// at most `answerLength` characters): what `report` shows instructors to add as `mistakes`.
        public var wrongAnswers: [String]?
        public var updated: String?

        public init(status: Status = .open, attempts: Int = 0, hintsShown: Int = 0, lastAnswer: String? = nil,
                    wrongAnswers: [String]? = nil, updated: String? = nil) {
            self.status = status
            self.attempts = attempts
            self.hintsShown = hintsShown
            self.lastAnswer = lastAnswer
            self.wrongAnswers = wrongAnswers
            self.updated = updated
        }

        /// Keeps `answer` among the wrong answers: once (a repeat moves to the end), the last few only,
        /// each cut to `answerLength` characters and with no control characters.
        public mutating func rememberWrong(_ answer: String) {
            let kept = LearnerProgress.keepable(answer)
            guard !kept.isEmpty else { return }
            var list = (wrongAnswers ?? []).filter { $0 != kept }
            list.append(kept)
            wrongAnswers = Array(list.suffix(LearnerProgress.wrongAnswersKept))
        }
    }

    /// How many wrong answers a question keeps, and how long each may be.
    public static let wrongAnswersKept = 5
    public static let answerLength = 200

    /// An answer as the progress file keeps it: trimmed, control characters dropped, cut to `answerLength`.
    static func keepable(_ answer: String) -> String {
        // Control and format characters, and the noncharacters this program uses inside its own text
        // (U+FDD0…U+FDEF: colour and link marks, U+FFFE/U+FFFF), are not kept.
        let scalars = answer.unicodeScalars.filter {
            !($0.properties.generalCategory == .control || $0.properties.generalCategory == .format || $0.properties.isNoncharacterCodePoint)
        }
        return String(String(String.UnicodeScalarView(scalars)).trimmingWhitespace.prefix(answerLength))
    }

    public struct StepRecord: Sendable, Equatable, Codable {
        public var visited: Bool
        public var stepHintsShown: Int?
        /// When the step's verify block last passed.
        public var verified: String?
        /// The source it passed on (`sandbox`, `live aws …`, `fixture DIR`).
        public var verifiedOn: String?
        public var questions: [String: QuestionRecord]

        public init(visited: Bool = false, questions: [String: QuestionRecord] = [:]) {
            self.visited = visited
            self.questions = questions
        }
    }

    public var version: Int
    /// Who this is, for the order of choices (`ChoiceOrder`): made at the first session, kept ever after,
    /// never reset with the answers.
    public var learner: String?
    public var position: Course.Position?
    /// lesson id → step id → record.
    public var lessons: [String: [String: StepRecord]]

    public init(version: Int = LearnerProgress.currentVersion, position: Course.Position? = nil, lessons: [String: [String: StepRecord]] = [:]) {
        self.version = version
        self.position = position
        self.lessons = lessons
    }

    public subscript(step p: Course.Position) -> StepRecord {
        get { lessons[p.lesson]?[p.step] ?? StepRecord() }
        set { lessons[p.lesson, default: [:]][p.step] = newValue }
    }

    public func record(_ p: Course.Position, question: String) -> QuestionRecord {
        self[step: p].questions[question] ?? QuestionRecord()
    }

    /// Counts a file may hold: more attempts or hints than a person could make is a damaged file, and a
    /// number out of range never reaches arithmetic (`attempts` near Int.max once trapped at the next try).
    public static let attemptsRange = 0...1_000_000
    public static let hintsRange = 0...10_000

    /// What is out of range in this progress, said as the file's path to it; nil when all is in range.
    public var outOfRange: String? {
        for (lessonId, steps) in lessons.sorted(by: { $0.key < $1.key }) {
            for (stepId, step) in steps.sorted(by: { $0.key < $1.key }) {
                if let shown = step.stepHintsShown, !Self.hintsRange.contains(shown) {
                    return "'lessons.\(lessonId).\(stepId).stepHintsShown'의 값 \(shown, .은는) \(Self.hintsRange.lowerBound)…\(Self.hintsRange.upperBound) 밖이에요"
                }
                for (qid, q) in step.questions.sorted(by: { $0.key < $1.key }) {
                    if !Self.attemptsRange.contains(q.attempts) {
                        return "'lessons.\(lessonId).\(stepId).questions.\(qid).attempts'의 값 \(q.attempts, .은는) \(Self.attemptsRange.lowerBound)…\(Self.attemptsRange.upperBound) 밖이에요"
                    }
                    if let wrong = q.wrongAnswers, wrong.count > Self.wrongAnswersKept || wrong.contains(where: { $0.count > Self.answerLength }) {
                        return "'lessons.\(lessonId).\(stepId).questions.\(qid).wrongAnswers'에 답이 \(Self.wrongAnswersKept)개보다 많거나 \(Self.answerLength)자보다 긴 답이 있어요"
                    }
                    if !Self.hintsRange.contains(q.hintsShown) {
                        return "'lessons.\(lessonId).\(stepId).questions.\(qid).hintsShown'의 값 \(q.hintsShown, .은는) \(Self.hintsRange.lowerBound)…\(Self.hintsRange.upperBound) 밖이에요"
                    }
                }
            }
        }
        return nil
    }

    /// Questions answered correctly or skipped, out of all, for a lesson.
    public func done(in lesson: Lesson) -> (done: Int, total: Int) {
        var done = 0, total = 0
        for step in lesson.steps {
            for q in step.questions {
                total += 1
                let status = lessons[lesson.id]?[step.id]?.questions[q.id]?.status ?? .open
                if status != .open { done += 1 }
            }
        }
        return (done, total)
    }

    /// Every question answered or skipped, and the verify block (if any) passed.
    public func isComplete(_ lesson: Lesson, step: Step) -> Bool {
        let record = lessons[lesson.id]?[step.id]
        let answered = step.questions.allSatisfy { (record?.questions[$0.id]?.status ?? .open) != .open }
        return answered && (step.verify == nil || step.verify?.fixture != nil || record?.verified != nil)
    }

    /// A three-way merge for two sessions on one file: each question and step record this progress changed
    /// since `base` is taken from it (a new answer, or a reset that removed it), every other from
    /// `theirs` (what another session saved meanwhile). Position and learner are this session's.
    public func merged(changedSince base: LearnerProgress, over theirs: LearnerProgress) -> LearnerProgress {
        var result = theirs
        result.version = version
        result.learner = learner ?? theirs.learner
        result.position = position ?? theirs.position
        let lessonIds = Set(lessons.keys).union(base.lessons.keys)
        for lessonId in lessonIds {
            let stepIds = Set((lessons[lessonId] ?? [:]).keys).union((base.lessons[lessonId] ?? [:]).keys)
            for stepId in stepIds {
                let mine = lessons[lessonId]?[stepId], was = base.lessons[lessonId]?[stepId]
                guard mine != was else { continue }
                guard let mine else {
                    // Reset here: whatever the step held is gone in this session.
                    result.lessons[lessonId]?[stepId] = nil
                    continue
                }
                var step = result.lessons[lessonId]?[stepId] ?? StepRecord()
                if mine.visited != was?.visited { step.visited = mine.visited || step.visited }
                if mine.stepHintsShown != was?.stepHintsShown { step.stepHintsShown = mine.stepHintsShown }
                if mine.verified != was?.verified || mine.verifiedOn != was?.verifiedOn {
                    step.verified = mine.verified
                    step.verifiedOn = mine.verifiedOn
                }
                let questionIds = Set(mine.questions.keys).union(was.map { Array($0.questions.keys) } ?? [])
                for qid in questionIds where mine.questions[qid] != was?.questions[qid] {
                    step.questions[qid] = mine.questions[qid]
                }
                result.lessons[lessonId, default: [:]][stepId] = step
            }
            if result.lessons[lessonId]?.isEmpty == true { result.lessons[lessonId] = nil }
        }
        return result
    }

    /// Progress under ids the course has renamed (a lesson's `aliases`, its `renamed` steps and
    /// questions) carried to the ids it has now, combined as `merged(with:)` combines two machines'
    /// records where both hold something. Nothing else changes; the position follows.
    public func migrated(to course: Course) -> LearnerProgress {
        var result = self
        func combine(_ lesson: String, _ step: String, _ incoming: StepRecord) {
            var one = LearnerProgress()
            one.lessons = [lesson: [step: incoming]]
            var here = LearnerProgress()
            if let existing = result.lessons[lesson]?[step] { here.lessons = [lesson: [step: existing]] }
            result.lessons[lesson, default: [:]][step] = here.merged(with: one).lessons[lesson]?[step]
        }
        for lesson in course.lessons {
            for alias in lesson.aliases {
                guard let steps = result.lessons.removeValue(forKey: alias) else { continue }
                for (step, record) in steps { combine(lesson.id, step, record) }
                if result.position?.lesson == alias { result.position?.lesson = lesson.id }
            }
            // Questions first, under the step ids the file has; then the steps (a question renamed along
            // with its step is found where it was).
            for (old, new) in lesson.renamed.sorted(by: { $0.key < $1.key }) where old.contains("/") {
                let from = old.split(separator: "/").map(String.init), to = new.split(separator: "/").map(String.init)
                guard let record = result.lessons[lesson.id]?[from[0]]?.questions.removeValue(forKey: from[1]) else { continue }
                var moved = StepRecord()
                moved.questions = [to[1]: record]
                combine(lesson.id, to[0], moved)
            }
            for (old, new) in lesson.renamed.sorted(by: { $0.key < $1.key }) where !old.contains("/") {
                guard let record = result.lessons[lesson.id]?.removeValue(forKey: old) else { continue }
                combine(lesson.id, new, record)
                if result.position == Course.Position(lesson: lesson.id, step: old) { result.position?.step = new }
            }
        }
        return result
    }

    /// Combines two records of the same learner (another machine's export): for each question the better
    /// outcome wins, attempts and hints add up to the larger; the position comes from `other` if set.
    public func merged(with other: LearnerProgress) -> LearnerProgress {
        var result = self
        for (lessonId, steps) in other.lessons {
            for (stepId, theirs) in steps {
                var mine = result.lessons[lessonId]?[stepId] ?? StepRecord()
                mine.visited = mine.visited || theirs.visited
                if let hints = theirs.stepHintsShown { mine.stepHintsShown = max(mine.stepHintsShown ?? 0, hints) }
                if mine.verified == nil {
                    mine.verified = theirs.verified
                    mine.verifiedOn = theirs.verifiedOn
                }
                for (qid, t) in theirs.questions {
                    guard let m = mine.questions[qid] else { mine.questions[qid] = t; continue }
                    var best = t.status > m.status ? t : m
                    best.attempts = max(m.attempts, t.attempts)
                    best.hintsShown = max(m.hintsShown, t.hintsShown)
                    best.wrongAnswers = nil
                    for answer in (m.wrongAnswers ?? []) + (t.wrongAnswers ?? []) { best.rememberWrong(answer) }
                    mine.questions[qid] = best
                }
                result.lessons[lessonId, default: [:]][stepId] = mine
            }
        }
        result.learner = learner ?? other.learner
        result.position = other.position ?? self.position
        return result
    }
}
