/// A JSON document as the AWS CLI prints it, keeping the order of object keys (so what we show reads
/// like the CLI's own output).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var int: Int? {
        switch self {
        case .number(let n): return Int(exactly: n)
        case .string(let s): return Int(s)
        default: return nil
        }
    }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var object: JSONObject? { if case .object(let o) = self { return o } else { return nil } }

    /// Array elements, or nothing (for fields that may be absent).
    public var elements: [JSONValue] { array ?? [] }
}

/// An object with its keys in document order. Small objects (most of an AWS document) are searched
/// linearly, which beats hashing the key; larger ones keep an index.
public struct JSONObject: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var key: String
        var value: JSONValue
        /// A cheap hash of the key: comparing two integers first spares most string comparisons.
        var keyHash: UInt64

        init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
            keyHash = Self.hash(key)
        }

        /// FNV-1a over the UTF-8 bytes.
        @inline(__always) static func hash(_ key: String) -> UInt64 {
            var h: UInt64 = 0xcbf29ce484222325
            for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            return h
        }
    }

    private var entries: [Entry] = []
    private var index: [String: Int]?
    private static let indexThreshold = 32

    public init() {}

    public init(_ pairs: [(String, JSONValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var keys: [String] { entries.map(\.key) }
    public var values: [String: JSONValue] { Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        let h = Entry.hash(key)
        return entries.firstIndex { $0.keyHash == h && $0.key == key }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    entries[i].value = newValue
                } else {
                    entries.remove(at: i)
                    rebuildIndex()
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
                if index != nil { index![key] = entries.count - 1 } else if entries.count > Self.indexThreshold { rebuildIndex() }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard entries.count > Self.indexThreshold else { index = nil; return }
        var map: [String: Int] = [:]
        for (i, e) in entries.enumerated() where map[e.key] == nil { map[e.key] = i }
        index = map
    }

    public var pairs: [(key: String, value: JSONValue)] { entries.map { ($0.key, $0.value) } }
    public var count: Int { entries.count }

    /// Equal when they hold the same keys with equal values, in any order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.entries.count == b.entries.count else { return false }
        return a.entries.allSatisfy { b[$0.key] == $0.value }
    }

    public func hash(into h: inout Hasher) {
        h.combine(entries.count)
        for e in entries.sorted(by: { $0.key < $1.key }) {
            h.combine(e.key)
            h.combine(e.value)
        }
    }
}
