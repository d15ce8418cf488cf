import JSON
/// `aws elbv2 describe-load-balancers` → `LoadBalancers[]`.
public struct LoadBalancer: Sendable, Hashable {
    public var arn: String
    public var name: String
    public var dnsName: String
    public var canonicalHostedZoneId: String
    public var scheme: String
    public var type: String
    public var state: String
    public var vpcId: String
    public var zones: [(zone: String, subnet: String)]
    public var securityGroups: [String]

    public init?(_ j: JSONValue) {
        guard let arn = j["LoadBalancerArn"]?.string else { return nil }
        self.arn = arn
        name = j["LoadBalancerName"]?.string ?? arn
        dnsName = j["DNSName"]?.string ?? ""
        canonicalHostedZoneId = j["CanonicalHostedZoneId"]?.string ?? ""
        scheme = j["Scheme"]?.string ?? ""
        type = j["Type"]?.string ?? "application"
        state = j["State"]?["Code"]?.string ?? "unknown"
        vpcId = j["VpcId"]?.string ?? ""
        zones = j["AvailabilityZones"]?.elements.map { ($0["ZoneName"]?.string ?? "", $0["SubnetId"]?.string ?? "") } ?? []
        securityGroups = j["SecurityGroups"]?.elements.compactMap(\.string) ?? []
    }

    public static func == (a: LoadBalancer, b: LoadBalancer) -> Bool { a.arn == b.arn }
    public func hash(into h: inout Hasher) { h.combine(arn) }

    public var label: String { name }
}
