import JSON
import Foundation
import TestPaths
import Testing
@testable import AWSRead

@Suite struct ReadOnlyTests {
    static let settings = AWSSettings(
        profile: "test", region: "ap-northeast-2",
        credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: .environment),
        // Nothing listens here: a request that went out would come back as a transport error.
        endpointURL: "http://127.0.0.1:9", caBundle: nil)

    @Test func onlyDescribeListAndGet() {
        for action in ReadOnly.actions {
            let name = action.split(separator: ":")[1]
            #expect(name.hasPrefix("Describe") || name.hasPrefix("List") || name.hasPrefix("Get"), "\(action) is not a read")
        }
    }

    @Test(arguments: [("ec2", "TerminateInstances"), ("ec2", "CreateVpc"), ("elbv2", "DeleteLoadBalancer"),
                      ("route53", "ChangeResourceRecordSets"), ("acm", "DeleteCertificate"), ("s3", "ListBuckets"), ("ec2", "describevpcs")])
    func anythingElseIsRefusedBeforeSending(_ service: String, _ action: String) {
        let results = AWSClient(settings: Self.settings, timeout: 2, maxAttempts: 1).read([AWSCall(service, action)])
        #expect(results.count == 1)
        guard case .failure(let error) = results[0] else {
            Issue.record("\(service):\(action) was not refused")
            return
        }
        #expect(error == .notAllowed("\(service):\(action)"))
        #expect(error.description == "\(service):\(action) is not a read-only action this reader may send")
    }

    /// The control for the test above: an allowed action does go out (and fails to connect).
    @Test func anAllowedActionIsSent() {
        let results = AWSClient(settings: Self.settings, timeout: 2, maxAttempts: 1).read([AWSCall("ec2", "DescribeVpcs")])
        guard case .failure(.transport(.connect, _)) = results[0] else {
            Issue.record("expected a transport error, got \(results[0])")
            return
        }
    }

    /// Every allowed action has a model (generated from botocore), and the README's policy is this one.
    @Test func modelsAndDocumentedPolicy() throws {
        let model = ServiceModel.shared
        for action in ReadOnly.actions {
            let parts = action.split(separator: ":").map(String.init)
            #expect(model.services[parts[0]]?.operations[parts[1]] != nil, "no model for \(action)")
        }
        let readme = try String(contentsOfFile: "\(Paths.repository)/README.md", encoding: .utf8)
        let policy = ReadOnly.iamPolicy(sid: "GlowOnboardReadOnly")
        #expect(readme.contains(policy), "README's IAM policy differs from ReadOnly.iamPolicy:\n\(policy)")
    }

    @Test func serviceErrorsSayWhatToFix() {
        let denied = AWSError.service(action: "elbv2:DescribeRules", status: 403, code: "AccessDenied", message: "User: arn:... is not authorized")
        #expect(denied.serviceErrorKind == .accessDenied)
        #expect(denied.description.contains("elasticloadbalancing:DescribeRules failed: AccessDenied"))
        #expect(AWSError.service(action: "ec2:DescribeVpcs", status: 400, code: "RequestExpired", message: "").serviceErrorKind == .expired)
        #expect(AWSError.service(action: "ec2:DescribeVpcs", status: 503, code: "RequestLimitExceeded", message: "").isRetryable)
        #expect(!denied.isRetryable)
    }

    @Test func errorBodiesOfEachProtocol() throws {
        let client = AWSClient(settings: Self.settings)
        let ec2 = HTTPResponse(status: 403, headers: [:], body: Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized &amp; so on.</Message></Error></Errors><RequestID>1</RequestID></Response>
            """.utf8))
        #expect(client.decode(ec2, AWSCall("ec2", "DescribeVpcs")) == .failure(.service(action: "ec2:DescribeVpcs", status: 403, code: "UnauthorizedOperation", message: "You are not authorized & so on.")))
        let acm = HTTPResponse(status: 400, headers: [:], body: Array(#"{"__type":"com.amazonaws#ThrottlingException","message":"Rate exceeded"}"#.utf8))
        let throttled = client.decode(acm, AWSCall("acm", "ListCertificates"))
        #expect(throttled == .failure(.service(action: "acm:ListCertificates", status: 400, code: "ThrottlingException", message: "Rate exceeded")))
        if case .failure(let e) = throttled { #expect(e.isRetryable) }
    }
}
