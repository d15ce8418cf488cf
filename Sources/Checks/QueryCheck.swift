import Environment
/// A check an instructor writes in a verify block without Swift: a JMESPath query over the environment's
/// document and what its result must be.
public struct QueryCheck: Sendable, Hashable {
    public indirect enum Expectation: Sendable, Hashable, CustomStringConvertible {
        case equals(String)
        case notEmpty
        case empty
        case length(Int)
        case contains(String)
        case matches(String)
        case cidrWithin(String)
        case every(Expectation)
        case any(Expectation)

        public static let names = ["equals", "not-empty", "empty", "length", "contains", "matches", "cidr-within", "every", "any"]

        public var description: String {
            switch self {
            case .equals(let v): return "== \(v)"
            case .notEmpty: return "비어 있지 않음"
            case .empty: return "비어 있음"
            case .length(let n): return "길이 \(n)"
            case .contains(let v): return "\(v) 포함"
            case .matches(let r): return "/\(r)/와 일치"
            case .cidrWithin(let c): return "\(c) 안의 CIDR"
            case .every(let e): return "모든 항목이 \(e)"
            case .any(let e): return "어떤 항목이 \(e)"
            }
        }
    }

    public var id: String
    public var expression: String
    public var expectation: Expectation
    /// A hop name (`network`, `alb`, …); where the finding is listed.
    public var hop: String
    public var severity: String
    /// What is true when the check passes, and what is wrong when it fails: a finding states its outcome,
    /// never a fact that holds only one way ("직접 만든 VPC가 하나 있어요" printed beside 101 VPCs).
    public var pass: String
    public var fail: String
    public var hint: String?

    public init(id: String, expression: String, expectation: Expectation, hop: String, severity: String, pass: String, fail: String, hint: String?) {
        self.id = id
        self.expression = expression
        self.expectation = expectation
        self.hop = hop
        self.severity = severity
        self.pass = pass
        self.fail = fail
        self.hint = hint
    }
}
