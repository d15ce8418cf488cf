/// What Tab can complete at this moment: commands (first word), lesson references after `goto`,
/// `reset`'s scopes, and the choices of an open choice question.
public struct CompletionTable: Sendable, Equatable {
    public var commands: [String] = []
    public var lessonReferences: [String] = []
    public var choices: [String] = []

    public init(commands: [String] = [], lessonReferences: [String] = [], choices: [String] = []) {
        self.commands = commands
        self.lessonReferences = lessonReferences
        self.choices = choices
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
            case "source": pool = before.count == 1 ? ["fixture", "default"] : []
            case "verify": pool = before.count == 1 ? ["all"] : []
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
