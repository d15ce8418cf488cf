/// nginx's tokenizer (`ngx_conf_read_token`), byte for byte: whitespace separates words, `;` ends a
/// directive, `{` opens a block (unless it follows `$`, as in `${var}`), `}` closes one. `#` starts a
/// comment and `}` closes a block only at the start of a word; inside a word both are ordinary bytes.
/// Quotes group words, and after a closing quote a space, `;` or `{` must follow. Backslash escapes
/// `\"`, `\'`, `\\`, and `\t`, `\r`, `\n` are unescaped in every word.
struct NginxLexer {
    /// What ended the words read into the caller's buffer.
    enum Event {
        /// A directive ended by `;`.
        case simple
        /// A directive followed by `{`.
        case blockStart
        /// `}`.
        case blockEnd(line: Int)
        case endOfFile
    }

    struct Token {
        var text: String
        var line: Int
        /// nginx silently drops a `)` right after a closing quote (`if ($a = "b")`); remembered for `if`.
        var closedParen = false
    }

    static let maxTokenLength = 4096

    /// The file's bytes; the caller keeps them alive while the lexer runs (no copies, no bounds checks
    /// in release builds: this loop is the parser's hot path).
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    private(set) var index = 0
    private(set) var line = 1

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    /// Reads the next directive's words into `words` (emptied first; its storage is reused).
    mutating func next(into words: inout [Token]) throws(NginxError) -> Event {
        words.removeAll(keepingCapacity: true)
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
                if ch == UInt8(ascii: ";") { return .simple }
                if ch == UInt8(ascii: "{") { return .blockStart }
                if ch == UInt8(ascii: ")") {
                    if !words.isEmpty { words[words.count - 1].closedParen = true }
                    lastSpace = true
                    needSpace = false
                    continue
                }
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
                    if ch == UInt8(ascii: "{"), let lua = try luaBlock(&words) { return lua }
                    return ch == UInt8(ascii: "{") ? .blockStart : .simple
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
                    // nginx reads through a 4096-byte buffer: a word that fills it whole is too long.
                    if end - start >= Self.maxTokenLength {
                        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(end, start + 10)]), as: UTF8.self)
                        throw NginxError("too long parameter \"\(head)...\" started", file: file, line: startLine)
                    }
                    words.append(Token(text: Self.unescape(bytes, start, end), line: startLine))
                    if ch == UInt8(ascii: ";") { return .simple }
                    if ch == UInt8(ascii: "{") {
                        if let lua = try luaBlock(&words) { return lua }
                        return .blockStart
                    }
                }
            }
        }
    }

    /// Skips to the start of the next line (error recovery). False at the end of the file.
    mutating func skipLine() -> Bool {
        guard index < bytes.count else { return false }
        if index > 0 && bytes[index - 1] == 0x0A { return true }
        while index < bytes.count {
            let c = bytes[index]
            index += 1
            if c == 0x0A { line += 1; return index <= bytes.count }
        }
        return false
    }

    /// OpenResty's `*_by_lua_block { … }` holds Lua, not directives: like OpenResty (and crossplane), read
    /// it raw, up to the brace that balances the opening one, skipping braces inside Lua strings and comments.
    /// The directive gets the code as its one argument.
    private mutating func luaBlock(_ words: inout [Token]) throws(NginxError) -> Event? {
        guard let name = words.first, name.text.hasSuffix("_by_lua_block") else { return nil }
        let start = index
        var depth = 1
        func at(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }
        while index < bytes.count {
            let c = bytes[index]
            switch c {
            case 0x0A:
                line += 1
                index += 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index += 1
                while index < bytes.count, bytes[index] != c {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    if index < bytes.count, bytes[index] == 0x0A { line += 1 }
                    index += 1
                }
                index += 1
            case UInt8(ascii: "-") where at(index + 1) == UInt8(ascii: "-"):
                if at(index + 2) == UInt8(ascii: "["), let close = longBracket(from: index + 2) {
                    index = close
                } else {
                    while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                }
            case UInt8(ascii: "[") where longBracket(from: index) != nil:
                index = longBracket(from: index)!
            case UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: "}"):
                depth -= 1
                index += 1
                if depth == 0 {
                    let code = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
                    words.append(Token(text: code, line: words[0].line))
                    return .simple
                }
            default:
                index += 1
            }
        }
        throw NginxError("unexpected end of file, expecting \"}\"", file: file, line: line)
    }

    /// A Lua long bracket `[[ … ]]` / `[==[ … ]==]` starting at `i`: the index after its end, or nil.
    private mutating func longBracket(from i: Int) -> Int? {
        var j = i + 1
        var level = 0
        while j < bytes.count, bytes[j] == UInt8(ascii: "=") { level += 1; j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { return nil }
        j += 1
        while j < bytes.count {
            if bytes[j] == 0x0A { line += 1 }
            if bytes[j] == UInt8(ascii: "]") {
                var k = j + 1, n = 0
                while k < bytes.count, bytes[k] == UInt8(ascii: "="), n < level { n += 1; k += 1 }
                if n == level, k < bytes.count, bytes[k] == UInt8(ascii: "]") { return k + 1 }
            }
            j += 1
        }
        return nil
    }

    static func unescape(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        bytes.withUnsafeBufferPointer { unescape($0, start, end) }
    }

    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var i = start
        // Fast path: nothing to unescape.
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !slice.contains(UInt8(ascii: "\\")) {
            return String(decoding: slice, as: UTF8.self)
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
