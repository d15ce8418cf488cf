import AWSRead
import Foundation
import JSON

extension LiveCapture {
    /// Writes the capture in the fixture layout (what FixtureSource reads). With `redact`, account ids,
    /// public IPv4 addresses (also inside EC2 host names) and so the account part of ARNs are replaced
    /// by stand-ins, the same one for the same value in every file.
    public func write(to directory: String, redact: Bool) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var redactor = Redactor()
        func text(_ s: String) -> String { redact ? redactor.redact(s) : s }
        func save(_ name: String, _ content: String) throws {
            // Each file whole or not at all: written beside, then renamed.
            let path = "\(directory)/\(name)"
            let temporary = "\(directory)/.\(name).partial"
            // No credential is ever written, whatever echoed it (an endpoint's error message in an issue).
            try Data(KnownSecrets.scrub(content).utf8).write(to: URL(fileURLWithPath: temporary))
            _ = try? fm.removeItem(atPath: path)
            try fm.moveItem(atPath: temporary, toPath: path)
        }
        for name in captures.keys.sorted() {
            let value = redact ? redactor.redact(captures[name]!) : captures[name]!
            try save("\(text(name)).json", JSONWriter.string(value, indent: 4) + "\n")
        }
        if let nginxDump { try save("nginx-T.txt", text(nginxDump)) }
        if let dockerPS { try save("docker-ps.jsonl", text(dockerPS)) }
        if let dockerInspect { try save("docker-inspect.json", text(dockerInspect)) }
        try save("captured-at.txt", ISO8601DateFormatter().string(from: capturedAt) + "\n")
        var readme = "# Snapshot: \(source)\n\nCaptured by `glow-onboard snapshot` on \(ISO8601DateFormatter().string(from: capturedAt)).\n"
        readme += redact ? "Redacted: account ids, public IP addresses and ARN account parts are stand-ins; a registered domain's contacts are REDACTED.\n" : "Not redacted.\n"
        if !issues.isEmpty {
            readme += "\nWhat could not be read:\n\n" + issues.map { "- \(text($0.description))" }.joined(separator: "\n") + "\n"
        }
        try save("README.md", readme)
    }
}

/// Consistent stand-ins: the n-th account id seen becomes 00000000000n, the n-th public IPv4
/// address 203.0.113.n (TEST-NET-3, documentation space).
struct Redactor {
    var accounts: [String: String] = [:]
    var addresses: [String: String] = [:]

    mutating func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(redact(s))
        case .array(let a): return .array(a.map { redact($0) })
        case .object(let o):
            var out = JSONObject()
            for k in o.keys {
                // A registered domain's contacts (AdminContact, RegistrantContact, TechContact, BillingContact)
                // are a person's name, address, telephone and e-mail: none of it stays.
                out[k] = k.hasSuffix("Contact") && o[k]!.object != nil ? Self.blank(o[k]!) : redact(o[k]!)
            }
            return .object(out)
        default: return value
        }
    }

    /// Every string in `value` replaced by `REDACTED`; the shape stays.
    static func blank(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string: return .string("REDACTED")
        case .array(let a): return .array(a.map(blank))
        case .object(let o):
            var out = JSONObject()
            for k in o.keys { out[k] = blank(o[k]!) }
            return .object(out)
        default: return value
        }
    }

    mutating func redact(_ text: String) -> String {
        var out: [Character] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c.isASCII && c.isNumber, i == 0 || !(chars[i - 1].isASCII && (chars[i - 1].isNumber || chars[i - 1] == ".")) else {
                out.append(c)
                i += 1
                continue
            }
            // A run of digits, dots or dashes that starts here.
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." || chars[j] == "-" { j += 1 }
            let run = String(chars[i..<j])
            if let (length, replacement) = replacement(at: run) {
                out.append(contentsOf: replacement)
                i += length
            } else {
                // Not redacted: copy the digits of this run up to its first separator.
                var k = i
                while k < j, chars[k].isNumber { out.append(chars[k]); k += 1 }
                i = k == i ? i + 1 : k
            }
        }
        return String(out)
    }

    /// What replaces the start of `run`, and how many characters it covers.
    mutating func replacement(at run: String) -> (Int, String)? {
        let digits = run.prefix { $0.isNumber }
        if digits.count == 12 {
            let id = String(digits)
            if accounts[id] == nil { accounts[id] = String(format: "%012d", accounts.count + 1) }
            return (12, accounts[id]!)
        }
        // a.b.c.d or a-b-c-d (EC2 host names)
        for separator: Character in [".", "-"] {
            let parts = run.split(separator: separator, maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count >= 4 else { continue }
            let four = parts.prefix(4).map(String.init)
            guard four.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }) else { continue }
            let octets = four.map { Int($0)! }
            let length = four.joined(separator: String(separator)).count
            if Self.isPrivate(octets) { return (length, four.joined(separator: String(separator))) }
            let key = octets.map(String.init).joined(separator: ".")
            if addresses[key] == nil { addresses[key] = "203.0.113.\(addresses.count + 1)" }
            return (length, addresses[key]!.replacingOccurrences(of: ".", with: String(separator)))
        }
        return nil
    }

    static func isPrivate(_ o: [Int]) -> Bool {
        o[0] == 10 || o[0] == 127 || o[0] == 0 || (o[0] == 172 && (16...31).contains(o[1])) || (o[0] == 192 && o[1] == 168)
            || (o[0] == 169 && o[1] == 254) || (o[0] == 100 && (64...127).contains(o[1])) || o[0] >= 224
            || (o[0] == 203 && o[1] == 0 && o[2] == 113)
    }
}
