import Environment
/// glowcorp's resources, found by following the request from the DNS record: record → ALB (by DNS
/// name) → listeners → target groups → targets → instances → subnets, VPC, route tables. A real account
/// holds more (a default VPC, other stacks), so nothing is taken because it comes first. Where the chain
/// breaks, resources are looked up by their `glowcorp-` names only to explain what lies beyond the break.
public struct Chain: Sendable {
    public enum Link: String, Sendable { case chain, name, none }

    public var zoneName: String
    public var recordNames: [String]
    public var zone: HostedZone?
    /// Record name (normalised) → the A/AAAA/CNAME record for it.
    public var records: [String: RecordSet] = [:]
    public var loadBalancer: LoadBalancer?
    public var loadBalancerLink: Link = .none
    public var listeners: [Listener] = []
    /// Target groups the listeners forward to.
    public var forwardedGroups: [TargetGroup] = []
    /// The target group whose targets carry the traffic: the forwarded one (with targets, if several).
    public var targetGroup: TargetGroup?
    public var targetGroupLink: Link = .none
    public var instances: [Instance] = []
    public var instanceLink: Link = .none
    public var vpc: Vpc?
    public var albSubnets: [Subnet] = []
    /// The subnets traffic enters through: the ALB's, or, before there is an ALB (the lab builds the
    /// network first, as the onboarding document does), glowcorp's named subnets in its VPC.
    public var publicSubnets: [Subnet] = []
    /// The nginx configuration as the checks read it (servers, ports, locations), built once per run.
    var nginx: NginxView?

    public static let defaultZone = "glowcorp.io"
    public static let defaultRecords = ["app.glowcorp.io", "api.glowcorp.io"]

    public init(snapshot s: Snapshot, zone zoneName: String = Chain.defaultZone, records recordNames: [String] = Chain.defaultRecords) {
        self.zoneName = DNSName.normalized(zoneName)
        self.recordNames = recordNames.map(DNSName.normalized)
        nginx = s.nginx.map(NginxView.init)
        // The zone resolvers are sent to: the public one the registrar names, else the public one that
        // holds the records, else any public, else a private one (which the checks then explain).
        let named = (s.hostedZones ?? []).filter { DNSName.normalized($0.name) == self.zoneName }
        let publics = named.filter { !$0.isPrivate }
        let registrar = s.domains[self.zoneName]?.normalizedNameServers
        let wanted = self.recordNames
        let delegated = publics.filter { registrar != nil && $0.nameServers == registrar }
        let holdsRecords = { (z: HostedZone) in (z.records ?? []).contains { wanted.contains(DNSName.normalized($0.name)) } }
        zone = (delegated.count == 1 ? delegated.first : nil)
            ?? delegated.first(where: holdsRecords) ?? publics.first(where: holdsRecords)
            ?? publics.first ?? named.first
        for record in zone?.records ?? [] where ["A", "AAAA", "CNAME"].contains(record.type) {
            let name = DNSName.normalized(record.name)
            if records[name] == nil || record.type == "A" { records[name] = record }
        }
        // Record → ALB by DNS name.
        let targets = self.recordNames.compactMap { records[$0]?.target }
        if let lb = s.loadBalancers?.first(where: { targets.contains(DNSName.normalized($0.dnsName)) }) {
            loadBalancer = lb
            loadBalancerLink = .chain
        } else if let lb = s.loadBalancers?.first(where: { $0.name.hasPrefix("glowcorp") && $0.state != "deleted" })
                    ?? (s.loadBalancers?.count == 1 ? s.loadBalancers?.first : nil) {
            loadBalancer = lb
            loadBalancerLink = .name
        }
        if let lb = loadBalancer {
            listeners = s.listeners[lb.arn] ?? []
            vpc = s.vpc(lb.vpcId)
            albSubnets = lb.zones.compactMap { s.subnet($0.subnet) }
        }
        // Listeners → target groups.
        var forwarded: [TargetGroup] = []
        // Default actions first, then what listener rules forward to (by host or path).
        let ruleTargets = listeners.flatMap { s.rules[$0.arn] ?? [] }.filter { !$0.isDefault }.flatMap(\.forwardTargetGroups)
        for arn in listeners.flatMap(\.forwardTargetGroups) + ruleTargets where !forwarded.contains(where: { $0.arn == arn }) {
            if let tg = s.targetGroup(arn) { forwarded.append(tg) }
        }
        forwardedGroups = forwarded
        if let tg = forwarded.first(where: { !($0.targets ?? []).isEmpty }) ?? forwarded.first {
            targetGroup = tg
            targetGroupLink = .chain
        } else if let tg = s.targetGroups?.first(where: { $0.name.hasPrefix("glowcorp") && !($0.targets ?? []).isEmpty })
                    ?? s.targetGroups?.first(where: { $0.name.hasPrefix("glowcorp") }) {
            targetGroup = tg
            targetGroupLink = .name
        }
        // Targets → instances (by id, or by private IP for `ip` target groups).
        if let tg = targetGroup, let targets = tg.targets, !targets.isEmpty {
            instances = targets.compactMap { t in s.instances?.first { $0.id == t.id || $0.privateIp == t.id } }
            instanceLink = targetGroupLink
        }
        if instances.isEmpty, let named = s.instances?.filter({ ($0.name ?? "").hasPrefix("glowcorp") && $0.state != "terminated" }), !named.isEmpty {
            instances = named
            instanceLink = .name
        }
        if vpc == nil {
            vpc = instances.first.flatMap { s.vpc($0.vpcId) } ?? s.vpcs?.first { ($0.name ?? "").hasPrefix("glowcorp") }
        }
        publicSubnets = albSubnets
        if publicSubnets.isEmpty, let vpc {
            publicSubnets = (s.subnets ?? []).filter { $0.vpcId == vpc.id && ($0.name ?? "").hasPrefix("glowcorp") }
        }
    }

    /// Target groups (other than the forwarded ones) that hold glowcorp's instances.
    public func groupsHoldingInstances(_ s: Snapshot) -> [TargetGroup] {
        let ids = Set(instances.map(\.id) + instances.compactMap(\.privateIp))
        return (s.targetGroups ?? []).filter { tg in (tg.targets ?? []).contains { ids.contains($0.id) } }
    }
}
