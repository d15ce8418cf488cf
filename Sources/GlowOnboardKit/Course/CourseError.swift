import Checks
import Environment
/// What can go wrong around the course and the learner's files, each with a message that says what
/// and where, and what to do.
public enum CourseError: Error, Sendable, Equatable, CustomStringConvertible {
    case lessonsNotFound(String)
    case unreadable(String, String)
    case noLessons(String)
    case unknownLesson(String, suggestion: String?)
    case unknownStep(lesson: String, step: String, suggestion: String?)
    case progressUnreadable(path: String, reason: String)
    case progressWriteFailed(path: String, reason: String)
    case fileExists(String)

    public var description: String {
        switch self {
        case .lessonsNotFound(let path):
            return "no lessons at '\(path)': pass --lessons DIR or set GLOW_ONBOARD_LESSONS"
        case .unreadable(let path, let reason):
            return "cannot read '\(path)': \(reason)"
        case .noLessons(let path):
            return "'\(path)' holds no usable lesson: run 'glow-onboard lessons lint \(path)'"
        case .unknownLesson(let id, let suggestion):
            return "no lesson '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .unknownStep(let lesson, let step, let suggestion):
            return "lesson '\(lesson)' has no step '\(step)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .progressUnreadable(let path, let reason):
            return "cannot read progress file '\(path)': \(reason)"
        case .progressWriteFailed(let path, let reason):
            return "cannot save progress to '\(path)': \(reason)"
        case .fileExists(let path):
            return "'\(path)' already exists; not overwriting it"
        }
    }
}
