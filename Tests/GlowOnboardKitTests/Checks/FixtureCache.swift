import JSON
import Checks
import Environment
import Foundation
import TestPaths
@testable import GlowOnboardKit

/// Bundled fixtures, loaded once per test process.
enum FixtureCache {
    nonisolated(unsafe) private static var cache: [String: Snapshot] = [:]
    private static let lock = NSLock()

    static func snapshot(_ name: String) -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        if let s = cache[name] { return s }
        let s = FixtureSource.load(directory: "\(Paths.repository)/Fixtures/\(name)")
        cache[name] = s
        return s
    }
}
