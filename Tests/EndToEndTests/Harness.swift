import Foundation

/// Runs the built `glow-onboard` the way a learner's shell would: a pipe for stdin, its own HOME and
/// state directory, no colour variables from the developer's environment.
struct Harness {
    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }()

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
        // Short, so messages that show a path wrap the same way on every machine.
        home = NSTemporaryDirectory() + "g-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }

    var progressPath: String { "\(home)/state/glow-onboard/progress.json" }

    var environment: [String: String] {
        var env: [String: String] = ["HOME": home, "XDG_STATE_HOME": "\(home)/state", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        if let path = ProcessInfo.processInfo.environment["PATH"] { env["PATH"] = path }
        return env
    }

    @discardableResult
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:], directory: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Self.repository)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes while the process runs so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        group.enter()
        DispatchQueue.global().async { out = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + 60) == .timedOut {
            process.terminate()
            throw HarnessError.timedOut(arguments)
        }
        process.waitUntilExit()
        return Output(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self), status: process.terminationStatus)
    }

    enum HarnessError: Error { case timedOut([String]) }
}
