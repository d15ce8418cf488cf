import Checks
import Environment
import JMESPath
import Yams

/// A YAML text inside a lesson (the frontmatter, or the body of a fenced block), with what is needed to
/// turn Yams' marks into positions in the lesson file and to collect every problem instead of the first.
final class YAMLSection {
    let file: String
    /// File line of the YAML text's first line, and file column of its first column.
    let baseLine: Int
    let baseColumn: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, baseLine: Int, baseColumn: Int = 1) {
        self.file = file
        self.baseLine = baseLine
        self.baseColumn = baseColumn
    }

    func location(_ mark: Mark?) -> SourceLocation {
        // Without a mark (an empty block), point at the line that opens it: the fence or the first '---'.
        guard let mark else { return SourceLocation(file: file, line: max(1, baseLine - 1), column: baseColumn) }
        return SourceLocation(file: file, line: baseLine + mark.line - 1, column: baseColumn + mark.column - 1)
    }

    /// Where column `column` (1-based) of a one-line scalar value is: past the opening quote, if any.
    func location(inside node: Node?, column: Int?) -> SourceLocation {
        var at = location(node?.mark)
        guard let column, case .scalar(let s)? = node, s.style != .literal, s.style != .folded else { return at }
        at.column += column - 1 + (s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0)
        return at
    }

    /// A JMESPath error said for an author: a JSON literal in backticks where a string was meant is
    /// told how to quote it.
    static func jmespathProblem(_ error: JMESPathError) -> String {
        guard let start = error.message.range(of: "invalid JSON literal `"),
              let end = error.message[start.upperBound...].firstIndex(of: "`") else { return error.message }
        let literal = String(error.message[start.upperBound..<end])
        return error.message + "; in JMESPath `…` holds a JSON value, so a string inside backticks needs JSON's double quotes (`\"\(literal)\"`), or write it as a raw string in single quotes ('\(literal)')"
    }

    func error(_ mark: Mark?, _ message: String) { diagnostics.append(.error(location(mark), message)) }
    func warning(_ mark: Mark?, _ message: String) { diagnostics.append(.warning(location(mark), message)) }
    func error(at location: SourceLocation, _ message: String) { diagnostics.append(.error(location, message)) }

    /// Parses the text into a node tree; a syntax error becomes one diagnostic at its position.
    func compose(_ text: String, what: String) -> Node? {
        do {
            // The basic resolver reads every scalar as a string: we interpret values ourselves, and
            // skipping the default resolver's regular expressions halves the time to load the course.
            // The explicit encoding spares Yams a look at the environment on every parse.
            return try Yams.compose(yaml: text, Resolver.basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                // What stands at the mark says why, in the author's terms: a tab, or a backtick.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let line = mark.line >= 1 && mark.line <= lines.count ? Array(lines[mark.line - 1]) : []
                let here = mark.column >= 1 && mark.column <= line.count ? line[mark.column - 1] : nil
                if here == "\t" || line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                    let tab = line.firstIndex(of: "\t") ?? 0
                    self.error(at: SourceLocation(file: file, line: baseLine + mark.line - 1, column: baseColumn + tab),
                               "a tab in the YAML of the \(what): YAML indents with spaces only; replace the tab with spaces")
                    return nil
                }
                if here == "`" {
                    let key = String(line.prefix(mark.column - 1)).trimmingWhitespace
                    let value = String(line.dropFirst(mark.column - 1)).trimmingWhitespace
                    self.error(mark, "a YAML value cannot start with a backtick (`) in the \(what): quote the whole value, e.g. \(key) \"\(value.replacingOccurrences("\"", with: "\\\""))\"")
                    return nil
                }
                let detail = context.map { " (\($0.text) at line \(baseLine + $0.mark.line - 1))" } ?? ""
                let tip = problem.contains("mapping values are not allowed")
                    ? "; a value containing ': ' must be quoted (\"…\") or written as a block ('key: |' and indented lines)" : ""
                self.error(mark, "invalid YAML in \(what): \(problem)\(detail)\(tip)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                self.error(context.mark, "duplicate key in \(what): \(duplicates.joined(separator: ", "))")
            case .reader(let problem, _, _, _):
                self.error(nil, "cannot read \(what): \(problem)")
            default:
                self.error(nil, "invalid YAML in \(what): \(error)")
            }
        } catch {
            self.error(nil, "invalid YAML in \(what): \(error)")
        }
        return nil
    }

    /// Reads a mapping's fields, reporting unknown and duplicate keys once each.
    func fields(_ node: Node, what: String, known: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error(node.mark, "\(what) must be a mapping of `key: value` lines")
            return nil
        }
        var values: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error(key.mark, "\(what) has a key that is not a plain name")
                continue
            }
            if values[name] != nil {
                error(key.mark, "duplicate field '\(name)' in \(what)")
                continue
            }
            if !known.contains(name) {
                let suggestion = name.closest(in: known).map { " (did you mean '\($0)'?)" } ?? ""
                error(key.mark, "unknown field '\(name)' in \(what)\(suggestion); known fields: \(known.joined(separator: ", "))")
                continue
            }
            values[name] = (key, value)
        }
        return Fields(section: self, what: what, values: values, mark: node.mark)
    }

    struct Fields {
        let section: YAMLSection
        let what: String
        let values: [String: (key: Node, value: Node)]
        let mark: Mark?

        func has(_ key: String) -> Bool { values[key] != nil }
        func keyMark(_ key: String) -> Mark? { values[key]?.key.mark ?? mark }
        func valueMark(_ key: String) -> Mark? { values[key]?.value.mark ?? mark }
        func node(_ key: String) -> Node? { values[key]?.value }

        func string(_ key: String, required: Bool = false) -> String? {
            guard let entry = values[key] else {
                if required { section.error(mark, "\(what) is missing required field '\(key)'") }
                return nil
            }
            guard let scalar = entry.value.scalar else {
                section.error(entry.value.mark, "'\(key)' in \(what) must be a single value, not a list or mapping")
                return nil
            }
            let text = scalar.string.trimmingWhitespace
            if text.isEmpty && required {
                section.error(entry.value.mark, "'\(key)' in \(what) is empty")
                return nil
            }
            return scalar.string
        }

        /// A whole number in `range` (every number a lesson gives is bounded, so none reaches arithmetic
        /// that could overflow).
        func int(_ key: String, required: Bool = false, in range: ClosedRange<Int> = 0...100_000) -> Int? {
            guard let text = string(key, required: required) else { return nil }
            guard let value = Int(text.trimmingWhitespace) else {
                section.error(valueMark(key), "'\(key)' in \(what) must be a whole number, not '\(text)'")
                return nil
            }
            guard range.contains(value) else {
                section.error(valueMark(key), "'\(key)' in \(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
                return nil
            }
            return value
        }

        func bool(_ key: String) -> Bool? {
            guard let text = string(key)?.trimmingWhitespace.lowercased() else { return nil }
            switch text {
            case "true", "yes": return true
            case "false", "no": return false
            default:
                section.error(valueMark(key), "'\(key)' in \(what) must be true or false, not '\(text)'")
                return nil
            }
        }

        /// A single value or a list of values.
        func strings(_ key: String) -> [(String, Mark?)] {
            guard let value = values[key]?.value else { return [] }
            switch value {
            case .scalar(let s): return [(s.string, s.mark)]
            case .sequence(let seq):
                return seq.compactMap { item in
                    guard let s = item.scalar else {
                        // `- 힌트: …` is a mapping to YAML: the ': ' after the first word makes it one.
                        if case .mapping(let m) = item, m.count == 1, let (k, v) = m.first, let word = k.scalar?.string, let rest = v.scalar?.string {
                            section.error(item.mark, "each item of '\(key)' in \(what) must be a single value: '\(word): \(rest)' reads as a mapping because of the ': ' after '\(word)'; quote the item (- \"\(word): \(rest)\")")
                        } else {
                            section.error(item.mark, "each item of '\(key)' in \(what) must be a single value")
                        }
                        return nil
                    }
                    return (s.string, s.mark)
                }
            default:
                section.error(value.mark, "'\(key)' in \(what) must be a value or a list of values")
                return []
            }
        }
    }
}
