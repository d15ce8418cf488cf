import Foundation
import TestPaths
import Spawn
import Testing

/// Runs the built `glow-onboard` the way a learner's shell would: a pipe for stdin, its own HOME and
/// state directory, no colour variables from the developer's environment.
struct Harness {
    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static var repository: String { Paths.repository }

    /// The executable SwiftPM built beside the test bundle (the test target depends on it).
    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("glow-onboard").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        for config in ["debug", "release"] {
            let path = "\(repository)/.build/\(config)/glow-onboard"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return beside
    }()

    let home: String

    init() {
        home = Paths.temporaryDirectory()
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }

    var progressPath: String { "\(home)/state/glow-onboard/progress.json" }

    var environment: [String: String] {
        // A fixed learner, so that the order of choices is the same in every run (this one shows the
        // basics lesson's first question as 1) Docker 앱 2) nginx 3) Route53, not as written).
        var env: [String: String] = ["HOME": home, "XDG_STATE_HOME": "\(home)/state", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                                     "GLOW_ONBOARD_LEARNER": "learner-b"]
        if let path = ProcessInfo.processInfo.environment["PATH"] { env["PATH"] = path }
        return env
    }

    @discardableResult
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:], directory: String? = nil) throws -> Output {
        try command([Self.binary] + arguments, input: input, environment: extra, directory: directory)
    }

    /// A copy of a bundled fixture under this harness's home, to spoil for a test; its path.
    func copyOfFixture(_ name: String = "glowcorp", as relative: String) throws -> String {
        let dir = "\(home)/\(relative)"
        try FileManager.default.createDirectory(atPath: (dir as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(Self.repository)/Fixtures/\(name)", toPath: dir)
        return dir
    }

    /// Any program (the binary, or a shell to redirect its output) with this harness's environment.
    func command(_ argv: [String], input: String = "", environment extra: [String: String] = [:], directory: String? = nil) throws -> Output {
        let run = try Spawn.run(argv, input: Array(input.utf8), environment: environment.merging(extra) { $1 },
                                directory: directory ?? Self.repository, timeout: 60)
        if run.timedOut { throw HarnessError.timedOut(argv) }
        return Output(stdout: run.output, stderr: run.errors, status: run.status)
    }

    enum HarnessError: Error { case timedOut([String]) }
}

/// A loopback service a test starts in its own directory with one of scripts/loopback-*.py, and stops.
struct LoopbackService {
    let script: String
    let directory: String
    /// What the script printed when it started (a configuration's path, a DOCKER_HOST).
    let value: String

    init(_ name: String, _ directory: String, _ arguments: [String] = [], environment: [String: String]? = nil) throws {
        script = "\(Harness.repository)/scripts/loopback-\(name).py"
        self.directory = directory
        let run = try Spawn.run(["python3", script, "start", directory] + arguments, environment: environment, timeout: 60)
        try #require(run.status == 0, "loopback-\(name).py start failed: \(run.errors)")
        value = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() { _ = try? Spawn.run(["python3", script, "stop", directory], timeout: 30) }
}

import GlowOnboardKit
import JMESPath
import JSON

extension Harness {
    /// What a learner types to answer `q` right: its answer from the environment's `document` where it
    /// has an `answer-query` (the first value), else the answer the lesson shows.
    static func rightAnswer(_ q: Question, in document: JSONValue) -> String {
        let value = q.answerQuery.flatMap { try? JMESPathExpression($0).evaluate(document) }.map { $0.array?.first ?? $0 }
        return value.map { $0.string ?? JSONWriter.string($0, indent: nil) } ?? q.displayAnswer
    }
}
