import Environment
import JMESPath
import JSON

extension QueryCheck.Expectation {
    /// Whether a query's result meets the expectation.
    public func holds(for v: JSONValue) -> Bool {
        switch self {
        case .equals(let raw): return Self.same(v, raw)
        case .notEmpty:
            switch v {
            case .null: return false
            case .string(let s): return !s.isEmpty
            case .array(let a): return !a.isEmpty
            case .object(let o): return o.count > 0
            default: return true
            }
        case .empty: return !QueryCheck.Expectation.notEmpty.holds(for: v)
        case .length(let n):
            switch v {
            case .string(let s): return s.count == n
            case .array(let a): return a.count == n
            case .object(let o): return o.count == n
            default: return false
            }
        case .contains(let raw):
            if case .string(let s) = v { return s.contains(raw) }
            return v.elements.contains { Self.same($0, raw) }
        case .matches(let pattern):
            // LinearRegex: a value from the environment never makes a pattern take exponential time.
            guard case .string(let s) = v, let re = try? LinearRegex(pattern) else { return false }
            return re.wholeMatch(s)
        case .cidrWithin(let outer):
            guard case .string(let s) = v, let block = CIDRBlock(s), let o = CIDRBlock(outer) else { return false }
            return o.contains(block)
        case .every(let inner):
            guard case .array(let a) = v, !a.isEmpty else { return false }
            return a.allSatisfy(inner.holds)
        case .any(let inner):
            return v.elements.contains(where: inner.holds)
        }
    }

    /// A result equals the YAML value written in the lesson: as text, number, boolean, null or JSON.
    static func same(_ v: JSONValue, _ raw: String) -> Bool {
        switch v {
        case .string(let s): return s == raw
        case .number(let n): return Double(raw) == n
        case .bool(let b): return raw == (b ? "true" : "false")
        case .null: return raw == "null" || raw == "~"
        case .array, .object: return (try? JSONParser.parse(raw)) == v
        }
    }
}

extension QueryCheck {
    /// Runs the query on the snapshot's document and judges the result, as a built-in check would.
    func finding(on snapshot: Snapshot) -> Finding {
        let hop = Hop(rawValue: self.hop) ?? .chain
        let severity = Severity(rawValue: self.severity) ?? .error
        let result: JSONValue
        do { result = try JMESPathExpression(expression).evaluate(snapshot.document) } catch {
            return Finding(check: id, hop: hop, severity: severity, status: .notChecked, message: "질의를 실행하지 못했어요: \(error)",
                           location: "query: \(expression)")
        }
        let ok = expectation.holds(for: result)
        let actual = JSONWriter.string(result, indent: nil)
        return Finding(check: id, hop: hop, severity: severity,
                       status: ok ? .pass : (severity == .error ? .fail : .warn),
                       message: ok ? pass : fail, hint: ok ? nil : hint, expected: expectation.description,
                       actual: actual.count > 200 ? String(actual.prefix(200)) + "…" : actual,
                       location: "query: \(expression)")
    }
}
