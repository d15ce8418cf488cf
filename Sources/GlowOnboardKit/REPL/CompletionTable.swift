import JMESPath
import JSON

/// What completion may know at a prompt: values the session already has. Nothing here reads.
public struct CompletionContext: Sendable, Equatable {
    public var lessonReferences: [String] = []
    public var choices: [String] = []
    /// The environment's document, when it was already read (for completing keys after `query`).
    public var document: JSONValue?

    public init(lessonReferences: [String] = [], choices: [String] = [], document: JSONValue? = nil) {
        self.lessonReferences = lessonReferences
        self.choices = choices
        self.document = document
    }

    /// Keys that can follow `word` in a query: `LoadBalancers[].Sch` → `LoadBalancers[].Scheme`. The part
    /// before the last `.` is evaluated; an array offers the keys of its first object.
    func queryKeys(_ word: String) -> [String] {
        guard let document else { return [] }
        let (prefix, partial): (String, String) = {
            guard let dot = word.lastIndex(of: ".") else { return ("", word) }
            return (String(word[..<dot]), String(word[word.index(after: dot)...]))
        }()
        var value = document
        if !prefix.isEmpty {
            guard let v = try? JMESPathExpression(prefix).evaluate(document) else { return [] }
            value = v
        }
        let object = value.object ?? value.elements.lazy.compactMap(\.object).first
        let keys = object?.keys ?? []
        return keys.filter { $0.hasPrefix(partial) }.map { prefix.isEmpty ? $0 : prefix + "." + $0 }
    }
}

/// What Tab completes at this moment: the commands of the table (first word), then whatever the
/// command's own completer offers, and the choices of an open choice question.
public struct CompletionTable: Sendable {
    public var context: CompletionContext

    public init(context: CompletionContext = CompletionContext()) { self.context = context }

    /// Candidates for the word that starts at `wordStart` in `line`.
    public func candidates(line: String, wordStart: Int, word: String) -> [String] {
        let before = String(line.prefix(wordStart)).split(whereSeparator: \.isWhitespace).map(String.init)
        let pool: [String]
        if let name = before.first {
            pool = ReplCommand.named(name).map { $0.complete(context, Array(before.dropFirst()), word) } ?? []
        } else {
            pool = ReplCommand.all.map(\.name) + context.choices
        }
        var seen = Set<String>()
        return pool.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    }

    /// The longest prefix all candidates share (what Tab inserts when several match).
    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
