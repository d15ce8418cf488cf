import Foundation
import HTTP
import Spawn
import Testing
#if canImport(Glibc)
import Glibc
#endif

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
}

/// A server on loopback that binds a port of its own choosing and says which: in a port file (the
/// argument `{port-file}` stands for its path) or in its log (`logPattern`, the port in its first group,
/// as moto_server's "Running on http://127.0.0.1:PORT"). No port is chosen for it, so none can be taken
/// between choosing and binding.
public struct LoopbackServer: Sendable {
    public let process: Background
    public let port: Int
    /// Every port the server wrote (a server may bind several).
    public let ports: [Int]
    public let directory: String

    public init(_ arguments: [String], environment: [String: String] = [:], logPattern: String? = nil, seconds: Double = 30) throws {
        directory = Paths.temporaryDirectory()
        let portFile = directory + "/port", log = directory + "/log"
        process = try Background(arguments.map { $0 == "{port-file}" ? portFile : $0 }, environment: environment, log: log)
        var found: [Int] = []
        _ = Background.wait(seconds: seconds) {
            let text: String
            if let logPattern {
                guard let logged = try? String(contentsOfFile: log, encoding: .utf8),
                      let match = logged.range(of: logPattern, options: .regularExpression) else { return false }
                text = String(logged[match]).components(separatedBy: CharacterSet.decimalDigits.inverted).filter { !$0.isEmpty }.last ?? ""
            } else {
                text = (try? String(contentsOfFile: portFile, encoding: .utf8)) ?? ""
            }
            found = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return !found.isEmpty
        }
        guard let first = found.first else {
            let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            process.stop()
            throw Failure("\(arguments.joined(separator: " ")) did not say its port within \(Int(seconds)) s: \(logged.suffix(500))")
        }
        port = first
        ports = found
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// GET `path` from the server, through the program's own HTTP target.
    public func get(_ path: String) throws -> String {
        switch HTTP.perform([HTTP.Request(url: url + path, timeout: 5)])[0] {
        case .success(let response): return String(decoding: response.body, as: UTF8.self)
        case .failure(let failure): throw Failure("GET \(url)\(path): \(failure.message)")
        }
    }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

/// What a test needs from the machine (a program, a service the test script starts): missing, the test
/// says so and stops; in CI (`CI` set) that is a failure, since CI installs and starts everything.
public enum Requirement {
    /// True when `available`; otherwise reports `what` as missing and returns false.
    public static func met(_ available: Bool, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if available { return true }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record(Comment(rawValue: "\(what) is missing; scripts/test.sh provides it"), sourceLocation: sourceLocation)
        } else {
            print("skipped: \(what) is missing (scripts/test.sh provides it)")
        }
        return false
    }
}
