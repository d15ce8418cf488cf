/// nginx's tokenizer (`ngx_conf_read_token`), byte for byte: whitespace separates words, `;` ends a
/// directive, `{` opens a block (unless it follows `$`, as in `${var}`), `}` closes one. `#` starts a
/// comment and `}` closes a block only at the start of a word; inside a word both are ordinary bytes.
/// Quotes group words, and after a closing quote a space, `;` or `{` must follow. Backslash escapes
/// `\"`, `\'`, `\\`, and `\t`, `\r`, `\n` are unescaped in every word.
struct NginxLexer {
    enum Event {
        /// A directive ended by `;`.
        case simple([Token])
        /// A directive followed by `{`.
        case blockStart([Token])
        /// `}`.
        case blockEnd(line: Int)
        case endOfFile
    }

    struct Token {
        var text: String
        var line: Int
    }

    static let maxTokenLength = 4096

    let bytes: [UInt8]
    let file: String
    private(set) var index = 0
    private(set) var line = 1

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    mutating func next() throws(NginxError) -> Event {
        var words: [Token] = []
        var lastSpace = true
        var sharpComment = false
        var variable = false
        var quoted = false
        var sQuoted = false
        var dQuoted = false
        var needSpace = false
        var start = 0
        var startLine = line

        func describe(_ c: UInt8) -> String {
            c < 0x80 ? String(Character(Unicode.Scalar(c))) : "\\x" + String(c, radix: 16)
        }

        while true {
            guard index < bytes.count else {
                if !words.isEmpty || !lastSpace || dQuoted || sQuoted || quoted {
                    throw NginxError("unexpected end of file, expecting \";\" or \"}\"", file: file, line: line)
                }
                return .endOfFile
            }
            let ch = bytes[index]
            index += 1
            if ch == 0x0A {
                line += 1
                if sharpComment { sharpComment = false }
            }
            if sharpComment { continue }
            if quoted { quoted = false; continue }

            if needSpace {
                if Self.isSpace(ch) { lastSpace = true; needSpace = false; continue }
                if ch == UInt8(ascii: ";") { return .simple(words) }
                if ch == UInt8(ascii: "{") { return .blockStart(words) }
                if ch == UInt8(ascii: ")") { lastSpace = true; needSpace = false; continue }
                throw NginxError("unexpected \"\(describe(ch))\"", file: file, line: line)
            }

            if lastSpace {
                start = index - 1
                startLine = line
                if Self.isSpace(ch) { continue }
                switch ch {
                case UInt8(ascii: ";"), UInt8(ascii: "{"):
                    if words.isEmpty {
                        throw NginxError("unexpected \"\(describe(ch))\"", file: file, line: line)
                    }
                    return ch == UInt8(ascii: "{") ? .blockStart(words) : .simple(words)
                case UInt8(ascii: "}"):
                    if !words.isEmpty { throw NginxError("unexpected \"}\"", file: file, line: line) }
                    return .blockEnd(line: line)
                case UInt8(ascii: "#"):
                    sharpComment = true
                    continue
                case UInt8(ascii: "\\"):
                    quoted = true
                    lastSpace = false
                    continue
                case UInt8(ascii: "\""):
                    start += 1
                    dQuoted = true
                    lastSpace = false
                    continue
                case UInt8(ascii: "'"):
                    start += 1
                    sQuoted = true
                    lastSpace = false
                    continue
                case UInt8(ascii: "$"):
                    variable = true
                    lastSpace = false
                    continue
                default:
                    lastSpace = false
                }
            } else {
                if ch == UInt8(ascii: "{") && variable { continue }
                variable = false
                if ch == UInt8(ascii: "\\") { quoted = true; continue }
                if ch == UInt8(ascii: "$") { variable = true; continue }
                var found = false
                if dQuoted {
                    if ch == UInt8(ascii: "\"") { dQuoted = false; needSpace = true; found = true }
                } else if sQuoted {
                    if ch == UInt8(ascii: "'") { sQuoted = false; needSpace = true; found = true }
                } else if Self.isSpace(ch) || ch == UInt8(ascii: ";") || ch == UInt8(ascii: "{") {
                    lastSpace = true
                    found = true
                }
                if found {
                    let end = index - 1
                    if end - start > Self.maxTokenLength {
                        let head = String(decoding: bytes[start..<min(end, start + 10)], as: UTF8.self)
                        throw NginxError("too long parameter \"\(head)...\" started", file: file, line: startLine)
                    }
                    words.append(Token(text: Self.unescape(bytes, start, end), line: startLine))
                    if ch == UInt8(ascii: ";") { return .simple(words) }
                    if ch == UInt8(ascii: "{") { return .blockStart(words) }
                }
            }
        }
    }

    static func unescape(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var i = start
        // Fast path: nothing to unescape.
        if !bytes[start..<end].contains(UInt8(ascii: "\\")) {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        while i < end {
            let c = bytes[i]
            if c == UInt8(ascii: "\\"), i + 1 < end {
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
                    i += 1
                case UInt8(ascii: "t"): out.append(0x09); i += 2; continue
                case UInt8(ascii: "r"): out.append(0x0D); i += 2; continue
                case UInt8(ascii: "n"): out.append(0x0A); i += 2; continue
                default: break
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
