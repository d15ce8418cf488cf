import JSON
/// Tokens of a JMESPath expression.
struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String), quotedIdentifier(String), rawString(String), literal(JSONValue), number(Int)
        case dot, star, lbracket, rbracket, filter, flatten, lbrace, rbrace, lparen, rparen, comma, colon
        case pipe, or, and, not, eq, ne, lt, lte, gt, gte, at, ampersand, eof
    }
    var kind: Kind
    /// 0-based character offset.
    var position: Int
}

/// Splits an expression into tokens; errors say at which column and what was expected.
struct Lexer {
    let chars: [Character]
    var i = 0

    init(_ expression: String) { chars = Array(expression) }

    static func tokens(_ expression: String) throws(JMESPathError) -> [Token] {
        var lexer = Lexer(expression)
        var out: [Token] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .eof { return out }
        }
    }

    func error(_ message: String, at position: Int) -> JMESPathError {
        JMESPathError(.syntax, message, column: position + 1)
    }

    mutating func next() throws(JMESPathError) -> Token {
        while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" || chars[i] == "\r" { i += 1 }
        let start = i
        guard i < chars.count else { return Token(kind: .eof, position: i) }
        let c = chars[i]
        func one(_ k: Token.Kind) -> Token { i += 1; return Token(kind: k, position: start) }
        func peek(_ offset: Int = 1) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
        switch c {
        case ".": return one(.dot)
        case "*": return one(.star)
        case "]": return one(.rbracket)
        case "{": return one(.lbrace)
        case "}": return one(.rbrace)
        case "(": return one(.lparen)
        case ")": return one(.rparen)
        case ",": return one(.comma)
        case ":": return one(.colon)
        case "@": return one(.at)
        case "[":
            if peek() == "?" { i += 2; return Token(kind: .filter, position: start) }
            if peek() == "]" { i += 2; return Token(kind: .flatten, position: start) }
            return one(.lbracket)
        case "|":
            if peek() == "|" { i += 2; return Token(kind: .or, position: start) }
            return one(.pipe)
        case "&":
            if peek() == "&" { i += 2; return Token(kind: .and, position: start) }
            return one(.ampersand)
        case "!":
            if peek() == "=" { i += 2; return Token(kind: .ne, position: start) }
            return one(.not)
        case "=":
            if peek() == "=" { i += 2; return Token(kind: .eq, position: start) }
            throw error("expected '==' (a single '=' is not an operator)", at: start)
        case "<":
            if peek() == "=" { i += 2; return Token(kind: .lte, position: start) }
            return one(.lt)
        case ">":
            if peek() == "=" { i += 2; return Token(kind: .gte, position: start) }
            return one(.gt)
        case "\"":
            let text = try delimited("\"", start)
            do {
                guard case .string(let s) = try JSONParser.parse("\"" + text + "\"") else { throw error("invalid quoted identifier", at: start) }
                return Token(kind: .quotedIdentifier(s), position: start)
            } catch {
                throw self.error("invalid quoted identifier: \(error)", at: start)
            }
        case "'":
            let text = try delimited("'", start)
            // In a raw string only \' is an escape; every other backslash stays.
            return Token(kind: .rawString(text.replacingEscapedQuote("'")), position: start)
        case "`":
            let text = try delimited("`", start).replacingEscapedQuote("`")
            do {
                return Token(kind: .literal(try JSONParser.parse(text)), position: start)
            } catch {
                throw self.error("invalid JSON literal `\(text)`: \(error.message)", at: start)
            }
        case "-", "0"..."9":
            var j = i + (c == "-" ? 1 : 0)
            guard j < chars.count, chars[j].isASCII, chars[j].isNumber else { throw error("expected a digit after '-'", at: start) }
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            let text = String(chars[i..<j])
            i = j
            guard let n = Int(text) else { throw error("number \(text) is too large", at: start) }
            return Token(kind: .number(n), position: start)
        default:
            if c.isASCII && (c.isLetter || c == "_") {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                let text = String(chars[i..<j])
                i = j
                return Token(kind: .identifier(text), position: start)
            }
            throw error("unexpected character '\(c)'", at: start)
        }
    }

    /// The text between `quote` and the next unescaped `quote` (escapes kept as written).
    mutating func delimited(_ quote: Character, _ start: Int) throws(JMESPathError) -> String {
        var j = i + 1
        var text = ""
        while j < chars.count {
            if chars[j] == "\\", j + 1 < chars.count {
                text.append(chars[j])
                text.append(chars[j + 1])
                j += 2
                continue
            }
            if chars[j] == quote {
                i = j + 1
                return text
            }
            text.append(chars[j])
            j += 1
        }
        throw error("unterminated \(quote == "`" ? "JSON literal" : quote == "'" ? "raw string" : "quoted identifier") (expected a closing \(quote))", at: start)
    }
}

extension String {
    func replacingEscapedQuote(_ quote: Character) -> String {
        var out = ""
        var it = Array(self).makeIterator()
        while let c = it.next() {
            if c == "\\" {
                guard let n = it.next() else { out.append(c); break }
                if n == quote { out.append(n) } else { out.append(c); out.append(n) }
            } else {
                out.append(c)
            }
        }
        return out
    }
}
