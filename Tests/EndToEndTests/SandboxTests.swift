import Environment
import Foundation
import GlowOnboardKit
import JMESPath
import JSON
import Sandbox
import Spawn
import TestPaths
import Testing

/// The lab, as a learner uses it: `sandbox start`, the real AWS CLI with the lines `sandbox env` prints,
/// their own nginx files, `verify --sandbox`, `trace --sandbox`, `sandbox break` and the fixes the
/// lessons teach. Each test has a sandbox of its own (its own XDG_STATE_HOME) and stops it; nothing is
/// left running.
@Suite(.serialized) struct SandboxTests {
    static var available: Bool {
        Requirement.met((try? Spawn.run(["python3", "-c", "import moto.server, flask_cors"], timeout: 60))?.status == 0, "moto[server] for python3")
            && Requirement.met(Spawn.locate("aws") != nil, "the AWS CLI")
            && Requirement.met(Spawn.locate("nginx", path: "/usr/sbin:/usr/bin:/sbin:/bin") != nil, "nginx")
    }

    /// The lessons' build steps in the onboarding document's order.
    static let phases = ["vpc", "subnets", "internet-gateway", "route-table", "ec2", "alb", "dns-record"]

    final class Lab {
        let h = Harness()
        var shell: [String: String] = [:]
        let phaseState: String

        init() throws {
            phaseState = h.home + "/phases.json"
            let started = try glow(["sandbox", "start"])
            try #require(started.status == 0, "sandbox start: \(started.stdout)\(started.stderr)")
            try readShellLines()
        }

        @discardableResult
        func glow(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Harness.Output {
            let out = try h.run(arguments, input: input, environment: environment)
            // Whatever the sandbox says, its particles follow the words before them.
            let particles = Korean.particleProblems(in: out.stdout + out.stderr)
            #expect(particles.isEmpty, "glow-onboard \(arguments.joined(separator: " ")): \(particles)")
            return out
        }

        /// What `eval "$(glow-onboard sandbox env)"` sets in the learner's shell.
        func readShellLines() throws {
            let env = try glow(["sandbox", "env"])
            try #require(env.status == 0, "sandbox env: \(env.stderr)")
            shell = [:]
            for line in env.stdout.split(separator: "\n") where line.hasPrefix("export ") {
                for pair in line.dropFirst(7).split(separator: " ") {
                    let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    shell[String(kv[0])] = kv.count > 1 ? String(kv[1]) : ""
                }
            }
            try #require(shell["AWS_ENDPOINT_URL"]?.hasPrefix("http://127.0.0.1:") == true, "\(env.stdout)")
        }

        var endpoint: String { shell["AWS_ENDPOINT_URL"] ?? "" }
        var host: String { h.home + "/state/glow-onboard/sandbox/host" }
        var confD: String { host + "/etc/nginx/conf.d" }

        /// The real AWS CLI, as the learner's second terminal runs it.
        @discardableResult
        func aws(_ arguments: String...) throws -> String { try aws(arguments) }

        @discardableResult
        func aws(_ arguments: [String]) throws -> String {
            var env = h.environment.merging(shell) { $1 }
            env["AWS_PROFILE"] = nil
            let run = try Spawn.run(["aws", "--output", "text"] + arguments, environment: env, timeout: 120)
            try #require(run.status == 0, "aws \(arguments.joined(separator: " ")): \(run.errors)")
            return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The lesson's own commands up to its phase (scripts/build_fixtures.py's phases, the AWS CLI).
        func build(through lesson: String) throws {
            let run = try Spawn.run(["python3", "\(Harness.repository)/scripts/moto-glowcorp.py", "--endpoint", endpoint,
                                     "--through", lesson, "--state", phaseState], timeout: 300)
            try #require(run.status == 0, "building through \(lesson): \(run.errors)")
        }

        /// The two server blocks of the nginx lesson, written where `sandbox path` says, and a reload.
        func writeNginxFiles() throws {
            for name in ["app.glowcorp.io.conf", "api.glowcorp.io.conf"] {
                try FileManager.default.copyItem(atPath: "\(Harness.repository)/Fixtures/host/etc/nginx/conf.d/\(name)", toPath: "\(confD)/\(name)")
            }
            let reload = try glow(["sandbox", "nginx", "reload"])
            try #require(reload.status == 0, "reload: \(reload.stdout)\(reload.stderr)")
        }

        func findings(_ arguments: [String] = []) throws -> [JSONValue] {
            let out = try glow(["verify", "--sandbox", "--json"] + arguments)
            return try JSONParser.parse(out.stdout).elements
        }

        /// A build step passes: nothing fails and every check could look.
        func buildStepPasses(_ lesson: String) throws -> (Bool, String) {
            let f = try findings(["--lesson", lesson, "--step", "build"])
            let bad = f.filter { ["fail", "not checked"].contains($0["status"]?.string ?? "") }.compactMap { $0["check"]?.string }
            return (!f.isEmpty && bad.isEmpty, bad.joined(separator: ", "))
        }

        func trace(_ url: String) throws -> (status: Int32, json: JSONValue) {
            let out = try glow(["trace", url, "--sandbox", "--json"])
            return (out.status, try JSONParser.parse(out.stdout))
        }

        func stop() {
            _ = try? glow(["sandbox", "stop"])
            let left = (try? Spawn.run(["pgrep", "-f", h.home + "/state/glow-onboard/sandbox"]))?.output ?? ""
            #expect(left.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "still running: \(left)")
            h.cleanUp()
        }
    }

    static func finalStatus(_ trace: JSONValue) -> Int? { trace["hops"]?.elements.last?["status"]?.int }

    /// Built phase by phase with the AWS CLI, each lesson's build step passes right after its phase and
    /// not before; the host's nginx serves both apps; stop and start keep everything.
    @Test func buildGlowcorpPhaseByPhase() throws {
        guard Self.available else { return }
        let lab = try Lab()
        defer { lab.stop() }
        for lesson in Self.phases {
            let (before, _) = try lab.buildStepPasses(lesson)
            #expect(!before, "\(lesson)'s build step passed before its phase")
            try lab.build(through: lesson)
            let (after, bad) = try lab.buildStepPasses(lesson)
            #expect(after, "\(lesson)'s build step after its phase: \(bad)")
        }
        // The practice host: nothing of the learner's yet, then their two server blocks.
        #expect(try !lab.buildStepPasses("nginx").0)
        let test = try lab.glow(["sandbox", "nginx", "-t"])
        #expect(test.status == 0 && test.stdout.contains("syntax is ok") && test.stdout.contains(lab.host + "/etc/nginx/nginx.conf"), "\(test.stdout)")
        try lab.writeNginxFiles()
        for lesson in ["nginx", "docker-app"] {
            let (passes, bad) = try lab.buildStepPasses(lesson)
            #expect(passes, "\(lesson): \(bad)")
        }
        for (name, app) in [("app", "glow-app"), ("api", "glow-api")] {
            let (status, json) = try lab.trace("http://\(name).glowcorp.io/")
            #expect(status == 0 && Self.finalStatus(json) == 200, "\(JSONWriter.string(json))")
            #expect(JSONWriter.string(json).contains("\(app): GET /"), "\(name) reached the wrong app: \(JSONWriter.string(json))")
        }
        // A broken file: nginx says where, the running nginx keeps serving.
        try "server {\n    listen 80\n    server_name broken.glowcorp.io;\n}\n".write(toFile: "\(lab.confD)/zz-broken.conf", atomically: true, encoding: .utf8)
        let refused = try lab.glow(["sandbox", "nginx", "reload"])
        #expect(refused.status == 1 && refused.stdout.contains("[emerg]") && refused.stdout.contains("\(lab.confD)/zz-broken.conf:3"), "\(refused.stdout)")
        #expect(refused.stdout.contains("돌던 nginx를 그대로 두었어요"))
        #expect(Self.finalStatus(try lab.trace("http://app.glowcorp.io/").json) == 200)
        try FileManager.default.removeItem(atPath: "\(lab.confD)/zz-broken.conf")
        #expect(try lab.glow(["sandbox", "nginx", "reload"]).status == 0)

        // Stop and start: the account comes back as it was, ids and all.
        let before = try lab.findings()
        let stopped = try lab.glow(["sandbox", "stop"])
        #expect(stopped.stdout.contains("만든 것은 그대로 있어요"))
        #expect(try lab.glow(["verify", "--sandbox"]).stderr.contains("sandbox가 멈춰 있어요"))
        let again = try lab.glow(["sandbox", "start"])
        #expect(again.status == 0 && again.stdout.contains("변경") && again.stdout.contains("되살렸어요") && !again.stderr.contains("실패"), "\(again.stdout)\(again.stderr)")
        let after = try lab.findings()
        let key = { (f: [JSONValue]) in f.map { "\($0["check"]?.string ?? "") \($0["status"]?.string ?? "") \($0["where"]?.string ?? "")" }.sorted() }
        #expect(key(before) == key(after))
        #expect(!after.contains { $0["status"]?.string == "fail" }, "\(after.filter { $0["status"]?.string == "fail" })")

        // A snapshot of the sandbox replays offline with the same findings.
        let snap = try lab.glow(["snapshot", "--sandbox", "--out", lab.h.home + "/snap"])
        #expect(snap.status == 0, "\(snap.stdout)\(snap.stderr)")
        let replayed = try JSONParser.parse(try lab.glow(["verify", "--fixture", lab.h.home + "/snap", "--json"]).stdout).elements
        let strip = { (f: [JSONValue]) in f.map { "\($0["check"]?.string ?? "") \($0["status"]?.string ?? "")" }.sorted() }
        #expect(strip(replayed) == strip(after))
        // The sandbox has no console: no finding or hop links to one.
        let sandboxMap = try lab.glow(["map", "--sandbox"])
        #expect(sandboxMap.stdout.contains("app.glowcorp.io") && !sandboxMap.stdout.contains("console.aws.amazon.com"), "\(sandboxMap.stdout.suffix(400))")
        #expect(!(try lab.glow(["verify", "--sandbox", "-v"]).stdout.contains("console.aws.amazon.com")))
        // The instructor's gate on the lab's built state: every build and exploration verify block passes there.
        let gate = try lab.glow(["lessons", "test", "--lab", lab.h.home + "/snap"])
        #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
    }

    /// What the lessons teach for each defect, typed as the learner types it.
    static func fix(_ defect: String, _ lab: Lab) throws {
        let vpc = { try lab.aws("ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=glowcorp-vpc", "--query", "Vpcs[0].VpcId") }
        let subnet = { (name: String) in try lab.aws("ec2", "describe-subnets", "--filters", "Name=tag:Name,Values=\(name)", "--query", "Subnets[0].SubnetId") }
        let group = { (name: String) in try lab.aws("ec2", "describe-security-groups", "--filters", "Name=group-name,Values=\(name)", "--query", "SecurityGroups[0].GroupId") }
        let webTG = { try lab.aws("elbv2", "describe-target-groups", "--names", "glowcorp-web-tg", "--query", "TargetGroups[0].TargetGroupArn") }
        let https = {
            let alb = try lab.aws("elbv2", "describe-load-balancers", "--names", "glowcorp-alb", "--query", "LoadBalancers[0].LoadBalancerArn")
            return try lab.aws("elbv2", "describe-listeners", "--load-balancer-arn", alb, "--query", "Listeners[?Port==`443`].ListenerArn | [0]")
        }
        let zone = { try lab.aws("route53", "list-hosted-zones-by-name", "--dns-name", "glowcorp.io", "--query", "HostedZones[0].Id") }
        func edit(_ file: String, _ change: (String) -> String) throws {
            let path = "\(lab.confD)/\(file)"
            try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        }
        switch defect {
        case "subnet-no-public-ip":
            try lab.aws("ec2", "modify-subnet-attribute", "--subnet-id", try subnet("glowcorp-public-c"), "--map-public-ip-on-launch")
        case "nacl-blocks-replies":
            // Lesson 14's fix: the replies' inbound rule.
            let acl = try lab.aws("ec2", "describe-network-acls", "--filters", "Name=tag:Name,Values=glowcorp-public-acl", "--query", "NetworkAcls[0].NetworkAclId")
            try lab.aws("ec2", "create-network-acl-entry", "--network-acl-id", acl, "--ingress", "--rule-number", "120", "--protocol", "tcp",
                        "--port-range", "From=1024,To=65535", "--cidr-block", "10.0.0.0/16", "--rule-action", "allow")
        case "igw-detached":
            let igw = try lab.aws("ec2", "describe-internet-gateways", "--filters", "Name=tag:Name,Values=glowcorp-igw", "--query", "InternetGateways[0].InternetGatewayId")
            try lab.aws("ec2", "attach-internet-gateway", "--internet-gateway-id", igw, "--vpc-id", try vpc())
        case "no-default-route":
            let rt = try lab.aws("ec2", "describe-route-tables", "--filters", "Name=tag:Name,Values=glowcorp-public-rt", "--query", "RouteTables[0].RouteTableId")
            let igw = try lab.aws("ec2", "describe-internet-gateways", "--filters", "Name=tag:Name,Values=glowcorp-igw", "--query", "InternetGateways[0].InternetGatewayId")
            try lab.aws("ec2", "create-route", "--route-table-id", rt, "--destination-cidr-block", "0.0.0.0/0", "--gateway-id", igw)
        case "subnet-on-main-route-table":
            let rt = try lab.aws("ec2", "describe-route-tables", "--filters", "Name=tag:Name,Values=glowcorp-public-rt", "--query", "RouteTables[0].RouteTableId")
            try lab.aws("ec2", "associate-route-table", "--route-table-id", rt, "--subnet-id", try subnet("glowcorp-public-c"))
        case "alb-sg-without-80":
            try lab.aws("ec2", "authorize-security-group-ingress", "--group-id", try group("glowcorp-alb-sg"), "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0")
        case "instance-sg-open-to-world":
            let sg = try group("glowcorp-web-sg")
            let rule = try lab.aws("ec2", "describe-security-group-rules", "--filters", "Name=group-id,Values=\(sg)",
                                   "--query", "SecurityGroupRules[?CidrIpv4=='0.0.0.0/0' && FromPort==`80` && !IsEgress].SecurityGroupRuleId | [0]")
            try lab.aws("ec2", "revoke-security-group-ingress", "--group-id", sg, "--security-group-rule-ids", rule)
        case "target-group-port-8080", "listener-to-wrong-target-group":
            // The listener back to the group that holds the instances, and the stray group deleted.
            try lab.aws("elbv2", "modify-listener", "--listener-arn", try https(), "--default-actions", "Type=forward,TargetGroupArn=\(try webTG())")
            let stray = defect == "target-group-port-8080" ? "glowcorp-web-tg-8080" : "glowcorp-tg-old"
            let arn = try lab.aws("elbv2", "describe-target-groups", "--names", stray, "--query", "TargetGroups[0].TargetGroupArn")
            try lab.aws("elbv2", "delete-target-group", "--target-group-arn", arn)
        case "no-registered-targets":
            let ids = try lab.aws("ec2", "describe-instances", "--filters", "Name=tag:Name,Values=glowcorp-web-1,glowcorp-web-2",
                                  "--query", "Reservations[].Instances[].InstanceId").split(whereSeparator: \.isWhitespace)
            try lab.aws(["elbv2", "register-targets", "--target-group-arn", try webTG(), "--targets"] + ids.map { "Id=\($0)" })
        case "no-record-for-api":
            let alb = try lab.aws("elbv2", "describe-load-balancers", "--names", "glowcorp-alb", "--query", "LoadBalancers[0].[DNSName,CanonicalHostedZoneId]")
                .split(whereSeparator: \.isWhitespace).map(String.init)
            let batch = #"{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"api.glowcorp.io","Type":"A","AliasTarget":{"HostedZoneId":"\#(alb[1])","DNSName":"dualstack.\#(alb[0])","EvaluateTargetHealth":true}}}]}"#
            try lab.aws("route53", "change-resource-record-sets", "--hosted-zone-id", try zone(), "--change-batch", batch)
        case "cname-at-apex":
            let value = try lab.aws("route53", "list-resource-record-sets", "--hosted-zone-id", try zone(),
                                    "--query", "ResourceRecordSets[?Type=='CNAME' && Name=='glowcorp.io.'].ResourceRecords[0].Value | [0]")
            let batch = #"{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"glowcorp.io.","Type":"CNAME","TTL":300,"ResourceRecords":[{"Value":"\#(value)"}]}}]}"#
            try lab.aws("route53", "change-resource-record-sets", "--hosted-zone-id", try zone(), "--change-batch", batch)
        case "nginx-on-8080":
            for file in ["00-default.conf", "app.glowcorp.io.conf", "api.glowcorp.io.conf"] { try edit(file) { $0.replacingOccurrences("8080", with: "80") } }
            #expect(try lab.glow(["sandbox", "nginx", "reload"]).status == 0)
        case "proxy-pass-port-mismatch":
            try edit("app.glowcorp.io.conf") { $0.replacingOccurrences("127.0.0.1:8080", with: "127.0.0.1:3000") }
            #expect(try lab.glow(["sandbox", "nginx", "reload"]).status == 0)
        case "scheme-redirect-loop":
            try edit("app.glowcorp.io.conf") { $0.replacingOccurrences("\n\n    if ($scheme = http) {\n        return 301 https://$host$request_uri;\n    }", with: "") }
            #expect(try lab.glow(["sandbox", "nginx", "reload"]).status == 0)
        case "container-exited":
            #expect(try lab.glow(["sandbox", "docker", "start", "glow-app"]).status == 0)
        default:
            Issue.record("no fix written for \(defect)")
        }
    }

    /// Every defect `sandbox break` knows is found by verify at its hop, root cause first, and cleared by
    /// the fix its lesson teaches.
    @Test func everyDefectIsFoundAndFixed() throws {
        guard Self.available else { return }
        let lab = try Lab()
        defer { lab.stop() }
        try lab.build(through: "dns-record")
        try lab.writeNginxFiles()
        #expect(try !lab.findings().contains { $0["status"]?.string == "fail" })
        for defect in Defect.all {
            let broke = try lab.glow(["sandbox", "break", defect.id])
            try #require(broke.status == 0, "break \(defect.id): \(broke.stdout)\(broke.stderr)")
            #expect(!broke.stdout.contains(defect.check), "the break names its cause")
            let found = try lab.findings()
            let problems = found.filter { ["fail", "warn"].contains($0["status"]?.string ?? "") }
            #expect(problems.first?["check"]?.string == defect.check, "\(defect.id): \(problems.map { $0["check"]?.string ?? "" })")
            #expect(problems.first?["rootCause"]?.bool == true)
            try Self.fix(defect.id, lab)
            let fixed = try lab.findings()
            #expect(!fixed.contains { ["fail", "warn"].contains($0["status"]?.string ?? "") && $0["check"]?.string == defect.check },
                    "\(defect.id) not cleared: \(fixed.filter { $0["status"]?.string == "fail" }.map { $0["check"]?.string ?? "" })")
            #expect(!fixed.contains { $0["status"]?.string == "fail" }, "\(defect.id) left failures")
        }
        // proxy_pass to the wrong port: nginx's 502, and trace names the check that explains it.
        _ = try lab.glow(["sandbox", "break", "proxy-pass-port-mismatch"])
        let (status, json) = try lab.trace("http://app.glowcorp.io/")
        #expect(status == 1 && Self.finalStatus(json) == 502, "\(JSONWriter.string(json))")
        #expect(json["problem"]?["checks"]?.elements.contains { $0["check"]?.string == "chain.proxy-pass-published-port" } == true)
        try Self.fix("proxy-pass-port-mismatch", lab)
        #expect(Self.finalStatus(try lab.trace("http://app.glowcorp.io/").json) == 200)
    }

    /// Only the sandbox's own running account can be written to.
    @Test func writesGoNowhereButTheSandbox() throws {
        guard Self.available else { return }
        let lab = try Lab()
        defer { lab.stop() }
        let sandbox = Sandbox(environment: lab.h.environment.merging(["XDG_STATE_HOME": lab.h.home + "/state"]) { $1 },
                              repository: Harness.repository)
        #expect(throws: Never.self) { try sandbox.checkWritable(lab.endpoint) }
        for other in ["http://127.0.0.1:1", "https://ec2.ap-northeast-2.amazonaws.com", lab.endpoint.replacingOccurrences("127.0.0.1", with: "10.0.0.1")] {
            #expect(throws: SandboxError.refusedEndpoint(other)) { try sandbox.checkWritable(other) }
        }
    }

    /// What goes wrong around it says what to do, and loses nothing.
    @Test func badSituationsSayWhatToDo() throws {
        guard Self.available else { return }
        let lab = try Lab()
        defer { lab.stop() }
        try lab.build(through: "vpc")
        let root = lab.h.home + "/state/glow-onboard/sandbox"
        // A sandbox that died: reported as stopped, started again with what was built.
        let ready = try String(contentsOfFile: root + "/moto.ready", encoding: .utf8).split(separator: " ")
        _ = try Spawn.run(["kill", "-9", String(ready[0])])
        _ = Background.wait { !Spawn.isRunning(Int32(ready[0]) ?? 0, marker: "sandbox_services") }
        let dead = try lab.glow(["verify", "--sandbox"])
        #expect(dead.status == 2 && dead.stderr.contains("sandbox가 멈춰 있어요"), "\(dead.stderr)")
        // …its pid file is stale now; the port it had is taken by someone else.
        let squatter = try LoopbackServer(["python3", "-c", """
            import socket, sys
            s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[2]))); s.listen()
            open(sys.argv[1], "w").write(sys.argv[2])
            while True: s.accept()
            """, "{port-file}", String(ready[1])])
        defer { squatter.stop() }
        let restarted = try lab.glow(["sandbox", "start"])
        #expect(restarted.status == 0 && restarted.stdout.contains("변경 2개를 되살렸어요"), "\(restarted.stdout)\(restarted.stderr)")
        #expect(!restarted.stdout.contains(":\(ready[1])에서"), "it took the squatted port")
        #expect(try lab.buildStepPasses("vpc").0)
        // No moto for the Python given: what to run.
        _ = try lab.glow(["sandbox", "stop"])
        let noMoto = try lab.glow(["sandbox", "start"], environment: ["GLOW_ONBOARD_PYTHON": "/usr/bin/false"])
        #expect(noMoto.status == 2 && (noMoto.stderr.contains("연습 계정(moto)이 시작되지 않았어요") || noMoto.stderr.contains("moto가")), "\(noMoto.stderr)")
        // No nginx: the files are still read.
        let noNginx = try lab.glow(["sandbox", "start"], environment: ["GLOW_ONBOARD_NGINX": "/nonexistent/nginx"])
        #expect(noNginx.status == 0 && noNginx.stdout.contains("nginx: 설치되어 있지 않아서"), "\(noNginx.stdout)\(noNginx.stderr)")
        #expect(try lab.findings().contains { $0["check"]?.string == "nginx.config-valid" && $0["status"]?.string == "pass" })
        // No AWS CLI for a break.
        let noCLI = try lab.glow(["sandbox", "break", "igw-detached"], environment: ["PATH": "/nonexistent"])
        #expect(noCLI.status == 2 && noCLI.stderr.contains("AWS CLI(aws)가 없어요"), "\(noCLI.stderr)")
        // A sandbox of another user is not touched.
        _ = try lab.glow(["sandbox", "stop"])
        #expect(chown(root, 65534, 65534) == 0)
        let foreign = try lab.glow(["sandbox", "start"])
        #expect(foreign.status == 2 && foreign.stderr.contains("다른 사용자(uid 65534)의 sandbox"), "\(foreign.stderr)")
        #expect(chown(root, getuid(), getgid()) == 0)
        #expect(try lab.glow(["sandbox", "start"]).status == 0)
        #expect(try lab.buildStepPasses("vpc").0, "what was built is still there")
        // reset asks; no is no; yes keeps the old journal aside and empties the account.
        let inREPL = try lab.glow([], input: "sandbox reset\nn\nquit\n")
        #expect(inREPL.stdout.contains("정말 연습 계정과 연습 호스트의 nginx 파일을 비울까요?") && inREPL.stdout.contains("취소했어요: sandbox 비우기"), "\(inREPL.stdout.suffix(500))")
        let declined = try lab.glow(["sandbox", "reset"], input: "n\n")
        #expect(declined.stdout.contains("취소했어요"))
        #expect(try lab.buildStepPasses("vpc").0, "a declined reset keeps the VPC")
        let reset = try lab.glow(["sandbox", "reset", "--yes"])
        #expect(reset.status == 0 && reset.stdout.contains("journal.jsonl.before-reset-"), "\(reset.stdout)\(reset.stderr)")
        #expect(try lab.glow(["sandbox", "start"]).status == 0)
        #expect(try !lab.buildStepPasses("vpc").0, "reset left the VPC")
    }

    /// The course taken in the sandbox through the REPL: every build step completes there, and the
    /// lessons say where.
    @Test func theCourseInTheSandbox() throws {
        guard Self.available else { return }
        let lab = try Lab()
        defer { lab.stop() }
        try lab.build(through: "dns-record")
        try lab.writeNginxFiles()
        let lessons = try LessonLinter.lint(path: "\(Harness.repository)/Lessons").lessons
        let document = try JSONParser.parse(try lab.glow(["query", "@", "--sandbox"]).stdout)
        var script = "source sandbox\ngoto \(lessons[0].id)\n"
        var builds = 0
        for lesson in lessons {
            for step in lesson.steps {
                if let spec = step.verify, spec.build || spec.practice != nil {
                    script += "verify\n"
                    if spec.build { builds += 1 }
                }
                for q in step.questions {
                    script += "answer \(Harness.rightAnswer(q, in: document))\n"
                }
                script += "next\n"
            }
        }
        script += "lessons\nprogress\nquit\n"
        let out = try lab.glow([], input: script)
        #expect(out.status == 0)
        #expect(out.stdout.components(separatedBy: "✔ 이 단계가 기대하는 상태예요. (sandbox에서 확인했어요)").count - 1 >= builds, "\(out.stdout.suffix(3000))")
        #expect(!out.stdout.contains("✘ 아니에요"), "\(out.stdout)")
        #expect(out.stdout.contains("코스의 마지막 단계까지 왔어요!"))
        #expect(out.stdout.contains("만듦: sandbox"))
        let progress = try JSONParser.parse(String(contentsOfFile: lab.h.progressPath, encoding: .utf8))
        #expect(JSONWriter.string(progress).contains("\"verifiedOn\" : \"sandbox\"") || JSONWriter.string(progress).contains("\"verifiedOn\": \"sandbox\""))
    }
}
