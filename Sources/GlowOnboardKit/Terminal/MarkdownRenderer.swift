import Checks
import Environment
/// Renders our markdown values for a terminal: ANSI styles when colour is on, wrapped by display width,
/// GFM tables with box drawing aligned by display width. Images show their caption and path (a terminal
/// cannot show the picture; lessons carry an ASCII version next to it).
public struct MarkdownRenderer: Sendable {
    public var terminal: Terminal
    /// Directory images are shown relative to (the lesson's directory's parent, typically the repo).
    public var imageBase: String?
    /// Where the learner runs the program, to shorten image paths.
    public var currentDirectory: String?
    /// Mark code lines as laid out (`TerminalText.preformatted` first): whatever re-wraps lines to the
    /// terminal leaves them whole, so a command stays as it is to copy and runs past the edge.
    public var markPreformatted = false

    public init(terminal: Terminal, imageBase: String? = nil, currentDirectory: String? = nil) {
        self.terminal = terminal
        self.imageBase = imageBase
        self.currentDirectory = currentDirectory
    }

    public func render(_ blocks: [Block]) -> [String] {
        render(blocks, width: terminal.width)
    }

    public func render(_ blocks: [Block], width: Int) -> [String] {
        var out: [String] = []
        for (i, block) in blocks.enumerated() {
            if i > 0 { out.append("") }
            out += render(block, width: width)
        }
        return out
    }

    public func runs(_ inlines: [Inline], style: TextStyle = .plain) -> [StyledRun] {
        var result: [StyledRun] = []
        for inline in inlines {
            switch inline {
            case .text(let s): result.append(StyledRun(s, style))
            case .code(let s): result.append(StyledRun(s.replacingOccurrences(" ", with: "\u{00A0}"), style + .cyan))
            case .emphasis(let c): result += runs(c, style: style + .italic)
            case .strong(let c): result += runs(c, style: style + .bold)
            case .strikethrough(let c): result += runs(c, style: style + .strike)
            case .link(let url, let c):
                result += runs(c, style: style + .underline)
                if c.plainText != url && !url.hasPrefix("#") { result.append(StyledRun(" (\(url))", style + .dim)) }
            case .image(let url, let alt, _, _):
                result.append(StyledRun("[그림: \(alt.isEmpty ? url : alt) — \(imagePath(url))]", style + .magenta))
            case .softBreak: result.append(StyledRun(" ", style))
            case .lineBreak: result.append(StyledRun("\n", style))
            case .html(let h): if h.lowercased().hasPrefix("<br") { result.append(StyledRun("\n", style)) }
            }
        }
        // Non-breaking spaces keep inline code together while wrapping; show them as spaces.
        return result
    }

    private func wrap(_ inlines: [Inline], width: Int, style: TextStyle = .plain, first: String = "", rest: String = "") -> [String] {
        TextWrapper(width: width, colour: terminal.colour)
            .wrap(runs(inlines, style: style), firstPrefix: first, restPrefix: rest)
            .map { $0.replacingOccurrences("\u{00A0}", with: " ") }
    }

    public func render(_ block: Block, width: Int) -> [String] {
        let c = terminal.colour
        switch block {
        case .heading(let level, let content, _):
            switch level {
            case 1: return wrap(content, width: width, style: .bold + .underline + .cyan)
            case 2: return wrap(content, width: width, style: .bold + .cyan, first: "■ ", rest: "  ")
            default: return wrap(content, width: width, style: .bold)
            }
        case .paragraph(let content, _):
            return wrap(content, width: width)
        case .code(_, let text, _, _):
            // Code and diagrams keep their lines: wrapping would break an ASCII picture.
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            let mark = markPreformatted ? String(Character(TerminalText.preformatted)) : ""
            return lines.map { mark + "    " + TextStyle.yellow.apply($0, colour: c) }
        case .quote(let blocks, _):
            return render(blocks, width: width - 2).map { TextStyle.dim.apply("│", colour: c) + " " + $0 }
        case .rule:
            return [TextStyle.dim.apply(String(repeating: "─", count: min(width, 60)), colour: c)]
        case .html(let html, _):
            let text = html.replacingOccurrences("<br>", with: "\n").replacingOccurrences("<br/>", with: "\n")
            let stripped = stripTags(text).trimmingWhitespace
            return stripped.isEmpty ? [] : wrap([.text(stripped)], width: width)
        case .list(let list, _):
            var out: [String] = []
            for (i, item) in list.items.enumerated() {
                var marker = list.ordered ? "\(list.start + i). " : "• "
                if let checked = item.checked { marker += checked ? "[x] " : "[ ] " }
                let indent = String(repeating: " ", count: marker.displayWidth)
                var itemLines: [String] = []
                for (j, b) in item.blocks.enumerated() {
                    if j > 0 && !list.tight { itemLines.append("") }
                    itemLines += render(b, width: width - indent.count)
                }
                for (k, l) in itemLines.enumerated() {
                    out.append((k == 0 ? marker : (l.isEmpty ? "" : indent)) + l)
                }
                if !list.tight && i < list.items.count - 1 { out.append("") }
            }
            return out
        case .table(let table, _):
            return TableRenderer(terminal: terminal, renderer: self).render(table, width: width)
        }
    }

    /// The image's path as the learner can open it: resolved against the lesson's directory and
    /// shown relative to the current directory when it lies below it.
    func imagePath(_ url: String) -> String {
        guard let base = imageBase, !url.contains("://"), !url.hasPrefix("/") else { return url }
        var parts: [Substring] = []
        for piece in (base + "/" + url).split(separator: "/", omittingEmptySubsequences: true) {
            if piece == "." { continue }
            if piece == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(piece)
        }
        let joined = (base.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
        if let cwd = currentDirectory, joined.hasPrefix(cwd + "/") { return String(joined.dropFirst(cwd.count + 1)) }
        return joined.isEmpty ? url : joined
    }

    private func stripTags(_ s: String) -> String {
        var out = ""
        var inTag = false
        for ch in s {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }
}
