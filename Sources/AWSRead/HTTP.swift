import CHTTP
import Foundation

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

/// Sends requests concurrently through libcurl (loaded on first use; see chttp.c for why).
enum HTTPClient {
    static func perform(_ requests: [HTTPRequest], timeout: Double, caBundle: String?) -> [Result<HTTPResponse, AWSError>] {
        guard !requests.isEmpty else { return [] }
        var allocations: [UnsafeMutablePointer<CChar>?] = []
        func keep(_ s: String) -> UnsafeMutablePointer<CChar>? {
            let p = strdup(s)
            allocations.append(p)
            return p
        }
        var headerArrays: [UnsafeMutablePointer<UnsafePointer<CChar>?>] = []
        var bodies: [UnsafeMutablePointer<UInt8>] = []
        defer {
            allocations.forEach { free($0) }
            headerArrays.forEach { $0.deallocate() }
            bodies.forEach { $0.deallocate() }
        }
        var exchanges = [glow_http_exchange](repeating: glow_http_exchange(), count: requests.count)
        for (i, r) in requests.enumerated() {
            let lines = r.headers.map { "\($0.name): \($0.value)" } + (r.headers.contains { $0.name.lowercased() == "content-type" } ? [] : ["Content-Type:"])
            let array = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(lines.count, 1))
            for (j, line) in lines.enumerated() { array[j] = UnsafePointer(keep(line)) }
            headerArrays.append(array)
            let body = UnsafeMutablePointer<UInt8>.allocate(capacity: max(r.body.count, 1))
            body.initialize(from: r.body, count: r.body.count)
            bodies.append(body)
            exchanges[i].method = UnsafePointer(keep(r.method))
            exchanges[i].url = UnsafePointer(keep(r.url))
            exchanges[i].headers = UnsafePointer(array)
            exchanges[i].header_count = Int32(lines.count)
            exchanges[i].body = UnsafeRawPointer(body).assumingMemoryBound(to: CChar.self)
            exchanges[i].body_length = r.body.count
            exchanges[i].timeout_ms = Int(timeout * 1000)
            exchanges[i].ca_bundle = caBundle.map { UnsafePointer(keep($0)) } ?? nil
        }
        var error = [CChar](repeating: 0, count: 256)
        let rc = exchanges.withUnsafeMutableBufferPointer { glow_http_perform($0.baseAddress, Int32($0.count), 16, &error, 256) }
        if rc != 0 {
            let message = String(cString: error)
            return requests.map { _ in .failure(.transport(message)) }
        }
        var results: [Result<HTTPResponse, AWSError>] = []
        for i in exchanges.indices {
            defer { glow_http_release(&exchanges[i]) }
            let x = exchanges[i]
            guard x.status != 0 else {
                let message = withUnsafeBytes(of: x.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                results.append(.failure(.transport(message.isEmpty ? "no response" : message)))
                continue
            }
            let body = x.response_body.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: x.response_length)) } ?? []
            var headers: [String: String] = [:]
            if let raw = x.response_headers {
                let text = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: x.response_headers_length), as: UTF8.self)
                // Only the last block counts (a proxy's or 100-continue's block comes first).
                for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("HTTP/") { headers = [:]; continue }
                    if let colon = line.firstIndex(of: ":") {
                        headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingSpaces
                    }
                }
            }
            results.append(.success(HTTPResponse(status: x.status, headers: headers, body: body)))
        }
        return results
    }
}
