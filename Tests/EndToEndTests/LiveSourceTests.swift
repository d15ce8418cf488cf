import Environment
import Foundation
import JMESPath
import JSON
import AWSRead
import Spawn
import TestPaths
import Testing

/// Live reads against the real things the test setup (scripts/test.sh) starts on loopback: moto_server
/// for AWS (GLOW_MOTO_URL), and Debian's nginx with the course's configuration (GLOW_TEST_NGINX_CONF).
/// Without them the tests say so and skip; in CI (CI set) their absence is a failure.
@Suite(.serialized) struct LiveSourceTests {
    static let env = ProcessInfo.processInfo.environment
    static let moto = env["GLOW_MOTO_URL"]
    static let awsEnvironment = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "ap-northeast-2"]

    static func available(_ value: String?, _ what: String) -> Bool { Requirement.met(value != nil, what) }

    /// Builds glowcorp (or a broken variant) in moto with the AWS CLI; with `capture`, also captures it with the AWS CLI.
    static func build(_ variant: String? = nil, capture: String? = nil) throws {
        var arguments = ["python3", "\(Harness.repository)/scripts/moto-glowcorp.py", "--endpoint", moto!]
        if let variant { arguments += ["--variant", variant] }
        if let capture { arguments += ["--capture", capture] }
        let run = try Spawn.run(arguments, timeout: 300)
        try #require(run.status == 0, "moto-glowcorp.py failed: \(run.errors)")
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONParser.parse(bytes: Array(try #require(FileManager.default.contents(atPath: path))))
    }

    /// Equal values and key order; numbers compared as numbers (the AWS CLI writes 1795629507.0 where we
    /// write 1795629507: the only difference allowed).
    static func difference(_ a: JSONValue, _ b: JSONValue, _ path: String) -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.keys == y.keys else { return "\(path): keys \(x.keys) vs \(y.keys)" }
            for k in x.keys { if let d = difference(x[k]!, y[k]!, "\(path).\(k)") { return d } }
            return nil
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) elements" }
            for (i, (p, q)) in zip(x, y).enumerated() { if let d = difference(p, q, "\(path)[\(i)]") { return d } }
            return nil
        default:
            return a == b ? nil : "\(path): \(a) vs \(b)"
        }
    }

    @Test func snapshotEqualsTheAWSCLIFileByFile() throws {
        guard Self.available(Self.moto, "GLOW_MOTO_URL") else { return }
        let h = Harness()
        defer { h.cleanUp() }
        try Self.build(capture: "\(h.home)/cli")
        let out = try h.run(["snapshot", "--endpoint-url", Self.moto!, "--out", "\(h.home)/ours"], environment: Self.awsEnvironment)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("(AWS 읽기 22번"), "\(out.stdout)")
        let cli = try FileManager.default.contentsOfDirectory(atPath: "\(h.home)/cli").filter { $0.hasSuffix(".json") }.sorted()
        let ours = try FileManager.default.contentsOfDirectory(atPath: "\(h.home)/ours").filter { $0.hasSuffix(".json") }.sorted()
        // The network ACLs and the registered domain (Route 53 domains, asked in us-east-1) among them.
        #expect(cli.count == 22)
        #expect(cli.contains("ec2-describe-network-acls.json") && cli.contains("route53domains-get-domain-detail.glowcorp.io.json"), "\(cli)")
        #expect(cli == ours)
        for name in cli where ours.contains(name) {
            let d = Self.difference(try Self.json("\(h.home)/cli/\(name)"), try Self.json("\(h.home)/ours/\(name)"), name)
            #expect(d == nil, "\(d ?? "")")
        }
        // The secret is nowhere in what was written or printed.
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(h.home)/ours") {
            let text = try String(contentsOfFile: "\(h.home)/ours/\(name)", encoding: .utf8)
            #expect(!text.contains("AWS_SECRET") && !text.contains("\"testing\""))
        }
    }

    /// The AWS checks pass on glowcorp's setup read live, and fail on a variant with its defect.
    @Test func liveVerifyPassesOnTheSetupAndFailsOnADefect() throws {
        guard Self.available(Self.moto, "GLOW_MOTO_URL") else { return }
        let h = Harness()
        defer { h.cleanUp() }
        try Self.build()
        let good = try h.run(["verify", "--endpoint-url", Self.moto!, "--json"], environment: Self.awsEnvironment)
        let findings = try JSONParser.parse(good.stdout).elements
        let awsHops: Set<String> = ["dns", "alb", "target-group", "network", "ec2"]
        let failed = findings.filter { $0["status"]?.string == "fail" }.compactMap { $0["check"]?.string }
        #expect(failed.isEmpty, "failed on the intended setup: \(failed)")
        #expect(findings.contains { awsHops.contains($0["hop"]?.string ?? "") && $0["status"]?.string == "pass" })
        // The host was not read: its checks are not checked, not passed.
        #expect(findings.filter { $0["hop"]?.string == "nginx" }.allSatisfy { $0["status"]?.string == "not checked" })

        try Self.build("igw-detached")
        let broken = try h.run(["verify", "--endpoint-url", Self.moto!, "--json"], environment: Self.awsEnvironment)
        #expect(broken.status == 1)
        let brokenFindings = try JSONParser.parse(broken.stdout).elements
        #expect(brokenFindings.contains { $0["check"]?.string == "network.igw-attached" && $0["status"]?.string == "fail" })
    }

    @Test func redactedSnapshotKeepsNoAccountIdOrPublicAddress() throws {
        guard Self.available(Self.moto, "GLOW_MOTO_URL") else { return }
        let h = Harness()
        defer { h.cleanUp() }
        try Self.build()
        let out = try h.run(["snapshot", "--endpoint-url", Self.moto!, "--out", "\(h.home)/snap", "--redact"], environment: Self.awsEnvironment)
        #expect(out.status == 0, "\(out.stderr)")
        var all = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(h.home)/snap") {
            all += try String(contentsOfFile: "\(h.home)/snap/\(name)", encoding: .utf8)
        }
        #expect(!all.contains("123456789012"))  // moto's account
        // The registered domain's contacts (a person's name, address, telephone, e-mail) are gone; its name servers stay.
        #expect(!all.contains("hostmaster@glowcorp.io") && !all.contains("+82.212345678") && !all.contains("Example-ro"), "\(all)")
        #expect(all.contains("\"Email\": \"REDACTED\"") && all.contains("awsdns"))
        #expect(all.contains("arn:aws:elasticloadbalancing:ap-northeast-2:000000000001:loadbalancer/app/glowcorp-alb/"))
        // The redacted snapshot still replays: the same chain, the same verdicts.
        let replay = try h.run(["verify", "--fixture", "\(h.home)/snap"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }

    /// In the REPL: `source aws` reads the account once; `verify --refresh` reads it again.
    @Test func replSourceAwsAndRefresh() throws {
        guard Self.available(Self.moto, "GLOW_MOTO_URL") else { return }
        let h = Harness()
        defer { h.cleanUp() }
        try Self.build()
        let session = "source aws --endpoint-url \(Self.moto!)\nverify all\nverify all --refresh\nquit\n"
        let out = try h.run([], input: session, environment: Self.awsEnvironment)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("이제 verify는 " + "live aws --endpoint-url \(Self.moto!)".with(.을를) + " 읽어요."))
        #expect(out.stdout.components(separatedBy: "verify: live aws").count == 3, "\(out.stdout)")
        #expect(!out.stdout.contains("✘"), "\(out.stdout)")
    }

    @Test func whatIsMissingStopsWithAClearMessage() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let noRegion = try h.run(["verify", "--aws"], environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
        #expect(noRegion.status == 2)
        #expect(noRegion.stderr.hasPrefix("glow-onboard: 오류: 리전을 모르겠어요. --region을 주거나"), "\(noRegion.stderr)")
        let unreachable = try h.run(["verify", "--endpoint-url", "http://127.0.0.1:9", "--json"], environment: Self.awsEnvironment)
        #expect(unreachable.stderr.contains("오류: AWS: AWS 엔드포인트에 연결하지 못했어요"), "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("이 데이터가 필요한 검사는 하지 않아요"))
        #expect(!unreachable.stderr.contains("testing"))
    }

    /// Profiles only the AWS CLI resolves: an assume-role chain is resolved by the user's AWS CLI (v1 here,
    /// which has no export-credentials, so its botocore is asked), and moto's STS really hands out the
    /// role's temporary keys; an SSO profile with no login says how to log in. No secret is shown.
    @Test func profilesOnlyTheAWSCLIResolves() throws {
        guard Self.available(Self.moto, "GLOW_MOTO_URL") else { return }
        guard Spawn.locate("aws") != nil else { Issue.record("the AWS CLI is not installed: scripts/test.sh installs it"); return }
        let h = Harness()
        defer { h.cleanUp() }
        try Self.build()
        try FileManager.default.createDirectory(atPath: "\(h.home)/.aws", withIntermediateDirectories: true)
        try """
            [profile glow-base]
            aws_access_key_id = testing
            aws_secret_access_key = base-secret-never-shown
            [profile glow-reader]
            role_arn = arn:aws:iam::123456789012:role/glow-onboard-read
            source_profile = glow-base
            region = ap-northeast-2
            [profile glow-sso]
            sso_session = glowcorp
            sso_account_id = 123456789012
            sso_role_name = ReadOnly
            region = ap-northeast-2
            [sso-session glowcorp]
            sso_start_url = https://glowcorp.awsapps.com/start
            sso_region = ap-northeast-2

            """.write(toFile: "\(h.home)/.aws/config", atomically: true, encoding: .utf8)
        let env = ["AWS_ENDPOINT_URL": Self.moto!]
        let role = try h.run(["verify", "--aws", "--profile", "glow-reader", "--json"], environment: env)
        #expect(role.stderr.contains("AWS: 프로파일 glow-reader(역할을 맡는 프로파일)의 자격 증명을 프로파일 glow-reader에 대한 AWS CLI"), "\(role.stderr)")
        let findings = try JSONParser.parse(role.stdout).elements
        #expect(findings.contains { $0["hop"]?.string == "alb" && $0["status"]?.string == "pass" }, "\(role.stderr)")
        #expect(!findings.contains { $0["status"]?.string == "fail" && ["dns", "alb", "network", "ec2"].contains($0["hop"]?.string ?? "") })
        #expect(!(role.stdout + role.stderr).contains("base-secret-never-shown"))
        // (Resolving the role needs an answer from STS: with AWS_ENDPOINT_URL it is moto's; nothing else answers here.)

        let sso = try h.run(["verify", "--aws", "--profile", "glow-sso"], environment: env)
        #expect(sso.status == 2)
        #expect(sso.stderr.contains("프로파일 glow-sso에 대한 AWS CLI"), "\(sso.stderr)")
        #expect(sso.stderr.contains("`aws sso login --profile glow-sso`을 실행하고 다시 해 보세요."), "\(sso.stderr)")
    }

    /// moto_server checking signatures and IAM policies (INITIAL_NO_AUTH_ACTION_COUNT, see moto's notes):
    /// a user with exactly the README's policy reads everything (Route53 aside: moto refuses every signed
    /// Route53 GET in this mode, the AWS CLI's too), and one without elasticloadbalancing:DescribeRules is told
    /// which action to allow, and no verdict is made up from the rules it could not read.
    @Test func theDocumentedIAMPolicyIsEnoughAndAMissingActionIsNamed() throws {
        guard Self.available(Self.moto, "GLOW_MOTO_URL") else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let moto = try LoopbackServer(["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
                                      environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3", "MOTO_ACM_VALIDATION_WAIT": "0"],
                                      logPattern: "Running on http://127.0.0.1:[0-9]+")
        defer { moto.stop() }
        let url = moto.url
        try LiveSource.iamPolicy.write(toFile: "\(h.home)/full.json", atomically: true, encoding: .utf8)
        try LiveSource.iamPolicy.replacingOccurrences(of: "        \"elasticloadbalancing:DescribeRules\",\n", with: "")
            .write(toFile: "\(h.home)/no-rules.json", atomically: true, encoding: .utf8)
        #expect(try String(contentsOfFile: "\(h.home)/no-rules.json", encoding: .utf8) != LiveSource.iamPolicy)
        let build = try Spawn.run(["python3", "\(Harness.repository)/scripts/moto-glowcorp.py", "--endpoint", url, "--iam", "--keys", h.home,
                                   "--reader", "full=\(h.home)/full.json", "--reader", "no-rules=\(h.home)/no-rules.json"], timeout: 300)
        try #require(build.status == 0, "moto-glowcorp.py --iam failed: \(build.errors)")
        func keys(_ name: String) throws -> [String: String] {
            let j = try Self.json("\(h.home)/\(name).json")
            return ["AWS_ACCESS_KEY_ID": j["AccessKeyId"]?.string ?? "", "AWS_SECRET_ACCESS_KEY": j["SecretAccessKey"]?.string ?? "", "AWS_REGION": "ap-northeast-2"]
        }
        let errorLines = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("오류: AWS: ") } }

        let full = try h.run(["verify", "--endpoint-url", url, "--json"], environment: try keys("full"))
        #expect(!full.stderr.contains("access denied"), "\(full.stderr)")
        #expect(errorLines(full.stderr).allSatisfy { $0.contains("route53:") }, "\(full.stderr)")
        let findings = try JSONParser.parse(full.stdout).elements
        #expect(!findings.contains { $0["status"]?.string == "fail" }, "\(full.stdout)")
        #expect(Self.statuses(findings, "network.igw-attached") == ["pass"])

        // A wrong secret is refused by the signature check, and said so.
        var wrong = try keys("full")
        wrong["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
        let refused = try h.run(["verify", "--endpoint-url", url, "--json"], environment: wrong)
        #expect(refused.stderr.contains("ec2:DescribeVpcs: "), "\(refused.stderr)")
        #expect(!refused.stderr.contains("not-the-secret"))

        let noRules = try h.run(["verify", "--endpoint-url", url, "--json"], environment: try keys("no-rules"))
        let denied = errorLines(noRules.stderr).filter { !$0.contains("route53:") }
        #expect(denied.count >= 1 && denied.allSatisfy { $0.contains("elasticloadbalancing:DescribeRules 권한이 없어요. IAM 정책에서 허용해 주세요") },
                "\(noRules.stderr)")
        // glowcorp's listeners forward by their default actions, so the rules change no verdict here (where a
        // verdict hangs on unread rules the check says "not checked": the checks' own examples show it).
        let noRulesFindings = try JSONParser.parse(noRules.stdout).elements
        #expect(!noRulesFindings.contains { $0["status"]?.string == "fail" }, "\(noRules.stdout)")
        #expect(Self.statuses(noRulesFindings, "chain.listener-target-group") == ["pass"])
    }

    /// When nginx -T refuses the configuration, the files are read instead and our parser says where.
    @Test func hostNginxFallsBackToTheFilesWhenNginxTFails() throws {
        guard Spawn.locate("nginx", path: "/usr/sbin:/usr/bin:/sbin:/bin") != nil else {
            print("LiveSourceTests: nginx is not installed; fallback test skipped")
            return
        }
        let h = Harness()
        defer { h.cleanUp() }
        try FileManager.default.createDirectory(atPath: "\(h.home)/nginx/conf.d", withIntermediateDirectories: true)
        let conf = "\(h.home)/nginx/nginx.conf"
        try "events {}\nhttp {\n    include \(h.home)/nginx/conf.d/*.conf;\n}\n".write(toFile: conf, atomically: true, encoding: .utf8)
        try "server {\n    listen 80\n    server_name app.glowcorp.io;\n}\n".write(toFile: "\(h.home)/nginx/conf.d/app.conf", atomically: true, encoding: .utf8)
        let out = try h.run(["verify", "--host", "local", "--nginx-conf", conf, "--json"])
        #expect(out.stderr.contains("nginx: nginx -T 실패 (종료 코드 1)"), "\(out.stderr)")
        #expect(out.stderr.contains("대신 \(conf)와 conf.d/*.conf를 읽었어요"))
        let findings = try JSONParser.parse(out.stdout).elements
        let valid = findings.first { $0["check"]?.string == "nginx.config-valid" }
        #expect(valid?["status"]?.string == "fail")
        #expect(JSONWriter.string(valid ?? .null).contains("conf.d/app.conf:2"), "\(JSONWriter.string(valid ?? .null))")
    }

    /// A host command that never ends is stopped at its time and said to be (not "exit 137"); one that
    /// prints without end is stopped at the output limit and said to be (issue 13 §4, §5). Stand-ins on
    /// PATH play nginx (sleeps) and docker (prints `yes` for ever).
    @Test func hostCommandsThatHangOrFloodAreStoppedAndSaidSo() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let bin = "\(h.home)/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for (name, body) in [("nginx", "exec sleep 30"), ("docker", "exec yes")] {
            FileManager.default.createFile(atPath: "\(bin)/\(name)", contents: Data("#!/bin/sh\n\(body)\n".utf8), attributes: [.posixPermissions: 0o755])
        }
        let started = Date()
        let out = try h.run(["verify", "--host", "local", "--nginx-conf", "\(h.home)/none.conf", "--json"],
                            environment: ["PATH": "\(bin):" + (Self.env["PATH"] ?? "/usr/bin:/bin"), "GLOW_HOST_TIMEOUT": "1"])
        #expect(out.stderr.contains("nginx -T가 1초 안에 끝나지 않아서 멈췄어요"), "\(out.stderr)")
        #expect(out.stderr.contains("docker ps의 출력이 64 MiB보다 많아서 읽기를 멈췄어요"), "\(out.stderr)")
        #expect(!out.stderr.contains("137"))
        #expect(out.status == 2, "nothing of the host could be read")
        #expect(Date().timeIntervalSince(started) < 25, "the stand-in's 30 s sleep was waited for")
    }

    /// Debian's nginx, running on loopback with the course's configuration, read live with nginx -T.
    @Test func hostNginxReadLive() throws {
        guard Self.available(Self.env["GLOW_TEST_NGINX_CONF"], "GLOW_TEST_NGINX_CONF") else { return }
        let conf = Self.env["GLOW_TEST_NGINX_CONF"]!
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["verify", "--host", "local", "--nginx-conf", conf, "--json"])
        let findings = try JSONParser.parse(out.stdout).elements
        func status(_ check: String) -> [String] { findings.filter { $0["check"]?.string == check }.compactMap { $0["status"]?.string } }
        #expect(status("nginx.config-valid") == ["pass"])
        #expect(status("chain.server-name-records").allSatisfy { $0 == "not checked" || $0 == "pass" })
        #expect(status("nginx.forwarded-headers").contains("pass"))
        // The test setup moved `listen 80` to a loopback port: seen to fail, as on a host that did.
        #expect(status("nginx.listen").contains("fail"))
        // No Docker engine runs here: docker's checks are not checked, and stderr says why.
        #expect(out.stderr.contains("docker"))
        #expect(status("docker.running").allSatisfy { $0 == "not checked" })

        // snapshot --host writes nginx -T as read; replayed, the nginx verdicts are the same.
        let snap = try h.run(["snapshot", "--host", "local", "--nginx-conf", conf, "--out", "\(h.home)/host"])
        let dump = try String(contentsOfFile: "\(h.home)/host/nginx-T.txt", encoding: .utf8)
        #expect(dump.contains("# configuration file \(conf):"), "\(snap.stderr)")
        let replay = try JSONParser.parse(try h.run(["verify", "--fixture", "\(h.home)/host", "--json"]).stdout).elements
        let nginxVerdicts = { (f: [JSONValue]) in f.filter { $0["hop"]?.string == "nginx" }.map { "\($0["check"]?.string ?? ""):\($0["status"]?.string ?? "")" } }
        #expect(nginxVerdicts(replay) == nginxVerdicts(findings))
    }

    // MARK: - docker and ssh, live

    static func statuses(_ findings: [JSONValue], _ check: String) -> [String] {
        findings.filter { $0["check"]?.string == check }.compactMap { $0["status"]?.string }
    }

    /// No Docker engine runs here: scripts/loopback-docker.py answers the Engine API with glowcorp's two
    /// containers, and the real docker CLI prints what the host reader parses. Running: the docker checks
    /// pass; the app container exited: docker.running fails naming it. The snapshot replays the same.
    @Test func hostDockerReadLiveThroughTheDockerCLI() throws {
        guard Requirement.met(Spawn.locate("docker") != nil, "the docker CLI") else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let engine = try LoopbackService("docker", "\(h.home)/docker")
        defer { engine.stop() }
        let good = try h.run(["verify", "--host", "local", "--json"], environment: ["DOCKER_HOST": engine.value])
        let findings = try JSONParser.parse(good.stdout).elements
        #expect(!good.stderr.contains("docker ps"), "\(good.stderr)")
        #expect(Self.statuses(findings, "docker.running") == ["pass", "pass"], "\(good.stdout)")
        #expect(Self.statuses(findings, "docker.published-port") == ["pass", "pass"])

        let snap = try h.run(["snapshot", "--host", "local", "--out", "\(h.home)/snap"], environment: ["DOCKER_HOST": engine.value])
        let ps = try String(contentsOfFile: "\(h.home)/snap/docker-ps.jsonl", encoding: .utf8)
        #expect(ps.contains("\"Names\":\"glow-app\""), "\(snap.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(h.home)/snap/docker-inspect.json"))
        let replay = try JSONParser.parse(try h.run(["verify", "--fixture", "\(h.home)/snap", "--json"]).stdout).elements
        #expect(Self.statuses(replay, "docker.running") == ["pass", "pass"])

        let exited = try LoopbackService("docker", "\(h.home)/docker-exited", ["--variant", "exited"])
        defer { exited.stop() }
        let bad = try h.run(["verify", "--host", "local", "--json"], environment: ["DOCKER_HOST": exited.value])
        let badFindings = try JSONParser.parse(bad.stdout).elements
        let running = badFindings.first { $0["check"]?.string == "docker.running" }
        #expect(running?["status"]?.string == "fail", "\(bad.stdout)")
        #expect(JSONWriter.string(running ?? .null).contains("glow-app"))
    }

    /// The host read over ssh: Debian's sshd on loopback (scripts/loopback-sshd.py, its own keys), reached
    /// with the system ssh and an ssh configuration as a learner's ~/.ssh/config would have it (a wrapper
    /// first on PATH adds `-F`: ssh reads ~/.ssh from the password database, not $HOME). nginx -T, the
    /// file fallback and docker all run on the far side; a refused login says so.
    @Test func hostReadOverSSH() throws {
        guard Requirement.met(Spawn.locate("sshd", path: "/usr/sbin:/usr/bin:/sbin:/bin") != nil, "sshd (openssh-server)") else { return }
        guard Self.available(Self.env["GLOW_TEST_NGINX_CONF"], "GLOW_TEST_NGINX_CONF") else { return }
        let conf = Self.env["GLOW_TEST_NGINX_CONF"]!
        let h = Harness()
        defer { h.cleanUp() }
        let engine = try LoopbackService("docker", "\(h.home)/docker")
        defer { engine.stop() }
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = engine.value
        let sshd = try LoopbackService("sshd", "\(h.home)/sshd", environment: env)
        defer { sshd.stop() }
        try FileManager.default.createDirectory(atPath: "\(h.home)/bin", withIntermediateDirectories: true)
        let realSSH = try #require(Spawn.locate("ssh"))
        try "#!/bin/sh\nexec \(realSSH) -F \(sshd.value) \"$@\"\n".write(toFile: "\(h.home)/bin/ssh", atomically: true, encoding: .utf8)
        chmod("\(h.home)/bin/ssh", 0o755)
        let path = ["PATH": "\(h.home)/bin:\(h.environment["PATH"]!)"]

        let out = try h.run(["verify", "--host", "ssh://glow-test-host", "--nginx-conf", conf, "--json"], environment: path)
        let findings = try JSONParser.parse(out.stdout).elements
        #expect(!out.stderr.contains("failed"), "\(out.stderr)")
        #expect(Self.statuses(findings, "nginx.config-valid") == ["pass"], "\(out.stderr)")
        #expect(Self.statuses(findings, "nginx.forwarded-headers").contains("pass"))
        #expect(Self.statuses(findings, "docker.running") == ["pass", "pass"], "\(out.stderr)")

        // The fallback script runs on the far side too, quoted through ssh.
        try FileManager.default.createDirectory(atPath: "\(h.home)/broken/conf.d", withIntermediateDirectories: true)
        try "events {}\nhttp {\n    include \(h.home)/broken/conf.d/*.conf;\n}\n".write(toFile: "\(h.home)/broken/nginx.conf", atomically: true, encoding: .utf8)
        try "server {\n    listen 80\n    server_name app.glowcorp.io;\n}\n".write(toFile: "\(h.home)/broken/conf.d/app.conf", atomically: true, encoding: .utf8)
        let fallback = try h.run(["verify", "--host", "glow-test-host", "--nginx-conf", "\(h.home)/broken/nginx.conf", "--json"], environment: path)
        #expect(fallback.stderr.contains("nginx: nginx -T 실패 (ssh://glow-test-host) (종료 코드 1)"), "\(fallback.stderr)")
        let valid = try JSONParser.parse(fallback.stdout).elements.first { $0["check"]?.string == "nginx.config-valid" }
        #expect(valid?["status"]?.string == "fail")
        #expect(JSONWriter.string(valid ?? .null).contains("conf.d/app.conf:2"))

        // A login the server refuses: ssh's own reason, and the host's checks are not checked.
        let refused = try h.run(["verify", "--host", "nobody-here@glow-test-host", "--json"], environment: path)
        #expect(refused.stderr.contains("ssh 실패: ") && refused.stderr.contains("Permission denied"), "\(refused.stderr)")
        let refusedFindings = try JSONParser.parse(refused.stdout).elements
        #expect(Self.statuses(refusedFindings, "docker.running").allSatisfy { $0 == "not checked" })
        #expect(refusedFindings.filter { $0["hop"]?.string == "nginx" }.allSatisfy { $0["status"]?.string == "not checked" })
    }
}
