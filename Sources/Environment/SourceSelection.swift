import AWSRead
import Foundation

/// Something that reads a whole environment its own way (the practice sandbox: its account and its
/// host), for the targets above this one.
public protocol EnvironmentReader: Sendable {
    var description: String { get }
    /// False for an environment the learner changes while a session runs and that is cheap to read (the
    /// sandbox): every command then reads it anew.
    var keepsWhatItRead: Bool { get }
    func read(progress: (@Sendable (ReadProgress) -> Void)?) throws(SourceFailure) -> Snapshot
}

/// An environment a session can read: a fixture directory, the live account and/or host, or another
/// reader (the sandbox).
public enum SourceChoice: Sendable, CustomStringConvertible {
    case fixture(String)
    case live(LiveSource)
    case reader(any EnvironmentReader)

    /// Whether a session may keep what it read of this until `verify --refresh`.
    public var keepsWhatItRead: Bool {
        if case .reader(let reader) = self { return reader.keepsWhatItRead }
        return true
    }

    public var description: String {
        switch self {
        case .fixture(let dir): return "fixture \(dir)"
        case .live(let source): return source.description
        case .reader(let reader): return reader.description
        }
    }
}

/// Why a source gave no snapshot at all.
public enum SourceFailure: Error, Sendable, Equatable {
    /// Nothing to read: no source chosen and no bundled fixture.
    case none
    case noSuchDirectory(String)
    /// AWS could not be read at all (no region, no credentials, an unknown profile).
    case aws(AWSError)
    /// The environment is not there to read (the sandbox is stopped), with what to do.
    case unavailable(String)
}

/// What a session reads, and what it has read: each source is read once, when a command first needs it,
/// and kept until `refresh()` (the sandbox, which the learner changes as they go, is read by every command
/// that needs it; what was read last still serves Tab). A read that failed as a whole is not kept, so the next command that needs
/// the environment tries again; nothing here reads on its own (Tab completion asks only `cached`).
public final class SourceSelection {
    /// The bundled fixture, for `source default`.
    public let bundled: String?
    public private(set) var choice: SourceChoice?
    private var snapshots: [String: Snapshot] = [:]

    public init(bundled: String?) {
        self.bundled = bundled
        self.choice = bundled.map(SourceChoice.fixture)
    }

    public func choose(_ choice: SourceChoice?) {
        self.choice = choice
    }

    /// The chosen source's snapshot if it was already read; never reads.
    public var cached: Snapshot? { choice.flatMap { snapshots[$0.description] } }

    /// Forgets what was read, so the next command reads again.
    public func refresh() { snapshots = [:] }

    /// The snapshot of `choice` (default: the chosen source), read now unless it was read before.
    public func snapshot(of choice: SourceChoice? = nil, progress: (@Sendable (ReadProgress) -> Void)? = nil) throws(SourceFailure) -> Snapshot {
        guard let choice = choice ?? self.choice else { throw .none }
        if let kept = snapshots[choice.description], choice.keepsWhatItRead { return kept }
        let snapshot = try Self.read(choice, progress: progress)
        snapshots[choice.description] = snapshot
        return snapshot
    }

    /// Reads `choice` now, keeping nothing.
    public static func read(_ choice: SourceChoice, progress: (@Sendable (ReadProgress) -> Void)? = nil) throws(SourceFailure) -> Snapshot {
        switch choice {
        case .fixture(let dir):
            guard FileManager.default.fileExists(atPath: dir) else { throw .noSuchDirectory(dir) }
            return FixtureSource.load(directory: dir)
        case .live(let source):
            let capture = source.capture(progress: progress)
            if let fatal = capture.fatal { throw .aws(fatal) }
            return capture.snapshot()
        case .reader(let reader):
            return try reader.read(progress: progress)
        }
    }
}
