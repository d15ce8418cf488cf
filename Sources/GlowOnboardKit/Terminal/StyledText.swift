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
                // A word wider than a whole line. Korean may break between syllables, so Hangul (and
                // other wide script) is cut there; a run of anything else (an ARN, a URL, an id, a
                // command) is never cut: it takes a line of its own and runs past the edge if it must,
                // so it can still be copied. One pass over the characters (measuring the rest again
                // after each cut was quadratic: 12 s for a 300,000-character word).
                var segments: [(runs: [StyledRun], width: Int)] = []
                var current: [StyledRun] = [], currentWidth = 0, currentIsToken = false
                func closeSegment() {
                    if !current.isEmpty { segments.append((current, currentWidth)) }
                    current = []; currentWidth = 0
                }
                for piece in remaining {
                    var taken = ""
                    for c in piece.text {
                        let cw = DisplayWidth.of(c)
                        let breakable = cw == 2
                        if breakable || !currentIsToken {
                            if !taken.isEmpty { current.append(StyledRun(taken, piece.style)); taken = "" }
                            closeSegment()
                        }
                        currentIsToken = !breakable
                        taken.append(c)
                        currentWidth += cw
                    }
                    if !taken.isEmpty { current.append(StyledRun(taken, piece.style)) }
                }
                closeSegment()
                for segment in segments {
                    if lineWidth + segment.width > width && lineHasWord { newLine() }
                    line += render(segment.runs)
                    lineWidth += segment.width
                    lineHasWord = true
                }
                remaining = []
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
