import ArgumentParser
import Environment
import Foundation
import JSON
import Sandbox

/// `glow-onboard sandbox …` (and `sandbox …` in the REPL): the practice account and the practice host.
public struct SandboxCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "The practice environment: a practice AWS account (moto on loopback) and a practice host (your nginx files).",
        discussion: """
        Build glowcorp there with the AWS CLI and your editor, as on the real thing; `verify --sandbox` (in the \
        REPL: `source sandbox`) checks what you built. What you build survives stop, start and a reboot \
        (state under $XDG_STATE_HOME/glow-onboard/sandbox/). Nothing here touches a real AWS account.
        """,
        subcommands: [Start.self, Stop.self, Status.self, Reset.self, Env.self, Path.self, Break.self, Nginx.self, Docker.self])

    public init() {}

    static func sandbox(_ context: any CommandContext) -> Sandbox {
        Sandbox(environment: context.environment, repository: RepositoryLocator.find(environment: context.environment))
    }

    public struct Start: KitCommand {
        public static let configuration = CommandConfiguration(abstract: "Start the practice account and host (nothing twice).")
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let sandbox = SandboxCommand.sandbox(context)
            let started = try sandbox.start()
            context.refreshSources()
            var out = CommandOutput()
            out.append(started.alreadyRunning
                ? "연습 계정이 이미 \(started.endpoint)에서 돌고 있어요 (변경 \(sandbox.changes)개)."
                : "연습 계정이 \(started.endpoint)에서 시작했어요" + (started.replayed > 0 ? " (지난번까지 만든 변경 \(started.replayed)개를 되살렸어요)." : "."))
            if started.replayFailed > 0 {
                out.note(.init(kind: .error, message: "되살린 변경 중 \(started.replayFailed)개가 실패했어요: 연습 계정이 만든 것과 다를 수 있어요 (\(sandbox.paths.motoLog)). 다시 만들려면 sandbox reset."))
            }
            out.append(contentsOf: Status.describe(host: started.host, sandbox: sandbox))
            out.append("")
            out.append("다른 터미널에서 AWS CLI가 연습 계정으로 가게 하려면:  eval \"$(glow-onboard sandbox env)\"")
            out.append("이 세션이 연습 환경을 읽게 하려면: source sandbox (명령줄에서는 verify --sandbox)")
            return out
        }
    }

    public struct Stop: KitCommand {
        public static let configuration = CommandConfiguration(abstract: "Stop it; what you built stays.")
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let stopped = SandboxCommand.sandbox(context).stop()
            context.refreshSources()
            return CommandOutput([stopped.isEmpty ? "sandbox는 이미 멈춰 있어요." : "멈췄어요: " + stopped.joined(separator: ", ") + ". 만든 것은 그대로 있어요 (다시: sandbox start)."])
        }
    }

    public struct Status: KitCommand {
        public static let configuration = CommandConfiguration(abstract: "Where it is, what it holds, the practice host's nginx.")
        @Flag(help: "Print it as JSON.") var json = false
        public init() {}

        static func describe(host: PracticeHost.Status, sandbox: Sandbox) -> [String] {
            var out = ["연습 호스트: \(sandbox.paths.host) (nginx 파일은 \(sandbox.paths.confD)/에 써요)"]
            if !host.nginxInstalled {
                out.append("nginx: 설치되어 있지 않아서 실제로 돌리지는 않아요. verify는 파일을 읽어요. (sudo apt-get install nginx)")
            } else if host.nginxRunning {
                let ports = host.listenPorts.sorted { $0.key < $1.key }.map { "\($0.key) → 127.0.0.1:\($0.value)" }.joined(separator: ", ")
                out.append("nginx: 돌고 있어요 (\(ports); 포트는 복사본에서만 바꿔요. 파일에는 listen 80 그대로 써요)")
            } else {
                out.append("nginx: 멈춰 있어요")
            }
            if let problem = host.problem { out.append("nginx가 파일을 받아들이지 않았어요:\n" + problem) }
            let apps = host.apps.map { "\($0.name) " + ($0.running ? "돌고 있음" : "멈춤") }.joined(separator: ", ")
            out.append("앱: \(apps) (Docker 엔진 대신 컨테이너를 흉내 내는 stand-in이에요)")
            return out
        }

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let sandbox = SandboxCommand.sandbox(context)
            let host = sandbox.practiceHost.status
            let endpoint = sandbox.endpoint
            var holds = JSONObject()
            if endpoint != nil, let snapshot = try? SourceSelection.read(.reader(sandbox.reader)) {
                let own = (snapshot.vpcs ?? []).filter { !$0.isDefault }
                let counts: [(String, Int)] = [
                    ("vpcs", own.count),
                    ("subnets", (snapshot.subnets ?? []).filter { s in own.contains { $0.id == s.vpcId } }.count),
                    ("internetGateways", snapshot.internetGateways?.count ?? 0), ("instances", snapshot.instances?.count ?? 0),
                    ("loadBalancers", snapshot.loadBalancers?.count ?? 0), ("targetGroups", snapshot.targetGroups?.count ?? 0),
                    ("hostedZones", snapshot.hostedZones?.count ?? 0),
                ]
                for (key, count) in counts { holds[key] = .number(Double(count)) }
            }
            if json {
                let apps = host.apps.map { app in
                    JSONValue.object(JSONObject([("name", .string(app.name)), ("running", .bool(app.running)), ("port", app.port.map { .number(Double($0)) } ?? .null)]))
                }
                let status = JSONValue.object(JSONObject([
                    ("running", .bool(endpoint != nil)), ("endpoint", endpoint.map(JSONValue.string) ?? .null),
                    ("pid", sandbox.pid.map { .number(Double($0)) } ?? .null),
                    ("changes", .number(Double(sandbox.changes))), ("holds", .object(holds)), ("host", .string(sandbox.paths.host)),
                    ("nginx", .object(JSONObject([("installed", .bool(host.nginxInstalled)), ("running", .bool(host.nginxRunning)),
                                                  ("ports", .object(JSONObject(host.listenPorts.sorted { $0.key < $1.key }.map { (String($0.key), .number(Double($0.value))) })))]))),
                    ("apps", .array(apps)),
                ]))
                return CommandOutput([JSONWriter.string(status)])
            }
            var out = CommandOutput([endpoint.map { "연습 계정: \($0)에서 돌고 있어요 (변경 \(sandbox.changes)개)" } ?? "연습 계정: 멈춰 있어요 (변경 \(sandbox.changes)개가 저장돼 있어요. 시작: sandbox start)"])
            if !holds.keys.isEmpty {
                let names = ["vpcs": "VPC", "subnets": "서브넷", "internetGateways": "인터넷 게이트웨이", "instances": "인스턴스",
                             "loadBalancers": "로드 밸런서", "targetGroups": "대상 그룹", "hostedZones": "호스팅 영역"]
                out.append("  만든 것: " + holds.pairs.map { "\(names[$0.key] ?? $0.key) \($0.value.int ?? 0)개" }.joined(separator: ", "))
            }
            out.append(contentsOf: Self.describe(host: host, sandbox: sandbox))
            return out
        }
    }

    public struct Reset: KitCommand {
        public static let configuration = CommandConfiguration(abstract: "Empty the practice account and your nginx files (asks y/N; kept aside first).")
        @Flag(help: "Do not ask.") public var yes = false
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            if !yes {
                guard context.confirm("정말 연습 계정과 연습 호스트의 nginx 파일을 비울까요? (옮겨 두기는 해요)") else {
                    return CommandOutput(["취소했어요: sandbox reset"])
                }
            }
            let kept = try SandboxCommand.sandbox(context).reset()
            context.refreshSources()
            return CommandOutput(["비웠어요. 예전 것은 여기 있어요: " + (kept.isEmpty ? "(없음)" : kept.joined(separator: ", ")), "다시 시작: sandbox start"])
        }
    }

    public struct Env: KitCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Shell lines that send your own aws commands to the practice account: eval \"$(glow-onboard sandbox env)\".")
        public init() {}
        public func perform(_ context: any CommandContext) throws -> CommandOutput { CommandOutput(try SandboxCommand.sandbox(context).shellLines()) }
    }

    public struct Path: KitCommand {
        public static let configuration = CommandConfiguration(abstract: "Print the practice host's root (write etc/nginx/conf.d/*.conf there).")
        public init() {}
        public func perform(_ context: any CommandContext) throws -> CommandOutput { CommandOutput([SandboxCommand.sandbox(context).paths.host]) }
    }

    public struct Break: KitCommand {
        public static let configuration = CommandConfiguration(abstract: "Put one defect into your sandbox to find and fix (no name: the list).")
        @Argument(help: ArgumentHelp("A defect from the list.", valueName: "DEFECT")) var defect: String?
        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            guard let defect else {
                var out = CommandOutput(["넣을 수 있는 고장 (sandbox break 이름):"])
                for d in Defect.all { out.append("  \(d.id.padded(to: 28)) \(d.lesson.padded(to: 17)) \(d.symptom)") }
                return out
            }
            guard let chosen = Defect.named(defect) else {
                throw SandboxError.unknownDefect(defect, suggestion: defect.closest(in: Defect.all.map(\.id)))
            }
            try SandboxCommand.sandbox(context).inject(chosen)
            context.refreshSources()
            return CommandOutput(["고장을 하나 넣었어요. 증상: \(chosen.symptom)",
                                  "verify --sandbox, map, query, trace로 근본 원인을 찾고, AWS CLI나 nginx 파일을 고쳐서 verify로 확인해요."])
        }
    }

    public struct Nginx: KitCommand {
        public static let configuration = CommandConfiguration(
            abstract: "The practice host's nginx: -t (sudo nginx -t), reload (sudo systemctl reload nginx), status (systemctl status nginx).")
        @Flag(name: .customShort("t"), help: "Test the configuration.") var test = false
        @Argument(help: ArgumentHelp("reload or status.", valueName: "ACTION")) var action: String?
        public init() {}

        public func validate() throws {
            if !test && !["reload", "restart", "status"].contains(action ?? "") { throw ValidationError("sandbox nginx 다음에는 -t, reload, status 중 하나를 적어요.") }
        }

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let host = SandboxCommand.sandbox(context).practiceHost
            if test {
                let (ok, output) = try host.test()
                return CommandOutput(output.split(separator: "\n").map(String.init), status: ok ? ExitStatus.success : ExitStatus.failure)
            }
            if action == "status" {
                let s = host.status
                let ports = s.listenPorts.sorted { $0.key < $1.key }.map { "\($0.key) → 127.0.0.1:\($0.value)" }.joined(separator: ", ")
                return CommandOutput([s.nginxRunning ? "● nginx: active (running) — \(ports)" : "○ nginx: inactive (dead)"],
                                     status: s.nginxRunning ? ExitStatus.success : ExitStatus.failure)
            }
            let (ok, output) = try host.reload()
            context.refreshSources()
            var out = CommandOutput(output.split(separator: "\n").map(String.init), status: ok ? ExitStatus.success : ExitStatus.failure)
            out.append(ok ? "nginx가 새 설정을 읽었어요." : "설정에 오류가 있어서 돌던 nginx를 그대로 두었어요. 위의 파일:줄을 고치고 다시 reload 해요.")
            return out
        }
    }

    public struct Docker: KitCommand {
        public static let configuration = CommandConfiguration(
            abstract: "The stand-in containers as docker shows them: ps, start NAME, stop NAME, restart NAME (no Docker engine runs here).")
        @Argument(help: ArgumentHelp("ps, start, stop or restart.", valueName: "COMMAND")) var command: String
        @Argument(help: ArgumentHelp("glow-app or glow-api.", valueName: "NAME")) var name: String?
        public init() {}

        public func validate() throws {
            guard ["ps", "start", "stop", "restart"].contains(command) else { throw ValidationError("sandbox docker 다음에는 ps, start, stop, restart 중 하나를 적어요.") }
            if command != "ps" && name == nil { throw ValidationError("sandbox docker \(command) 다음에 컨테이너 이름을 적어요 (glow-app, glow-api).") }
        }

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let host = SandboxCommand.sandbox(context).practiceHost
            defer { context.refreshSources() }
            switch command {
            case "ps":
                var out = CommandOutput(["CONTAINER ID   IMAGE                 STATUS                 PORTS                      NAMES"])
                for line in host.dockerPS().split(separator: "\n") {
                    guard let c = try? JSONParser.parse(String(line)) else { continue }
                    let id = String((c["ID"]?.string ?? "").prefix(12))
                    out.append("\(id.padded(to: 14)) \((c["Image"]?.string ?? "").padded(to: 21)) \((c["Status"]?.string ?? "").padded(to: 22)) \((c["Ports"]?.string ?? "").padded(to: 26)) \(c["Names"]?.string ?? "")")
                }
                return out
            case "restart":
                _ = try host.setContainer(name!, running: false)
                _ = try host.setContainer(name!, running: true)
                return CommandOutput([name!])
            default:
                _ = try host.setContainer(name!, running: command == "start")
                return CommandOutput([name!])
            }
        }
    }
}
