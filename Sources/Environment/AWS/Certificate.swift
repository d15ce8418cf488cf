import Foundation
import JSON
/// `aws acm describe-certificate` → `Certificate`.
public struct Certificate: Sendable, Hashable {
    public var arn: String
    public var domainName: String
    public var subjectAlternativeNames: [String]
    public var status: String
    /// When it stops being valid: the AWS CLI v1 prints ACM's times as epoch seconds, v2 as ISO 8601.
    public var notAfter: Date?

    public init?(_ j: JSONValue) {
        guard let arn = j["CertificateArn"]?.string else { return nil }
        self.arn = arn
        domainName = j["DomainName"]?.string ?? ""
        subjectAlternativeNames = j["SubjectAlternativeNames"]?.elements.compactMap(\.string) ?? []
        status = j["Status"]?.string ?? "UNKNOWN"
        notAfter = Certificate.date(j["NotAfter"])
    }

    /// Epoch seconds (within years 1970-9999) or an ISO 8601 text; anything else is no date.
    static func date(_ v: JSONValue?) -> Date? {
        if let seconds = v?.number, seconds.isFinite, (0...253_402_300_799).contains(seconds) { return Date(timeIntervalSince1970: seconds) }
        guard let text = v?.string, text.utf8.count <= 64 else { return nil }
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }

    /// The names it is for: the domain name, then the alternative names not already said (ACM lists the
    /// domain name among them too).
    public var names: [String] {
        var out: [String] = []
        for n in [domainName] + subjectAlternativeNames where !out.contains(n) { out.append(n) }
        return out
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
