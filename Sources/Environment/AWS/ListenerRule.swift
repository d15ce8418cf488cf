import JSON

/// `aws elbv2 describe-rules` → `Rules[]`: a listener's rules, which can forward by host or path to
/// other target groups than the default action.
public struct ListenerRule: Sendable, Hashable {
    public var arn: String
    public var priority: String
    public var isDefault: Bool
    /// `host-header` values the rule matches (empty: any host).
    public var hosts: [String]
    public var forwardTargetGroups: [String]

    public init?(_ j: JSONValue) {
        guard let arn = j["RuleArn"]?.string else { return nil }
        self.arn = arn
        priority = j["Priority"]?.string ?? ""
        isDefault = j["IsDefault"]?.bool ?? (priority == "default")
        hosts = j["Conditions"]?.elements.filter { $0["Field"]?.string == "host-header" }.flatMap { c in
            (c["HostHeaderConfig"]?["Values"] ?? c["Values"])?.elements.compactMap(\.string) ?? []
        } ?? []
        forwardTargetGroups = Listener.forwardTargets(j["Actions"]?.elements ?? [])
    }
}
