import Foundation
import TestPaths
import Testing
import JMESPath
import JSON
import Spawn
@testable import AWSRead

@Suite struct SigV4Tests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", source: .environment)

    /// AWS's own test suite, case get-vanilla.
    @Test func awsTestSuiteGetVanilla() {
        var r = HTTPRequest(method: "GET", scheme: "https", host: "example.amazonaws.com", port: nil, path: "/")
        SigV4(credentials: Self.credentials, region: "us-east-1", service: "service").sign(&r, at: Date(timeIntervalSince1970: 1440938160))
        let authorization = r.headers.first { $0.name == "Authorization" }?.value
        #expect(authorization == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    /// The requests the reader sends, signed by us and by botocore (the AWS CLI's signer) at the same
    /// moment: the Authorization headers must be equal.
    @Test(arguments: ["ec2", "route53", "acm"]) func sameAsBotocore(_ kind: String) throws {
        guard (try? Spawn.run(["python3", "-c", "import botocore"], timeout: 30))?.status == 0 else {
            print("SigV4Tests: botocore is not installed (pip install awscli); comparison skipped")
            return
        }
        var credentials = Self.credentials
        credentials.sessionToken = "FQoGZXIvYXdzEXAMPLE+token/with=chars"
        var r: HTTPRequest
        switch kind {
        case "ec2":
            r = HTTPRequest(method: "POST", scheme: "https", host: "ec2.ap-northeast-2.amazonaws.com", port: nil, path: "/")
            r.body = Array("Action=DescribeInstanceAttribute&Attribute=userData&InstanceId=i-0abc&Version=2016-11-15".utf8)
            r.headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), ("User-Agent", "glow-onboard/ec2")]
        case "route53":
            r = HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: 5000, path: "/2013-04-01/hostedzone/Z123/rrset")
            r.query = [("name", "app.glowcorp.io."), ("type", "A"), ("identifier", "a b/c")]
        default:
            r = HTTPRequest(method: "POST", scheme: "https", host: "acm.ap-northeast-2.amazonaws.com", port: nil, path: "/")
            r.body = Array(#"{"CertificateArn":"arn:aws:acm:ap-northeast-2:123456789012:certificate/x"}"#.utf8)
            r.headers = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "CertificateManager.DescribeCertificate")]
        }
        let service = kind == "route53" ? "route53" : kind
        let region = kind == "route53" ? "us-east-1" : "ap-northeast-2"
        let unsigned = r
        SigV4(credentials: credentials, region: region, service: service).sign(&r, at: Date(timeIntervalSince1970: 1795600000))
        let ours = try #require(r.headers.first { $0.name == "Authorization" }?.value)

        var headers = JSONObject()
        for h in unsigned.headers { headers[h.name] = .string(h.value) }
        let input = JSONValue.object(JSONObject([
            ("method", .string(unsigned.method)), ("url", .string(unsigned.url)), ("headers", .object(headers)),
            ("body", .string(String(decoding: unsigned.body, as: UTF8.self))), ("key", .string(credentials.accessKeyId)),
            ("secret", .string(credentials.secretAccessKey)), ("token", .string(credentials.sessionToken!)),
            ("service", .string(service)), ("region", .string(region)), ("timestamp", .string(SigV4.timestamp(Date(timeIntervalSince1970: 1795600000)).amzDate)),
        ]))
        let run = try Spawn.run(["python3", "\(Paths.repository)/scripts/botocore-sign.py"], input: Array(JSONWriter.string(input).utf8), timeout: 60)
        #expect(run.status == 0, "\(run.errors)")
        #expect(ours == run.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
