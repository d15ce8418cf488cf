import Crypto
import Foundation

/// AWS Signature Version 4 for the requests the reader sends. HMAC and SHA-256 come from swift-crypto.
struct SigV4 {
    var credentials: AWSCredentials
    var region: String
    var service: String

    static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8))

    /// RFC 3986 percent-encoding, as SigV4 wants it (`/` kept when `keepSlash`).
    static func encode(_ s: String, keepSlash: Bool = false) -> String {
        var out = ""
        for b in s.utf8 {
            if unreserved.contains(b) || (keepSlash && b == UInt8(ascii: "/")) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    static func timestamp(_ date: Date) -> (amzDate: String, day: String) {
        var t = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&t, &parts)
        let day = String(format: "%04d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        return (day + String(format: "T%02d%02d%02dZ", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)), day)
    }

    /// Adds X-Amz-Date, X-Amz-Security-Token (for temporary credentials) and Authorization.
    func sign(_ request: inout HTTPRequest, at date: Date) {
        let (amzDate, day) = Self.timestamp(date)
        request.headers.removeAll { ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased()) }
        request.headers.append(("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken { request.headers.append(("X-Amz-Security-Token", token)) }
        if !request.headers.contains(where: { $0.name.lowercased() == "host" }) { request.headers.append(("Host", request.hostHeader)) }

        // As botocore: headers a proxy may change are not signed.
        let canonicalHeaders = request.headers
            .filter { !["user-agent", "expect", "transfer-encoding", "x-amzn-trace-id"].contains($0.name.lowercased()) }
            .map { (name: $0.name.lowercased(), value: $0.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")) }
            .sorted { $0.name < $1.name }
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let encodedQuery: [(String, String)] = request.query.map { (Self.encode($0.name), Self.encode($0.value)) }
        let sortedQuery = encodedQuery.sorted { (a: (String, String), b: (String, String)) -> Bool in a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }
        let query: String = sortedQuery.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let headerBlock: String = canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined()
        let payloadHash: String = Self.hex(SHA256.hash(data: request.body))
        let parts: [String] = [request.method, Self.encode(request.path, keepSlash: true), query, headerBlock, signedHeaders, payloadHash]
        let canonical = parts.joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Self.hex(SHA256.hash(data: Array(canonical.utf8))))"

        func hmac(_ key: [UInt8], _ text: String) -> [UInt8] {
            Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: key)))
        }
        var key = hmac(Array("AWS4\(credentials.secretAccessKey)".utf8), day)
        key = hmac(key, region)
        key = hmac(key, service)
        key = hmac(key, "aws4_request")
        let signature = Self.hex(hmac(key, toSign))
        request.headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
