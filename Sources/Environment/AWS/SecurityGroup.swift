import JSON
/// `aws ec2 describe-security-groups` → `SecurityGroups[]`.
public struct SecurityGroup: Sendable, Hashable {
    public struct Permission: Sendable, Hashable {
        public var ipProtocol: String
        public var fromPort: Int?
        public var toPort: Int?
        public var cidrs: [String]
        public var groupIds: [String]

        public init(ipProtocol: String, fromPort: Int?, toPort: Int?, cidrs: [String], groupIds: [String]) {
            self.ipProtocol = ipProtocol
            self.fromPort = fromPort
            self.toPort = toPort
            self.cidrs = cidrs
            self.groupIds = groupIds
        }

        /// `tcp` (or all traffic, `-1`) on `port`.
        public func admitsTCP(_ port: Int) -> Bool {
            if ipProtocol == "-1" { return true }
            guard ipProtocol == "tcp" || ipProtocol == "6" else { return false }
            return (fromPort ?? 0) <= port && port <= (toPort ?? 65535)
        }
    }

    public var id: String
    public var name: String
    public var vpcId: String
    public var inbound: [Permission]
    public var outbound: [Permission]

    public init?(_ j: JSONValue) {
        guard let id = j["GroupId"]?.string else { return nil }
        self.id = id
        name = j["GroupName"]?.string ?? id
        vpcId = j["VpcId"]?.string ?? ""
        func permissions(_ key: String) -> [Permission] {
            j[key]?.elements.map { p in
                Permission(ipProtocol: p["IpProtocol"]?.string ?? "",
                           fromPort: p["FromPort"]?.int, toPort: p["ToPort"]?.int,
                           cidrs: p["IpRanges"]?.elements.compactMap { $0["CidrIp"]?.string } ?? [],
                           groupIds: p["UserIdGroupPairs"]?.elements.compactMap { $0["GroupId"]?.string } ?? [])
            } ?? []
        }
        inbound = permissions("IpPermissions")
        outbound = permissions("IpPermissionsEgress")
    }

    public var label: String { "\(name) (\(id))" }

    /// Whether some inbound rule admits TCP `port` from the whole internet.
    public func openToWorld(_ port: Int) -> Bool {
        inbound.contains { $0.admitsTCP(port) && $0.cidrs.contains("0.0.0.0/0") }
    }

    /// Whether some inbound rule admits TCP `port` from the security group `group`.
    public func admits(_ port: Int, fromGroup group: String) -> Bool {
        inbound.contains { $0.admitsTCP(port) && $0.groupIds.contains(group) }
    }
}
