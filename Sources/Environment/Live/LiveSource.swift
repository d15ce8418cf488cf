import AWSRead
import Foundation
import JSON
import NginxConfig
import Spawn

/// The host whose nginx and docker are read: this machine, or one reached with the system `ssh`.
public enum HostTarget: Sendable, Equatable, CustomStringConvertible {
    case local
    case ssh(destination: String, port: Int?)

    /// `local`, `user@host`, `host` or `ssh://user@host[:port]`.
    public init?(_ text: String) {
        if text == "local" || text == "localhost-local" { self = .local; return }
        var rest = text
        if rest.hasPrefix("ssh://") { rest = String(rest.dropFirst(6)) }
        if rest.hasSuffix("/") { rest = String(rest.dropLast()) }
        guard !rest.isEmpty, !rest.hasPrefix("-"), !rest.contains(" ") else { return nil }
        var port: Int?
        if let colon = rest.lastIndex(of: ":"), let p = Int(rest[rest.index(after: colon)...]) {
            port = p
            rest = String(rest[..<colon])
        }
        self = .ssh(destination: rest, port: port)
    }

    public var description: String {
        switch self {
        case .local: return "이 호스트"
        case .ssh(let d, let p): return "ssh://\(d)\(p.map { ":\($0)" } ?? "")"
        }
    }
}

/// What a live read gets: the AWS CLI-shaped captures and the host's command output, kept as read so
/// `snapshot --out` can write them as a fixture.
public struct LiveCapture: Sendable {
    public var source: String
    public var captures: [String: JSONValue] = [:]
    /// `nginx -T` output (or the same format assembled from /etc/nginx when nginx -T could not run).
    public var nginxDump: String?
    /// `docker ps --all --no-trunc --format '{{json .}}'` lines.
    public var dockerPS: String?
    /// `docker inspect` of every container.
    public var dockerInspect: String?
    public var issues: [Snapshot.Issue] = []
    public var awsCalls = 0
    /// Set when nothing could be read at all (no region, no credentials, an unknown profile).
    public var fatal: AWSError?
    /// When the reads were made.
    public var capturedAt = Date()

    public init(source: String) { self.source = source }

    public func snapshot() -> Snapshot {
        var s = Snapshot(source: source)
        s.issues = issues
        s.capturedAt = capturedAt
        var nginx: NginxConfiguration?
        if let dump = nginxDump {
            nginx = NginxInput.load(dump: dump)
            if nginx == nil { s.issues.append(.init(kind: .error, message: "nginx -T: 출력에 '# configuration file' 구역이 없어요")) }
        }
        let ps = dockerPS.map { FixtureSource.dockerPS(text: $0, label: "docker ps", &s.issues) }
        let inspect = dockerInspect.flatMap { FixtureSource.dockerInspect(text: $0, label: "docker inspect", &s.issues) }
        return FixtureSource.assemble(into: s, label: source, json: captures, dockerPS: ps, dockerInspect: inspect, nginx: nginx)
    }
}

/// Reads a live account and/or host. Toward AWS only the read-only allowlist; on the host only the
/// fixed commands below (nginx -T, docker ps, docker inspect, and reading /etc/nginx).
public struct LiveSource: Sendable {
    public var aws: AWSSettings.Options?
    public var host: HostTarget?
    /// Passed to `nginx -T -c` (a host whose nginx.conf is not at the default path).
    public var nginxConf: String?
    public var environment: [String: String]

    public init(aws: AWSSettings.Options?, host: HostTarget?, nginxConf: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.aws = aws
        self.host = host
        self.nginxConf = nginxConf
        self.environment = environment
    }

    public var description: String {
        var parts: [String] = []
        if let aws { parts.append("aws" + (aws.profile.map { " --profile \($0)" } ?? "") + (aws.region.map { " --region \($0)" } ?? "")
            + (aws.endpointURL.map { " --endpoint-url \($0)" } ?? "")) }
        if let host { parts.append("host \(host)") }
        return "live " + parts.joined(separator: " + ")
    }

    /// Who the reader says it is to AWS (AWSRead leaves naming the application to the application).
    public static let userAgent = "glow-onboard"

    /// The least IAM policy that lets it read everything (the README shows it; a test proves it enough).
    public static let iamPolicy = ReadOnly.iamPolicy(sid: "GlowOnboardReadOnly")

    public func capture(progress: (@Sendable (ReadProgress) -> Void)? = nil) -> LiveCapture {
        var capture = LiveCapture(source: description)
        if let aws {
            do throws(AWSError) {
                let settings = try AWSSettings.resolve(aws, environment: environment)
                if let kind = settings.resolvedByAWSCLI {
                    capture.issues.append(.init(kind: .notice, message: "AWS: 프로파일 \(settings.profile)(\(AWSError.describe(kind)))의 자격 증명을 \(AWSError.describe(settings.credentials.source))에서 받았어요."))
                }
                let read = AWSCapture.read(AWSClient(settings: settings, userAgent: Self.userAgent), progress: progress)
                capture.captures = read.captures
                capture.issues += read.issues
                capture.awsCalls = read.calls
            } catch {
                capture.fatal = error
                return capture
            }
        }
        if let host { readHost(host, into: &capture, progress: progress) }
        return capture
    }

    // MARK: - The host

    /// Why a host command gave nothing to read: it could not start, ran out of time (killed: its status
    /// would say 137, which is not what happened), or printed more than a read keeps.
    enum HostCommandFailure: Error, CustomStringConvertible {
        case couldNotRun(Spawn.Failure)
        case timedOut(String, seconds: Double)
        case tooLarge(String)

        var description: String {
            switch self {
            case .couldNotRun(let failure): return "\(failure)"
            case .timedOut(let command, let seconds): return "\(command, .이가) \(Int(seconds))초 안에 끝나지 않아서 멈췄어요"
            case .tooLarge(let command): return "\(command)의 출력이 \(Spawn.outputLimit >> 20) MiB보다 많아서 읽기를 멈췄어요"
            }
        }
    }

    /// How long one host command may take: 20 s, or GLOW_HOST_TIMEOUT seconds (1–600) for a slow host.
    var hostTimeout: Double {
        guard let text = environment["GLOW_HOST_TIMEOUT"], let seconds = Double(text), (1...600).contains(seconds) else { return 20 }
        return seconds
    }

    /// Runs one of the fixed read-only commands here or over ssh.
    func hostCommand(_ host: HostTarget, _ command: [String], remote: String) -> Result<Spawn.Result, HostCommandFailure> {
        let timeout = hostTimeout
        var env = environment
        // nginx lives in /usr/sbin, which a learner's PATH may lack.
        env["PATH"] = (env["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        let arguments: [String]
        switch host {
        case .local:
            arguments = command
        case .ssh(let destination, let port):
            arguments = ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"] + (port.map { ["-p", String($0)] } ?? [])
                + [destination, "--", "PATH=$PATH:/usr/sbin:/sbin " + remote]
        }
        let run: Spawn.Result
        do { run = try Spawn.run(arguments, environment: env, timeout: timeout) } catch { return .failure(.couldNotRun(error)) }
        let name = command.prefix(2).joined(separator: " ")
        if run.timedOut { return .failure(.timedOut(name, seconds: timeout)) }
        if run.outputTooLarge { return .failure(.tooLarge(name)) }
        return .success(run)
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { String($0.prefix(300)) } ?? ""
    }

    func readHost(_ host: HostTarget, into capture: inout LiveCapture, progress: (@Sendable (ReadProgress) -> Void)?) {
        let on = host == .local ? "" : " (\(host))"
        progress?(.host(host.description))
        // nginx
        var nginxArguments = ["nginx", "-T"]
        if let nginxConf { nginxArguments += ["-c", nginxConf] }
        let remoteNginx = nginxArguments.map(Self.shellQuoted).joined(separator: " ")
        switch hostCommand(host, nginxArguments, remote: remoteNginx) {
        case .success(let run) where run.status == 0 && run.output.contains("# configuration file "):
            capture.nginxDump = run.output
        case let outcome:
            let why: String
            switch outcome {
            case .success(let run) where run.status == 255 && host != .local: why = "ssh 실패: \(Self.firstLine(run.errors))"
            case .success(let run): why = "nginx -T 실패\(on) (종료 코드 \(run.status)): \(Self.firstLine(run.errors))"
            case .failure(let error): why = "\(error)"
            }
            // Reading the files still shows the configuration (and our parser names the error's line).
            let conf = nginxConf ?? "/etc/nginx/nginx.conf"
            let dir = (conf as NSString).deletingLastPathComponent
            let script = "for f in \(Self.shellQuoted(conf)) \(Self.shellQuoted(dir))/conf.d/*.conf; do [ -f \"$f\" ] && { echo \"# configuration file $f:\"; cat \"$f\"; echo; }; done"
            // The same script here and over ssh: it prints the files in nginx -T's format.
            var dump: String?
            if case .success(let run) = hostCommand(host, ["sh", "-c", script], remote: "sh -c \(Self.shellQuoted(script))"),
               run.output.contains("# configuration file ") {
                dump = run.output
            }
            if let dump {
                capture.nginxDump = dump
                capture.issues.append(.init(kind: .notice, message: "nginx: \(why). 대신 \(conf, .과와) conf.d/*.conf를 읽었어요"))
            } else {
                capture.issues.append(.init(kind: .error, message: "nginx: \(why). \(conf.with(.이가)) 읽히지 않아서 nginx 검사는 하지 않아요"))
            }
        }
        // docker
        let ps = ["docker", "ps", "--all", "--no-trunc", "--format", "{{json .}}"]
        switch hostCommand(host, ps, remote: "docker ps --all --no-trunc --format '{{json .}}'") {
        case .success(let run) where run.status == 0:
            capture.dockerPS = run.output
            let ids = run.output.split(separator: "\n").compactMap { try? JSONParser.parse(String($0))["ID"]?.string }
                .filter { $0.allSatisfy { $0.isHexDigit } }
            if !ids.isEmpty {
                switch hostCommand(host, ["docker", "inspect"] + ids, remote: "docker inspect " + ids.joined(separator: " ")) {
                case .success(let inspect) where inspect.status == 0: capture.dockerInspect = inspect.output
                case .success(let inspect):
                    capture.issues.append(.init(kind: .notice, message: "docker inspect 실패\(on) (종료 코드 \(inspect.status)): \(Self.firstLine(inspect.errors)). 컨테이너의 설정은 docker ps에서 보이는 만큼만 검사해요"))
                case .failure(let error):
                    capture.issues.append(.init(kind: .notice, message: "docker inspect\(on): \(error). 컨테이너의 설정은 docker ps에서 보이는 만큼만 검사해요"))
                }
            }
        case .success(let run):
            let line = Self.firstLine(run.errors)
            let hint = line.contains("permission denied") ? " (사용자를 docker 그룹에 넣고 다시 로그인해요: sudo usermod -aG docker $USER)"
                : line.contains("Cannot connect") ? " (docker 서비스가 돌고 있나요? sudo systemctl status docker)" : ""
            capture.issues.append(.init(kind: .error, message: "docker ps 실패\(on): \(line)\(hint). docker 검사는 하지 않아요"))
        case .failure(let error):
            capture.issues.append(.init(kind: .error, message: "docker\(on): \(error). docker 검사는 하지 않아요"))
        }
    }

    static func shellQuoted(_ s: String) -> String {
        s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@".contains($0) }) ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// How far a live read has come, for a one-line note on the terminal while it runs.
public enum ReadProgress: Sendable, Equatable {
    /// AWS calls answered, out of those planned so far (each round plans the next).
    case aws(done: Int, planned: Int)
    /// Reading nginx and docker on this host (its description).
    case host(String)
}
