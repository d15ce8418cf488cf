import Foundation
import JSON
import NginxConfig

/// The environment at one moment: what checks read. Every piece is optional: nil means "no data"
/// (not captured, unreadable), and the checks that need it say "not checked" instead of failing.
public struct Snapshot: Sendable {
    /// Where it came from, for messages ("fixture Fixtures/glowcorp").
    public var source: String

    public var vpcs: [Vpc]?
    public var subnets: [Subnet]?
    public var internetGateways: [InternetGateway]?
    public var routeTables: [RouteTable]?
    public var securityGroups: [SecurityGroup]?
    public var instances: [Instance]?
    /// Instance id → base64 user data.
    public var userData: [String: String] = [:]

    public var loadBalancers: [LoadBalancer]?
    /// Load balancer ARN → its listeners (absent: not captured for that load balancer).
    public var listeners: [String: [Listener]] = [:]
    /// Listener ARN → its rules (absent: not captured).
    public var rules: [String: [ListenerRule]] = [:]
    /// Load balancer ARN → attributes (`idle_timeout.timeout_seconds` …).
    public var loadBalancerAttributes: [String: [String: String]] = [:]
    public var targetGroups: [TargetGroup]?
    /// Target group ARN → attributes.
    public var targetGroupAttributes: [String: [String: String]] = [:]

    public var hostedZones: [HostedZone]?
    public var certificates: [Certificate]?
    /// `ec2-describe-network-acls.json`.
    public var networkAcls: [NetworkAcl]?
    /// When it was read (a fixture's `captured-at.txt`); nil: now. What expires is judged at this time.
    public var capturedAt: Date?
    /// Registered domains read with route53domains, by normalised name (`glowcorp.io`). A zone absent here
    /// was not read, or is registered outside this account (another registrar, another account).
    public var domains: [String: DomainDetail] = [:]

    public var nginx: NginxConfiguration?
    public var containers: [Container]?

    /// The whole snapshot as one JSON document, for `query` (see `SnapshotDocument`).
    public var document: JSONValue = .object(JSONObject())

    /// What went wrong while reading, and what was not understood (for the learner to see).
    public var issues: [Issue] = []

    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable { case error, notice }
        public var kind: Kind
        public var message: String
        public init(kind: Kind, message: String) {
            self.kind = kind
            self.message = message
        }
        public var description: String { "\(kind == .error ? "오류" : "참고"): \(message)" }
    }

    public init(source: String) { self.source = source }

    // MARK: lookups

    public func vpc(_ id: String) -> Vpc? { vpcs?.first { $0.id == id } }
    public func subnet(_ id: String) -> Subnet? { subnets?.first { $0.id == id } }
    public func securityGroup(_ id: String) -> SecurityGroup? { securityGroups?.first { $0.id == id } }
    public func instance(_ id: String) -> Instance? { instances?.first { $0.id == id } }
    public func targetGroup(_ arn: String) -> TargetGroup? { targetGroups?.first { $0.arn == arn } }

    /// The route table a subnet really uses: its explicit association, else the VPC's main table.
    public func effectiveRouteTable(for subnet: Subnet) -> RouteTable? {
        guard let tables = routeTables else { return nil }
        return tables.first { $0.subnetIds.contains(subnet.id) } ?? tables.first { $0.vpcId == subnet.vpcId && $0.isMain }
    }

    /// The network ACL a subnet really uses: the one it is associated with, else its VPC's default ACL.
    public func effectiveNetworkAcl(for subnet: Subnet) -> NetworkAcl? {
        guard let acls = networkAcls else { return nil }
        return acls.first { $0.subnetIds.contains(subnet.id) } ?? acls.first { $0.vpcId == subnet.vpcId && $0.isDefault }
    }

    /// The ALB's idle timeout; a missing attribute means the default, 60 seconds.
    public func idleTimeout(_ lb: LoadBalancer) -> Int {
        loadBalancerAttributes[lb.arn]?["idle_timeout.timeout_seconds"].flatMap { Int($0) } ?? 60
    }
}
