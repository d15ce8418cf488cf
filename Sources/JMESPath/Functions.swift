import JSON
import Foundation

/// The built-in functions with their signatures: a wrong number of arguments is `invalid-arity`, a
/// wrong type `invalid-type`, an unknown name `unknown-function`.
enum Functions {
    enum Arg {
        case value(JSONValue)
        case expref(Node)

        var value: JSONValue? { if case .value(let v) = self { return v } else { return nil } }
    }

    /// An argument's accepted types.
    enum Kind: String {
        case any, number, string, boolean, array, object, null, expref
        case arrayNumber = "array[number]", arrayString = "array[string]"
    }

    struct Signature {
        var params: [[Kind]]
        var variadic: Bool = false
    }

    static let signatures: [String: Signature] = [
        "abs": .init(params: [[.number]]),
        "avg": .init(params: [[.arrayNumber]]),
        "ceil": .init(params: [[.number]]),
        "contains": .init(params: [[.array, .string], [.any]]),
        "ends_with": .init(params: [[.string], [.string]]),
        "floor": .init(params: [[.number]]),
        "join": .init(params: [[.string], [.arrayString]]),
        "keys": .init(params: [[.object]]),
        "length": .init(params: [[.string, .array, .object]]),
        "map": .init(params: [[.expref], [.array]]),
        "max": .init(params: [[.arrayNumber, .arrayString]]),
        "max_by": .init(params: [[.array], [.expref]]),
        "merge": .init(params: [[.object]], variadic: true),
        "min": .init(params: [[.arrayNumber, .arrayString]]),
        "min_by": .init(params: [[.array], [.expref]]),
        "not_null": .init(params: [[.any]], variadic: true),
        "reverse": .init(params: [[.string, .array]]),
        "sort": .init(params: [[.arrayNumber, .arrayString]]),
        "sort_by": .init(params: [[.array], [.expref]]),
        "starts_with": .init(params: [[.string], [.string]]),
        "sum": .init(params: [[.arrayNumber]]),
        "to_array": .init(params: [[.any]]),
        "to_number": .init(params: [[.any]]),
        "to_string": .init(params: [[.any]]),
        "type": .init(params: [[.any]]),
        "values": .init(params: [[.object]]),
    ]

    static func matches(_ arg: Arg, _ kind: Kind) -> Bool {
        switch (kind, arg) {
        case (.expref, .expref): return true
        case (.expref, _), (_, .expref): return false
        case (.any, _): return true
        case (_, .value(let v)):
            switch (kind, v) {
            case (.number, .number), (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null): return true
            case (.arrayNumber, .array(let a)): return a.allSatisfy { if case .number = $0 { return true } else { return false } }
            case (.arrayString, .array(let a)): return a.allSatisfy { if case .string = $0 { return true } else { return false } }
            default: return false
            }
        }
    }

    static func call(_ name: String, _ nodes: [Node], _ current: JSONValue) throws(JMESPathError) -> JSONValue {
        guard let signature = signatures[name] else { throw JMESPathError(.unknownFunction, "unknown function \(name)()") }
        let count = signature.params.count
        if signature.variadic ? nodes.count < count : nodes.count != count {
            throw JMESPathError(.invalidArity, "\(name)() takes \(signature.variadic ? "at least " : "")\(count) argument\(count == 1 ? "" : "s"), not \(nodes.count)")
        }
        var args: [Arg] = []
        for node in nodes {
            if case .expref(let inner) = node { args.append(.expref(inner)) } else { args.append(.value(try Interpreter.visit(node, current))) }
        }
        for (i, arg) in args.enumerated() {
            let kinds = signature.params[min(i, count - 1)]
            if !kinds.contains(where: { matches(arg, $0) }) {
                let got: String
                switch arg {
                case .expref: got = "expref"
                case .value(let v): got = v.typeName
                }
                throw JMESPathError(.invalidType, "argument \(i + 1) of \(name)() must be \(kinds.map(\.rawValue).joined(separator: " or ")), not \(got)")
            }
        }
        return try apply(name, args)
    }

    static func numbers(_ v: JSONValue) -> [Double] { v.elements.compactMap(\.number) }
    static func strings(_ v: JSONValue) -> [String] { v.elements.compactMap(\.string) }

    /// Strings order by code point, as in the reference implementation.
    static func less(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }

    static func less(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)): return less(x, y)
        default: return false
        }
    }

    /// The values an expression reference gives for each element; all numbers or all strings.
    static func keys(_ array: [JSONValue], _ expr: Node, _ name: String) throws(JMESPathError) -> [JSONValue] {
        var out: [JSONValue] = []
        for element in array { out.append(try Interpreter.visit(expr, element)) }
        let allNumbers = out.allSatisfy { if case .number = $0 { return true } else { return false } }
        let allStrings = out.allSatisfy { if case .string = $0 { return true } else { return false } }
        guard allNumbers || allStrings else {
            throw JMESPathError(.invalidType, "the expression given to \(name)() must give all numbers or all strings")
        }
        return out
    }

    static func apply(_ name: String, _ args: [Arg]) throws(JMESPathError) -> JSONValue {
        let a0 = args[0].value ?? .null
        switch name {
        case "abs": return .number(abs(a0.number!))
        case "avg":
            let n = numbers(a0)
            return n.isEmpty ? .null : .number(n.reduce(0, +) / Double(n.count))
        case "ceil": return .number(a0.number!.rounded(.up))
        case "floor": return .number(a0.number!.rounded(.down))
        case "contains":
            let needle = args[1].value!
            if case .string(let s) = a0 {
                guard case .string(let sub) = needle else { return .bool(false) }
                return .bool(sub.isEmpty || s.contains(sub))
            }
            return .bool(a0.elements.contains(needle))
        case "ends_with": return .bool(a0.string!.hasSuffixScalars(args[1].value!.string!))
        case "starts_with": return .bool(a0.string!.hasPrefixScalars(args[1].value!.string!))
        case "join": return .string(strings(args[1].value!).joined(separator: a0.string!))
        case "keys": return .array(a0.object!.keys.map(JSONValue.string))
        case "values": return .array(a0.object!.pairs.map(\.value))
        case "length":
            switch a0 {
            case .string(let s): return .number(Double(s.unicodeScalars.count))
            case .array(let a): return .number(Double(a.count))
            case .object(let o): return .number(Double(o.count))
            default: return .null
            }
        case "map":
            guard case .expref(let expr) = args[0] else { return .null }
            var out: [JSONValue] = []
            for element in args[1].value!.elements { out.append(try Interpreter.visit(expr, element)) }
            return .array(out)
        case "max", "min":
            let items = a0.elements
            guard var best = items.first else { return .null }
            for item in items.dropFirst() where name == "max" ? less(best, item) : less(item, best) { best = item }
            return best
        case "max_by", "min_by":
            guard case .expref(let expr) = args[1] else { return .null }
            let items = a0.elements
            guard !items.isEmpty else { return .null }
            let ks = try keys(items, expr, name)
            var best = 0
            for i in 1..<items.count where name == "max_by" ? less(ks[best], ks[i]) : less(ks[i], ks[best]) { best = i }
            return items[best]
        case "merge":
            var out = JSONObject()
            for arg in args { for (k, v) in arg.value!.object!.pairs { out[k] = v } }
            return .object(out)
        case "not_null":
            return args.lazy.compactMap(\.value).first { $0 != .null } ?? .null
        case "reverse":
            if case .string(let s) = a0 { return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed()))) }
            return .array(a0.elements.reversed())
        case "sort":
            return .array(a0.elements.enumerated().sorted { x, y in
                less(x.element, y.element) || (!less(y.element, x.element) && x.offset < y.offset)
            }.map(\.element))
        case "sort_by":
            guard case .expref(let expr) = args[1] else { return .null }
            let items = a0.elements
            let ks = try keys(items, expr, name)
            let order = items.indices.sorted { i, j in less(ks[i], ks[j]) || (!less(ks[j], ks[i]) && i < j) }
            return .array(order.map { items[$0] })
        case "sum": return .number(numbers(a0).reduce(0, +))
        case "to_array":
            if case .array = a0 { return a0 }
            return .array([a0])
        case "to_string":
            if case .string = a0 { return a0 }
            return .string(JSONWriter.string(a0, indent: nil, compact: true))
        case "to_number":
            switch a0 {
            case .number: return a0
            case .string(let s):
                guard let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite else { return .null }
                return .number(d)
            default: return .null
            }
        case "type": return .string(a0.typeName)
        default: throw JMESPathError(.unknownFunction, "unknown function \(name)()")
        }
    }
}

extension String {
    func hasPrefixScalars(_ p: String) -> Bool { unicodeScalars.starts(with: p.unicodeScalars) }
    func hasSuffixScalars(_ p: String) -> Bool { unicodeScalars.reversed().starts(with: p.unicodeScalars.reversed()) }
}
