import Environment
/// What one check found: the status, what to tell the learner (in the lesson's language), expected vs
/// actual, where (resource name/id/ARN, or file:line for nginx), and whether it is a root cause or
/// follows from another failure.
public struct Finding: Sendable, Hashable {
    public enum Status: String, Sendable, Comparable {
        case fail, warn, notChecked = "not checked", pass

        var rank: Int { [.fail: 0, .warn: 1, .notChecked: 2, .pass: 3][self]! }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    public var check: String
    public var hop: Hop
    public var severity: Severity
    public var status: Status
    public var message: String
    public var hint: String?
    public var expected: String?
    public var actual: String?
    public var location: String?
    /// True unless a check this one depends on also failed.
    public var rootCause: Bool = true
    /// The failing checks this finding follows from.
    public var causedBy: [String] = []
}
