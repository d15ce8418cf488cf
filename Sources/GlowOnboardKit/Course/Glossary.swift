import Environment
import Foundation

/// The course's terms, the Korean AWS console's word beside the API's English one (`대상 그룹 = target
/// group`), from `Lessons/glossary.txt`: one term a line, `한국어 = English`, alternatives after ` / `,
/// `#` comments. The REPL's `용어` lists and searches it; an answer in the other language's term of an
/// accepted answer is understood; lint checks the file.
public struct Glossary: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var korean: [String]
        public var english: [String]
        public var line: Int
        public var all: [String] { korean + english }
    }

    public var entries: [Entry] = []
    public var file: String?

    public init(entries: [Entry] = [], file: String? = nil) {
        self.entries = entries
        self.file = file
    }

    public static let fileName = "glossary.txt"
    static let maximumSize = 256 << 10

    /// The glossary beside the lessons, if there is one (a missing file is an empty glossary).
    public static func load(directory: String) -> (glossary: Glossary, diagnostics: [Diagnostic]) {
        let path = (directory.isEmpty ? "." : directory) + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return (Glossary(), []) }
        let data: Data
        do { data = try BoundedRead.file(path, limit: maximumSize) } catch {
            return (Glossary(file: path), [.error(SourceLocation(file: path, line: 1), "cannot read the glossary: \(error)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (Glossary(file: path), [.error(SourceLocation(file: path, line: 1), "the glossary is not valid UTF-8")])
        }
        return parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) -> (glossary: Glossary, diagnostics: [Diagnostic]) {
        var glossary = Glossary(file: file)
        var diagnostics: [Diagnostic] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?.trimmingWhitespace ?? ""
            if line.isEmpty { continue }
            let sides = line.components(separatedBy: " = ")
            guard sides.count == 2 else {
                diagnostics.append(.error(SourceLocation(file: file, line: n + 1), "a glossary line is '한국어 = English' (alternatives after ' / '), not '\(line.prefix(60))'"))
                continue
            }
            func terms(_ side: String) -> [String] { side.components(separatedBy: " / ").map(\.trimmingWhitespace).filter { !$0.isEmpty } }
            let entry = Entry(korean: terms(sides[0]), english: terms(sides[1]), line: n + 1)
            guard !entry.korean.isEmpty, !entry.english.isEmpty else {
                diagnostics.append(.error(SourceLocation(file: file, line: n + 1), "a glossary line needs a term on each side of ' = '"))
                continue
            }
            if let earlier = glossary.entries.first(where: { e in e.all.contains { a in entry.all.contains { Self.key($0) == Self.key(a) } } }) {
                diagnostics.append(.warning(SourceLocation(file: file, line: n + 1), "a term here is also on line \(earlier.line)"))
            }
            glossary.entries.append(entry)
        }
        return (glossary, diagnostics)
    }

    /// Terms compared as answers are: case, spaces and hyphens aside.
    static func key(_ term: String) -> String { AnswerMatcher.compactText(term) }

    /// The other language's terms for `term` (both ways), when it is a term of the glossary.
    public func counterparts(of term: String) -> [String] {
        let k = Self.key(term)
        guard !k.isEmpty else { return [] }
        return entries.flatMap { e -> [String] in
            if e.korean.contains(where: { Self.key($0) == k }) { return e.english }
            if e.english.contains(where: { Self.key($0) == k }) { return e.korean }
            return []
        }
    }

    /// Entries with a term containing `word` (any case), for `용어 WORD`.
    public func search(_ word: String) -> [Entry] {
        let k = Self.key(word)
        guard !k.isEmpty else { return entries }
        return entries.filter { $0.all.contains { Self.key($0).contains(k) } }
    }
}
