@testable import AWSRead
import JSON

/// The AWS XML decoder: parsing any bytes never traps, and a parsed document decodes into what the
/// AWS CLI would print for two operations of different shapes (ec2's and elbv2's).
func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let root = try? XMLReader.parse(bytes) else { return 0 }
    let model = ServiceModel.shared
    let decoder = ResponseDecoder(model: model)
    for (service, operation) in [("ec2", "DescribeInstances"), ("elbv2", "DescribeTargetHealth"), ("route53", "ListResourceRecordSets")] {
        guard let op = model.services[service]?.operations[operation] else { fatalError("no \(service) \(operation) in the model") }
        _ = JSONWriter.string(decoder.decodeXML(root, operation: op))
    }
    return 0
}
