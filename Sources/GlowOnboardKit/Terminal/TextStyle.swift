import Checks
import Environment
/// ANSI SGR styling that turns itself off when colour is not wanted.
public struct TextStyle: Sendable, Hashable {
    public var codes: [Int]

    public init(_ codes: [Int] = []) { self.codes = codes }

    public static let plain = TextStyle()
    public static let bold = TextStyle([1])
    public static let dim = TextStyle([2])
    public static let italic = TextStyle([3])
    public static let underline = TextStyle([4])
    public static let strike = TextStyle([9])
    public static let red = TextStyle([31])
    public static let green = TextStyle([32])
    public static let yellow = TextStyle([33])
    public static let blue = TextStyle([34])
    public static let magenta = TextStyle([35])
    public static let cyan = TextStyle([36])

    public static func + (a: TextStyle, b: TextStyle) -> TextStyle { TextStyle(a.codes + b.codes) }

    public func apply(_ text: String, colour: Bool) -> String {
        guard colour, !codes.isEmpty, !text.isEmpty else { return text }
        // The mark, not ESC: `TerminalText.printable` turns it into ESC at the terminal, and only it.
        let mark = String(TerminalText.mark)
        return "\(mark)[\(codes.map(String.init).joined(separator: ";"))m\(text)\(mark)[0m"
    }
}
