import AWSRead
import Foundation

/// The one place text meets the terminal. Everything the program prints passes through `printable`:
/// control characters from data (a tag value, an AWS error, an HTTP header, an nginx argument, a lesson)
/// are shown as escapes (`\e`, `\a`, `\x07`, `\u{9b}`) so that none can set the window title, clear the
/// screen, write the clipboard (OSC 52) or reorder the line (bidi overrides). Colour comes only from
/// `TextStyle`, which writes `TerminalText.mark` where an escape code starts; `printable` turns a mark
/// into ESC only in front of a well-formed colour code (SGR: `[` digits and `;` then `m`).
public enum TerminalText {
    /// A Unicode noncharacter, reserved for a program's internal use: where the renderer's colour codes start.
    public static let mark = Unicode.Scalar(0xFDD0)!
    /// Another noncharacter, first on a line that is laid out already (a code line): never re-wrapped,
    /// and removed before the line is shown.
    public static let preformatted = Unicode.Scalar(0xFDD1)!

    public static func printable(_ raw: String) -> String {
        // No credential this process holds is ever shown, wherever the text came from.
        let text = KnownSecrets.scrub(raw)
        // Most lines carry nothing to escape: a quick pass first.
        guard text.unicodeScalars.contains(where: { needsEscape($0) || $0 == mark || $0 == preformatted }) else { return text }
        var out = String.UnicodeScalarView()
        var linkOpen = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == mark, let end = sgrEnd(scalars, from: i + 1) {
                out.append("\u{1B}")
                out.append(contentsOf: scalars[(i + 1)...end])
                i = end + 1
                continue
            }
            if s == mark, let (url, end) = hyperlink(scalars, from: i + 1), url.isEmpty == linkOpen {
                // OSC 8, only to an AWS console page (the one hyperlink this program writes), and its end
                // only after its start.
                out.append(contentsOf: "\u{1B}]8;;\(url)\u{1B}\\".unicodeScalars)
                linkOpen = !url.isEmpty
                i = end + 1
                continue
            }
            if s == preformatted {
                // Said only to the line wrapper: nothing to show.
            } else if needsEscape(s) || s == mark { out.append(contentsOf: visible(s).unicodeScalars) } else { out.append(s) }
            i += 1
        }
        // A link never stays open past its line.
        if linkOpen { out.append(contentsOf: "\u{1B}]8;;\u{1B}\\".unicodeScalars) }
        return String(out)
    }

    /// `text` linked to `url` (OSC 8) where the terminal shows colour; printable writes it only for an
    /// AWS console address, and `end` closes it.
    public static func hyperlink(_ url: String, _ text: String) -> String {
        String(Character(mark)) + "]8;;" + url + String(Character(mark)) + text + String(Character(mark)) + "]8;;" + String(Character(mark))
    }

    /// `]8;;URL` + mark after a mark: the URL (empty: the link's end) and the index of the closing mark.
    static func hyperlink(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        let prefix: [Unicode.Scalar] = ["]", "8", ";", ";"]
        guard start + prefix.count <= scalars.count, Array(scalars[start..<(start + prefix.count)]) == prefix else { return nil }
        var i = start + prefix.count
        var url = String.UnicodeScalarView()
        var length = 0
        while i < scalars.count, scalars[i] != mark, length < 600 {
            let c = scalars[i]
            guard c.isASCII, c.value > 0x20, c.value < 0x7F, c != "\\" else { return nil }
            url.append(c)
            length += 1
            i += 1
        }
        guard i < scalars.count, scalars[i] == mark else { return nil }
        let link = String(url)
        return link.isEmpty || isConsoleAddress(link) ? (link, i) : nil
    }

    /// `https://REGION.console.aws.amazon.com/…`: the host is everything up to the first `/`, `?`, `#`,
    /// `@` or `:`, and must be a console host itself (`evil.example?.console.aws.amazon.com` is not).
    static func isConsoleAddress(_ url: String) -> Bool {
        guard url.hasPrefix("https://") else { return false }
        let rest = url.dropFirst(8)
        let host = rest.prefix { !"/?#@:".contains($0) }
        guard rest.dropFirst(host.count).first.map({ $0 == "/" }) ?? false, host.hasSuffix(".console.aws.amazon.com") else { return false }
        let labels = host.dropLast(".console.aws.amazon.com".count).split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } }
    }

    /// `[1;36m` after the mark: the index of its `m`, or nil when it is not an SGR code.
    static func sgrEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count, scalars[start] == "[" else { return nil }
        var i = start + 1
        while i < scalars.count, i - start < 32 {
            let s = scalars[i]
            if s == "m" { return i }
            guard ("0"..."9").contains(s) || s == ";" else { return nil }
            i += 1
        }
        return nil
    }

    /// C0 controls but newline and tab, DEL, C1, the bidi overrides and isolates, and the line and
    /// paragraph separators.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func visible(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x1B: return "\\e"
        case 0x07: return "\\a"
        case 0x0D: return "\\r"
        case 0x08: return "\\b"
        case 0x00...0x1F, 0x7F: return String(format: "\\x%02x", s.value)
        default: return String(format: "\\u{%x}", s.value)
        }
    }
}
