import Testing
import JMESPath
import JSON
@testable import AWSRead

/// botocore's build_full_result, on pages as the services send them (moto answers glowcorp's reads in one
/// page, so the live tests do not reach a second one).
@Suite struct PaginationTests {
    func page(_ json: String) throws -> JSONValue { try JSONParser.parse(json) }

    @Test func tokensChainUntilTheLastPage() throws {
        let ec2 = try #require(ServiceModel.shared.services["ec2"]?.operations["DescribeVpcs"]?.paginator)
        #expect(AWSClient.nextTokens(try page(#"{"Vpcs": [], "NextToken": "t2"}"#), ec2) == ["NextToken": "t2"])
        #expect(AWSClient.nextTokens(try page(#"{"Vpcs": []}"#), ec2) == nil)
        // Route53: several tokens, and IsTruncated decides.
        let rrsets = try #require(ServiceModel.shared.services["route53"]?.operations["ListResourceRecordSets"]?.paginator)
        let truncated = try page(#"{"ResourceRecordSets": [], "IsTruncated": true, "NextRecordName": "b.glowcorp.io.", "NextRecordType": "A"}"#)
        #expect(AWSClient.nextTokens(truncated, rrsets) == ["StartRecordName": "b.glowcorp.io.", "StartRecordType": "A"])
        let last = try page(#"{"ResourceRecordSets": [], "IsTruncated": false, "NextRecordName": "x"}"#)
        #expect(AWSClient.nextTokens(last, rrsets) == nil)
    }

    @Test func resultKeysAreConcatenatedAndTokensDropped() throws {
        let paginator = try #require(ServiceModel.shared.services["elbv2"]?.operations["DescribeLoadBalancers"]?.paginator)
        let merged = AWSClient.merge([
            try page(#"{"LoadBalancers": [{"LoadBalancerName": "a"}], "NextMarker": "m1"}"#),
            try page(#"{"LoadBalancers": [{"LoadBalancerName": "b"}, {"LoadBalancerName": "c"}]}"#),
        ], paginator)
        #expect(merged == (try page(#"{"LoadBalancers": [{"LoadBalancerName": "a"}, {"LoadBalancerName": "b"}, {"LoadBalancerName": "c"}]}"#)))
    }

    /// An EC2 page decoded from XML as botocore would: member names from the shape, `item` lists,
    /// typed scalars, entities decoded.
    @Test func ec2XMLBecomesTheCLIsJSON() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r</requestId>
              <vpcSet><item><vpcId>vpc-1</vpcId><cidrBlock>10.0.0.0/16</cidrBlock><isDefault>false</isDefault>
                <tagSet><item><key>Name</key><value>glowcorp &amp; co</value></item></tagSet></item></vpcSet>
              <nextToken>n</nextToken>
            </DescribeVpcsResponse>
            """
        let operation = try #require(ServiceModel.shared.services["ec2"]?.operations["DescribeVpcs"])
        let value = ResponseDecoder(model: .shared).decodeXML(try XMLReader.parse(Array(xml.utf8)), operation: operation)
        let vpc = try #require(value["Vpcs"]?.elements.first)
        #expect(vpc["VpcId"] == .string("vpc-1"))
        #expect(vpc["IsDefault"] == .bool(false))
        #expect(vpc["Tags"]?.elements.first?["Value"] == .string("glowcorp & co"))
        #expect(value["NextToken"] == .string("n"))
    }
}
