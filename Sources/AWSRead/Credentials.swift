import Foundation
import JSON
import Spawn

/// Where credentials came from.
public enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
    case environment
    /// A profile's keys in a shared file (its path as shown, `~/.aws/credentials`).
    case sharedFile(profile: String, path: String)
    /// A profile's credential_process.
    case credentialProcess(profile: String)
    /// AWS CLI v2's `aws configure export-credentials`.
    case awsCLI(profile: String)
    /// The botocore of AWS CLI v1 (this interpreter).
    case botocore(python: String, profile: String)

    public var description: String {
        switch self {
        case .environment: return "environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
        case .sharedFile(let profile, let path): return "profile \(profile) in \(path)"
        case .credentialProcess(let profile): return "credential_process of profile \(profile)"
        case .awsCLI(let profile): return "the AWS CLI (aws configure export-credentials) for profile \(profile)"
        case .botocore(let python, let profile): return "the AWS CLI's botocore (\(python)) for profile \(profile)"
        }
    }
}

/// Credentials as the AWS CLI would find them. The secret and the session token never appear in a
/// description, a message or a file.
public struct AWSCredentials: Sendable, CustomStringConvertible {
    public var accessKeyId: String
    var secretAccessKey: String
    var sessionToken: String?
    public var expiration: Date?
    /// Where they came from, for messages ("environment variables", "profile dev in ~/.aws/credentials").
    public var source: CredentialSource

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, source: CredentialSource) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
        KnownSecrets.register(self)
    }

    /// The key id with all but its last four characters hidden.
    public var maskedKeyId: String { accessKeyId.count > 4 ? String(repeating: "*", count: 4) + accessKeyId.suffix(4) : "****" }
    public var description: String { "access key \(maskedKeyId) from \(source)" }
}

/// Where and as whom to read: the AWS CLI's rules for profile, credentials, region and endpoint.
public struct AWSSettings: Sendable {
    public var profile: String
    public var region: String
    public var credentials: AWSCredentials
    /// nil: the service's public endpoint.
    public var endpointURL: String?
    /// AWS_ENDPOINT_URL_<SERVICE> (e.g. AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2), by our service name;
    /// these beat AWS_ENDPOINT_URL and the profile's endpoint_url, but not --endpoint-url.
    public var serviceEndpointURLs: [String: String] = [:]
    /// AWS_CA_BUNDLE / ca_bundle, as the AWS CLI honours it.
    public var caBundle: String?
    /// Set when the AWS CLI resolved the credentials (SSO, a role to assume, …): what the profile is.
    public var resolvedByAWSCLI: AWSError.ProfileKind?

    public init(profile: String, region: String, credentials: AWSCredentials, endpointURL: String?, caBundle: String?,
                resolvedByAWSCLI: AWSError.ProfileKind? = nil) {
        self.profile = profile
        self.region = region
        self.credentials = credentials
        self.endpointURL = endpointURL
        self.caBundle = caBundle
        self.resolvedByAWSCLI = resolvedByAWSCLI
    }

    public struct Options: Sendable {
        public var profile: String?
        public var region: String?
        public var endpointURL: String?
        public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) {
            self.profile = profile
            self.region = region
            self.endpointURL = endpointURL
        }
    }

    /// Resolves everything from flags, the environment and the shared files, in the AWS CLI's order.
    public static func resolve(_ options: Options, environment env: [String: String] = ProcessInfo.processInfo.environment) throws(AWSError) -> AWSSettings {
        let home = env["HOME"] ?? NSHomeDirectory()
        let configPath = env["AWS_CONFIG_FILE"].map { expand($0, home) } ?? "\(home)/.aws/config"
        let credentialsPath = env["AWS_SHARED_CREDENTIALS_FILE"].map { expand($0, home) } ?? "\(home)/.aws/credentials"
        let config = (try? String(contentsOfFile: configPath, encoding: .utf8)).map { SharedConfig(parsing: $0, isConfigFile: true) } ?? SharedConfig()
        let credentialFile = (try? String(contentsOfFile: credentialsPath, encoding: .utf8)).map { SharedConfig(parsing: $0, isConfigFile: false) } ?? SharedConfig()
        let explicitProfile = options.profile
        let profile = explicitProfile ?? env["AWS_PROFILE"] ?? env["AWS_DEFAULT_PROFILE"] ?? "default"
        let fromConfig = config.sections[profile] ?? [:]
        let fromCredentials = credentialFile.sections[profile] ?? [:]
        let display = { (path: String) in path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path }

        if explicitProfile != nil || env["AWS_PROFILE"] != nil, profile != "default",
           config.sections[profile] == nil, credentialFile.sections[profile] == nil {
            throw .unknownProfile(profile: profile, credentialsFile: display(credentialsPath), configFile: display(configPath))
        }

        guard let region = options.region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? fromConfig["region"], !region.isEmpty else {
            throw .noRegion(profile: profile, configFile: display(configPath))
        }

        let kind: AWSError.ProfileKind = fromConfig["sso_session"] != nil || fromConfig["sso_start_url"] != nil ? .sso
            : fromConfig["role_arn"] != nil ? .assumeRole : .plain
        var resolvedByAWSCLI: AWSError.ProfileKind?
        let credentials: AWSCredentials
        if explicitProfile == nil, let key = env["AWS_ACCESS_KEY_ID"], let secret = env["AWS_SECRET_ACCESS_KEY"], !key.isEmpty {
            credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: env["AWS_SESSION_TOKEN"] ?? env["AWS_SECURITY_TOKEN"],
                                         source: .environment)
        } else if let key = fromCredentials["aws_access_key_id"], let secret = fromCredentials["aws_secret_access_key"] {
            credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: fromCredentials["aws_session_token"],
                                         source: .sharedFile(profile: profile, path: display(credentialsPath)))
        } else if let key = fromConfig["aws_access_key_id"], let secret = fromConfig["aws_secret_access_key"] {
            credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: fromConfig["aws_session_token"],
                                         source: .sharedFile(profile: profile, path: display(configPath)))
        } else if let command = fromConfig["credential_process"] ?? fromCredentials["credential_process"] {
            credentials = try processCredentials(shellCommand: command, source: .credentialProcess(profile: profile), environment: env)
        } else {
            // SSO, assume-role chains, web identity, the instance's role: the AWS CLI knows how.
            guard Spawn.locate("aws", path: env["PATH"]) != nil else {
                throw .noCredentials(profile: profile, kind: kind, awsCLIMissing: true)
            }
            credentials = try cliCredentials(profile: profile, named: profile != "default" || explicitProfile != nil, kind: kind, environment: env)
            resolvedByAWSCLI = kind
        }
        if let expiration = credentials.expiration, expiration < Date() {
            throw .credentialsExpired(source: credentials.source, at: expiration, profile: profile, kind: kind)
        }
        let endpoint = options.endpointURL ?? env["AWS_ENDPOINT_URL"] ?? fromConfig["endpoint_url"]
        var serviceEndpoints: [String: String] = [:]
        if options.endpointURL == nil {
            for (name, service) in ServiceModel.shared.services {
                let variable = "AWS_ENDPOINT_URL_" + service.serviceId.uppercased().replacingOccurrences(of: " ", with: "_")
                if let url = env[variable], !url.isEmpty { serviceEndpoints[name] = url }
            }
        }
        let caBundle = env["AWS_CA_BUNDLE"] ?? fromConfig["ca_bundle"]
        var settings = AWSSettings(profile: profile, region: region, credentials: credentials, endpointURL: endpoint, caBundle: caBundle,
                                   resolvedByAWSCLI: resolvedByAWSCLI)
        settings.serviceEndpointURLs = serviceEndpoints
        return settings
    }

    /// Credentials only the AWS CLI can resolve (SSO, assume-role chains, web identity, the instance's
    /// role): AWS CLI v2 prints them with `aws configure export-credentials`; v1 has no such command, so
    /// its own botocore (the library that resolves them for it) is asked the same question.
    static func cliCredentials(profile: String, named: Bool, kind: AWSError.ProfileKind, environment env: [String: String]) throws(AWSError) -> AWSCredentials {
        func failed(_ source: CredentialSource, _ failure: AWSError.ProcessFailure) -> AWSError {
            .credentialProcess(source: source, failure: failure, profile: profile, kind: kind)
        }
        var arguments = ["aws", "configure", "export-credentials", "--format", "process"]
        if named { arguments += ["--profile", profile] }
        let v2 = CredentialSource.awsCLI(profile: profile)
        let run: Spawn.Result
        do { run = try Spawn.run(arguments, environment: env, timeout: 120) } catch { throw failed(v2, .couldNotRun("\(error)")) }
        // AWS CLI v1: "aws: error: argument subcommand: Invalid choice" (v1 has no export-credentials).
        guard run.status != 0 && run.errors.contains("Invalid choice") else {
            do { return try processCredentials(run, source: v2) } catch { throw failed(v2, error) }
        }
        for python in pythonBesideAWSCLI(env) {
            let source = CredentialSource.botocore(python: python, profile: profile)
            let attempt: Spawn.Result
            do { attempt = try Spawn.run([python, "-c", botocoreExport, named ? profile : ""], environment: env, timeout: 120) } catch { continue }
            if attempt.status != 0 && attempt.errors.contains("No module named") { continue }
            do { return try processCredentials(attempt, source: source) } catch { throw failed(source, error) }
        }
        throw .noCredentials(profile: profile, kind: kind, awsCLIMissing: false)
    }

    /// The interpreter of the `aws` script (AWS CLI v1 is a Python program), then `python3`.
    static func pythonBesideAWSCLI(_ env: [String: String]) -> [String] {
        var candidates: [String] = []
        if let aws = Spawn.locate("aws", path: env["PATH"]), let handle = FileHandle(forReadingAtPath: aws) {
            let head = String(decoding: handle.readData(ofLength: 256), as: UTF8.self)
            try? handle.close()
            if head.hasPrefix("#!"), let line = head.dropFirst(2).split(separator: "\n").first {
                let words = line.split(separator: " ").map(String.init)
                if let interpreter = words.first, interpreter.contains("python") { candidates.append(interpreter) }
                else if words.first == "/usr/bin/env", let name = words.dropFirst().first(where: { $0.contains("python") }) { candidates.append(name) }
            }
        }
        candidates.append("python3")
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted && Spawn.locate($0, path: env["PATH"]) != nil }
    }

    /// Prints the profile's credentials as a credential_process would, resolved by botocore; on failure,
    /// only the exception's name and message (never a credential).
    static let botocoreExport = """
        import json, sys
        import botocore.session
        try:
            session = botocore.session.Session(profile=sys.argv[1] or None)
            credentials = session.get_credentials()
            if credentials is None:
                sys.exit("botocore found no credentials")
            frozen = credentials.get_frozen_credentials()
        except Exception as error:
            sys.exit(f"{type(error).__name__}: {error}")
        out = {"Version": 1, "AccessKeyId": frozen.access_key, "SecretAccessKey": frozen.secret_key}
        if frozen.token:
            out["SessionToken"] = frozen.token
        expiry = getattr(credentials, "_expiry_time", None)
        if expiry is not None:
            out["Expiration"] = expiry.isoformat()
        print(json.dumps(out))
        """

    /// Where `service` (our name: ec2, elbv2, route53, acm) is reached; nil: its public endpoint.
    func endpointURL(for service: String) -> String? { serviceEndpointURLs[service] ?? endpointURL }

    static func expand(_ path: String, _ home: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst(1) : path }

    static func processCredentials(shellCommand: String, source: CredentialSource, environment: [String: String]) throws(AWSError) -> AWSCredentials {
        do { return try processCredentials(arguments: ["/bin/sh", "-c", shellCommand], source: source, environment: environment) } catch {
            throw .credentialProcess(source: source, failure: error, profile: nil, kind: nil)
        }
    }

    /// Runs a credential process (the documented JSON on stdout: Version 1, AccessKeyId, ...). Its
    /// stderr is not shown: such tools may print tokens there.
    static func processCredentials(arguments: [String], source: CredentialSource, environment: [String: String]) throws(AWSError.ProcessFailure) -> AWSCredentials {
        let run: Spawn.Result
        do { run = try Spawn.run(arguments, environment: environment, timeout: 60) } catch { throw .couldNotRun("\(error)") }
        return try processCredentials(run, source: source)
    }

    static func processCredentials(_ run: Spawn.Result, source: CredentialSource) throws(AWSError.ProcessFailure) -> AWSCredentials {
        guard run.status == 0, !run.timedOut else {
            // The last line that says something, unless it could hold a secret (a long run of key characters).
            let hint = run.errors.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { String($0.prefix(200)) } ?? ""
            let secretLike = hint.split(whereSeparator: { !($0.isLetter || $0.isNumber || "/+=".contains($0)) }).contains { $0.count >= 24 }
            if run.timedOut { throw .timedOut }
            throw .exited(run.status, lastLine: hint.isEmpty || secretLike ? nil : hint)
        }
        guard let json = try? JSONParser.parse(bytes: run.stdout), let key = json["AccessKeyId"]?.string, let secret = json["SecretAccessKey"]?.string else {
            throw .badOutput
        }
        var expiration: Date?
        if let text = json["Expiration"]?.string { expiration = ISO8601DateFormatter().date(from: text) ?? ISO8601DateFormatter.withFractions.date(from: text) }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: json["SessionToken"]?.string, expiration: expiration, source: source)
    }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFractions: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}

/// `~/.aws/config` and `~/.aws/credentials`: INI sections (`[profile NAME]` in the config file,
/// `[NAME]` in the credentials file), `key = value`, comments; indented sub-settings are skipped.
struct SharedConfig: Sendable {
    var sections: [String: [String: String]] = [:]

    init() {}

    init(parsing text: String, isConfigFile: Bool) {
        var current: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if raw.first == " " || raw.first == "\t" { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                var name = String(line.dropFirst().dropLast()).trimmingSpaces
                if isConfigFile {
                    if name.hasPrefix("profile ") { name = String(name.dropFirst(8)).trimmingSpaces }
                    else if name != "default" { current = nil; continue }  // [sso-session x], [services x]
                }
                current = name
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let current, let eq = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<eq]).trimmingSpaces.lowercased()
            let value = String(line[line.index(after: eq)...]).trimmingSpaces
            sections[current]?[key] = value
        }
    }
}
