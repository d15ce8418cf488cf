import JSON
/// `aws ec2 describe-network-acls` → `NetworkAcls[]`: a subnet's stateless firewall. Unlike a security
/// group it judges every packet by itself, replies included, in rule-number order, and the first rule
/// that matches decides; what no rule matches is denied by the final `*` rule.
public struct NetworkAcl: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var ruleNumber: Int
        /// `-1` (all), `6` (tcp), `17` (udp), `1` (icmp), as AWS prints it.
        public var proto: String
        public var allow: Bool
        public var egress: Bool
        /// IPv4 only; an entry with only an IPv6 block does not apply to IPv4 packets.
        public var cidr: CIDRBlock?
        public var fromPort: Int?
        public var toPort: Int?

        public init(ruleNumber: Int, proto: String, allow: Bool, egress: Bool, cidr: CIDRBlock?, fromPort: Int? = nil, toPort: Int? = nil) {
            self.ruleNumber = ruleNumber
            self.proto = proto
            self.allow = allow
            self.egress = egress
            self.cidr = cidr
            self.fromPort = fromPort
            self.toPort = toPort
        }

        /// `100`, or `*` for the final rule AWS adds to every ACL (number 32767).
        public var label: String { ruleNumber == 32767 ? "*" : String(ruleNumber) }

        /// `tcp 1024-65535`, `all`, as the console shows a rule's protocol and ports.
        public var portText: String {
            switch proto {
            case "-1": return "모든 트래픽"
            case "6", "17":
                let name = proto == "6" ? "tcp" : "udp"
                guard let from = fromPort, let to = toPort else { return "\(name) 전체" }
                return from == to ? "\(name) \(from)" : "\(name) \(from)-\(to)"
            default: return "프로토콜 \(proto)"
            }
        }
    }

    public var id: String
    public var vpcId: String
    public var isDefault: Bool
    public var subnetIds: [String]
    public var entries: [Entry]
    public var name: String?

    public init?(_ j: JSONValue) {
        guard let id = j["NetworkAclId"]?.string else { return nil }
        self.id = id
        vpcId = j["VpcId"]?.string ?? ""
        isDefault = j["IsDefault"]?.bool ?? false
        subnetIds = j["Associations"]?.elements.compactMap { $0["SubnetId"]?.string } ?? []
        entries = j["Entries"]?.elements.compactMap { e in
            // A rule number outside AWS's range (1-32766, and 32767 for `*`) is not a rule AWS would apply.
            guard let number = e["RuleNumber"]?.int, (1...32767).contains(number) else { return nil }
            let range = e["PortRange"]
            let from = range?["From"]?.int, to = range?["To"]?.int
            let ports = (from.map { (0...65535).contains($0) } ?? true) && (to.map { (0...65535).contains($0) } ?? true)
            guard ports else { return nil }
            return Entry(ruleNumber: number, proto: (e["Protocol"]?.string ?? "-1").lowercased(), allow: e["RuleAction"]?.string == "allow",
                         egress: e["Egress"]?.bool ?? false, cidr: e["CidrBlock"]?.string.flatMap(CIDRBlock.init),
                         fromPort: from, toPort: to)
        } ?? []
        name = j.nameTag
    }

    public init(id: String, vpcId: String, isDefault: Bool, subnetIds: [String], entries: [Entry], name: String? = nil) {
        self.id = id
        self.vpcId = vpcId
        self.isDefault = isDefault
        self.subnetIds = subnetIds
        self.entries = entries
        self.name = name
    }

    public var label: String { name.map { "\($0) (\(id))" } ?? id }

    /// TCP packets in one direction, from (inbound) or to (outbound) the addresses `peer`, on `ports`.
    public struct Flow: Sendable, Hashable {
        public var egress: Bool
        public var peer: CIDRBlock
        public var ports: ClosedRange<Int>

        public init(egress: Bool, peer: CIDRBlock, ports: ClosedRange<Int>) {
            self.egress = egress
            self.peer = peer
            self.ports = ports
        }
    }

    /// Where a flow is denied: by a rule (nil: the final `*` rule), for which addresses and ports.
    public struct Denial: Sendable, Hashable {
        public var rule: Entry?
        public var addresses: ClosedRange<UInt32>
        public var ports: ClosedRange<Int>

        public var ruleLabel: String { rule?.label ?? "*" }
        /// An address and a port of the denied part, for a message.
        public var examplePort: Int { ports.lowerBound }
        public var coversAllAddresses: Bool { addresses.lowerBound == 0 && addresses.upperBound == UInt32.max }
    }

    /// The parts of `flow` the ACL denies, in rule-number order (empty: all of it is allowed).
    /// Exact for every address and port: the flow is a box of (address, port) that each rule in turn
    /// decides a part of, as AWS evaluates each packet; what no rule decides falls to `*`.
    public func denials(_ flow: Flow) -> [Denial] {
        typealias Box = (a: ClosedRange<UInt32>, p: ClosedRange<Int>)
        var open: [Box] = [(flow.peer.first.value...flow.peer.last.value, flow.ports)]
        var denied: [Denial] = []
        // AWS allows at most 40 rules a direction; past 100 (a hostile capture), the rest count as `*`.
        let rules = entries.filter { $0.egress == flow.egress && $0.ruleNumber < 32767 }.sorted { $0.ruleNumber < $1.ruleNumber }.prefix(100)
        for rule in rules where !open.isEmpty {
            guard rule.proto == "-1" || rule.proto == "6" || rule.proto == "tcp" || rule.proto == "all", let cidr = rule.cidr else { continue }
            let ruleAddresses = cidr.first.value...cidr.last.value
            let rulePorts = rule.proto == "-1" || rule.proto == "all" ? 0...65535 : (rule.fromPort ?? 0)...(rule.toPort ?? 65535)
            guard rulePorts.lowerBound <= rulePorts.upperBound else { continue }
            var next: [Box] = []
            for box in open {
                guard box.a.overlaps(ruleAddresses), box.p.overlaps(rulePorts) else { next.append(box); continue }
                let a = max(box.a.lowerBound, ruleAddresses.lowerBound)...min(box.a.upperBound, ruleAddresses.upperBound)
                let p = max(box.p.lowerBound, rulePorts.lowerBound)...min(box.p.upperBound, rulePorts.upperBound)
                if !rule.allow { denied.append(Denial(rule: rule, addresses: a, ports: p)) }
                // What is left of the box: the addresses beside `a` (all ports), then beside `p` (within `a`).
                if box.a.lowerBound < a.lowerBound { next.append((box.a.lowerBound...(a.lowerBound - 1), box.p)) }
                if a.upperBound < box.a.upperBound { next.append(((a.upperBound + 1)...box.a.upperBound, box.p)) }
                if box.p.lowerBound < p.lowerBound { next.append((a, box.p.lowerBound...(p.lowerBound - 1))) }
                if p.upperBound < box.p.upperBound { next.append((a, (p.upperBound + 1)...box.p.upperBound)) }
            }
            open = next
        }
        return denied + open.map { Denial(rule: nil, addresses: $0.a, ports: $0.p) }
    }
}

/// `aws route53domains get-domain-detail` → the registered domain's name servers (what the registry
/// hands resolvers for the domain: the delegation).
public struct DomainDetail: Sendable, Hashable {
    public var domainName: String
    public var nameServers: [String]
    public var registrarName: String?

    public init?(_ j: JSONValue) {
        guard let name = j["DomainName"]?.string else { return nil }
        domainName = name
        nameServers = j["Nameservers"]?.elements.compactMap { $0["Name"]?.string } ?? []
        registrarName = j["RegistrarName"]?.string
    }

    /// The name servers normalised and sorted, as `HostedZone.nameServers` gives a zone's.
    public var normalizedNameServers: [String] { nameServers.map(DNSName.normalized).sorted() }

    public init(domainName: String, nameServers: [String], registrarName: String? = nil) {
        self.domainName = domainName
        self.nameServers = nameServers
        self.registrarName = registrarName
    }
}
