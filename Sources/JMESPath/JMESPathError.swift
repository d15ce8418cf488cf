import JSON
/// Why an expression could not be compiled or evaluated. `kind` uses the compliance suite's names.
public struct JMESPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case syntax
        case invalidType = "invalid-type"
        case invalidValue = "invalid-value"
        case invalidArity = "invalid-arity"
        case unknownFunction = "unknown-function"
    }

    public var kind: Kind
    public var message: String
    /// 1-based column in the expression, for syntax errors.
    public var column: Int?

    public init(_ kind: Kind, _ message: String, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.column = column
    }

    public var description: String {
        column.map { "\(kind.rawValue) error at column \($0): \(message)" } ?? "\(kind.rawValue) error: \(message)"
    }
}
