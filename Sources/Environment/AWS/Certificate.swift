import JSON
/// `aws acm describe-certificate` → `Certificate`.
public struct Certificate: Sendable, Hashable {
    public var arn: String
    public var domainName: String
    public var subjectAlternativeNames: [String]
    public var status: String

    public init?(_ j: JSONValue) {
        guard let arn = j["CertificateArn"]?.string else { return nil }
        self.arn = arn
        domainName = j["DomainName"]?.string ?? ""
        subjectAlternativeNames = j["SubjectAlternativeNames"]?.elements.compactMap(\.string) ?? []
        status = j["Status"]?.string ?? "UNKNOWN"
    }

    /// Whether the certificate covers `name` (exactly, or with a `*.` wildcard one label deep).
    public func covers(_ name: String) -> Bool {
        let n = DNSName.normalized(name)
        return ([domainName] + subjectAlternativeNames).map(DNSName.normalized).contains { pattern in
            if pattern == n { return true }
            if pattern.hasPrefix("*.") {
                let suffix = String(pattern.dropFirst(1))
                return n.hasSuffix(suffix) && !n.dropLast(suffix.count).contains(".") && n.count > suffix.count
            }
            return false
        }
    }
}
