import Checks
import Environment
/// Inline markdown content, converted out of cmark-gfm's tree so nothing else touches C pointers.
public indirect enum Inline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(url: String, content: [Inline])
    case image(url: String, alt: String, line: Int, column: Int)
    case softBreak
    case lineBreak
    case html(String)

    /// The text a reader sees, without markup.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): return s
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c): return c.plainText
        case .image(_, let alt, _, _): return alt
        case .softBreak: return " "
        case .lineBreak: return "\n"
        case .html(let h): return h.lowercased().hasPrefix("<br") ? "\n" : ""
        }
    }
}

extension Array where Element == Inline {
    public var plainText: String { map(\.plainText).joined() }
}
