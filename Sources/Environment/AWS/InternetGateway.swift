import JSON
/// `aws ec2 describe-internet-gateways` → `InternetGateways[]`. Attached shows as
/// `Attachments: [{State: "available", VpcId}]` (the console says "Attached").
public struct InternetGateway: Sendable, Hashable {
    public var id: String
    public var attachedVpcs: [String]
    public var name: String?

    public init?(_ j: JSONValue) {
        guard let id = j["InternetGatewayId"]?.string else { return nil }
        self.id = id
        attachedVpcs = j["Attachments"]?.elements.compactMap { a in
            let state = a["State"]?.string ?? ""
            return state == "available" || state == "attached" ? a["VpcId"]?.string : nil
        } ?? []
        name = j.nameTag
    }

    public var label: String { name.map { "\($0) (\(id))" } ?? id }
}
