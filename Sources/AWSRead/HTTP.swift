import Foundation
import HTTP

/// One request, before it is signed and sent.
struct HTTPRequest: Sendable {
    var method: String
    var scheme: String
    var host: String
    var port: Int?
    var path: String
    var query: [(name: String, value: String)] = []
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []

    var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return "\(host):\(port)"
    }

    var url: String {
        var s = "\(scheme)://\(hostHeader)\(SigV4.encode(path, keepSlash: true))"
        if !query.isEmpty { s += "?" + query.map { "\(SigV4.encode($0.name))=\(SigV4.encode($0.value))" }.joined(separator: "&") }
        return s
    }
}

struct HTTPResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
}

/// Sends requests concurrently (see the HTTP target).
enum HTTPClient {
    /// libcurl's result code, as a kind of failure.
    static func kind(of failure: HTTP.Failure) -> AWSError.TransportKind {
        if failure.tooLarge { return .tooLarge }
        switch failure.code {
        case 5, 6: return .nameResolution       // proxy or host not resolved
        case 7: return .connect                 // refused or unreachable
        case 28: return .timeout
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91: return .tls
        default: return .other
        }
    }

    static func perform(_ requests: [HTTPRequest], timeout: Double, caBundle: String?) -> [Result<HTTPResponse, AWSError>] {
        let exchanges = requests.map { r in
            // Content-Type blanked unless set: libcurl would add one to a POST, and it is not signed.
            let headers = r.headers + (r.headers.contains { $0.name.lowercased() == "content-type" } ? [] : [(name: "Content-Type", value: "")])
            return HTTP.Request(method: r.method, url: r.url, headers: headers, body: r.body, timeout: timeout, caBundle: caBundle)
        }
        return HTTP.perform(exchanges).map { outcome in
            switch outcome {
            case .success(let r): return .success(HTTPResponse(status: r.status, headers: r.headers, body: r.body))
            case .failure(let f): return .failure(.transport(Self.kind(of: f), f.message))
            }
        }
    }
}
