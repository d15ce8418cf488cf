import Environment
import Foundation
import JSON
import NginxConfig
import Spawn
#if canImport(Glibc)
import Glibc
#endif

/// The practice host: `host/etc/nginx` is the learner's `/etc/nginx` (they write `conf.d/*.conf` there,
/// `listen 80;` and `proxy_pass http://127.0.0.1:3000;` exactly as on glowcorp's instances). Where Debian's
/// nginx is installed it runs a copy of those files on loopback: each `listen` port becomes a free loopback
/// port, `proxy_pass` to 3000 and 4000 goes to the stand-in apps (any other port to one nothing listens
/// on), paths point into the sandbox, and `user` is dropped. Lines keep their numbers, so nginx's
/// messages name the learner's file and line. Two stand-in apps play glowcorp's containers; no Docker
/// engine runs here.
public struct PracticeHost: Sendable {
    let sandbox: Sandbox
    var paths: SandboxPaths { sandbox.paths }

    /// glowcorp's two containers, as their stand-ins present them.
    public struct App: Sendable {
        public var name: String
        public var image: String
        public var port: Int
        public var command: String
        public var id: String
    }

    public static let apps = [
        App(name: "glow-app", image: "glowcorp/app:1.42.0", port: 3000, command: "docker-entrypoint.sh node server.js",
            id: "5a1d0c3e9b7f2a4c6e8d0f1b3a5c7e9d1f3b5a7c9e1d3f5b7a9c1e3d5f7b9a1c"),
        App(name: "glow-api", image: "glowcorp/api:2.7.3", port: 4000, command: "docker-entrypoint.sh node api.js",
            id: "7c3e5a9d1b8f4c2e6a0d8b4f2c6e0a8d4b2f6c0e8a4d2b6f0c8e4a2d6b0f8c4e"),
    ]

    /// What the sandbox module decided, kept in sandbox.json: nginx's loopback port for each port the
    /// learner's files listen on, the apps the learner stopped, when each app started.
    struct State: Codable {
        var listenPorts: [String: Int] = [:]
        var stopped: [String] = []
        var started: [String: Double] = [:]
    }

    func loadState() -> State {
        guard let data = FileManager.default.contents(atPath: paths.stateFile),
              let state = try? JSONDecoder().decode(State.self, from: data) else { return State() }
        return state
    }

    func saveState(_ state: State) throws(SandboxError) {
        guard let data = try? JSONEncoder().encode(state) else { return }
        let temp = paths.stateFile + ".tmp"
        guard FileManager.default.createFile(atPath: temp, contents: data), rename(temp, paths.stateFile) == 0 else {
            throw .io("\(paths.stateFile)에 쓰지 못했어요")
        }
    }

    // MARK: seeding

    /// The stock files a new host starts with: Amazon Linux's nginx.conf (as on glowcorp's instances),
    /// mime.types and the health-check default server. The learner's own files are never touched.
    func seed() throws(SandboxError) {
        let fm = FileManager.default
        guard let stock = sandbox.repository.map({ $0 + "/Fixtures/host/etc/nginx" }), fm.fileExists(atPath: stock) else { return }
        for name in ["nginx.conf", "mime.types", "conf.d/00-default.conf"] where !fm.fileExists(atPath: paths.hostNginx + "/" + name) {
            do { try fm.copyItem(atPath: stock + "/" + name, toPath: paths.hostNginx + "/" + name) } catch {
                throw .io("\(paths.hostNginx)/\(name, .을를) 만들지 못했어요: \(error.localizedDescription)")
            }
        }
    }

    // MARK: the stand-in apps

    public func appPort(_ name: String) -> Int? {
        ((try? String(contentsOfFile: paths.appPort(name), encoding: .utf8)) ?? "").trimmingWhitespace.nonEmpty.flatMap { Int($0) }
    }

    func appPid(_ name: String) -> Int32? {
        ((try? String(contentsOfFile: paths.appPid(name), encoding: .utf8)) ?? "").trimmingWhitespace.nonEmpty.flatMap { Int32($0) }
    }

    public func appRunning(_ name: String) -> Bool {
        appPid(name).map { Spawn.isRunning($0, marker: "sandbox_services.py app \(name)") } ?? false
    }

    func startApp(_ app: App) throws(SandboxError) {
        try launchApp(app)
        try waitForApps([app])
    }

    func launchApp(_ app: App) throws(SandboxError) {
        guard !appRunning(app.name) else { return }
        guard let services = sandbox.services else { throw .servicesMissing }
        unlink(paths.appPort(app.name))
        let pid: Int32
        do { pid = try Spawn.launch([sandbox.python, services, "app", app.name, paths.run], environment: sandbox.environment, log: paths.appLog(app.name)) } catch {
            throw .appDidNotStart(app.name, log: appLogTail(app.name))
        }
        guard FileManager.default.createFile(atPath: paths.appPid(app.name), contents: Data(String(pid).utf8)) else { throw .appDidNotStart(app.name, log: appLogTail(app.name)) }
        var state = loadState()
        state.started[app.name] = Date().timeIntervalSince1970
        try saveState(state)
    }

    func appLogTail(_ name: String) -> String {
        ((try? String(contentsOfFile: paths.appLog(name), encoding: .utf8)) ?? "").split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    func waitForApps(_ apps: [App]) throws(SandboxError) {
        for app in apps {
            _ = sandbox.waitUntil(seconds: 10) { appPort(app.name) != nil || !appRunning(app.name) }
            if appPort(app.name) == nil { throw .appDidNotStart(app.name, log: appLogTail(app.name)) }
        }
    }

    func stopApp(_ name: String) -> Bool {
        guard let pid = appPid(name), appRunning(name) else { return false }
        kill(pid, SIGTERM)
        _ = sandbox.waitUntil(seconds: 5) { !appRunning(name) }
        unlink(paths.appPid(name))
        return true
    }

    /// `docker stop NAME` / `docker start NAME` for a stand-in.
    public func setContainer(_ name: String, running: Bool) throws(SandboxError) -> Bool {
        guard let app = Self.apps.first(where: { $0.name == name }) else { throw .unknownContainer(name) }
        var state = loadState()
        state.stopped.removeAll { $0 == name }
        if !running { state.stopped.append(name) }
        try saveState(state)
        if running {
            let was = appRunning(name)
            try startApp(app)
            try reloadIfRunning()
            return !was
        }
        return stopApp(name)
    }

    /// The learner's nginx files as `nginx -T` prints a host's: nginx.conf first, then every other file,
    /// each under `# configuration file /etc/nginx/…:`. Which of them count is decided as nginx decides,
    /// by nginx.conf's includes; editors' hidden and backup files (`.app.conf.swp`, `app.conf~`), files over
    /// 1 MiB and files that are not UTF-8 text are left out.
    public func nginxDump() -> String? {
        let fm = FileManager.default
        guard fm.fileExists(atPath: paths.hostNginx + "/nginx.conf") else { return nil }
        let files = ((fm.enumerator(atPath: paths.hostNginx)?.allObjects as? [String]) ?? []).filter { name in
            let last = name.split(separator: "/").last.map(String.init) ?? name
            guard !last.hasPrefix("."), !last.hasSuffix("~"), !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
            let resolved = URL(fileURLWithPath: paths.hostNginx + "/" + name).resolvingSymlinksInPath().path
            guard let attributes = try? fm.attributesOfItem(atPath: resolved),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  (attributes[.size] as? Int ?? .max) <= 1 << 20 else { return false }
            return true
        }
        let ordered = ["nginx.conf"] + files.filter { $0 != "nginx.conf" }.sorted()
        return ordered.compactMap { name -> String? in
            guard let text = try? String(contentsOfFile: paths.hostNginx + "/" + name, encoding: .utf8) else { return nil }
            return "# configuration file /etc/nginx/\(name):\n" + text + (text.hasSuffix("\n") ? "" : "\n")
        }.joined(separator: "\n")
    }

    /// The stand-ins as `docker ps --all --no-trunc --format '{{json .}}'` prints glowcorp's containers.
    public func dockerPS() -> String {
        let state = loadState()
        return Self.apps.map { app -> String in
            let running = appRunning(app.name)
            let since = state.started[app.name].map { Int(Date().timeIntervalSince1970 - $0) } ?? 0
            let ago = since < 60 ? "\(since) seconds" : since < 3600 ? "\(since / 60) minutes" : "\(since / 3600) hours"
            let fields: [(String, JSONValue)] = [
                ("Command", .string("\"\(app.command)\"")), ("ID", .string(app.id)), ("Image", .string(app.image)),
                ("Labels", .string("com.glowcorp.service=\(app.name.dropFirst(5))")), ("Names", .string(app.name)),
                ("Networks", .string("bridge")), ("Ports", .string(running ? "127.0.0.1:\(app.port)->\(app.port)/tcp" : "")),
                ("RunningFor", .string("\(ago) ago")), ("State", .string(running ? "running" : "exited")),
                ("Status", .string(running ? "Up \(ago)" : "Exited (0) \(ago) ago")),
            ]
            return JSONWriter.string(.object(JSONObject(fields)), indent: nil, compact: true)
        }.joined(separator: "\n") + "\n"
    }

    // MARK: nginx

    /// `GLOW_ONBOARD_NGINX` (a path; one that does not exist means none), else nginx on PATH or in /usr/sbin.
    public var nginxBinary: String? {
        if let chosen = sandbox.environment["GLOW_ONBOARD_NGINX"], !chosen.isEmpty { return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil }
        return Spawn.locate("nginx", path: (sandbox.environment["PATH"] ?? "") + ":/usr/sbin:/usr/local/sbin:/sbin")
    }

    var nginxMasterPid: Int32? {
        ((try? String(contentsOfFile: paths.nginxPid, encoding: .utf8)) ?? "").trimmingWhitespace.nonEmpty.flatMap { Int32($0) }
    }

    public var nginxRunning: Bool { nginxMasterPid.map { Spawn.isRunning($0, marker: "nginx") } ?? false }

    public struct Status: Sendable {
        public var nginxInstalled: Bool
        public var nginxRunning: Bool
        /// The learner's port → the loopback port nginx listens on for it.
        public var listenPorts: [Int: Int]
        public var apps: [(name: String, running: Bool, port: Int?)]
        /// nginx refused the configuration (its words), when it did.
        public var problem: String?
    }

    public var status: Status {
        let state = loadState()
        return Status(nginxInstalled: nginxBinary != nil, nginxRunning: nginxRunning,
                      listenPorts: Dictionary(uniqueKeysWithValues: state.listenPorts.compactMap { k, v in Int(k).map { ($0, v) } }),
                      apps: Self.apps.map { ($0.name, appRunning($0.name), appPort($0.name)) }, problem: nil)
    }

    /// The apps, but those the learner stopped (`sandbox docker stop`).
    func startApps() throws(SandboxError) {
        let stopped = loadState().stopped
        let wanted = Self.apps.filter { !stopped.contains($0.name) }
        for app in wanted { try launchApp(app) }
        try waitForApps(wanted)
    }

    /// nginx with the learner's files, where nginx is installed.
    func startNginx() throws(SandboxError) -> Status {
        var result = status
        guard nginxBinary != nil else { return result }
        let outcome = try apply()
        result = status
        result.problem = outcome.ok ? nil : outcome.output
        return result
    }

    func stop() -> [String] {
        var stopped: [String] = []
        if let pid = nginxMasterPid, nginxRunning {
            kill(pid, SIGQUIT)
            _ = sandbox.waitUntil(seconds: 5) { !nginxRunning }
            stopped.append("nginx (pid \(pid))")
        }
        for app in Self.apps where stopApp(app.name) { stopped.append(app.name) }
        return stopped
    }

    /// `sudo nginx -t`: the learner's files as nginx reads them, in nginx's words.
    public func test() throws(SandboxError) -> (ok: Bool, output: String) {
        guard let nginx = nginxBinary else { throw .nginxMissing }
        let candidate = paths.run + "/nginx-test"
        try writeCopy(to: candidate, listenPorts: loadState().listenPorts.merging(previewPorts()) { a, _ in a })
        return runNginx(nginx, ["-t"], copy: candidate)
    }

    /// `sudo systemctl reload nginx`: test first; a broken file leaves the running nginx as it was and
    /// says nginx's own error.
    public func reload() throws(SandboxError) -> (ok: Bool, output: String) {
        guard nginxBinary != nil else { throw .nginxMissing }
        return try apply()
    }

    func reloadIfRunning() throws(SandboxError) {
        if nginxBinary != nil && nginxRunning { _ = try apply() }
    }

    /// Writes the copy, tests it, and starts nginx on it or reloads it; ports taken meanwhile are tried anew.
    func apply() throws(SandboxError) -> (ok: Bool, output: String) {
        guard let nginx = nginxBinary else { throw .nginxMissing }
        for attempt in 0..<5 {
            var state = loadState()
            let wanted = listenedPorts()
            var ports: [String: Int] = [:]
            for port in wanted {
                if attempt == 0, let kept = state.listenPorts[String(port)] { ports[String(port)] = kept } else { ports[String(port)] = Self.unusedPort() }
            }
            let candidate = paths.run + "/nginx-test"
            try writeCopy(to: candidate, listenPorts: ports)
            let tested = runNginx(nginx, ["-t"], copy: candidate)
            guard tested.ok else { return tested }
            // The tested copy becomes the running one.
            try? FileManager.default.removeItem(atPath: paths.nginxRun + "/etc")
            try writeCopy(to: paths.nginxRun, listenPorts: ports)
            let outcome = nginxRunning ? runNginx(nginx, ["-s", "reload"], copy: paths.nginxRun) : runNginx(nginx, [], copy: paths.nginxRun)
            if !outcome.ok && outcome.output.contains("Address already in use") && !nginxRunning { continue }
            state.listenPorts = ports
            try saveState(state)
            if outcome.ok && !nginxRunning { _ = sandbox.waitUntil(seconds: 5) { nginxRunning } }
            return outcome
        }
        return (false, "nginx: 다섯 번 모두 포트를 다른 프로그램이 먼저 가져갔어요.")
    }

    /// The ports the learner's files listen on (80 when none says).
    func listenedPorts() -> [Int] {
        guard let config = try? NginxInput.load(path: paths.hostNginx) else { return [80] }
        var ports = Set<Int>()
        func walk(_ directives: [NginxDirective]) {
            for d in directives {
                if d.name == "listen", let first = d.args.first, let port = Self.port(ofListen: first) { ports.insert(port) }
                if let block = d.block { walk(block) }
            }
        }
        for file in config.files { walk(file.directives) }
        return ports.isEmpty ? [80] : ports.sorted()
    }

    func previewPorts() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: listenedPorts().map { (String($0), Self.unusedPort()) })
    }

    /// `80`, `*:80`, `127.0.0.1:8080`, `[::]:80` (IPv6, dropped in the copy: nil), `unix:…` (nil).
    static func port(ofListen argument: String) -> Int? {
        if argument.hasPrefix("[") || argument.hasPrefix("unix:") { return nil }
        let last = argument.split(separator: ":").last.map(String.init) ?? argument
        return Int(last).flatMap { (1...65535).contains($0) ? $0 : nil }
    }

    /// A loopback port nothing listens on (a connection there is refused).
    public static func closedPort() -> Int { Loopback.unusedPort() }

    static func unusedPort() -> Int { Loopback.unusedPort() }

    /// The learner's `etc/nginx` copied to `directory/etc/nginx`, rewritten line by line (numbers kept).
    func writeCopy(to directory: String, listenPorts: [String: Int]) throws(SandboxError) {
        let fm = FileManager.default
        let target = directory + "/etc/nginx"
        try? fm.removeItem(atPath: target)
        do {
            try fm.createDirectory(atPath: directory + "/logs", withIntermediateDirectories: true)
            try fm.copyItem(atPath: paths.hostNginx, toPath: target)
        } catch { throw .io("nginx 파일을 복사하지 못했어요: \(error.localizedDescription)") }
        let closed = Self.unusedPort()
        let appPorts = Dictionary(uniqueKeysWithValues: Self.apps.compactMap { app in appPort(app.name).map { (app.port, $0) } })
        guard let enumerator = fm.enumerator(atPath: target) else { return }
        for case let relative as String in enumerator where relative.hasSuffix(".conf") {
            let file = target + "/" + relative
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let rewritten = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                Self.rewrite(String(line), into: directory, listenPorts: listenPorts, appPorts: appPorts, closed: closed)
            }.joined(separator: "\n")
            guard fm.createFile(atPath: file, contents: Data(rewritten.utf8)) else { throw .io("\(file)에 쓰지 못했어요") }
        }
    }

    static func rewrite(_ line: String, into directory: String, listenPorts: [String: Int], appPorts: [Int: Int], closed: Int) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("user ") { return "# (sandbox: " + trimmed + " dropped; nginx runs as you)" }
        if trimmed.hasPrefix("include /usr/share/nginx/modules") { return "# (sandbox: modules not loaded)" }
        var out = line
        if trimmed.hasPrefix("listen ") {
            let argument = trimmed.dropFirst(7).drop { $0 == " " }.prefix { $0 != " " && $0 != ";" }
            if argument.hasPrefix("[") { return "# (sandbox: IPv6 listen dropped)" }
            if let port = port(ofListen: String(argument)) {
                let mapped = listenPorts[String(port)] ?? closed
                out = line.replacingOccurrences(String(argument), with: "127.0.0.1:\(mapped)")
            }
        }
        if let range = out.range(of: #"proxy_pass\s+https?://(127\.0\.0\.1|localhost):[0-9]+"#, options: .regularExpression) {
            let text = String(out[range])
            let port = Int(text.split(separator: ":").last ?? "") ?? 0
            let prefix = text[..<text.lastIndex(of: ":")!]
            out.replaceSubrange(range, with: "\(String(prefix).replacingOccurrences("localhost", with: "127.0.0.1")):\(appPorts[port] ?? closed)")
        }
        return out.replacingOccurrences("/var/log/nginx/", with: "\(directory)/logs/")
            .replacingOccurrences("/run/nginx.pid", with: "\(directory)/nginx.pid")
            .replacingOccurrences("/etc/nginx", with: "\(directory)/etc/nginx")
    }

    /// Runs nginx on a copy; what it says names the learner's files, not the copy.
    func runNginx(_ nginx: String, _ arguments: [String], copy directory: String) -> (ok: Bool, output: String) {
        let conf = directory + "/etc/nginx/nginx.conf"
        let run: Spawn.Result
        do { run = try Spawn.run([nginx, "-c", conf, "-p", directory + "/", "-e", directory + "/logs/error.log"] + arguments, timeout: 20) } catch {
            return (false, "\(error)")
        }
        let said = (run.errors + run.output).replacingOccurrences(directory + "/etc/nginx", with: paths.hostNginx).trimmingWhitespace
        return (run.status == 0, said)
    }
}
