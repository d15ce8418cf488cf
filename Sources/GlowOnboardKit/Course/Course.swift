import Checks
import Environment
/// The lessons in course order, and how to move through their steps.
public struct Course: Sendable {
    public var lessons: [Lesson]
    /// Where the lessons were read from (for `reload` and for image paths).
    public var directory: String
    /// The console's Korean and the API's English for the course's terms (`Lessons/glossary.txt`).
    public var glossary: Glossary

    public init(lessons: [Lesson], directory: String) {
        // A lesson named by an earlier id (its `aliases`) is required under the id it has now.
        var current: [String: String] = [:]
        for lesson in lessons { for alias in lesson.aliases { current[alias] = lesson.id } }
        let ids = Set(lessons.map(\.id))
        self.lessons = lessons.sorted { ($0.order, $0.id) < ($1.order, $1.id) }.map { lesson in
            var lesson = lesson
            lesson.requires = lesson.requires.map { ids.contains($0) ? $0 : current[$0] ?? $0 }
            return lesson
        }
        self.directory = directory
        glossary = directory.isEmpty ? Glossary() : Glossary.load(directory: directory).glossary
    }

    /// A place in the course.
    public struct Position: Sendable, Hashable, Codable {
        public var lesson: String
        public var step: String
        public init(lesson: String, step: String) {
            self.lesson = lesson
            self.step = step
        }
    }

    public func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }

    public var first: Position? {
        lessons.first.flatMap { l in l.steps.first.map { Position(lesson: l.id, step: $0.id) } }
    }

    public func isValid(_ p: Position) -> Bool { lesson(p.lesson)?.step(p.step) != nil }

    /// Every position in course order.
    public var positions: [Position] {
        lessons.flatMap { l in l.steps.map { Position(lesson: l.id, step: $0.id) } }
    }

    public func next(after p: Position) -> Position? {
        let all = positions
        guard let i = all.firstIndex(of: p), i + 1 < all.count else { return nil }
        return all[i + 1]
    }

    public func previous(before p: Position) -> Position? {
        let all = positions
        guard let i = all.firstIndex(of: p), i > 0 else { return nil }
        return all[i - 1]
    }

    /// Resolves `lesson`, `lesson/step`, or a lesson's number in the list (`3`, `3/2`).
    public func resolve(_ reference: String) throws(CourseError) -> Position {
        let parts = reference.split(separator: "/", maxSplits: 1).map { String($0).trimmingWhitespace }
        guard let lessonRef = parts.first, !lessonRef.isEmpty else { throw .unknownLesson(reference, suggestion: nil) }
        let found: Lesson?
        if let n = Int(lessonRef), (1...lessons.count).contains(n) {
            found = lessons[n - 1]
        } else if let exact = lesson(lessonRef) ?? lesson(lessonRef.lowercased()) ?? lessons.first(where: { $0.aliases.contains(lessonRef.lowercased()) }) {
            found = exact
        } else {
            // Words of a title, as a learner remembers the lesson (`goto 서브넷`, `goto 라우팅 테이블`).
            let words = lessonRef.lowercased().split(whereSeparator: \.isWhitespace).map { String($0) }
            let titled = words.isEmpty ? [] : lessons.filter { lesson in
                let title = lesson.title.lowercased()
                return words.allSatisfy { title.contains($0) }
            }
            if titled.count > 1 {
                throw .ambiguousLesson(lessonRef, candidates: titled.map { "\($0.id) (\($0.title))" })
            }
            found = titled.first
        }
        guard let lesson = found else {
            throw .unknownLesson(lessonRef, suggestion: lessonRef.closest(in: lessons.map(\.id)))
        }
        guard parts.count == 2 else {
            guard let step = lesson.steps.first else { throw .unknownStep(lesson: lesson.id, step: "", suggestion: nil) }
            return Position(lesson: lesson.id, step: step.id)
        }
        let stepRef = parts[1]
        if let n = Int(stepRef), (1...lesson.steps.count).contains(n) {
            return Position(lesson: lesson.id, step: lesson.steps[n - 1].id)
        }
        guard let step = lesson.step(stepRef) else {
            throw .unknownStep(lesson: lesson.id, step: stepRef, suggestion: stepRef.closest(in: lesson.steps.map(\.id)))
        }
        return Position(lesson: lesson.id, step: step.id)
    }
}
