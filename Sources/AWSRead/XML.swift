/// The XML of AWS responses: elements, text, character and entity references, CDATA, comments and
/// the declaration. Namespaces are dropped from names (as botocore does); attributes are skipped.
struct XMLElement: Sendable {
    var name: String
    var children: [XMLElement] = []
    var text: String = ""
}

struct XMLFailure: Error, CustomStringConvertible {
    var offset: Int
    var message: String
    var description: String { "malformed XML at byte \(offset): \(message)" }
}

enum XMLReader {
    static func parse(_ bytes: [UInt8]) throws(XMLFailure) -> XMLElement {
        var i = 0
        let n = bytes.count
        var stack: [XMLElement] = []
        var root: XMLElement?

        func fail(_ message: String) -> XMLFailure { XMLFailure(offset: i, message: message) }
        func starts(_ s: String) -> Bool {
            let u = Array(s.utf8)
            return i + u.count <= n && Array(bytes[i..<i + u.count]) == u
        }
        func skip(past s: String) throws(XMLFailure) {
            let u = Array(s.utf8)
            while i + u.count <= n {
                if bytes[i] == u[0] && Array(bytes[i..<i + u.count]) == u { i += u.count; return }
                i += 1
            }
            throw fail("no closing \(s)")
        }
        func localName(_ raw: ArraySlice<UInt8>) -> String {
            let s = String(decoding: raw, as: UTF8.self)
            if let colon = s.lastIndex(of: ":") { return String(s[s.index(after: colon)...]) }
            return s
        }
        func appendText(_ s: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += s }
        }

        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < n && bytes[i] != UInt8(ascii: "<") { i += 1 }
                appendText(try unescape(bytes[start..<i], at: start))
                continue
            }
            if starts("<?") { try skip(past: "?>"); continue }
            if starts("<!--") { try skip(past: "-->"); continue }
            if starts("<![CDATA[") {
                i += 9
                let start = i
                try skip(past: "]]>")
                appendText(String(decoding: bytes[start..<i - 3], as: UTF8.self))
                continue
            }
            if starts("<!") { try skip(past: ">"); continue }
            if starts("</") {
                i += 2
                let start = i
                while i < n && bytes[i] != UInt8(ascii: ">") { i += 1 }
                guard i < n else { throw fail("unterminated end tag") }
                let name = localName(bytes[start..<i]).trimmingSpaces
                i += 1
                guard let open = stack.popLast() else { throw fail("</\(name)> closes nothing") }
                guard open.name == name else { throw fail("</\(name)> closes <\(open.name)>") }
                if stack.isEmpty { root = open } else { stack[stack.count - 1].children.append(open) }
                continue
            }
            // A start tag: the name, then attributes (skipped, quotes respected), then > or />.
            i += 1
            let start = i
            while i < n && !isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") && bytes[i] != UInt8(ascii: "/") { i += 1 }
            let name = localName(bytes[start..<i])
            guard !name.isEmpty else { throw fail("a tag without a name") }
            var selfClosing = false
            while i < n {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    i += 1
                    while i < n && bytes[i] != c { i += 1 }
                    i += 1
                } else if c == UInt8(ascii: "/") && i + 1 < n && bytes[i + 1] == UInt8(ascii: ">") {
                    selfClosing = true
                    i += 2
                    break
                } else if c == UInt8(ascii: ">") {
                    i += 1
                    break
                } else {
                    i += 1
                }
            }
            let element = XMLElement(name: name)
            if selfClosing {
                if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
            } else {
                // AWS's responses nest a few levels; a bound keeps the tree, its decoding and its release
                // from recursing without end on a hostile or broken server's reply.
                guard stack.count < maximumDepth else { throw fail("elements nested deeper than \(maximumDepth) levels") }
                stack.append(element)
            }
        }
        guard stack.isEmpty else { throw fail("<\(stack.last!.name)> is never closed") }
        guard let root else { throw fail("no element") }
        return root
    }

    static let maximumDepth = 64

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    static func unescape(_ raw: ArraySlice<UInt8>, at offset: Int) throws(XMLFailure) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var i = raw.startIndex
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "&") else { out.append(raw[i]); i += 1; continue }
            guard let semi = raw[i...].firstIndex(of: UInt8(ascii: ";")) else {
                throw XMLFailure(offset: offset + (i - raw.startIndex), message: "& without ;")
            }
            let entity = String(decoding: raw[(i + 1)..<semi], as: UTF8.self)
            switch entity {
            case "amp": out.append(UInt8(ascii: "&"))
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                var scalar: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst(1)) }
                guard let value = scalar, let u = Unicode.Scalar(value) else {
                    throw XMLFailure(offset: offset + (i - raw.startIndex), message: "unknown entity &\(entity);")
                }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            }
            i = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
