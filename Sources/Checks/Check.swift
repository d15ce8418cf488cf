import Environment
/// A check of the catalogue. Every check carries its own proof: example environments (a bundled fixture,
/// optionally edited) on which it must pass and on which it must fail; one generic test runs them all.
public struct Check: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var doc: String
        public var defaultValue: String
    }

    public struct Example: Sendable {
        /// A fixture under `Fixtures/` (`glowcorp`, `broken/igw-detached`).
        public var fixture: String
        /// An edit applied to the loaded snapshot, for cases no bundled fixture shows.
        public var edit: (@Sendable (inout Snapshot) -> Void)?
        /// The status the check must report (at least one finding with it; for `.pass`, every finding).
        public var expect: Finding.Status
        public var parameters: [String: String]

        public static func passes(_ fixture: String = "glowcorp", with parameters: [String: String] = [:],
                                  edit: (@Sendable (inout Snapshot) -> Void)? = nil) -> Example {
            Example(fixture: fixture, edit: edit, expect: .pass, parameters: parameters)
        }

        public static func fails(_ fixture: String, with parameters: [String: String] = [:],
                                 edit: (@Sendable (inout Snapshot) -> Void)? = nil) -> Example {
            Example(fixture: fixture, edit: edit, expect: .fail, parameters: parameters)
        }

        /// The check cannot judge (data it needs was not read) and says so.
        public static func skips(_ fixture: String, with parameters: [String: String] = [:],
                                 edit: (@Sendable (inout Snapshot) -> Void)? = nil) -> Example {
            Example(fixture: fixture, edit: edit, expect: .notChecked, parameters: parameters)
        }

        public static func warns(_ fixture: String, with parameters: [String: String] = [:],
                                 edit: (@Sendable (inout Snapshot) -> Void)? = nil) -> Example {
            Example(fixture: fixture, edit: edit, expect: .warn, parameters: parameters)
        }
    }

    public var id: String
    public var hop: Hop
    public var severity: Severity
    public var doc: String
    public var parameters: [Parameter] = []
    public var needs: [Piece]
    /// Checks whose failure this one follows from (it is then not a root cause).
    public var after: [String] = []
    public var examples: [Example]
    public var run: @Sendable (CheckContext) -> [Finding]
}
