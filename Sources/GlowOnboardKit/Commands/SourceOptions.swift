import AWSRead
import ArgumentParser
import Environment
import Foundation
import Sandbox

/// Which environment a command reads: a fixture, or the live AWS account and/or host. None given means
/// the context's own: the REPL's chosen source, or the bundled glowcorp setup on the command line.
public struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A fixture directory (default: the bundled glowcorp setup).", valueName: "DIR"), completion: .directory)
    public var fixture: String?

    @Flag(help: "Read the live AWS account (read-only), with the AWS CLI's credentials and region.")
    public var aws = false

    @Option(help: ArgumentHelp("AWS profile (implies --aws).", valueName: "PROFILE"))
    public var profile: String?

    @Option(help: ArgumentHelp("AWS region (implies --aws).", valueName: "REGION"))
    public var region: String?

    @Option(help: ArgumentHelp("AWS endpoint, e.g. a moto_server (implies --aws).", valueName: "URL"))
    public var endpointURL: String?

    @Option(help: ArgumentHelp("Read nginx and docker live on this host ('local') or over ssh (user@host, ssh://user@host:port).", valueName: "HOST"))
    public var host: String?

    @Option(help: ArgumentHelp("The host's nginx.conf, when not /etc/nginx/nginx.conf (with --host).", valueName: "FILE"))
    public var nginxConf: String?

    @Flag(help: "Read the practice sandbox: its account and its host (glow-onboard sandbox start).")
    public var sandbox = false

    public init() {}

    /// Nothing named (ArgumentParser's values exist only once parsed).
    public static var none: SourceOptions { (try? SourceOptions.parse([]))! }

    /// Any AWS flag means the live account.
    public var readsAWS: Bool { aws || profile != nil || region != nil || endpointURL != nil }
    public var isLive: Bool { readsAWS || host != nil }
    /// Nothing named: the context decides.
    public var isEmpty: Bool { fixture == nil && !isLive && !sandbox }

    public func validate() throws {
        if sandbox && (fixture != nil || isLive) { throw ValidationError("--sandbox는 다른 SOURCE 옵션(--fixture, --aws, --host …)과 함께 쓸 수 없어요.") }
        if fixture != nil && isLive { throw ValidationError("--fixture는 fixture를 읽어요. --aws/--profile/--region/--endpoint-url/--host와 함께 쓸 수 없어요.") }
        if let host, HostTarget(host) == nil { throw ValidationError("--host \(host): 'local', user@host 또는 ssh://user@host:port로 적어 주세요.") }
        if nginxConf != nil && host == nil { throw ValidationError("--nginx-conf는 --host와 함께 써요.") }
    }

    /// The live source these name, or nil for a fixture.
    public func live(environment: [String: String]) -> LiveSource? {
        guard isLive else { return nil }
        let options = readsAWS ? AWSSettings.Options(profile: profile, region: region, endpointURL: endpointURL) : nil
        return LiveSource(aws: options, host: host.flatMap(HostTarget.init), nginxConf: nginxConf, environment: environment)
    }

    /// What these name, as a source a session can keep; nil when they name nothing.
    public func choice(environment: [String: String]) -> SourceChoice? {
        if sandbox { return .reader(Sandbox(environment: environment, repository: RepositoryLocator.find(environment: environment)).reader) }
        if let fixture { return .fixture(fixture) }
        return live(environment: environment).map(SourceChoice.live)
    }
}

/// The SOURCE options alone, as a command: what the REPL's `source` parses.
public struct SourceCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "source")
    @OptionGroup public var options: SourceOptions
    public init() {}
}
