import Checks
import Environment
/// A ```question block.
public struct Question: Sendable, Hashable, Identifiable {
    /// A wrong answer the author expects, with what to tell the learner who gives it.
    public struct Mistake: Sendable, Hashable {
        public var answer: String
        public var say: String
        public init(answer: String, say: String) {
            self.answer = answer
            self.say = say
        }
    }

    public var id: String
    public var kind: AnswerKind
    public var prompt: String
    public var choices: [String]
    /// Accepted answers (for `regex`, patterns). The first is the one shown as "the answer".
    public var answers: [String]
    /// A JMESPath query over the learner's environment whose result is the accepted answer (a value or a
    /// list of values), compared with the question's matcher: "what DNS name does app.glowcorp.io point at?"
    public var answerQuery: String?
    /// What to add when a particular accepted answer is given (e.g. which Linux a command is for).
    public var answerNotes: [String: String]
    /// A sample correct answer, shown where `answers` are patterns or the kind accepts a range.
    public var example: String?
    /// For `cidr-within` and `ip-in-cidr`: the block the answer must lie in.
    public var within: String?
    /// For `cidr-within`: the prefix length the answer must have.
    public var prefix: Int?
    /// For `number`: units the learner may type after the number ("초", "s").
    public var units: [String]
    public var hints: [String]
    public var explain: String?
    public var mistakes: [Mistake]
    public var line: Int

    public init(id: String, kind: AnswerKind, prompt: String, choices: [String] = [], answers: [String] = [],
                answerNotes: [String: String] = [:], example: String? = nil, within: String? = nil, prefix: Int? = nil, units: [String] = [], hints: [String] = [],
                explain: String? = nil, mistakes: [Mistake] = [], line: Int = 0) {
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.choices = choices
        self.answers = answers
        self.example = example
        self.answerNotes = answerNotes
        self.within = within
        self.prefix = prefix
        self.units = units
        self.hints = hints
        self.explain = explain
        self.mistakes = mistakes
        self.line = line
    }

    /// What to show as the answer after a skip or a correct answer.
    public var displayAnswer: String {
        if let example { return example }
        switch kind {
        case .cidrWithin:
            let length = prefix.map { "/\($0) " } ?? ""
            return "\(within ?? "?") 안의 \(length)블록"
        case .ipInCidr:
            return "\(within ?? "?") 안의 주소"
        default:
            return answers.first ?? ""
        }
    }
}
