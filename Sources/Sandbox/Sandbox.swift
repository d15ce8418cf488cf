import AWSRead
import NginxConfig
import AWSRead
import Environment
import Foundation
import HTTP
import JSON
import Spawn
#if canImport(Glibc)
import Glibc
#endif

/// The practice environment: a practice AWS account (moto_server on loopback, kept across restarts by
/// its journal) and a practice host (the learner's nginx files, served by Debian's nginx on loopback in
/// front of two stand-in apps). The learner changes it with the AWS CLI and their editor; the program
/// reads it through the same read-only reader as a real account. This module alone writes, and only to
/// the sandbox it started (`Defects`).
public final class Sandbox: @unchecked Sendable {
    public let paths: SandboxPaths
    public let environment: [String: String]
    /// The repository the program runs from (scripts/, Fixtures/), when found.
    public let repository: String?

    public static let region = "ap-northeast-2"
    /// The practice account's keys: moto accepts any, and these open nothing anywhere else.
    public static let accessKeyId = "SANDBOXACCESSKEY"
    public static let secretAccessKey = "sandbox-secret-not-a-real-key"

    public init(environment: [String: String], repository: String?) {
        self.paths = SandboxPaths(environment: environment)
        self.environment = environment
        self.repository = repository
    }

    // MARK: what is running

    /// The account's endpoint when moto answers there (pid alive, its own process).
    public var endpoint: String? {
        guard let ready = motoReady, Spawn.isRunning(ready.pid, marker: "sandbox_services.py") else { return nil }
        return "http://127.0.0.1:\(ready.port)"
    }

    /// The account's server, when it runs.
    public var pid: Int32? { endpoint != nil ? motoReady?.pid : nil }

    struct Ready { var pid: Int32; var port: Int; var replayed: Int; var failed: Int }

    var motoReady: Ready? {
        let fields = ((try? String(contentsOfFile: paths.motoReady, encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int($0) }
        guard fields.count == 4, let pid = Int32(exactly: fields[0]), (1...65535).contains(fields[1]) else { return nil }
        return Ready(pid: pid, port: fields[1], replayed: fields[2], failed: fields[3])
    }

    /// Changes the account holds (lines of the journal).
    public var changes: Int {
        ((try? String(contentsOfFile: paths.journal, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    /// The environment `aws` needs to reach the practice account.
    public func awsEnvironment(endpoint: String) -> [String: String] {
        var env = environment
        for key in ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"] { env[key] = nil }
        env["AWS_ENDPOINT_URL"] = endpoint
        env["AWS_ACCESS_KEY_ID"] = Self.accessKeyId
        env["AWS_SECRET_ACCESS_KEY"] = Self.secretAccessKey
        env["AWS_REGION"] = Self.region
        env["AWS_DEFAULT_REGION"] = Self.region
        env["AWS_PAGER"] = ""
        if let bin = venvBin { env["PATH"] = bin + ":" + (env["PATH"] ?? "/usr/bin:/bin") }
        return env
    }

    /// The project's virtualenv (scripts/start.sh makes it), where moto and the AWS CLI are installed.
    var venvBin: String? {
        guard let repository else { return nil }
        let bin = repository + "/.venv/bin"
        return FileManager.default.isExecutableFile(atPath: bin + "/python3") ? bin : nil
    }

    /// `GLOW_ONBOARD_PYTHON`, else the project's virtualenv, else `python3` on PATH.
    var python: String {
        if let chosen = environment["GLOW_ONBOARD_PYTHON"], !chosen.isEmpty { return chosen }
        return venvBin.map { $0 + "/python3" } ?? "python3"
    }

    /// Shell lines that send the learner's own `aws` commands to the practice account.
    public func shellLines() throws(SandboxError) -> [String] {
        guard let endpoint else { throw .notRunning }
        var lines = ["export AWS_ENDPOINT_URL=\(endpoint) AWS_ACCESS_KEY_ID=\(Self.accessKeyId) AWS_SECRET_ACCESS_KEY=\(Self.secretAccessKey) AWS_REGION=\(Self.region) AWS_DEFAULT_REGION=\(Self.region) AWS_PAGER=",
                     "unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN"]
        if let bin = venvBin, Spawn.locate("aws", path: environment["PATH"]) == nil {
            lines.append("export PATH=\(bin):$PATH")
        }
        return lines
    }

    // MARK: start and stop

    public struct Started: Sendable {
        public var endpoint: String
        public var alreadyRunning: Bool
        public var replayed: Int
        /// Changes that failed when replayed (the account may differ from what was built).
        public var replayFailed: Int
        public var host: PracticeHost.Status
    }

    /// Starts what is not running (nothing twice): the account, the stand-in apps, nginx.
    public func start() throws(SandboxError) -> Started {
        try prepare()
        let already = endpoint
        // moto replays its journal while the apps start; nginx comes last (it proxies to the apps).
        // A server still replaying (a start that gave up waiting) is waited for, not started twice.
        var launched: Int32?
        if already == nil {
            if let starting = motoStarting { launched = starting } else { launched = try launchMoto() }
        }
        do { try practiceHost.startApps() } catch {
            // Both run on the same Python: when the account did not come up either, that is the news.
            if let launched { _ = try waitForMoto(launched) }
            throw error
        }
        var replayed = motoReady?.replayed ?? 0
        if let launched { replayed = try waitForMoto(launched) }
        let host = try practiceHost.startNginx()
        return Started(endpoint: endpoint ?? already ?? "", alreadyRunning: already != nil, replayed: replayed,
                       replayFailed: motoReady?.failed ?? 0, host: host)
    }

    /// The account's server when it was started and is still getting ready.
    var motoStarting: Int32? {
        let pid = ((try? String(contentsOfFile: paths.root + "/moto.pid", encoding: .utf8)) ?? "").trimmingWhitespace.nonEmpty.flatMap { Int32($0) }
        return pid.flatMap { Spawn.isRunning($0, marker: "sandbox_services.py") ? $0 : nil }
    }

    /// Stops everything; the journal and the host's files stay.
    public func stop() -> [String] {
        var stopped: [String] = []
        for pid in Set([motoReady?.pid, motoStarting].compactMap { $0 }) where Spawn.isRunning(pid, marker: "sandbox_services.py") {
            kill(pid, SIGTERM)
            _ = waitUntil(seconds: 5) { !Spawn.isRunning(pid, marker: "sandbox_services.py") }
            stopped.append("연습 계정 (pid \(pid))")
        }
        unlink(paths.motoReady)
        unlink(paths.root + "/moto.pid")
        stopped += practiceHost.stop()
        return stopped
    }

    /// Stops, then forgets the account and the learner's nginx files; both are kept aside first.
    public func reset() throws(SandboxError) -> [String] {
        _ = stop()
        let stamp = Int(Date().timeIntervalSince1970)
        var kept: [String] = []
        let fm = FileManager.default
        for (path, name) in [(paths.journal, "journal.jsonl"), (paths.confD, "conf.d")] where fm.fileExists(atPath: path) {
            let aside = "\(paths.root)/\(name).before-reset-\(stamp)"
            do { try fm.moveItem(atPath: path, toPath: aside) } catch { throw .io("\(path, .을를) 옮기지 못했어요: \(error.localizedDescription)") }
            kept.append(aside)
        }
        for name in ["seed", "moto.port", "sandbox.json"] { unlink(paths.root + "/" + name) }
        try prepare()
        return kept
    }

    /// The directories, the practice host's stock files, and a check that they are this user's.
    func prepare() throws(SandboxError) {
        let fm = FileManager.default
        var info = stat()
        if stat(paths.root, &info) == 0, info.st_uid != getuid() { throw .otherUser(uid: info.st_uid, path: paths.root) }
        do {
            for dir in [paths.root, paths.run, paths.confD] {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch { throw .io("\(paths.root, .을를) 만들지 못했어요: \(error.localizedDescription)") }
        try practiceHost.seed()
    }

    func launchMoto() throws(SandboxError) -> Int32 {
        guard let services else { throw .servicesMissing }
        unlink(paths.motoReady)
        try? FileManager.default.removeItem(atPath: paths.motoLog)
        var env = environment
        env["MOTO_ACM_VALIDATION_WAIT"] = "0"
        do {
            let pid = try Spawn.launch([python, services, "moto", paths.root], environment: env, log: paths.motoLog)
            _ = FileManager.default.createFile(atPath: paths.root + "/moto.pid", contents: Data(String(pid).utf8))
            return pid
        } catch {
            if case .notFound = error { throw .motoMissing(python: python) }
            throw .motoDidNotStart(log: "\(error)")
        }
    }

    func waitForMoto(_ pid: Int32) throws(SandboxError) -> Int {
        // Replaying a long journal takes a moment; a server that ended says why in its log.
        let up = waitUntil(seconds: 60) { self.endpoint != nil || !Spawn.isRunning(pid, marker: "") }
        guard up, endpoint != nil else {
            let log = (try? String(contentsOfFile: paths.motoLog, encoding: .utf8)) ?? ""
            if log.contains("No module named 'moto'") || log.contains("No module named 'werkzeug'") { throw .motoMissing(python: python) }
            throw .motoDidNotStart(log: String(log.split(separator: "\n").suffix(8).joined(separator: "\n")))
        }
        return motoReady?.replayed ?? 0
    }

    /// scripts/sandbox_services.py in the repository.
    var services: String? {
        guard let repository else { return nil }
        let path = repository + "/scripts/sandbox_services.py"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    public var practiceHost: PracticeHost { PracticeHost(sandbox: self) }

    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    // MARK: reading it

    /// The sandbox as the checks read it: the account through the read-only reader, the host's nginx
    /// from the learner's files, the stand-in apps as `docker ps` shows containers.
    public var reader: SandboxReader { SandboxReader(sandbox: self) }

    /// The settings the read-only reader uses for the practice account.
    func settings(endpoint: String) -> AWSSettings {
        AWSSettings(profile: "sandbox", region: Self.region,
                    credentials: AWSCredentials(accessKeyId: Self.accessKeyId, secretAccessKey: Self.secretAccessKey, source: .environment),
                    endpointURL: endpoint, caBundle: nil)
    }
}

/// The sandbox as a source: `--sandbox`, `source sandbox`.
public struct SandboxReader: EnvironmentReader {
    let sandbox: Sandbox
    public var description: String { "sandbox" }
    /// The learner changes it from another terminal as they go; reading it takes a tenth of a second.
    public var keepsWhatItRead: Bool { false }

    public func read(progress: (@Sendable (ReadProgress) -> Void)?) throws(SourceFailure) -> Snapshot {
        try capture(progress: progress).snapshot()
    }

    /// What `snapshot --sandbox --out DIR` writes and every read parses: the account's AWS CLI-shaped
    /// reads, the practice host's files in `nginx -T`'s form (named as on a host: /etc/nginx/…), and the
    /// stand-ins as `docker ps` lines.
    public func capture(progress: (@Sendable (ReadProgress) -> Void)?) throws(SourceFailure) -> LiveCapture {
        guard let endpoint = sandbox.endpoint else { throw .unavailable(SandboxError.notRunning.message) }
        let aws = AWSCapture.read(AWSClient(settings: sandbox.settings(endpoint: endpoint), userAgent: LiveSource.userAgent), progress: progress)
        progress?(.host("sandbox"))
        var capture = LiveCapture(source: "sandbox")
        capture.captures = aws.captures
        capture.issues = aws.issues
        capture.awsCalls = aws.calls
        capture.nginxDump = sandbox.practiceHost.nginxDump()
        if capture.nginxDump == nil {
            capture.issues.append(.init(kind: .error, message: "nginx: 연습 호스트에 \(sandbox.paths.hostNginx)/nginx.conf 파일이 없어요"))
        }
        capture.dockerPS = sandbox.practiceHost.dockerPS()
        return capture
    }
}
