import JSON
import Checks
import Environment
import AWSRead
import ArgumentParser
import Foundation
import GlowOnboardKit

/// Which environment a command reads: a fixture (the default, the bundled glowcorp setup), or the live
/// AWS account and/or host.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A fixture directory (default: the bundled glowcorp setup).", valueName: "DIR"), completion: .directory)
    var fixture: String?

    @Flag(help: "Read the live AWS account (read-only), with the AWS CLI's credentials and region.")
    var aws = false

    @Option(help: ArgumentHelp("AWS profile (implies --aws).", valueName: "PROFILE"))
    var profile: String?

    @Option(help: ArgumentHelp("AWS region (implies --aws).", valueName: "REGION"))
    var region: String?

    @Option(help: ArgumentHelp("AWS endpoint, e.g. a moto_server (implies --aws).", valueName: "URL"))
    var endpointURL: String?

    @Option(help: ArgumentHelp("Read nginx and docker live on this host ('local') or over ssh (user@host, ssh://user@host:port).", valueName: "HOST"))
    var host: String?

    @Option(help: ArgumentHelp("The host's nginx.conf, when not /etc/nginx/nginx.conf (with --host).", valueName: "FILE"))
    var nginxConf: String?

    /// Any AWS flag means the live account.
    var readsAWS: Bool { aws || profile != nil || region != nil || endpointURL != nil }
    var isLive: Bool { readsAWS || host != nil }

    func validate() throws {
        if fixture != nil && isLive { throw ValidationError("--fixture reads a fixture; it cannot be combined with --aws/--profile/--region/--endpoint-url/--host") }
        if let host, HostTarget(host) == nil { throw ValidationError("--host \(host): expected 'local', user@host or ssh://user@host:port") }
        if nginxConf != nil && host == nil { throw ValidationError("--nginx-conf needs --host") }
    }

    var live: LiveSource? {
        guard isLive else { return nil }
        let options = readsAWS ? AWSSettings.Options(profile: profile, region: region, endpointURL: endpointURL) : nil
        return LiveSource(aws: options, host: host.flatMap(HostTarget.init), nginxConf: nginxConf, environment: Environment.variables)
    }

    /// The snapshot to check or query; reading problems go to stderr (notes too with `showNotes`).
    func load(caseStudy: String? = nil, showNotes: Bool = false, progress: Bool = false) throws -> Snapshot {
        if let live {
            var show: (@Sendable (String) -> Void)?
            if progress && Terminal.isTTY(2) {
                show = { line in printError("… \(line)") }
            }
            let capture = live.capture(progress: show)
            if let fatal = capture.fatal { throw Failure(fatal) }
            let snapshot = capture.snapshot()
            for issue in snapshot.issues where showNotes || issue.kind == .error { printError(issue.description) }
            return snapshot
        }
        return try loadFixture(fixture, caseStudy, showNotes: showNotes)
    }
}
