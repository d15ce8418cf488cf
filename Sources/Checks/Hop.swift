import Environment
/// Where along the request's path a check looks, in the order a request meets them.
public enum Hop: String, Sendable, CaseIterable, Comparable {
    case dns, network, alb, targetGroup = "target-group", ec2, nginx, docker, chain

    public static func < (a: Hop, b: Hop) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How bad a failing check is: an error breaks traffic, a warning works but is wrong or unsafe.
public enum Severity: String, Sendable {
    case error, warning
}

/// The pieces of a snapshot a check reads; a missing piece makes the check "not checked".
public enum Piece: String, Sendable, CaseIterable {
    case vpcs, subnets, internetGateways = "internet gateways", routeTables = "route tables",
         securityGroups = "security groups", instances, loadBalancers = "load balancers", listeners,
         targetGroups = "target groups", targetHealth = "target health", hostedZones = "hosted zones",
         records = "record sets", certificates, networkAcls = "network ACLs", nginx, docker

    /// The capture that provides it, for the "no data" message.
    public var capture: String {
        switch self {
        case .vpcs: return "ec2-describe-vpcs.json"
        case .subnets: return "ec2-describe-subnets.json"
        case .internetGateways: return "ec2-describe-internet-gateways.json"
        case .routeTables: return "ec2-describe-route-tables.json"
        case .securityGroups: return "ec2-describe-security-groups.json"
        case .instances: return "ec2-describe-instances.json"
        case .loadBalancers: return "elbv2-describe-load-balancers.json"
        case .listeners: return "elbv2-describe-listeners.<lb>.json"
        case .targetGroups: return "elbv2-describe-target-groups.json"
        case .targetHealth: return "elbv2-describe-target-health.<tg>.json"
        case .hostedZones: return "route53-list-hosted-zones.json"
        case .records: return "route53-list-resource-record-sets.<zone>.json"
        case .certificates: return "acm-describe-certificate.<id>.json"
        case .networkAcls: return "ec2-describe-network-acls.json"
        case .nginx: return "etc/nginx/ or nginx-T.txt"
        case .docker: return "docker-ps.jsonl or docker-inspect.json"
        }
    }
}
