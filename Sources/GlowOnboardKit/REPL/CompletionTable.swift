import Checks
import Environment
import JMESPath
import JSON

/// What Tab can complete at this moment: commands (first word), lesson references after `goto`,
/// `reset`'s scopes, and the choices of an open choice question.
public struct CompletionTable: Sendable, Equatable {
    public var commands: [String] = []
    public var lessonReferences: [String] = []
    public var choices: [String] = []
    /// The environment's document, for completing keys after `query`.
    public var document: JSONValue?

    public init(commands: [String] = [], lessonReferences: [String] = [], choices: [String] = [], document: JSONValue? = nil) {
        self.commands = commands
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

    /// Candidates for the word that starts at `wordStart` in `line`.
    public func candidates(line: String, wordStart: Int, word: String) -> [String] {
        let before = String(line.prefix(wordStart)).split(whereSeparator: \.isWhitespace).map(String.init)
        let pool: [String]
        if before.isEmpty {
            pool = commands + choices
        } else {
            switch Command.canonicalName(before[0]) {
            case "goto": pool = before.count == 1 ? lessonReferences : []
            case "reset": pool = before.count == 1 ? ["step", "lesson", "all"] : []
            case "answer": pool = choices
            case "progress": pool = before.count == 1 ? ["export", "import"] : []
            case "source": pool = before.count == 1 ? ["fixture", "default", "aws", "host"] : before.count == 2 && before[1] == "host" ? ["local"] : []
            case "verify": pool = before.count == 1 ? ["all", "--refresh"] : []
            case "query": pool = queryKeys(word)
            default: pool = []
            }
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
