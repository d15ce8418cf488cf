import ArgumentParser
import Checks
import Environment

/// What a command prints: lines for standard output and notes (what went wrong while reading, what the
/// learner should know) that the command line sends to standard error and the REPL shows in place; and
/// the exit status.
public struct CommandOutput: Sendable {
    public enum Line: Sendable, Equatable {
        case text(String)
        case note(Snapshot.Issue)
        /// Said beside the output, as it is (a summary on standard error).
        case aside(String)
    }

    public var lines: [Line] = []
    public var status: Int32 = ExitStatus.success

    public init(_ text: [String] = [], status: Int32 = ExitStatus.success) {
        lines = text.map(Line.text)
        self.status = status
    }

    public mutating func append(_ text: String) { lines.append(.text(text)) }
    public mutating func append(contentsOf text: [String]) { lines += text.map(Line.text) }
    public mutating func note(_ issue: Snapshot.Issue) { lines.append(.note(issue)) }
    public mutating func notes(_ issues: [Snapshot.Issue]) { lines += issues.map(Line.note) }
    public mutating func aside(_ text: String) { lines.append(.aside(text)) }

    public var text: [String] { lines.compactMap { if case .text(let t) = $0 { return t } else { return nil } } }
}

/// Where a command runs: the command line (each run reads what it needs) or the REPL (the learner's
/// session: the course, where they are, the source they chose, what was already read). A command asks
/// its context and never looks around for itself, so the same code serves both.
public protocol CommandContext: AnyObject {
    /// Decided once, for the output device (`Terminal.forStandardOutput`).
    var terminal: Terminal { get }
    var environment: [String: String] { get }
    /// The course: the REPL's own, or the one `--lessons` names on the command line.
    func loadedCourse() throws -> Course
    var progressStore: ProgressStore { get }
    /// Where lessons are written: the course's directory (`--lessons` on the command line).
    func lessonsDirectory(allowEmpty: Bool) throws -> String
    /// Where the learner is (REPL); nil on the command line.
    var here: Course.Position? { get }
    /// What `source` names when it names something, else the context's own environment: the REPL's
    /// chosen source, or a case study's fixture when `caseStudy` is given; the bundled fixture on the
    /// command line. Read once per source in the REPL; reading problems are in the snapshot's issues.
    func snapshot(_ source: SourceOptions, caseStudy: String?) throws -> Snapshot
    /// After a verify of one step: the REPL records it in the learner's progress and says so.
    func verified(_ scope: VerifyPlan.Scope, findings: [Finding], source: String) -> [String]
    /// The progress file changed under the session (an import): the REPL reads it again.
    func progressChanged()
    /// `verify --refresh`: what was read is read again (the REPL keeps it; the command line never does).
    func refreshSources()
    /// A yes/no question before something that cannot be undone; Ctrl-D or anything but yes is no.
    func confirm(_ question: String) -> Bool
    /// Whether `source` (or, when it names nothing, the context's own) is the learner's own environment
    /// (the sandbox, a live account or host, their own capture), not the course's bundled fixtures.
    func readsOwnEnvironment(_ source: SourceOptions) -> Bool
}

extension CommandContext {
    /// The case-study fixture of the learner's current step, if it is one; a break-and-fix step reads the
    /// learner's own environment when they have one.
    public var caseStudyHere: String? {
        guard let position = here, let course = try? loadedCourse() else { return nil }
        return VerifyPlan.caseStudyFixture(course: course, scope: .step(position), ownEnvironment: readsOwnEnvironment(.none))
    }
}

/// A command of the program: parsed by ArgumentParser from the command line's arguments or the REPL's
/// shell words, performed in either context.
public protocol KitCommand: ParsableCommand {
    func perform(_ context: any CommandContext) throws -> CommandOutput
}
