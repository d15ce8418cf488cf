import Checks
import Environment
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output device can show: colour, its width, whether it is a terminal at all.
public struct Terminal: Sendable, Hashable {
    public var colour: Bool
    public var width: Int
    public var unicode: Bool

    public init(colour: Bool, width: Int, unicode: Bool = true) {
        self.colour = colour
        self.width = width
        self.unicode = unicode
    }

    /// Plain, 80 columns: what scripts and tests see.
    /// Where the terminal cannot draw them, arrows and symbols become ASCII (the lesson text stays as written).
    public func drawable(_ line: String) -> String {
        guard !unicode else { return line }
        var out = line
        for (from, to) in [("→", "->"), ("·", "|"), ("│", "|"), ("✘", "XX"), ("⚠", "!!"), ("✔", "OK"), ("💡", "hint:"), ("↳", "<-")] {
            out = out.replacingOccurrences(from, with: to)
        }
        return out
    }

    public static let plain = Terminal(colour: false, width: 80)

    public static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour only on a terminal, and never under `NO_COLOR` (any value) or `TERM=dumb`.
    public static func wantsColour(environment: [String: String], stdoutIsTTY: Bool) -> Bool {
        if environment["NO_COLOR"] != nil { return false }
        if environment["TERM"] == "dumb" { return false }
        return stdoutIsTTY
    }

    /// Box drawing and symbols, unless the terminal is `TERM=dumb`.
    public static func wantsUnicode(environment: [String: String]) -> Bool {
        environment["TERM"] != "dumb"
    }

    /// What to render for standard output: the detected terminal, or plain text when it is not one. Every
    /// command and the REPL decide here, once: colour, width, and whether to draw with Unicode.
    public static func forStandardOutput(environment: [String: String]) -> Terminal {
        isTTY(1) ? detect(environment: environment) : plain(environment: environment)
    }

    /// Plain text, 80 columns, ASCII drawing under `TERM=dumb`: what pipes and tests see.
    public static func plain(environment: [String: String]) -> Terminal {
        Terminal(colour: false, width: 80, unicode: wantsUnicode(environment: environment))
    }

    /// The same terminal, drawing in ASCII when `ascii` (a command's --ascii).
    public func ascii(_ ascii: Bool) -> Terminal {
        var t = self
        if ascii { t.unicode = false }
        return t
    }

    /// The width standard output's terminal has now (it changes when the window is resized), capped as
    /// `detect` caps it; nil when standard output is not a terminal.
    public static func currentWidth() -> Int? {
        windowSize().flatMap { $0.ws_col > 0 ? min(max(Int($0.ws_col), 40), 100) : nil }
    }

    /// How many rows standard output's terminal has now; nil when it is not a terminal.
    public static func currentRows() -> Int? {
        windowSize().flatMap { $0.ws_row > 0 ? Int($0.ws_row) : nil }
    }

    /// Standard output's window size, when it is a terminal that says.
    static func windowSize() -> winsize? {
        guard isTTY(1) else { return nil }
        var size = winsize()
        return ioctl(1, UInt(TIOCGWINSZ), &size) == 0 ? size : nil
    }

    /// The terminal's width (capped for readability), `COLUMNS` when not a terminal, else 80.
    public static func detect(environment: [String: String]) -> Terminal {
        let tty = isTTY(1)
        var width = 80
        if tty {
            if let size = windowSize(), size.ws_col > 0 { width = Int(size.ws_col) }
        } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            width = columns
        }
        return Terminal(colour: wantsColour(environment: environment, stdoutIsTTY: tty),
                        width: min(max(width, 40), 100), unicode: wantsUnicode(environment: environment))
    }
}
