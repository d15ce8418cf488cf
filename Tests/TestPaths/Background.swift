import Foundation
import Spawn

/// A program the tests run in the background on loopback (a stand-in server, a moto_server) and stop.
/// It is detached from the test's pipes, so waiting for the starter does not wait for it.
public struct Background: Sendable {
    public let pid: String

    /// Starts `arguments` with `environment` added to this process's, output to `log` (or nowhere).
    public init(_ arguments: [String], environment: [String: String] = [:], log: String = "/dev/null") throws {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let run = try Spawn.run(["sh", "-c", "\"$@\" </dev/null >\"$GLOW_BACKGROUND_LOG\" 2>&1 & echo $!", "sh"] + arguments,
                                environment: env.merging(["GLOW_BACKGROUND_LOG": log]) { $1 })
        pid = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls `ready` (every 50 ms, up to `seconds`); true once it holds.
    public static func wait(seconds: Double = 15, until ready: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if ready() { return true }
            usleep(50_000)
        }
        return ready()
    }

    public func stop() { _ = try? Spawn.run(["kill", pid]) }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepting(port: Int) -> Bool {
        (try? Spawn.run(["python3", "-c", "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1)", String(port)]))?.status == 0
    }

    /// A TCP port nothing listens on now.
    public static func freePort() throws -> Int {
        let run = try Spawn.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(run.output.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Spawn.Failure.notFound("python3") }
        return port
    }
}
