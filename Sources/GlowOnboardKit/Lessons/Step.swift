import Checks
import Environment
/// A level-2 heading of a lesson and everything up to the next one.
public struct Step: Sendable, Hashable, Identifiable {
    public enum Part: Sendable, Hashable {
        case prose(Block)
        case question(Question)
        case hint(Hint)
        case verify(VerifySpec)
    }

    public var id: String
    public var title: String
    public var line: Int
    public var parts: [Part]

    public init(id: String, title: String, line: Int, parts: [Part] = []) {
        self.id = id
        self.title = title
        self.line = line
        self.parts = parts
    }

    public var questions: [Question] {
        parts.compactMap { if case .question(let q) = $0 { return q } else { return nil } }
    }

    public var hints: [Hint] {
        parts.compactMap { if case .hint(let h) = $0 { return h } else { return nil } }
    }

    public var verify: VerifySpec? {
        parts.lazy.compactMap { if case .verify(let v) = $0 { return v } else { return nil } }.first
    }

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
}
