import AWSRead
import JSON

/// Reads glowcorp's pieces from a live account: the same calls, and the same file names, as
/// `scripts/build_fixtures.py` makes with the AWS CLI, so a live read and a fixture are one thing to
/// every check and query. Calls that do not depend on each other go out together, in three rounds.
public enum AWSCapture {
    public struct Result: Sendable {
        /// `<service>-<operation>[.<qualifier>]` → what `aws --output json` prints for that call.
        public var captures: [String: JSONValue] = [:]
        public var issues: [Snapshot.Issue] = []
        public var calls = 0
    }

    struct Planned {
        var name: String
        var call: AWSCall
    }

    public static func read(_ client: AWSClient, progress: (@Sendable (ReadProgress) -> Void)? = nil) -> Result {
        var result = Result()
        var failures: [(String, AWSError)] = []

        func run(_ planned: [Planned]) {
            guard !planned.isEmpty else { return }
            progress?(.aws(done: result.calls, planned: result.calls + planned.count))
            let answers = client.read(planned.map(\.call))
            result.calls += planned.count
            progress?(.aws(done: result.calls, planned: result.calls))
            for (p, answer) in zip(planned, answers) {
                switch answer {
                case .success(let value): result.captures[p.name] = value
                case .failure(let error): failures.append((p.name, error))
                }
            }
        }

        // Round 1: the lists.
        var first = ["describe-vpcs": "DescribeVpcs", "describe-subnets": "DescribeSubnets",
                     "describe-internet-gateways": "DescribeInternetGateways", "describe-route-tables": "DescribeRouteTables",
                     "describe-security-groups": "DescribeSecurityGroups", "describe-instances": "DescribeInstances",
                     "describe-network-acls": "DescribeNetworkAcls"]
            .sorted { $0.key < $1.key }.map { Planned(name: "ec2-\($0.key)", call: AWSCall("ec2", $0.value)) }
        first += [
            Planned(name: "elbv2-describe-load-balancers", call: AWSCall("elbv2", "DescribeLoadBalancers")),
            Planned(name: "elbv2-describe-target-groups", call: AWSCall("elbv2", "DescribeTargetGroups")),
            Planned(name: "route53-list-hosted-zones", call: AWSCall("route53", "ListHostedZones")),
            Planned(name: "acm-list-certificates", call: AWSCall("acm", "ListCertificates")),
        ]
        run(first)

        // Round 2: what each listed thing has.
        var second: [Planned] = []
        let c = result.captures
        for instance in (c["ec2-describe-instances"]?["Reservations"]?.elements ?? []).flatMap({ $0["Instances"]?.elements ?? [] }) {
            guard let id = instance["InstanceId"]?.string else { continue }
            second.append(Planned(name: "ec2-describe-instance-attribute.userData.\(id)",
                                  call: AWSCall("ec2", "DescribeInstanceAttribute", ["InstanceId": id, "Attribute": "userData"])))
        }
        let loadBalancers = c["elbv2-describe-load-balancers"]?["LoadBalancers"]?.elements ?? []
        for lb in loadBalancers {
            guard let name = lb["LoadBalancerName"]?.string, let arn = lb["LoadBalancerArn"]?.string else { continue }
            second.append(Planned(name: "elbv2-describe-listeners.\(name)", call: AWSCall("elbv2", "DescribeListeners", ["LoadBalancerArn": arn])))
            second.append(Planned(name: "elbv2-describe-load-balancer-attributes.\(name)",
                                  call: AWSCall("elbv2", "DescribeLoadBalancerAttributes", ["LoadBalancerArn": arn])))
        }
        for tg in c["elbv2-describe-target-groups"]?["TargetGroups"]?.elements ?? [] {
            guard let name = tg["TargetGroupName"]?.string, let arn = tg["TargetGroupArn"]?.string else { continue }
            second.append(Planned(name: "elbv2-describe-target-health.\(name)", call: AWSCall("elbv2", "DescribeTargetHealth", ["TargetGroupArn": arn])))
            second.append(Planned(name: "elbv2-describe-target-group-attributes.\(name)",
                                  call: AWSCall("elbv2", "DescribeTargetGroupAttributes", ["TargetGroupArn": arn])))
        }
        let zones = c["route53-list-hosted-zones"]?["HostedZones"]?.elements ?? []
        for zone in zones {
            guard let name = zone["Name"]?.string, let id = zone["Id"]?.string else { continue }
            second.append(Planned(name: "route53-list-resource-record-sets.\(Self.recordSetsQualifier(name: name, id: id, zones: zones))",
                                  call: AWSCall("route53", "ListResourceRecordSets", ["HostedZoneId": id])))
        }
        // The registered domain of each public zone (Route 53 domains answers from us-east-1 only). A zone
        // whose domain is registered elsewhere gets InvalidInput: not an error, the check says so.
        var domains: [String] = []
        for zone in c["route53-list-hosted-zones"]?["HostedZones"]?.elements ?? [] where zone["Config"]?["PrivateZone"]?.bool != true {
            guard let name = zone["Name"]?.string else { continue }
            let bare = name.hasSuffix(".") ? String(name.dropLast()) : name
            if !domains.contains(bare) { domains.append(bare) }
        }
        for bare in domains {
            second.append(Planned(name: "route53domains-get-domain-detail.\(bare)", call: AWSCall("route53domains", "GetDomainDetail", ["DomainName": bare])))
        }
        for cert in c["acm-list-certificates"]?["CertificateSummaryList"]?.elements ?? [] {
            guard let arn = cert["CertificateArn"]?.string else { continue }
            let id = arn.split(separator: "/").last.map(String.init) ?? arn
            second.append(Planned(name: "acm-describe-certificate.\(id)", call: AWSCall("acm", "DescribeCertificate", ["CertificateArn": arn])))
        }
        run(second)

        // Round 3: each listener's rules.
        var third: [Planned] = []
        for lb in loadBalancers {
            guard let name = lb["LoadBalancerName"]?.string else { continue }
            for listener in result.captures["elbv2-describe-listeners.\(name)"]?["Listeners"]?.elements ?? [] {
                guard let arn = listener["ListenerArn"]?.string, let port = listener["Port"]?.int else { continue }
                third.append(Planned(name: "elbv2-describe-rules.\(name).\(port)", call: AWSCall("elbv2", "DescribeRules", ["ListenerArn": arn])))
            }
        }
        run(third)

        // One message per distinct problem: an expired credential fails every call the same way.
        var seen: [String: [String]] = [:]
        var order: [String] = []
        for (name, error) in failures {
            if name.hasPrefix("route53domains-get-domain-detail."), case .service(_, _, let code, _) = error,
               ["InvalidInput", "UnsupportedTLD"].contains(code) { continue }
            let text = error.learnerMessage
            if seen[text] == nil { order.append(text) }
            seen[text, default: []].append(name)
        }
        for text in order {
            let names = seen[text]!
            let affected = names.count == 1 ? names[0] : "읽기 \(names.count)개, 첫째는 \(names[0])"
            result.issues.append(.init(kind: .error, message: "AWS: \(text) (\(affected)) 이 데이터가 필요한 검사는 하지 않아요"))
        }
        return result
    }

    /// The zone's name without the final dot; `name@ZONEID` when another zone has the same name (a second
    /// public zone, or a private one), so each zone's records have a file of their own.
    public static func recordSetsQualifier(name: String, id: String, zones: [JSONValue]) -> String {
        let bare = DNSName.normalized(name)
        let same = zones.filter { $0["Name"]?.string.map(DNSName.normalized) == bare }.count
        return same > 1 ? "\(bare)@\(id.split(separator: "/").last.map(String.init) ?? id)" : bare
    }
}
