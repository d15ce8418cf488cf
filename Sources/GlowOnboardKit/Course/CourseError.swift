import Checks
import Environment
/// What can go wrong around the course and the learner's files, each with a message that says what
/// and where, and what to do.
public enum CourseError: Error, Sendable, Equatable, CustomStringConvertible {
    case lessonsNotFound(String)
    case unreadable(String, String)
    case noLessons(String)
    case unknownLesson(String, suggestion: String?)
    /// Title words that more than one lesson has (`goto 인스턴스`): the lessons, as `id (title)`.
    case ambiguousLesson(String, candidates: [String])
    case unknownStep(lesson: String, step: String, suggestion: String?)
    case progressUnreadable(path: String, reason: String)
    case progressWriteFailed(path: String, reason: String)
    case fileExists(String)

    public var description: String {
        switch self {
        case .lessonsNotFound(let path):
            return "\(path)에 레슨이 없어요. --lessons DIR을 주거나 GLOW_ONBOARD_LESSONS를 정해 주세요."
        case .unreadable(let path, let reason):
            return "\(path, .을를) 읽을 수 없어요: \(reason)"
        case .noLessons(let path):
            return "\(path)에 쓸 수 있는 레슨이 없어요. 'glow-onboard lessons lint \(path)'로 확인해 주세요."
        case .unknownLesson(let id, let suggestion):
            return "'\(id)' 레슨은 없어요." + (suggestion.map { " " + "'\($0)'".with(.을를) + " 말한 건가요?" } ?? " 목록은 lessons.")
        case .ambiguousLesson(let words, let candidates):
            return "\("'\(words)'".with(.은는)) 여러 레슨의 제목에 있어요: \(candidates.joined(separator: ", ")). 아이디나 번호로 골라 주세요."
        case .unknownStep(let lesson, let step, let suggestion):
            return "\(lesson) 레슨에 '\(step)' 단계는 없어요." + (suggestion.map { " " + "'\($0)'".with(.을를) + " 말한 건가요?" } ?? "")
        case .progressUnreadable(let path, let reason):
            return "진도 파일 \(path, .을를) 읽을 수 없어요: \(reason)"
        case .progressWriteFailed(let path, let reason):
            return "진도를 \(path)에 저장하지 못했어요: \(reason)"
        case .fileExists(let path):
            return "\(path, .이가) 이미 있어요. 덮어쓰지 않아요."
        }
    }
}
