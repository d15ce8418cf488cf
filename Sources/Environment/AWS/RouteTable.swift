import JSON
/// `aws ec2 describe-route-tables` → `RouteTables[]`.
public struct RouteTable: Sendable, Hashable {
    public struct Route: Sendable, Hashable {
        public var destination: String
        public var gatewayId: String?
        public var state: String
    }

    public var id: String
    public var vpcId: String
    public var isMain: Bool
    /// Subnets associated explicitly (an implicit association carries no subnet id).
    public var subnetIds: [String]
    public var routes: [Route]
    public var name: String?

    public init?(_ j: JSONValue) {
        guard let id = j["RouteTableId"]?.string else { return nil }
        self.id = id
        vpcId = j["VpcId"]?.string ?? ""
        let associations = j["Associations"]?.elements ?? []
        isMain = associations.contains { $0["Main"]?.bool == true }
        subnetIds = associations.compactMap { $0["SubnetId"]?.string }
        routes = j["Routes"]?.elements.compactMap { r in
            guard let destination = r["DestinationCidrBlock"]?.string ?? r["DestinationIpv6CidrBlock"]?.string else { return nil }
            return Route(destination: destination, gatewayId: r["GatewayId"]?.string, state: r["State"]?.string ?? "active")
        } ?? []
        name = j.nameTag
    }

    public var label: String { name.map { "\($0) (\(id))" } ?? id }

    /// The active `0.0.0.0/0` route to an internet gateway, if any.
    public var defaultRouteGateway: String? {
        routes.first { $0.destination == "0.0.0.0/0" && ($0.gatewayId ?? "").hasPrefix("igw-") && $0.state == "active" }?.gatewayId
    }
}
