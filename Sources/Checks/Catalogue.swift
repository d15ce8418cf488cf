import NginxConfig
import Environment
/// Every built-in check, in the order a request meets them. `../shared/domain/checks-catalogue.md` is
/// the domain reference; ids here are the ones lessons name in their `verify` blocks.
public enum Catalogue {
    public static let checks: [Check] = dns + network + networkACL + alb + targetGroup + ec2 + nginx + docker + chain

    public static func check(_ id: String) -> Check? { checks.first { $0.id == id } }

    /// An nginx configuration from text, for examples no bundled fixture shows (one nginx.conf).
    static func nginx(_ text: String) -> NginxConfiguration {
        NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: InMemorySource(files: ["/etc/nginx/nginx.conf": Array(text.utf8)]))
    }

    /// The names used when a resource is described to the learner.
    static func records(_ ctx: CheckContext) -> [String] {
        let list = ctx.parameter("records")
        return list.split(separator: ",").map { DNSName.normalized(String($0)) }.filter { !$0.isEmpty }
    }

    static let recordParameter = Check.Parameter(name: "records", doc: "the record names traffic comes in by",
                                                 defaultValue: Chain.defaultRecords.joined(separator: ","))
    static let zoneParameter = Check.Parameter(name: "zone", doc: "the public hosted zone", defaultValue: Chain.defaultZone)
}
