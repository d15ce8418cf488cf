import Foundation
/// The only AWS actions the reader can send. Every request passes `ReadOnly.permit` before it is
/// built (AWSClient.read is the one way out), so nothing here can change an account.
public enum ReadOnly {
    /// service:Action, in the services' own names (elbv2 is Elastic Load Balancing v2).
    public static let actions: [String] = [
        "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeInternetGateways", "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups", "ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:DescribeNetworkAcls",
        "elbv2:DescribeLoadBalancers", "elbv2:DescribeLoadBalancerAttributes", "elbv2:DescribeListeners",
        "elbv2:DescribeRules", "elbv2:DescribeTargetGroups", "elbv2:DescribeTargetGroupAttributes",
        "elbv2:DescribeTargetHealth",
        "route53:ListHostedZones", "route53:ListResourceRecordSets",
        "acm:ListCertificates", "acm:DescribeCertificate",
        "route53domains:GetDomainDetail",
    ]
    static let allowed = Set(actions)

    /// The names IAM uses for these services.
    static let iamPrefix = ["ec2": "ec2", "elbv2": "elasticloadbalancing", "route53": "route53", "acm": "acm", "route53domains": "route53domains"]

    static func permit(_ service: String, _ action: String) throws(AWSError) {
        guard allowed.contains("\(service):\(action)") else { throw .notAllowed("\(service):\(action)") }
    }

    /// The least an IAM identity needs to read everything on the allowlist, as a policy document.
    public static func iamPolicy(sid: String) -> String {
        let names = actions.map { a -> String in
            let parts = a.split(separator: ":")
            return "\"\(iamPrefix[String(parts[0])]!):\(parts[1])\""
        }
        return """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "\(sid)",
                  "Effect": "Allow",
                  "Action": [
                    \(names.joined(separator: ",\n        "))
                  ],
                  "Resource": "*"
                }
              ]
            }
            """
    }
}

public enum AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What a profile is, as far as finding its credentials goes.
    public enum ProfileKind: Sendable, Equatable {
        case sso, assumeRole, plain
    }

    /// Why a program that was to print credentials did not.
    public enum ProcessFailure: Error, Sendable, Equatable {
        /// It could not be started (not found, not executable).
        case couldNotRun(String)
        /// It ended with this status; `lastLine` is its last line on stderr, unless that could hold a secret.
        case exited(Int32, lastLine: String?)
        case timedOut
        /// It printed something other than the credential_process JSON.
        case badOutput
    }

    /// What kind of transport failure: whether a later attempt may succeed depends on it.
    public enum TransportKind: Sendable, Equatable {
        case nameResolution, connect, timeout, tls, other
        /// The response grew past the cap (HTTP.bodyCap): a later attempt would only read as much again.
        case tooLarge
    }

    /// Refused before sending: not on the read-only allowlist.
    case notAllowed(String)
    /// `--profile`/`AWS_PROFILE` names a profile in neither shared file.
    case unknownProfile(profile: String, credentialsFile: String, configFile: String)
    /// No region from the flags, the environment or the profile.
    case noRegion(profile: String, configFile: String)
    /// No credentials and no way to resolve them: `awsCLIMissing` when the AWS CLI is not installed, else
    /// an AWS CLI v1 without a botocore to ask.
    case noCredentials(profile: String, kind: ProfileKind, awsCLIMissing: Bool)
    /// The credentials found had expired.
    case credentialsExpired(source: CredentialSource, at: Date, profile: String, kind: ProfileKind)
    /// The program that was to print credentials (credential_process, the AWS CLI) failed; `profile` and
    /// `kind` say how to fix it when it was the AWS CLI resolving a profile.
    case credentialProcess(source: CredentialSource, failure: ProcessFailure, profile: String?, kind: ProfileKind?)
    /// No HTTP response.
    case transport(TransportKind, String)
    /// The service answered with an error.
    case service(action: String, status: Int, code: String, message: String)
    /// A response that could not be read.
    case malformed(String)

    /// Plain English, naming what to fix; an application words these for its users.
    public var description: String {
        switch self {
        case .notAllowed(let action): return "\(action) is not a read-only action this reader may send"
        case .unknownProfile(let profile, let credentials, let config):
            return "profile \(profile) is in neither \(credentials) nor \(config)"
        case .noRegion(let profile, let config): return "no region: set AWS_REGION, or region in profile \(profile) in \(config)"
        case .noCredentials(let profile, _, let missing):
            return "no credentials for profile \(profile)" + (missing ? " and no AWS CLI to resolve them" : "; the AWS CLI here is version 1 and its botocore was not found")
        case .credentialsExpired(let source, let at, _, _): return "the credentials from \(source) expired at \(at)"
        case .credentialProcess(let source, let failure, _, _):
            switch failure {
            case .couldNotRun(let why): return "\(source): \(why)"
            case .exited(let status, let line): return "\(source) failed (exit \(status))" + (line.map { ": \($0)" } ?? "")
            case .timedOut: return "\(source) failed (timed out)"
            case .badOutput: return "\(source) did not print credentials in the credential_process format (AccessKeyId, SecretAccessKey)"
            }
        case .transport(_, let text): return text
        case .service(let action, let status, let code, let message):
            return "\(iamName(action)) failed: \(code) (HTTP \(status))\(message.isEmpty ? "" : ": \(message)")"
        case .malformed(let text): return text
        }
    }

    /// What the service's error code means, for messages.
    public enum ServiceErrorKind: Sendable, Equatable {
        case accessDenied, expired, unknownKey, badSignature, optInRequired, throttled, other
    }

    public var serviceErrorKind: ServiceErrorKind? {
        guard case .service(_, _, let code, _) = self else { return nil }
        switch code {
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess": return .accessDenied
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired": return .expired
        case "InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure", "InvalidAccessKeyId": return .unknownKey
        case "SignatureDoesNotMatch", "IncompleteSignature": return .badSignature
        case "OptInRequired": return .optInRequired
        case _ where AWSError.throttlingCodes.contains(code): return .throttled
        default: return .other
        }
    }

    /// True for errors a later attempt may not see (throttling, a server's hiccup, a refused connection).
    var isRetryable: Bool {
        switch self {
        case .service(_, let status, let code, _):
            return [429, 500, 502, 503, 504].contains(status) || AWSError.throttlingCodes.contains(code)
        case .transport(let kind, _):
            return kind == .connect || kind == .other
        default: return false
        }
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    ]

    /// `service:Action` in IAM's names (`elasticloadbalancing:DescribeRules`).
    public func iamName(_ action: String) -> String {
        let parts = action.split(separator: ":")
        guard parts.count == 2, let prefix = ReadOnly.iamPrefix[String(parts[0])] else { return action }
        return "\(prefix):\(parts[1])"
    }
}
