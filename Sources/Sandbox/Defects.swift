import Environment
import Foundation
import JMESPath
import JSON
import Spawn

/// One defect `sandbox break` can put into the learner's sandbox: the broken variants the course already
/// has as fixtures, made for real in the learner's own build. The lesson named teaches the fix.
public struct Defect: Sendable {
    public var id: String
    /// What breaks, in words, without giving the cause away.
    public var symptom: String
    public var lesson: String
    /// The check that finds it, at its hop.
    public var check: String
    let apply: @Sendable (Breaker) throws(SandboxError) -> Void

    public static let all: [Defect] = [
        Defect(id: "subnet-no-public-ip", symptom: "새로 띄운 인스턴스 하나에 퍼블릭 IP가 없어요.", lesson: "subnets", check: "network.public-ip") { b throws(SandboxError) in
            let subnet = try b.string("Subnets[?Tags[?Key=='Name' && Value=='glowcorp-public-c']] | [0].SubnetId", "glowcorp-public-c", lesson: "subnets")
            try b.aws("ec2", "modify-subnet-attribute", "--subnet-id", subnet, "--no-map-public-ip-on-launch")
        },
        Defect(id: "igw-detached", symptom: "ALB에 아무도 닿지 못해요.", lesson: "internet-gateway", check: "network.igw-attached") { b throws(SandboxError) in
            let igw = try b.value("InternetGateways[?Tags[?Key=='Name' && Value=='glowcorp-igw']] | [0]", "glowcorp-igw", lesson: "internet-gateway")
            let id = igw["InternetGatewayId"]?.string ?? ""
            guard let vpc = igw["Attachments"]?.elements.first?["VpcId"]?.string else { throw .notBuiltYet(what: "VPC에 연결된 glowcorp-igw", lesson: "internet-gateway") }
            try b.aws("ec2", "detach-internet-gateway", "--internet-gateway-id", id, "--vpc-id", vpc)
        },
        Defect(id: "no-default-route", symptom: "서브넷에서 인터넷으로 나가는 길이 없어요.", lesson: "route-table", check: "network.default-route") { b throws(SandboxError) in
            let rt = try b.string("RouteTables[?Tags[?Key=='Name' && Value=='glowcorp-public-rt']] | [0].RouteTableId", "glowcorp-public-rt", lesson: "route-table")
            try b.aws("ec2", "delete-route", "--route-table-id", rt, "--destination-cidr-block", "0.0.0.0/0")
        },
        Defect(id: "subnet-on-main-route-table", symptom: "가용 영역 하나의 ALB 노드가 답하지 않아요.", lesson: "route-table", check: "network.subnet-routes") { b throws(SandboxError) in
            let subnet = try b.string("Subnets[?Tags[?Key=='Name' && Value=='glowcorp-public-c']] | [0].SubnetId", "glowcorp-public-c", lesson: "subnets")
            let association = try b.string("RouteTables[].Associations[?SubnetId=='\(subnet)'] | [] | [0].RouteTableAssociationId",
                                           "glowcorp-public-c의 라우팅 테이블 연결", lesson: "route-table")
            try b.aws("ec2", "disassociate-route-table", "--association-id", association)
        },
        Defect(id: "alb-sg-without-80", symptom: "http://로 들어오는 요청이 응답 없이 끊겨요.", lesson: "alb", check: "alb.sg-listener-open") { b throws(SandboxError) in
            let sg = try b.string("SecurityGroups[?GroupName=='glowcorp-alb-sg'] | [0].GroupId", "glowcorp-alb-sg", lesson: "alb")
            let rules = try b.aws("ec2", "describe-security-group-rules", "--filters", "Name=group-id,Values=\(sg)")
            let ids = rules["SecurityGroupRules"]?.elements.filter { $0["IsEgress"]?.bool == false && $0["FromPort"]?.int == 80 }
                .compactMap { $0["SecurityGroupRuleId"]?.string } ?? []
            guard !ids.isEmpty else { throw .notBuiltYet(what: "glowcorp-alb-sg의 80 규칙", lesson: "alb") }
            try b.aws(["ec2", "revoke-security-group-ingress", "--group-id", sg, "--security-group-rule-ids"] + ids)
        },
        Defect(id: "instance-sg-open-to-world", symptom: "아직 잘 돼요. 그런데 보안 점검에서 지적을 받았어요.", lesson: "ec2", check: "ec2.sg-not-world-open") { b throws(SandboxError) in
            let sg = try b.string("SecurityGroups[?GroupName=='glowcorp-web-sg'] | [0].GroupId", "glowcorp-web-sg", lesson: "ec2")
            try b.aws("ec2", "authorize-security-group-ingress", "--group-id", sg, "--protocol", "tcp", "--port", "80", "--cidr", "0.0.0.0/0")
        },
        Defect(id: "target-group-port-8080", symptom: "모든 요청이 503이에요. 대상이 모두 비정상이래요.", lesson: "alb", check: "target-group.port") { b throws(SandboxError) in
            let tg = try b.value("TargetGroups[?TargetGroupName=='glowcorp-web-tg'] | [0]", "glowcorp-web-tg", lesson: "alb")
            let old = tg["TargetGroupArn"]?.string ?? ""
            let targets = try b.strings("Captures.\"elbv2-describe-target-health.glowcorp-web-tg\".TargetHealthDescriptions[].Target.Id")
            let created = try b.aws("elbv2", "create-target-group", "--name", "glowcorp-web-tg-8080", "--protocol", "HTTP", "--port", "8080",
                                    "--vpc-id", tg["VpcId"]?.string ?? "", "--target-type", "instance", "--health-check-path", "/health")
            let new = created["TargetGroups"]?.elements.first?["TargetGroupArn"]?.string ?? ""
            if !targets.isEmpty { try b.aws(["elbv2", "register-targets", "--target-group-arn", new, "--targets"] + targets.map { "Id=\($0)" }) }
            try b.forwardListeners(from: old, to: new)
        },
        Defect(id: "no-registered-targets", symptom: "모든 요청이 503이에요.", lesson: "alb", check: "target-group.targets-registered") { b throws(SandboxError) in
            let tg = try b.string("TargetGroups[?TargetGroupName=='glowcorp-web-tg'] | [0].TargetGroupArn", "glowcorp-web-tg", lesson: "alb")
            let targets = try b.strings("Captures.\"elbv2-describe-target-health.glowcorp-web-tg\".TargetHealthDescriptions[].Target.Id")
            guard !targets.isEmpty else { throw .notBuiltYet(what: "glowcorp-web-tg에 등록된 대상", lesson: "alb") }
            try b.aws(["elbv2", "deregister-targets", "--target-group-arn", tg, "--targets"] + targets.map { "Id=\($0)" })
        },
        Defect(id: "listener-to-wrong-target-group", symptom: "모든 요청이 503이에요. 인스턴스는 멀쩡해요.", lesson: "alb", check: "chain.listener-target-group") { b throws(SandboxError) in
            let tg = try b.value("TargetGroups[?TargetGroupName=='glowcorp-web-tg'] | [0]", "glowcorp-web-tg", lesson: "alb")
            let created = try b.aws("elbv2", "create-target-group", "--name", "glowcorp-tg-old", "--protocol", "HTTP", "--port", "80",
                                    "--vpc-id", tg["VpcId"]?.string ?? "", "--target-type", "instance", "--health-check-path", "/health")
            try b.forwardListeners(from: tg["TargetGroupArn"]?.string ?? "", to: created["TargetGroups"]?.elements.first?["TargetGroupArn"]?.string ?? "")
        },
        Defect(id: "no-record-for-api", symptom: "api.glowcorp.io만 열리지 않아요 (NXDOMAIN).", lesson: "dns-record", check: "dns.record") { b throws(SandboxError) in
            let zone = try b.string("HostedZones[?Name=='glowcorp.io.'] | [0].Id", "glowcorp.io 호스팅 영역", lesson: "dns-record")
            let record = try b.value("ResourceRecordSets[?Name=='api.glowcorp.io.' && Type=='A'] | [0]", "api.glowcorp.io 레코드", lesson: "dns-record")
            var set = JSONObject([("Name", .string("api.glowcorp.io.")), ("Type", .string("A"))])
            set["AliasTarget"] = record["AliasTarget"]
            let batch = JSONValue.object(JSONObject([("Changes", .array([.object(JSONObject([("Action", .string("DELETE")), ("ResourceRecordSet", .object(set))]))]))]))
            try b.aws("route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", JSONWriter.string(batch, indent: nil))
        },
        Defect(id: "cname-at-apex", symptom: "glowcorp.io의 메일과 NS가 이상하다고 연락이 왔어요.", lesson: "dns-record", check: "dns.no-apex-cname") { b throws(SandboxError) in
            let zone = try b.string("HostedZones[?Name=='glowcorp.io.'] | [0].Id", "glowcorp.io 호스팅 영역", lesson: "dns-record")
            let alb = try b.string("LoadBalancers[?LoadBalancerName=='glowcorp-alb'] | [0].DNSName", "glowcorp-alb", lesson: "alb")
            let batch = #"{"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {"Name": "glowcorp.io.", "Type": "CNAME", "TTL": 300, "ResourceRecords": [{"Value": "\#(alb)"}]}}]}"#
            try b.aws("route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", batch)
        },
        Defect(id: "nginx-on-8080", symptom: "모든 요청이 502나 503이에요. 상태 검사가 실패해요.", lesson: "nginx", check: "nginx.listen") { b throws(SandboxError) in
            try b.editHost(every: true) { line in
                line.replacingOccurrences(of: #"listen(\s+)(\[::\]:)?80\b"#, with: "listen$1$28080", options: .regularExpression)
            }
        },
        Defect(id: "proxy-pass-port-mismatch", symptom: "app.glowcorp.io만 502예요. api는 멀쩡해요.", lesson: "docker-app", check: "chain.proxy-pass-published-port") { b throws(SandboxError) in
            try b.editHost(file: "app.glowcorp.io.conf") { line in
                line.replacingOccurrences(of: "127.0.0.1:3000", with: "127.0.0.1:8080")
            }
        },
        Defect(id: "scheme-redirect-loop", symptom: "app.glowcorp.io가 \"리디렉션한 횟수가 너무 많습니다\"로 끝나요.", lesson: "request-journey", check: "nginx.no-scheme-redirect") { b throws(SandboxError) in
            try b.editHost(file: "app.glowcorp.io.conf") { line in
                line.trimmingWhitespace.hasPrefix("server_name ") ? line + "\n\n    if ($scheme = http) {\n        return 301 https://$host$request_uri;\n    }" : line
            }
        },
        Defect(id: "container-exited", symptom: "app.glowcorp.io만 502예요.", lesson: "docker-app", check: "docker.running") { b throws(SandboxError) in
            guard b.sandbox.practiceHost.appRunning("glow-app") else { throw .notBuiltYet(what: "돌고 있는 glow-app", lesson: "docker-app") }
            _ = try b.sandbox.practiceHost.setContainer("glow-app", running: false)
        },
        Defect(id: "nacl-blocks-replies", symptom: "요청의 일부가 10초쯤 걸리다가 ALB의 504로 끝나요. 나머지는 멀쩡해요.", lesson: "on-call", check: "network.acl") { b throws(SandboxError) in
            // Lesson 14's glowcorp-public-acl: the requests in, HTTP and the replies out, nothing for the replies coming back.
            let vpc = try b.string("Vpcs[?Tags[?Key=='Name' && Value=='glowcorp-vpc']] | [0].VpcId", "glowcorp-vpc", lesson: "vpc")
            let subnets = try b.strings("Subnets[?VpcId=='\(vpc)' && Tags[?Key=='Name' && starts_with(Value, 'glowcorp-public-')]].SubnetId")
            guard !subnets.isEmpty else { throw .notBuiltYet(what: "glowcorp-public-a, glowcorp-public-c", lesson: "subnets") }
            let created = try b.aws("ec2", "create-network-acl", "--vpc-id", vpc,
                                    "--tag-specifications", "ResourceType=network-acl,Tags=[{Key=Name,Value=glowcorp-public-acl}]")
            guard let acl = created["NetworkAcl"]?["NetworkAclId"]?.string else { throw .awsCLIFailed(command: "aws ec2 create-network-acl", message: "NetworkAclId가 없어요") }
            for (number, direction, from, to, cidr) in [(100, "--ingress", 443, 443, "0.0.0.0/0"), (110, "--ingress", 80, 80, "0.0.0.0/0"),
                                                        (100, "--egress", 80, 80, "10.0.0.0/16"), (110, "--egress", 1024, 65535, "0.0.0.0/0")] {
                try b.aws("ec2", "create-network-acl-entry", "--network-acl-id", acl, direction, "--rule-number", String(number), "--protocol", "tcp",
                          "--port-range", "From=\(from),To=\(to)", "--cidr-block", cidr, "--rule-action", "allow")
            }
            for subnet in subnets {
                let association = try b.string("NetworkAcls[].Associations[?SubnetId=='\(subnet)'] | [] | [0].NetworkAclAssociationId",
                                               "\(subnet)의 네트워크 ACL 연결", lesson: "subnets")
                try b.aws("ec2", "replace-network-acl-association", "--association-id", association, "--network-acl-id", acl)
            }
        },
    ]

    public static func named(_ id: String) -> Defect? { all.first { $0.id == id } }
}

/// What a defect is made with: the sandbox's snapshot to find the learner's resources, the AWS CLI
/// pointed at the sandbox's own account and nowhere else, and the practice host's files (kept aside
/// before they are changed).
struct Breaker {
    let sandbox: Sandbox
    let endpoint: String
    let document: JSONValue
    let aws: String

    init(sandbox: Sandbox, endpoint: String, document: JSONValue) throws(SandboxError) {
        guard let own = sandbox.endpoint, own == endpoint, Self.isLoopback(endpoint) else { throw .refusedEndpoint(endpoint) }
        guard let aws = Spawn.locate("aws", path: sandbox.awsEnvironment(endpoint: endpoint)["PATH"]) else { throw .awsCLIMissing }
        self.sandbox = sandbox
        self.endpoint = endpoint
        self.document = document
        self.aws = aws
    }

    static func isLoopback(_ url: String) -> Bool {
        url.hasPrefix("http://127.0.0.1:") || url.hasPrefix("http://localhost:")
    }

    func value(_ query: String, _ what: String, lesson: String) throws(SandboxError) -> JSONValue {
        guard let v = try? JMESPathExpression(query).evaluate(document), v != .null else { throw .notBuiltYet(what: what, lesson: lesson) }
        return v
    }

    func string(_ query: String, _ what: String, lesson: String) throws(SandboxError) -> String {
        guard let s = try value(query, what, lesson: lesson).string, !s.isEmpty else { throw .notBuiltYet(what: what, lesson: lesson) }
        return s
    }

    func strings(_ query: String) throws(SandboxError) -> [String] {
        ((try? JMESPathExpression(query).evaluate(document))?.elements ?? []).compactMap(\.string)
    }

    @discardableResult
    func aws(_ arguments: String...) throws(SandboxError) -> JSONValue { try aws(arguments) }

    @discardableResult
    func aws(_ arguments: [String]) throws(SandboxError) -> JSONValue {
        let command = "aws " + arguments.prefix(2).joined(separator: " ")
        let run: Spawn.Result
        do {
            run = try Spawn.run([aws, "--endpoint-url", endpoint, "--output", "json"] + arguments,
                                environment: sandbox.awsEnvironment(endpoint: endpoint), timeout: 60)
        } catch { throw .awsCLIFailed(command: command, message: "\(error)") }
        guard run.status == 0 else { throw .awsCLIFailed(command: command, message: run.errors.trimmingWhitespace) }
        return (try? JSONParser.parse(run.output)) ?? .null
    }

    /// Every listener forwarding to `old` forwards to `new` instead.
    func forwardListeners(from old: String, to new: String) throws(SandboxError) {
        let listeners = (try? JMESPathExpression("Listeners[?DefaultActions[?TargetGroupArn=='\(old)']].ListenerArn").evaluate(document))?.elements ?? []
        guard !listeners.isEmpty else { throw .notBuiltYet(what: "glowcorp-web-tg로 전달하는 리스너", lesson: "alb") }
        for listener in listeners.compactMap(\.string) {
            try aws("elbv2", "modify-listener", "--listener-arn", listener, "--default-actions", "Type=forward,TargetGroupArn=\(new)")
        }
    }

    /// Changes lines of the learner's conf.d files (one, or `every` one), after keeping a copy aside; then
    /// nginx is reloaded, as the learner would after an edit.
    func editHost(file: String? = nil, every: Bool = false, _ change: (String) -> String) throws(SandboxError) {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: sandbox.paths.confD)) ?? []).filter { $0.hasSuffix(".conf") && (every || $0 == file) }.sorted()
        guard !names.isEmpty else { throw .notBuiltYet(what: "conf.d/\(file ?? "*.conf")", lesson: "nginx") }
        let stamp = Int(Date().timeIntervalSince1970)
        try? fm.createDirectory(atPath: sandbox.paths.root + "/kept", withIntermediateDirectories: true)
        for name in names {
            let path = sandbox.paths.confD + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let changed = text.split(separator: "\n", omittingEmptySubsequences: false).map { change(String($0)) }.joined(separator: "\n")
            guard changed != text else { continue }
            try? fm.copyItem(atPath: path, toPath: "\(sandbox.paths.root)/kept/\(name).before-break-\(stamp)")
            guard fm.createFile(atPath: path, contents: Data(changed.utf8)) else { throw .io("\(path)에 쓰지 못했어요") }
        }
        try sandbox.practiceHost.reloadIfRunning()
    }
}

extension Sandbox {
    /// Puts `defect` into the running sandbox.
    public func inject(_ defect: Defect) throws(SandboxError) {
        guard let endpoint else { throw .notRunning }
        let snapshot: Snapshot
        do { snapshot = try reader.read(progress: nil) } catch {
            if case .unavailable = error { throw .notRunning }
            throw .io("\(error)")
        }
        try defect.apply(try Breaker(sandbox: self, endpoint: endpoint, document: snapshot.document))
    }

    /// Whether this module would write to `endpoint`: only to this sandbox's own running account on
    /// loopback (every write goes through `Breaker`, which asks the same).
    public func checkWritable(_ endpoint: String) throws(SandboxError) {
        _ = try Breaker(sandbox: self, endpoint: endpoint, document: .null)
    }
}
