import Checks
@testable import Environment
import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit
import JMESPath
import JSON

@Suite struct FixtureSourceTests {
    func copy(_ fixture: String) throws -> String {
        let dir = Paths.temporaryDirectory()
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: "\(Paths.repository)/Fixtures/\(fixture)", toPath: dir)
        return dir
    }

    @Test func readsEveryPieceOfTheIntendedSetup() {
        let s = FixtureCache.snapshot("glowcorp")
        #expect(s.vpcs?.count == 2)  // glowcorp-vpc and the default VPC 172.31.0.0/16
        #expect(s.vpcs?.contains { $0.isDefault && $0.cidrBlock == "172.31.0.0/16" } == true)
        #expect(s.loadBalancers?.map(\.name) == ["glowcorp-alb"])
        #expect(s.targetGroups?.first?.targets?.count == 2)
        #expect(s.hostedZones?.first?.records?.count == 4)
        #expect(s.certificates?.first?.status == "ISSUED")
        #expect(s.containers?.map(\.name) == ["glow-app", "glow-api"])
        #expect(s.nginx?.files.map(\.path) == ["/etc/nginx/nginx.conf", "/etc/nginx/mime.types", "/etc/nginx/conf.d/00-default.conf",
                                               "/etc/nginx/conf.d/api.glowcorp.io.conf", "/etc/nginx/conf.d/app.glowcorp.io.conf"])
        #expect(s.userData.count == 2)
        // The default network ACL of each VPC, associated with glowcorp's subnets; the registered domain
        // with the zone's four name servers; when it was captured.
        #expect(s.networkAcls?.filter(\.isDefault).count == 2)
        let subnet = s.subnets!.first { $0.name == "glowcorp-public-a" }!
        #expect(s.effectiveNetworkAcl(for: subnet)?.isDefault == true)
        #expect(s.domains["glowcorp.io"]?.nameServers.count == 4)
        #expect(s.domains["glowcorp.io"]?.normalizedNameServers == s.hostedZones?.first?.nameServers)
        #expect(s.capturedAt != nil && s.certificates?.first?.notAfter.map { $0 > s.capturedAt! } == true)
    }

    /// ACM's times as AWS CLI v1 (epoch seconds) and v2 (ISO 8601) print them; anything else is no date.
    @Test func certificateDatesInBothCLIForms() throws {
        let v1 = try #require(Certificate(try JSONParser.parse(#"{"CertificateArn": "a", "NotAfter": 1827154071.0}"#)))
        let v2 = try #require(Certificate(try JSONParser.parse(#"{"CertificateArn": "a", "NotAfter": "2027-11-25T14:47:51+00:00"}"#)))
        #expect(v1.notAfter == Date(timeIntervalSince1970: 1827154071) && v2.notAfter == v1.notAfter)
        for bad in [#""soon""#, "1e300", "-5", "null"] {
            #expect(try #require(Certificate(try JSONParser.parse(#"{"CertificateArn": "a", "NotAfter": "# + bad + "}"))).notAfter == nil, "\(bad)")
        }
    }

    /// A capture time that is not ISO 8601 is said, and then the checks judge expiry at the present.
    @Test func aBrokenCaptureTimeIsSaid() throws {
        let dir = try copy("glowcorp")
        try "yesterday\n".write(toFile: "\(dir)/captured-at.txt", atomically: true, encoding: .utf8)
        let s = FixtureSource.load(directory: dir)
        #expect(s.capturedAt == nil)
        #expect(s.issues.contains { $0.message.contains("captured-at.txt: ISO 8601") })
    }

    @Test func followsTheChainNotTheFirstResource() {
        let s = FixtureCache.snapshot("glowcorp")
        let chain = Chain(snapshot: s)
        #expect(chain.vpc?.name == "glowcorp-vpc")
        #expect(chain.loadBalancerLink == .chain && chain.targetGroupLink == .chain && chain.instanceLink == .chain)
        #expect(chain.instances.compactMap(\.name).sorted() == ["glowcorp-web-1", "glowcorp-web-2"])
    }

    @Test func brokenJSONNamesFileLineAndColumnAndTheRestLoads() throws {
        let dir = try copy("glowcorp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\",}\n  ]\n}\n".write(toFile: "\(dir)/ec2-describe-vpcs.json", atomically: true, encoding: .utf8)
        try "hello".write(toFile: "\(dir)/notes.txt", atomically: true, encoding: .utf8)
        let s = FixtureSource.load(directory: dir)
        #expect(s.issues.map(\.description).contains("오류: \(dir)/ec2-describe-vpcs.json:3:23: expected a key in double quotes, found '}'"))
        #expect(s.issues.map(\.description).contains("참고: \(dir)/notes.txt: glow-onboard가 읽는 파일이 아니라서 건너뛰었어요"))
        #expect(s.vpcs == nil)
        #expect(s.loadBalancers?.count == 1)
        let findings = Verifier.run([.init(check: "network.vpc-cidr"), .init(check: "alb.internet-facing")], on: s)
        #expect(findings.first { $0.check == "network.vpc-cidr" }?.status == .notChecked)
        #expect(findings.first { $0.check == "network.vpc-cidr" }?.message.contains("ec2-describe-vpcs.json") == true)
        #expect(findings.first { $0.check == "alb.internet-facing" }?.status == .pass)
    }

    @Test func missingPiecesAreNotCheckedNeverFailures() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = FixtureSource.load(directory: dir)
        let findings = Verifier.run(Verifier.everyCheck, on: s)
        #expect(findings.allSatisfy { $0.status == .notChecked }, "\(findings.filter { $0.status != .notChecked }.map(\.check))")
    }

    @Test func trailingDotsAndDualstackMatch() throws {
        var s = FixtureCache.snapshot("glowcorp")
        s.hostedZones = s.hostedZones?.map { z in
            var z = z
            z.records = z.records?.map { r in
                var r = r
                let name = r.alias?.dnsName ?? ""
                r.alias?.dnsName = name.uppercased() + "."
                return r
            }
            return z
        }
        #expect(Verifier.run([.init(check: "chain.alias-target")], on: s).allSatisfy { $0.status == .pass })
    }

    @Test func onlyConfDAndNginxTDumpsAreRead() throws {
        let dir = try copy("glowcorp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: "\(dir)/etc/nginx/nginx.conf")
        let confD = FixtureSource.load(directory: dir)
        #expect(confD.nginx?.errors.isEmpty == true)
        #expect(Verifier.run([.init(check: "nginx.health-location")], on: confD).first?.status == .pass)
        try FileManager.default.removeItem(atPath: "\(dir)/etc")
        let dump = "# configuration file /etc/nginx/nginx.conf:\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n\n# configuration file /etc/nginx/conf.d/a.conf:\nserver { listen 8080; server_name app.glowcorp.io; }\n\n"
        try dump.write(toFile: "\(dir)/nginx-T.txt", atomically: true, encoding: .utf8)
        let fromDump = FixtureSource.load(directory: dir)
        #expect(fromDump.nginx?.files.map(\.path) == ["/etc/nginx/nginx.conf", "/etc/nginx/conf.d/a.conf"])
        #expect(Verifier.run([.init(check: "nginx.listen")], on: fromDump).first?.status == .fail)
    }

    @Test func dockerInspectAndPortsParse() {
        let ports = Container.parsePorts("127.0.0.1:3000->3000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 9000/udp")
        #expect(ports.count == 4)
        #expect(ports[0].hostIp == "127.0.0.1" && ports[0].hostPort == 3000 && ports[0].containerPort == 3000)
        #expect(ports[2].hostIp == "[::]" && ports[2].hostPort == 8080 && ports[2].containerPort == 80)
        #expect(ports[3].hostPort == nil && ports[3].proto == "udp")
        let inspect = try! JSONParser.parse("""
        {"Name": "/glow-app", "Config": {"Image": "glowcorp/app:1"}, "State": {"Status": "running"},
         "NetworkSettings": {"Ports": {"3000/tcp": [{"HostIp": "127.0.0.1", "HostPort": "3000"}]}}}
        """)
        let c = Container(inspect: inspect)
        #expect(c?.name == "glow-app" && c?.isRunning == true && c?.published.first?.hostPort == 3000)
    }
}

@Suite struct DockerInspectFixtureTests {
    @Test func inspectAloneOrBesidePS() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let inspect = """
        [{"Name": "/glow-app", "Config": {"Image": "glowcorp/app:1.42.0"}, "State": {"Status": "exited"},
          "NetworkSettings": {"Ports": {}}},
         {"Name": "/glow-worker", "Config": {"Image": "glowcorp/worker:1"}, "State": {"Status": "running"},
          "NetworkSettings": {"Ports": {"9000/tcp": null}}}]
        """
        try inspect.write(toFile: "\(dir)/docker-inspect.json", atomically: true, encoding: .utf8)
        let alone = FixtureSource.load(directory: dir)
        #expect(alone.containers?.map(\.name) == ["glow-app", "glow-worker"])
        #expect(alone.containers?.first?.isRunning == false)
        try FileManager.default.copyItem(atPath: "\(Paths.repository)/Fixtures/glowcorp/docker-ps.jsonl", toPath: "\(dir)/docker-ps.jsonl")
        let both = FixtureSource.load(directory: dir)
        #expect(both.containers?.map(\.name) == ["glow-app", "glow-api", "glow-worker"])
        #expect(both.containers?.first?.isRunning == true)  // docker ps wins for glow-app
        #expect(both.issues.isEmpty)
    }
}

@Suite struct ListenerRuleTests {
    @Test func rulesAreReadAndTheirTargetGroupsFollowed() throws {
        let s = FixtureCache.snapshot("glowcorp")
        let lb = try #require(s.loadBalancers?.first)
        let https = try #require(s.listeners[lb.arn]?.first { $0.port == 443 })
        let rules = try #require(s.rules[https.arn])
        #expect(rules.count == 1 && rules[0].isDefault && rules[0].forwardTargetGroups == https.forwardTargetGroups)
        let json = try JSONParser.parse("""
        {"RuleArn": "r", "Priority": "10", "IsDefault": false,
         "Conditions": [{"Field": "host-header", "HostHeaderConfig": {"Values": ["api.glowcorp.io"]}}],
         "Actions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "tg-api", "Weight": 1}]}}]}
        """)
        let rule = try #require(ListenerRule(json))
        #expect(rule.hosts == ["api.glowcorp.io"] && rule.forwardTargetGroups == ["tg-api"] && !rule.isDefault)
    }
}
