import JSON
/// `aws ec2 describe-vpcs` → `Vpcs[]`.
public struct Vpc: Sendable, Hashable {
    public var id: String
    public var cidrBlock: String
    public var isDefault: Bool
    public var name: String?

    public init?(_ j: JSONValue) {
        guard let id = j["VpcId"]?.string else { return nil }
        self.id = id
        cidrBlock = j["CidrBlock"]?.string ?? ""
        isDefault = j["IsDefault"]?.bool ?? false
        name = j.nameTag
    }

    public var label: String { name.map { "\($0) (\(id))" } ?? id }
}
