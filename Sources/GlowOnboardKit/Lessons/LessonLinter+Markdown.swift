import Environment
import Foundation

/// What markdown will do that the author did not mean: emphasis that shows as `**`, markdown in plain
/// fields, shell lines a terminal cuts, links to nothing, a fence that swallows the rest of the file.
extension LessonLinter {
    /// The widest a line of a shell block may be: what the course's smallest terminal (80×24) shows.
    public static let shellLineWidth = 80
    static let shellLanguages: Set<String> = ["bash", "sh", "shell", "zsh"]

    static func markdownProblems(_ lesson: Lesson, text: String) -> [Diagnostic] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Diagnostic] = []

        /// The first line at or after `line` holding `fragment`, and its column; nil when no line
        /// holds it as written.
        func locate(_ fragment: String, from line: Int) -> SourceLocation? {
            let start = max(1, line)
            guard start <= lines.count else { return nil }
            for n in start...min(lines.count, start + 400) {
                if let r = lines[n - 1].range(of: fragment) {
                    return SourceLocation(file: lesson.file, line: n, column: lines[n - 1].distance(from: lines[n - 1].startIndex, to: r.lowerBound) + 1)
                }
            }
            return nil
        }
        func find(_ fragment: String, from line: Int) -> SourceLocation {
            locate(fragment, from: line) ?? SourceLocation(file: lesson.file, line: max(1, line))
        }

        func emphasis(_ inlines: [Inline], from line: Int) {
            for case .text(let t) in flatten(inlines) {
                guard let r = t.range(of: "**") else { continue }
                // Written as `\*\*` the asterisks are meant: the text then does not stand in the source as it shows.
                let fragment = String(t[r.lowerBound...].prefix(12))
                guard let at = locate(fragment, from: line) else { continue }
                out.append(.warning(at,
                                    "'**' will show as it is: no '**' closes (or opens) this bold; add its partner, or write '\\*\\*' where the asterisks are meant"))
            }
        }

        func links(_ inlines: [Inline], from line: Int) {
            for case .link(let url, _) in flatten(inlines) {
                if url.contains("://") || url.hasPrefix("mailto:") || url.isEmpty { continue }
                let at = find("](\(url)", from: line)
                if url.hasPrefix("#") {
                    let anchor = String(url.dropFirst())
                    if lesson.step(anchor) == nil {
                        out.append(.warning(at, "link to '#\(anchor)', which is no step of this lesson (steps: \(lesson.steps.map(\.id).joined(separator: ", ")))"))
                    }
                    continue
                }
                let path = String(url.split(separator: "#", maxSplits: 1).first ?? "")
                let resolved = lesson.resolve(path.removingPercentEncoding ?? path)
                if !FileManager.default.fileExists(atPath: resolved) {
                    out.append(.warning(at, "link to '\(url)', which does not exist (looked for \(resolved))"))
                }
            }
        }

        func blocks(_ list: [Block]) {
            for block in list {
                switch block {
                case .code(let info, let code, let line, _):
                    let language = String(info.split(separator: " ").first ?? "").lowercased()
                    guard shellLanguages.contains(language) else { continue }
                    let wide = code.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                        .filter { String($0.element).displayWidth > shellLineWidth }
                    if let first = wide.first {
                        let more = wide.count > 1 ? " (and \(wide.count - 1) more line(s) of this block)" : ""
                        out.append(.warning(SourceLocation(file: lesson.file, line: line + 1 + first.offset, column: shellLineWidth + 1),
                                            "shell line \(String(first.element).displayWidth) columns wide\(more): an 80-column terminal cuts it where the learner copies it; break it with ' \\' between arguments"))
                    }
                case .list(let l, _):
                    for item in l.items { blocks(item.blocks) }
                case .quote(let inner, _):
                    blocks(inner)
                default:
                    emphasis(block.inlines, from: block.line)
                    links(block.inlines, from: block.line)
                }
            }
        }

        blocks(lesson.intro)
        for step in lesson.steps {
            emphasis(MarkdownParser.parse(step.title).first?.inlines ?? [], from: step.line)
            for part in step.parts {
                switch part {
                case .prose(let block): blocks([block])
                case .hint(let hint): blocks(hint.blocks)
                case .question(let q):
                    for field in [q.prompt, q.explain ?? ""] + q.hints + q.choices + q.mistakes.map(\.say) where field.contains("**") || field.contains("](") {
                        for block in MarkdownParser.parse(field) {
                            emphasis(block.inlines, from: q.line)
                            links(block.inlines, from: q.line)
                        }
                    }
                case .verify(let spec):
                    // `expect` is said as plain text: markdown in it shows as it is.
                    let marks = ["**", "`", "](", "__"].filter { spec.expect.contains($0) }
                    if let mark = marks.first {
                        out.append(.warning(find(mark, from: spec.line),
                                            "'expect' is shown as plain text, so '\(mark)' will show as it is: write it without markdown"))
                    }
                }
            }
        }
        return out + fenceProblems(lesson.file, lines: lines)
    }

    /// A fence that is never closed makes the rest of the file one code block.
    static func fenceProblems(_ file: String, lines: [Substring]) -> [Diagnostic] {
        var open: (line: Int, marker: Character, length: Int)?
        for (n, raw) in lines.enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard let c = line.first, c == "`" || c == "~" else { continue }
            let run = line.prefix { $0 == c }.count
            guard run >= 3 else { continue }
            if let o = open {
                if c == o.marker, run >= o.length, line.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { open = nil }
            } else if !(c == "`" && line.dropFirst(run).contains("`")) {
                open = (n + 1, c, run)
            }
        }
        guard let o = open else { return [] }
        let fence = String(repeating: o.marker, count: o.length)
        return [.warning(SourceLocation(file: file, line: o.line),
                       "this fence (\(fence)) is never closed: everything after it, to the end of the file, is one code block; end it with a line '\(fence)'")]
    }

    /// Every inline, nested ones included, in order.
    static func flatten(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        var stack = Array(inlines.reversed())
        while let next = stack.popLast() {
            out.append(next)
            switch next {
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c): stack += c.reversed()
            default: break
            }
        }
        return out
    }
}
