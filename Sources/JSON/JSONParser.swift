/// A strict JSON parser (RFC 8259) that says where a document is broken: line, column and what was
/// expected, so a damaged fixture file is reported as `file:line:col: …`.
public struct JSONParser {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    private let bytes: [UInt8]
    private var index = 0

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    public static func parse(bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ message: String, at offset: Int? = nil) -> Failure {
        let end = min(offset ?? index, bytes.count)
        var line = 1, column = 1
        var i = 0
        while i < end {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 1 }
            else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Failure(line: line, column: column, message: message)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "end of file" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
    }

    private mutating func document() throws(Failure) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipSpace()
        guard current != nil else { throw fail("the file is empty; expected a JSON value") }
        let value = try self.value(depth: 0)
        skipSpace()
        if current != nil { throw fail("expected the end of the document after the value, found \(describe(current))") }
        return value
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard depth < 512 else { throw fail("nesting is deeper than 512 levels") }
        skipSpace()
        switch current {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case let c? where c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")): return try number()
        default: throw fail("expected a value (object, array, string, number, true, false or null), found \(describe(current))")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let start = index
        for b in word.utf8 {
            guard current == b else { throw fail("expected '\(word)'", at: start) }
            index += 1
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var result = JSONObject()
        skipSpace()
        if current == UInt8(ascii: "}") { index += 1; return .object(result) }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes, found \(describe(current))") }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\", found \(describe(current))") }
            index += 1
            result[key] = try value(depth: depth + 1)
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(result)
            default: throw fail("expected ',' or '}' in an object, found \(describe(current))")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        index += 1
        var result: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") { index += 1; return .array(result) }
        while true {
            result.append(try value(depth: depth + 1))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(result)
            default: throw fail("expected ',' or ']' in an array, found \(describe(current))")
            }
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw fail("unfinished \\u escape") }
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("expected a hex digit in a \\u escape, found \(describe(c))")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private mutating func string() throws(Failure) -> String {
        let start = index
        index += 1
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw fail("unterminated string (it starts here)", at: start) }
            switch c {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let e = current else { throw fail("unterminated escape") }
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a high surrogate must be followed by a low surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("unpaired low surrogate")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: index - 2)
                }
            case 0..<0x20:
                throw fail("control character in a string (escape it, e.g. \\n)")
            default:
                out.append(c)
                index += 1
            }
        }
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            var n = 0
            while let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { index += 1; n += 1 }
            return n
        }
        if current == UInt8(ascii: "0") {
            index += 1
            if let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { throw fail("numbers must not have leading zeros") }
        } else if digits() == 0 {
            throw fail("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw fail("expected a digit after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            if digits() == 0 { throw fail("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw fail("invalid number '\(text)'", at: start) }
        // 1e400 is valid JSON but no double: it would come back out as `inf`, which is not JSON.
        guard value.isFinite else { throw fail("number '\(text.prefix(40))' is out of range (beyond ±1.8e308)", at: start) }
        return .number(value)
    }
}
