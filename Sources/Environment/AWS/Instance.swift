import JSON
/// `aws ec2 describe-instances` → `Reservations[].Instances[]`.
public struct Instance: Sendable, Hashable {
    public var id: String
    public var state: String
    public var subnetId: String
    public var vpcId: String
    public var availabilityZone: String
    public var privateIp: String?
    public var securityGroupIds: [String]
    public var name: String?

    public init?(_ j: JSONValue) {
        guard let id = j["InstanceId"]?.string else { return nil }
        self.id = id
        state = j["State"]?["Name"]?.string ?? "unknown"
        subnetId = j["SubnetId"]?.string ?? ""
        vpcId = j["VpcId"]?.string ?? ""
        availabilityZone = j["Placement"]?["AvailabilityZone"]?.string ?? ""
        privateIp = j["PrivateIpAddress"]?.string
        securityGroupIds = j["SecurityGroups"]?.elements.compactMap { $0["GroupId"]?.string } ?? []
        name = j.nameTag
    }

    public var label: String { name.map { "\($0) (\(id))" } ?? id }
}
