/// Prints a JSONValue the way `json.dumps(indent=4)` / the AWS CLI do, keys in their order.
public enum JSONWriter {
    /// `compact` leaves out the spaces after `,` and `:` (as JMESPath's `to_string` does); `asciiOnly`
    /// escapes every character above 0x7E, as Python's json.dumps does by default.
    public static func string(_ value: JSONValue, indent: Int? = 2, compact: Bool = false, asciiOnly: Bool = false) -> String {
        var out = ""
        write(value, level: 0, indent: indent, compact: compact, asciiOnly: asciiOnly, into: &out)
        return out
    }

    static func write(_ value: JSONValue, level: Int, indent: Int?, compact: Bool = false, asciiOnly: Bool = false, into out: inout String) {
        let newline = indent == nil ? "" : "\n"
        let space = compact ? "" : " "
        func pad(_ l: Int) -> String { indent.map { String(repeating: " ", count: $0 * l) } ?? "" }
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { out += String(Int64(n)) } else { out += "\(n)" }
        case .string(let s): out += quote(s, asciiOnly: asciiOnly)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, v) in a.enumerated() {
                out += pad(level + 1)
                write(v, level: level + 1, indent: indent, compact: compact, asciiOnly: asciiOnly, into: &out)
                out += (i < a.count - 1 ? "," : "") + (indent == nil && i < a.count - 1 ? space : "") + newline
            }
            out += pad(level) + "]"
        case .object(let o):
            if o.count == 0 { out += "{}"; return }
            out += "{" + newline
            for (i, pair) in o.pairs.enumerated() {
                out += pad(level + 1) + quote(pair.key, asciiOnly: asciiOnly) + ":" + (compact ? "" : " ")
                write(pair.value, level: level + 1, indent: indent, compact: compact, asciiOnly: asciiOnly, into: &out)
                out += (i < o.count - 1 ? "," : "") + (indent == nil && i < o.count - 1 ? space : "") + newline
            }
            out += pad(level) + "}"
        }
    }

    /// `s` as a JSON string. `asciiOnly` escapes everything above 0x7E as `\uXXXX` (UTF-16, surrogate
    /// pairs beyond the BMP), as Python's json.dumps does by default.
    public static func quote(_ s: String, asciiOnly: Bool = false) -> String {
        func hex4(_ v: UInt32) -> String {
            let h = String(v, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - h.count) + h
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += hex4(scalar.value)
            // DEL, C1, the bidi controls, the line separators and the renderer's mark: the same value,
            // written so that nothing a terminal acts on passes through raw.
            case _ where (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFDD0:
                out += hex4(scalar.value)
            case _ where asciiOnly && scalar.value > 0xFFFF:
                let v = scalar.value - 0x10000
                out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
            case _ where asciiOnly && scalar.value > 0x7E: out += hex4(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
