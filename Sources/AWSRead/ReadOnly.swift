/// The only AWS actions the reader can send. Every request passes `ReadOnly.permit` before it is
/// built (AWSClient.read is the one way out), so nothing here can change an account.
public enum ReadOnly {
    /// service:Action, in the services' own names (elbv2 is Elastic Load Balancing v2).
    public static let actions: [String] = [
        "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeInternetGateways", "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups", "ec2:DescribeInstances", "ec2:DescribeInstanceAttribute",
        "elbv2:DescribeLoadBalancers", "elbv2:DescribeLoadBalancerAttributes", "elbv2:DescribeListeners",
        "elbv2:DescribeRules", "elbv2:DescribeTargetGroups", "elbv2:DescribeTargetGroupAttributes",
        "elbv2:DescribeTargetHealth",
        "route53:ListHostedZones", "route53:ListResourceRecordSets",
        "acm:ListCertificates", "acm:DescribeCertificate",
    ]
    static let allowed = Set(actions)

    /// The names IAM uses for these services.
    static let iamPrefix = ["ec2": "ec2", "elbv2": "elasticloadbalancing", "route53": "route53", "acm": "acm"]

    static func permit(_ service: String, _ action: String) throws(AWSError) {
        guard allowed.contains("\(service):\(action)") else { throw .notAllowed("\(service):\(action)") }
    }

    /// The least an IAM identity needs for glow-onboard to read everything (README, "Live sources").
    public static var iamPolicy: String {
        let names = actions.map { a -> String in
            let parts = a.split(separator: ":")
            return "\"\(iamPrefix[String(parts[0])]!):\(parts[1])\""
        }
        return """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "GlowOnboardReadOnly",
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
    /// Refused before sending: not on the read-only allowlist.
    case notAllowed(String)
    /// Settings or credentials could not be resolved; the text says what to fix.
    case configuration(String)
    /// No HTTP response (DNS, connection, TLS, timeout).
    case transport(String)
    /// The service answered with an error.
    case service(action: String, status: Int, code: String, message: String)
    /// A response we could not read.
    case malformed(String)

    public var description: String {
        switch self {
        case .notAllowed(let action): return "\(action) is not a read-only action glow-onboard may send"
        case .configuration(let text): return text
        case .transport(let text): return text
        case .service(let action, let status, let code, let message):
            let iam = iamName(action)
            switch code {
            case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess":
                return "access denied for \(iam): allow it in your IAM policy (README, \"Live sources\", lists the minimal policy)"
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
                return "\(iam): the credentials have expired; refresh them (aws sso login, or a new session token) and try again"
            case "InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure", "InvalidAccessKeyId":
                return "\(iam): AWS does not know this access key; check AWS_ACCESS_KEY_ID or the profile's aws_access_key_id"
            case "SignatureDoesNotMatch", "IncompleteSignature":
                return "\(iam): the signature was refused; check the secret access key that goes with this key id"
            case "OptInRequired":
                return "\(iam): the account is not subscribed to this service in this region (\(message))"
            default:
                return "\(iam) failed: \(code) (HTTP \(status))\(message.isEmpty ? "" : ": \(message)")"
            }
        case .malformed(let text): return text
        }
    }

    /// True for errors a later attempt may not see (throttling, a server's hiccup).
    var isRetryable: Bool {
        switch self {
        case .service(_, let status, let code, _):
            return [429, 500, 502, 503, 504].contains(status) || AWSError.throttlingCodes.contains(code)
        case .transport(let text):
            return !text.contains("resolve") && !text.contains("Timeout") && !text.contains("timed out")
        default: return false
        }
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    ]

    func iamName(_ action: String) -> String {
        let parts = action.split(separator: ":")
        guard parts.count == 2, let prefix = ReadOnly.iamPrefix[String(parts[0])] else { return action }
        return "\(prefix):\(parts[1])"
    }
}
