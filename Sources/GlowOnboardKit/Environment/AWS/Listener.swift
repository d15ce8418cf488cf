import JMESPath
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

    init?(_ j: JSONValue) {
        guard let arn = j["ListenerArn"]?.string else { return nil }
        self.arn = arn
        loadBalancerArn = j["LoadBalancerArn"]?.string ?? ""
        port = j["Port"]?.int ?? 0
        proto = j["Protocol"]?.string ?? ""
        certificateArns = j["Certificates"]?.elements.compactMap { $0["CertificateArn"]?.string } ?? []
        var forwards: [String] = []
        var redirect: Redirect?
        for action in j["DefaultActions"]?.elements ?? [] {
            if let tg = action["TargetGroupArn"]?.string, !forwards.contains(tg) { forwards.append(tg) }
            for tg in action["ForwardConfig"]?["TargetGroups"]?.elements ?? [] {
                if let a = tg["TargetGroupArn"]?.string, !forwards.contains(a) { forwards.append(a) }
            }
            if action["Type"]?.string == "redirect", let r = action["RedirectConfig"] {
                redirect = Redirect(proto: r["Protocol"]?.string, port: r["Port"]?.string, statusCode: r["StatusCode"]?.string)
            }
        }
        forwardTargetGroups = forwards
        self.redirect = redirect
    }
}
