import JSON
/// `aws elbv2 describe-listeners` → `Listeners[]`.
public struct Listener: Sendable, Hashable {
    public struct Redirect: Sendable, Hashable {
        public var proto: String?
        public var port: String?
        public var statusCode: String?
    }

    public var arn: String
    public var loadBalancerArn: String
    public var port: Int
    public var proto: String
    public var certificateArns: [String]
    /// Target groups the default actions forward to (`TargetGroupArn` and `ForwardConfig.TargetGroups[]`).
    public var forwardTargetGroups: [String]
    public var redirect: Redirect?

    public init?(_ j: JSONValue) {
        guard let arn = j["ListenerArn"]?.string else { return nil }
        self.arn = arn
        loadBalancerArn = j["LoadBalancerArn"]?.string ?? ""
        port = j["Port"]?.int ?? 0
        proto = j["Protocol"]?.string ?? ""
        certificateArns = j["Certificates"]?.elements.compactMap { $0["CertificateArn"]?.string } ?? []
        let actions = j["DefaultActions"]?.elements ?? []
        forwardTargetGroups = Self.forwardTargets(actions)
        redirect = actions.first { $0["Type"]?.string == "redirect" }?["RedirectConfig"].map { r in
            Redirect(proto: r["Protocol"]?.string, port: r["Port"]?.string, statusCode: r["StatusCode"]?.string)
        }
    }

    /// Target groups forward actions name: `TargetGroupArn` and `ForwardConfig.TargetGroups[]` (real AWS
    /// returns both, moto only the first).
    static func forwardTargets(_ actions: [JSONValue]) -> [String] {
        var forwards: [String] = []
        for action in actions {
            let arns = [action["TargetGroupArn"]?.string] + (action["ForwardConfig"]?["TargetGroups"]?.elements ?? []).map { $0["TargetGroupArn"]?.string }
            for arn in arns.compactMap({ $0 }) where !forwards.contains(arn) { forwards.append(arn) }
        }
        return forwards
    }
}
