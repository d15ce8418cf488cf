import Environment
import Foundation

/// Where a resource is in the AWS console, region-aware: the page the onboarding document sends the
/// learner to ("아마존 콘솔에서 어떤게 어떻게 설정되어있는지 확인해보시고"). Only for an account's resources:
/// the sandbox (moto on loopback) and any `--endpoint-url` have no console.
public enum ConsoleLink {
    /// The region a snapshot's resources are in (from an ARN, else a subnet's zone), or nil when the
    /// snapshot has no console (the sandbox, a custom endpoint) or says no region.
    public static func region(of s: Snapshot) -> String? {
        if s.source == "sandbox" || s.source.hasPrefix("sandbox") || s.source.contains("--endpoint-url") { return nil }
        let arns = (s.loadBalancers ?? []).map(\.arn) + (s.targetGroups ?? []).map(\.arn) + (s.certificates ?? []).map(\.arn)
        // The commercial partition only: China's and GovCloud's consoles are elsewhere.
        if arns.contains(where: { !$0.hasPrefix("arn:aws:") }) { return nil }
        for arn in arns {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count > 3, isRegion(String(parts[3])) { return String(parts[3]) }
        }
        if let zone = s.subnets?.first?.availabilityZone, zone.count > 1 {
            let region = String(zone.dropLast())
            if isRegion(region) { return region }
        }
        return nil
    }

    /// `ap-northeast-2`: letters, digits and '-', nothing that could change a URL.
    static func isRegion(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 30 && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } && s.contains("-")
    }

    /// Ids and ARNs carry only these; anything else is not linked (no URL is built from odd text).
    static func isSafe(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 300 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ":/-_.".contains($0)) }
    }

    /// The console page of a resource: an id (`vpc-…`, `subnet-…`, `rtb-…`, `igw-…`, `sg-…`, `acl-…`,
    /// `i-…`), an ELB, target group, listener or certificate ARN, or a hosted zone (`/hostedzone/Z…`).
    public static func url(for resource: String, region: String) -> String? {
        guard isRegion(region), isSafe(resource) else { return nil }
        let vpc = "https://\(region).console.aws.amazon.com/vpcconsole/home?region=\(region)#"
        let ec2 = "https://\(region).console.aws.amazon.com/ec2/home?region=\(region)#"
        let encoded = resource.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? resource
        if resource.hasPrefix("arn:aws:elasticloadbalancing:") {
            if resource.contains(":loadbalancer/") { return ec2 + "LoadBalancer:loadBalancerArn=\(encoded)" }
            if resource.contains(":targetgroup/") { return ec2 + "TargetGroup:targetGroupArn=\(encoded)" }
            if resource.contains(":listener/") { return ec2 + "ELBListenerV2:listenerArn=\(encoded)" }
            return nil
        }
        if resource.hasPrefix("arn:aws:acm:"), let id = resource.split(separator: "/").last {
            return "https://\(region).console.aws.amazon.com/acm/home?region=\(region)#/certificates/\(id)"
        }
        if resource.hasPrefix("/hostedzone/") || (resource.hasPrefix("Z") && resource.count >= 10 && !resource.contains(":")) {
            let id = resource.replacingOccurrences(of: "/hostedzone/", with: "")
            // Route 53 is global: its console has no region.
            return "https://us-east-1.console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/\(id)"
        }
        let prefixes: [(String, String)] = [
            ("vpc-", vpc + "VpcDetails:VpcId="), ("subnet-", vpc + "SubnetDetails:subnetId="),
            ("rtb-", vpc + "RouteTableDetails:RouteTableId="), ("igw-", vpc + "InternetGatewayDetails:internetGatewayId="),
            ("acl-", vpc + "NetworkAclDetails:networkAclId="), ("sg-", ec2 + "SecurityGroup:groupId="),
            ("i-", ec2 + "InstanceDetails:instanceId="),
        ]
        for (prefix, page) in prefixes where resource.hasPrefix(prefix) { return page + resource }
        return nil
    }
}
