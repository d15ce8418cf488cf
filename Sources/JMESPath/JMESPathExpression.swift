import JSON
/// A compiled JMESPath expression (https://jmespath.org/specification.html), evaluated over JSON values.
///
///     let e = try JMESPathExpression("Vpcs[?IsDefault == `false`].CidrBlock")
///     let cidrs = try e.evaluate(document)
public struct JMESPathExpression: Sendable {
    public let source: String
    let root: Node

    public init(_ source: String) throws(JMESPathError) {
        self.source = source
        root = try Parser.parse(source)
    }

    public func evaluate(_ value: JSONValue) throws(JMESPathError) -> JSONValue {
        try Interpreter.visit(root, value)
    }

    /// Compiles and evaluates in one step.
    public static func search(_ expression: String, in value: JSONValue) throws(JMESPathError) -> JSONValue {
        try JMESPathExpression(expression).evaluate(value)
    }
}

extension JSONValue {
    /// JMESPath truthiness: false, null, "", [] and {} are false; everything else (0 too) is true.
    public var isTruthy: Bool {
        switch self {
        case .null, .bool(false): return false
        case .string(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return o.count > 0
        default: return true
        }
    }

    /// The type name JMESPath's `type()` returns.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
