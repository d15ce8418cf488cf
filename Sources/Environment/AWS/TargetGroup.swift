import JSON
/// `aws elbv2 describe-target-groups` → `TargetGroups[]`, with its targets from `describe-target-health`.
public struct TargetGroup: Sendable, Hashable {
    public struct Target: Sendable, Hashable {
        public var id: String
        public var port: Int?
        public var state: String?
        public var reason: String?
        /// AWS's own words for the reason ("Health checks failed with these codes: [404]").
        public var description: String?

        public init(id: String, port: Int? = nil, state: String? = nil, reason: String? = nil, description: String? = nil) {
            self.id = id
            self.port = port
            self.state = state
            self.reason = reason
            self.description = description
        }
    }

    public var arn: String
    public var name: String
    public var proto: String
    public var port: Int
    public var vpcId: String
    public var targetType: String
    public var healthCheckPath: String?
    public var healthCheckPort: String
    public var healthCheckProtocol: String
    public var matcher: String?

    /// A matcher's success codes (`200`, `200,202`, `200-299`) as ranges, never as lists: a range is kept
    /// only when both ends are HTTP codes (100…599) in order, so `299-200` or `0-9223372036854775807` from
    /// a capture is no success code at all rather than a trap or an array of billions.
    public static func successCodes(_ matcher: String) -> [ClosedRange<Int>] {
        matcher.split(separator: ",").compactMap { part in
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { Int(String($0.filter { $0 != " " })) }
            guard (1...2).contains(ends.count), let low = ends.first ?? nil, let high = ends.last ?? nil,
                  (100...599).contains(low), (100...599).contains(high), low <= high else { return nil }
            return low...high
        }
    }
    public var loadBalancerArns: [String]
    /// nil when there was no `describe-target-health` capture for this group.
    public var targets: [Target]?

    public init?(_ j: JSONValue) {
        guard let arn = j["TargetGroupArn"]?.string else { return nil }
        self.arn = arn
        name = j["TargetGroupName"]?.string ?? arn
        proto = j["Protocol"]?.string ?? ""
        port = j["Port"]?.int ?? 0
        vpcId = j["VpcId"]?.string ?? ""
        targetType = j["TargetType"]?.string ?? "instance"
        healthCheckPath = j["HealthCheckPath"]?.string
        healthCheckPort = j["HealthCheckPort"]?.string ?? "traffic-port"
        healthCheckProtocol = j["HealthCheckProtocol"]?.string ?? proto
        matcher = j["Matcher"]?["HttpCode"]?.string
        loadBalancerArns = j["LoadBalancerArns"]?.elements.compactMap(\.string) ?? []
    }

    public var label: String { name }

    /// The port health checks use: `traffic-port` means the group's port.
    public var effectiveHealthCheckPort: Int { Int(healthCheckPort) ?? port }
}
