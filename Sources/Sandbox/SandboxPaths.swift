import Foundation

/// Where the practice environment lives: `$XDG_STATE_HOME/glow-onboard/sandbox/` (`~/.local/state/…`).
///
/// ```
/// journal.jsonl  seed  moto.port  moto.ready  moto.log   the practice account (scripts/sandbox_services.py)
/// host/etc/nginx/…                                       the practice host: the learner's nginx files
/// run/nginx/…                                            the copy nginx runs (ports rewritten), its logs and pid
/// run/glow-app.port  run/glow-app.pid  …                 the stand-in apps
/// sandbox.json                                           what the sandbox module decided (ports, stopped apps)
/// ```
public struct SandboxPaths: Sendable, Equatable {
    public let root: String

    public init(root: String) { self.root = root }

    public init(environment: [String: String]) {
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            state = home + "/.local/state"
        }
        root = state + "/glow-onboard/sandbox"
    }

    public var journal: String { root + "/journal.jsonl" }
    public var motoReady: String { root + "/moto.ready" }
    public var motoLog: String { root + "/moto.log" }
    /// The practice host's root: the learner writes `etc/nginx/conf.d/*.conf` here.
    public var host: String { root + "/host" }
    public var hostNginx: String { host + "/etc/nginx" }
    public var confD: String { hostNginx + "/conf.d" }
    public var run: String { root + "/run" }
    public var nginxRun: String { run + "/nginx" }
    public var nginxPid: String { nginxRun + "/nginx.pid" }
    public var stateFile: String { root + "/sandbox.json" }

    func appPort(_ name: String) -> String { run + "/\(name).port" }
    func appPid(_ name: String) -> String { run + "/\(name).pid" }
    func appLog(_ name: String) -> String { run + "/\(name).log" }
}
