import Environment
import Checks

/// A ```verify block: the state of the learner's environment (real or fixture) that this step expects.
/// The lesson states it in words (`expect`) and names the checks that will prove it.
public struct VerifySpec: Sendable, Hashable {
    public struct CheckRef: Sendable, Hashable {
        public var id: String
        /// Parameters for the check (e.g. `cidr: 10.0.0.0/16`), as strings; the check interprets them.
        public var params: [String: String]
        public var line: Int
        /// Set for a check written as a query in the lesson (then `id` is its id).
        public var query: QueryCheck?

        public init(id: String, params: [String: String] = [:], line: Int, query: QueryCheck? = nil) {
            self.id = id
            self.params = params
            self.line = line
            self.query = query
        }
    }

    /// The expected state, in the lesson's language.
    public var expect: String
    public var checks: [CheckRef]
    public var line: Int
    /// A case study: the environment this step's `verify` reads (a fixture directory, relative to the
    /// lesson file), whatever the learner's source is. Such a step hands the learner a broken environment
    /// to diagnose, so it is complete when its questions are answered.
    public var fixture: String?
    /// A build step: the learner makes this state themselves (in the sandbox, their own account and host,
    /// or a capture of them); the bundled reference never completes it.
    public var build: Bool
    /// A break-and-fix step: the sandbox defect (`sandbox break ID`) the learner finds and fixes in their
    /// own environment; without one, `fixture` is the broken environment they diagnose.
    public var practice: String?

    public init(expect: String, checks: [CheckRef], line: Int, fixture: String? = nil, build: Bool = false, practice: String? = nil) {
        self.practice = practice
        self.expect = expect
        self.checks = checks
        self.line = line
        self.fixture = fixture
        self.build = build
    }
}

extension VerifySpec {
    /// What the verifier runs for this block.
    public var requests: [Verifier.Request] {
        checks.map { Verifier.Request(check: $0.id, parameters: $0.params, query: $0.query) }
    }
}
