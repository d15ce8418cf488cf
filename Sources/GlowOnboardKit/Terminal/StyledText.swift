import Checks
import Environment
/// A run of text with one style; a paragraph is a list of these before it is wrapped.
public struct StyledRun: Sendable, Hashable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, _ style: TextStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// Wraps styled runs to a width counted in display columns, so Hangul (two columns each) lines up.
/// Lines break at spaces only; a word may span several runs (`**ALB**의`) and stays whole.
public struct TextWrapper: Sendable {
    public var width: Int
    public var colour: Bool

    public init(width: Int, colour: Bool) {
        self.width = width
        self.colour = colour
    }

    /// `firstPrefix` starts the first line, `restPrefix` every following one (hanging indent).
    public func wrap(_ runs: [StyledRun], firstPrefix: String = "", restPrefix: String = "") -> [String] {
        var lines: [String] = []
        var line = firstPrefix
        var lineWidth = firstPrefix.displayWidth
        var lineHasWord = false
        var pendingSpace = false
        var word: [StyledRun] = []

        func newLine() {
            lines.append(line)
            line = restPrefix
            lineWidth = restPrefix.displayWidth
            lineHasWord = false
            pendingSpace = false
        }

        func render(_ pieces: [StyledRun]) -> String {
            pieces.map { $0.style.apply($0.text, colour: colour) }.joined()
        }

        func flushWord() {
            guard !word.isEmpty else { return }
            var remaining = word
            word = []
            while !remaining.isEmpty {
                let w = remaining.map(\.text.displayWidth).reduce(0, +)
                let space = pendingSpace && lineHasWord ? 1 : 0
                if lineWidth + space + w <= width {
                    if space == 1 { line += " " }
                    line += render(remaining)
                    lineWidth += space + w
                    lineHasWord = true
                    pendingSpace = false
                    return
                }
                if lineHasWord {
                    newLine()
                    continue
                }
                // A word wider than a whole line (a long URL, Hangul without spaces): cut it.
                var head: [StyledRun] = []
                var headWidth = 0
                var rest: [StyledRun] = []
                var full = false
                for piece in remaining {
                    if full { rest.append(piece); continue }
                    var taken = ""
                    var left = Substring(piece.text)
                    while let c = left.first {
                        let cw = DisplayWidth.of(c)
                        if lineWidth + headWidth + cw > width && (headWidth > 0 || !taken.isEmpty) { full = true; break }
                        taken.append(c)
                        headWidth += cw
                        left.removeFirst()
                    }
                    if !taken.isEmpty { head.append(StyledRun(taken, piece.style)) }
                    if !left.isEmpty { rest.append(StyledRun(String(left), piece.style)) }
                }
                line += render(head)
                lineWidth += headWidth
                lineHasWord = true
                remaining = rest
                if !remaining.isEmpty { newLine() }
            }
            pendingSpace = false
        }

        for run in runs {
            var current = ""
            for c in run.text {
                if c == "\n" || c.isWhitespace {
                    if !current.isEmpty { word.append(StyledRun(current, run.style)); current = "" }
                    flushWord()
                    if c == "\n" { newLine() } else { pendingSpace = true }
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { word.append(StyledRun(current, run.style)) }
        }
        flushWord()
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }
}
