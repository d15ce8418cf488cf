import CHTTP
import Foundation

/// HTTP(S) exchanges through libcurl (loaded on first use; see chttp.c for why), run concurrently, with
/// what libcurl measured about each: when the name was resolved, the connection made, TLS done, the first
/// byte back. The AWS reader and `trace` both send through here.
public enum HTTP {
    /// The most of a response body read by default (AWS's largest reads here are a few MB): a server
    /// sending gigabytes is stopped there, with a message, before memory runs out.
    public static let bodyCap = 64 << 20
    public struct Request: Sendable {
        public var method: String
        public var url: String
        /// Sent in this order; libcurl adds Host (unless given) and, for `plainHeaders == false`, nothing else.
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
        public var timeout: Double
        public var caBundle: String?
        /// curl's `--connect-to HOST:PORT:ADDR:PORT` and `--resolve HOST:PORT:ADDR` entries.
        public var connectTo: [String] = []
        public var resolve: [String] = []
        /// Keep at most this many body bytes (0: all of it).
        public var maxBody = 0
        /// Stop the transfer, as a failure, past this many body bytes (0: never; `timeout` still bounds it).
        public var bodyCap = HTTP.bodyCap
        /// true: libcurl's own default headers (Accept: */*) are left as they are.
        public var plainHeaders = false

        public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                    timeout: Double = 15, caBundle: String? = nil) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.timeout = timeout
            self.caBundle = caBundle
        }
    }

    /// Seconds from the start of the exchange, as libcurl reports them (0 for a stage not reached).
    public struct Timing: Sendable, Equatable {
        public var dns = 0.0, connect = 0.0, tls = 0.0, pretransfer = 0.0, firstByte = 0.0, total = 0.0
    }

    public struct Response: Sendable {
        public var status: Int
        /// The last header block (a proxy's or 100-continue's comes first), names lowercased.
        public var headers: [String: String]
        public var reason: String
        public var body: [UInt8]
        public var timing: Timing
        /// The address and port connected to.
        public var address: String
        public var port: Int
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// libcurl's result code (6 could not resolve, 7 could not connect, 28 timed out, 35/60 TLS, …); -1: libcurl unusable.
        public var code: Int
        public var osErrno: Int
        public var message: String
        public var timing: Timing
        public var address: String
        public var port: Int
        /// Stopped because the body grew past `Request.bodyCap` (or the headers past 256 KiB).
        public var tooLarge = false
        public var description: String { message }
    }

    public static func perform(_ requests: [Request], parallel: Int = 16) -> [Result<Response, Failure>] {
        guard !requests.isEmpty else { return [] }
        var allocations: [UnsafeMutablePointer<CChar>?] = []
        func keep(_ s: String) -> UnsafePointer<CChar>? {
            let p = strdup(s)
            allocations.append(p)
            return UnsafePointer(p)
        }
        var arrays: [UnsafeMutablePointer<UnsafePointer<CChar>?>] = []
        func array(_ lines: [String]) -> UnsafePointer<UnsafePointer<CChar>?> {
            let a = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(lines.count, 1))
            for (j, line) in lines.enumerated() { a[j] = keep(line) }
            arrays.append(a)
            return UnsafePointer(a)
        }
        var bodies: [UnsafeMutablePointer<UInt8>] = []
        defer {
            allocations.forEach { free($0) }
            arrays.forEach { $0.deallocate() }
            bodies.forEach { $0.deallocate() }
        }
        var exchanges = [glow_http_exchange](repeating: glow_http_exchange(), count: requests.count)
        for (i, r) in requests.enumerated() {
            // "Name:" with nothing after it tells libcurl to leave that header out.
            let lines = r.headers.map { $0.value.isEmpty ? "\($0.name):" : "\($0.name): \($0.value)" }
            let body = UnsafeMutablePointer<UInt8>.allocate(capacity: max(r.body.count, 1))
            body.initialize(from: r.body, count: r.body.count)
            bodies.append(body)
            exchanges[i].method = keep(r.method)
            exchanges[i].url = keep(r.url)
            exchanges[i].headers = array(lines)
            exchanges[i].header_count = Int32(lines.count)
            exchanges[i].body = UnsafeRawPointer(body).assumingMemoryBound(to: CChar.self)
            exchanges[i].body_length = r.body.count
            exchanges[i].timeout_ms = Int(r.timeout * 1000)
            exchanges[i].ca_bundle = r.caBundle.flatMap(keep)
            exchanges[i].connect_to = array(r.connectTo)
            exchanges[i].connect_to_count = Int32(r.connectTo.count)
            exchanges[i].resolve = array(r.resolve)
            exchanges[i].resolve_count = Int32(r.resolve.count)
            exchanges[i].max_body = r.maxBody
            exchanges[i].body_cap = r.bodyCap
            exchanges[i].plain_headers = r.plainHeaders ? 1 : 0
        }
        var error = [CChar](repeating: 0, count: 256)
        let rc = exchanges.withUnsafeMutableBufferPointer { glow_http_perform($0.baseAddress, Int32($0.count), Int32(parallel), &error, 256) }
        if rc != 0 {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return requests.map { _ in .failure(Failure(code: -1, osErrno: 0, message: message, timing: Timing(), address: "", port: 0)) }
        }
        return exchanges.indices.map { i in
            defer { glow_http_release(&exchanges[i]) }
            let x = exchanges[i]
            let timing = Timing(dns: x.time_dns, connect: x.time_connect, tls: x.time_tls, pretransfer: x.time_pretransfer,
                                firstByte: x.time_first_byte, total: x.time_total)
            let address = withUnsafeBytes(of: x.primary_ip) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard x.status != 0 else {
                var message = withUnsafeBytes(of: x.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if x.over_cap != 0 {
                    let cap = requests[i].bodyCap
                    message = x.over_cap == 2 ? "the response's headers were larger than 256 KiB; stopped reading it"
                        : "the response was larger than \(cap >= 1 << 20 ? "\(cap >> 20) MiB" : "\(cap) bytes"); stopped reading it"
                }
                return .failure(Failure(code: Int(x.curl_code), osErrno: Int(x.os_errno), message: message.isEmpty ? "no response" : message,
                                        timing: timing, address: address, port: x.primary_port, tooLarge: x.over_cap != 0))
            }
            let body = x.response_body.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: x.response_length)) } ?? []
            var headers: [String: String] = [:]
            var reason = ""
            if let raw = x.response_headers {
                let text = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: x.response_headers_length), as: UTF8.self)
                for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("HTTP/") {
                        headers = [:]
                        reason = line.split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? ""
                        continue
                    }
                    if let colon = line.firstIndex(of: ":") {
                        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    }
                }
            }
            return .success(Response(status: x.status, headers: headers, reason: reason, body: body, timing: timing, address: address, port: x.primary_port))
        }
    }
}
