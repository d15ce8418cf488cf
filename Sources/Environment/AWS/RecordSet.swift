import JSON
/// `aws route53 list-hosted-zones` → `HostedZones[]`.
public struct HostedZone: Sendable, Hashable {
    public var id: String
    public var name: String
    public var isPrivate: Bool
    public var records: [RecordSet]?

    public init?(_ j: JSONValue) {
        guard let id = j["Id"]?.string, let name = j["Name"]?.string else { return nil }
        self.id = id
        self.name = name
        isPrivate = j["Config"]?["PrivateZone"]?.bool ?? false
    }

    /// The name servers of the zone's own NS record (normalised, sorted); nil when its records were not read.
    public var nameServers: [String]? {
        guard let records else { return nil }
        let apex = DNSName.normalized(name)
        return records.first { $0.type == "NS" && DNSName.normalized($0.name) == apex }?.values.map(DNSName.normalized).sorted() ?? []
    }
}

/// `aws route53 list-resource-record-sets` → `ResourceRecordSets[]`.
public struct RecordSet: Sendable, Hashable {
    public struct Alias: Sendable, Hashable {
        public var hostedZoneId: String
        public var dnsName: String
        public var evaluateTargetHealth: Bool
    }

    public var name: String
    public var type: String
    public var values: [String]
    public var alias: Alias?

    public init?(_ j: JSONValue) {
        guard let name = j["Name"]?.string, let type = j["Type"]?.string else { return nil }
        self.name = name
        self.type = type
        values = j["ResourceRecords"]?.elements.compactMap { $0["Value"]?.string } ?? []
        alias = j["AliasTarget"].map {
            Alias(hostedZoneId: $0["HostedZoneId"]?.string ?? "", dnsName: $0["DNSName"]?.string ?? "",
                  evaluateTargetHealth: $0["EvaluateTargetHealth"]?.bool ?? false)
        }
    }

    /// Where the record sends a resolver: the alias target or the CNAME value, normalised.
    public var target: String? {
        if let alias { return DNSName.normalized(alias.dnsName) }
        if type == "CNAME" { return values.first.map(DNSName.normalized) }
        return nil
    }
}
