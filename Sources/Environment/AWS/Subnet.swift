import JSON
/// `aws ec2 describe-subnets` → `Subnets[]`.
public struct Subnet: Sendable, Hashable {
    public var id: String
    public var vpcId: String
    public var cidrBlock: String
    public var availabilityZone: String
    public var mapPublicIpOnLaunch: Bool
    public var name: String?

    public init?(_ j: JSONValue) {
        guard let id = j["SubnetId"]?.string else { return nil }
        self.id = id
        vpcId = j["VpcId"]?.string ?? ""
        cidrBlock = j["CidrBlock"]?.string ?? ""
        availabilityZone = j["AvailabilityZone"]?.string ?? ""
        mapPublicIpOnLaunch = j["MapPublicIpOnLaunch"]?.bool ?? false
        name = j.nameTag
    }

    public var label: String { name.map { "\($0) (\(id), \(availabilityZone))" } ?? "\(id) (\(availabilityZone))" }
}
