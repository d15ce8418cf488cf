import Environment
import JSON
import Testing

/// Network ACL evaluation as AWS does it per packet: rules in rule-number order, the first match decides,
/// `*` denies the rest; exact over every address and port of a flow.
@Suite struct NetworkAclTests {
    static let world = CIDRBlock("0.0.0.0/0")!
    static let vpc = CIDRBlock("10.0.0.0/16")!

    static func acl(_ entries: [NetworkAcl.Entry]) -> NetworkAcl {
        NetworkAcl(id: "acl-1", vpcId: "vpc-1", isDefault: false, subnetIds: ["subnet-1"], entries: entries)
    }

    static func rule(_ n: Int, _ allow: Bool, egress: Bool = false, _ cidr: String = "0.0.0.0/0", ports: ClosedRange<Int>? = nil, proto: String = "6") -> NetworkAcl.Entry {
        .init(ruleNumber: n, proto: proto, allow: allow, egress: egress, cidr: CIDRBlock(cidr), fromPort: ports?.lowerBound, toPort: ports?.upperBound)
    }

    @Test func theDefaultAclAdmitsEverything() throws {
        let text = """
            {"NetworkAclId": "acl-0d", "VpcId": "vpc-1", "IsDefault": true, "Associations": [{"SubnetId": "subnet-a"}],
             "Entries": [{"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"},
                         {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"},
                         {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": true, "CidrBlock": "0.0.0.0/0"},
                         {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": true, "CidrBlock": "0.0.0.0/0"}]}
            """
        let acl = try #require(NetworkAcl(try JSONParser.parse(text)))
        #expect(acl.isDefault && acl.subnetIds == ["subnet-a"] && acl.entries.count == 4)
        #expect(acl.denials(.init(egress: false, peer: Self.world, ports: 443...443)).isEmpty)
        #expect(acl.denials(.init(egress: true, peer: Self.world, ports: 1024...65535)).isEmpty)
    }

    @Test func theFirstMatchingRuleDecidesAndStarDeniesTheRest() {
        // A deny numbered below the allow wins; the same deny numbered above it never matches.
        let denyFirst = Self.acl([Self.rule(90, false, ports: 80...80), Self.rule(100, true, ports: 80...80)])
        let d = denyFirst.denials(.init(egress: false, peer: Self.vpc, ports: 80...80))
        #expect(d.map(\.ruleLabel) == ["90"])
        let allowFirst = Self.acl([Self.rule(100, true, ports: 80...80), Self.rule(110, false, ports: 80...80)])
        #expect(allowFirst.denials(.init(egress: false, peer: Self.vpc, ports: 80...80)).isEmpty)
        // Nothing matches 443: the final rule.
        #expect(allowFirst.denials(.init(egress: false, peer: Self.vpc, ports: 443...443)).map(\.ruleLabel) == ["*"])
        // Outbound rules do not admit inbound packets.
        let outOnly = Self.acl([Self.rule(100, true, egress: true, ports: 80...80)])
        #expect(outOnly.denials(.init(egress: false, peer: Self.vpc, ports: 80...80)).map(\.ruleLabel) == ["*"])
    }

    @Test func partsOfAFlowAreDecidedByDifferentRules() {
        // Two allows that together cover the ephemeral range leave nothing to `*`.
        let split = Self.acl([Self.rule(100, true, ports: 1024...32767), Self.rule(110, true, ports: 32768...65535)])
        #expect(split.denials(.init(egress: false, peer: Self.world, ports: 1024...65535)).isEmpty)
        // With a hole, exactly the hole is denied.
        let holed = Self.acl([Self.rule(100, true, ports: 1024...32767), Self.rule(110, true, ports: 40000...65535)])
        let d = holed.denials(.init(egress: false, peer: Self.world, ports: 1024...65535))
        #expect(d.count == 1 && d[0].ports == 32768...39999 && d[0].rule == nil && d[0].coversAllAddresses)
        // Addresses too: an allow for 10.0.1.0/24 leaves the rest of the VPC to `*`.
        let narrow = Self.acl([Self.rule(100, true, "10.0.1.0/24", ports: 80...80)])
        let rest = narrow.denials(.init(egress: false, peer: Self.vpc, ports: 80...80))
        #expect(!rest.isEmpty && rest.allSatisfy { $0.rule == nil })
        #expect(narrow.denials(.init(egress: false, peer: CIDRBlock("10.0.1.7/32")!, ports: 80...80)).isEmpty)
    }

    @Test func protocolsOtherThanTcpDoNotMatchAndAllMatchesEveryPort() {
        let udp = Self.acl([Self.rule(100, true, ports: 0...65535, proto: "17")])
        #expect(udp.denials(.init(egress: false, peer: Self.world, ports: 80...80)).map(\.ruleLabel) == ["*"])
        let all = Self.acl([Self.rule(100, true, proto: "-1")])
        #expect(all.denials(.init(egress: false, peer: Self.world, ports: 0...65535)).isEmpty)
    }

    @Test func hostileEntriesAreBoundedAndOutOfRangeOnesDropped() throws {
        // Rule numbers and ports outside AWS's ranges are no rule at all; thousands of rules stay fast.
        let bad = try JSONParser.parse("""
            {"NetworkAclId": "acl-x", "Entries": [{"RuleNumber": 0, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"},
             {"RuleNumber": 1e300, "Protocol": "-1", "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"},
             {"RuleNumber": 5, "Protocol": "6", "PortRange": {"From": -1, "To": 99999}, "RuleAction": "allow", "Egress": false, "CidrBlock": "0.0.0.0/0"}]}
            """)
        #expect(try #require(NetworkAcl(bad)).entries.isEmpty)
        let many = Self.acl((1...5000).map { n in Self.rule(n, n % 2 == 0, "10.\(n % 250).\(n % 200).0/24", ports: (n % 60000)...(n % 60000 + 3)) })
        let d = many.denials(.init(egress: false, peer: Self.world, ports: 0...65535))
        #expect(!d.isEmpty)
    }
}
