import Checks
import Environment
import Foundation
import HTTP

/// One real request followed hop by hop: each redirect is a new request, sent by us (not by libcurl's
/// follow mode) so every hop has its own timing and a loop is seen the second time a URL comes back.
public struct TraceRequest: Sendable {
    public var url: String
    /// curl's `--resolve HOST:PORT:ADDR`: the name resolves to ADDR for that port.
    public var resolve: [String] = []
    /// curl's `--connect-to HOST:PORT:ADDR:PORT`: connect there instead (the URL and Host stay).
    public var connectTo: [String] = []
    /// Extra request headers (`Host: …`, `X-Forwarded-Proto: https`, …), sent on every hop to the same host.
    public var headers: [(name: String, value: String)] = []
    /// A CA bundle to trust instead of the system's (a test CA, a corporate proxy's).
    public var caBundle: String?
    public var timeout: Double = 10
    public var maxRedirects = 10
    /// Connect only where --resolve/--connect-to say: any other host is not looked up or contacted.
    public var mappedOnly = false
    /// Follow a redirect to a link-local or metadata address (169.254.0.0/16, fe80::/10, the EC2 IPv6
    /// metadata address): off unless asked, as such a redirect is how a request is turned against the
    /// instance's own credentials.
    public var allowLinkLocal = false

    public init(url: String) { self.url = url }

    /// 169.254.0.0/16, fe80::/10, fd00:ec2::254 and the metadata names.
    public static func isLinkLocal(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        if ["metadata.google.internal", "instance-data", "instance-data.ec2.internal", "fd00:ec2::254"].contains(h) { return true }
        if h.hasPrefix("fe8") || h.hasPrefix("fe9") || h.hasPrefix("fea") || h.hasPrefix("feb") { return h.contains(":") }
        let parts = h.split(separator: ".").map { Int($0) }
        return parts.count == 4 && parts[0] == 169 && parts[1] == 254
    }

    /// What is wrong with the request's options, naming the option; nil when they are usable.
    public func problems() -> [String] {
        var out: [String] = []
        if TraceURL(url) == nil { out.append("\(url): 호스트가 있는 http:// 또는 https:// URL을 적어 주세요. 예: https://app.glowcorp.io/") }
        for r in resolve where Self.parts(r).count != 3 || Self.parts(r)[2].isEmpty || Int(Self.parts(r)[1]) == nil {
            out.append("--resolve \(r): HOST:PORT:ADDR로 적어 주세요. 예: app.glowcorp.io:443:127.0.0.1")
        }
        for c in connectTo where Self.parts(c).count != 4 || Int(Self.parts(c)[3]) == nil {
            out.append("--connect-to \(c): HOST:PORT:ADDR:PORT로 적어 주세요. 예: app.glowcorp.io:443:127.0.0.1:8443")
        }
        for h in headers where h.name.isEmpty || h.name.contains(" ") {
            out.append("--header '\(h.name): \(h.value)': 'Name: value'로 적어 주세요.")
        }
        if mappedOnly && resolve.isEmpty && connectTo.isEmpty { out.append("--mapped-only는 --resolve나 --connect-to와 함께 써요.") }
        return out
    }

    /// HOST:PORT:ADDR with ADDR possibly an IPv6 literal in brackets.
    static func parts(_ entry: String) -> [String] {
        var out: [String] = []
        var current = ""
        var bracket = false
        for c in entry {
            if c == "[" { bracket = true } else if c == "]" { bracket = false }
            if c == ":" && !bracket { out.append(current); current = "" } else { current.append(c) }
        }
        out.append(current)
        return out
    }

    /// The --connect-to (first) or --resolve entry that applies to host:port (an empty HOST or PORT matches
    /// any), and where it sends the request.
    func mapping(host: String, port: Int) -> (option: String, address: String, port: Int)? {
        func matches(_ e: String) -> Bool {
            let p = Self.parts(e)
            guard p.count >= 2 else { return false }
            return (p[0].isEmpty || p[0].lowercased() == host) && (p[1].isEmpty || Int(p[1]) == port)
        }
        if let c = connectTo.first(where: matches) {
            let p = Self.parts(c)
            return ("--connect-to \(c)", p[2].isEmpty ? host : p[2], Int(p[3]) ?? port)
        }
        if let r = resolve.first(where: matches) { return ("--resolve \(r)", Self.parts(r)[2], port) }
        return nil
    }
}

/// A URL as the trace needs it: scheme, host, port (default filled in), and the request target.
public struct TraceURL: Sendable, Hashable {
    public var scheme: String
    public var host: String
    public var port: Int
    public var target: String

    public init?(_ text: String) {
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = c.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        port = c.port ?? (scheme == "https" ? 443 : 80)
        let path = c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath
        target = path + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// The same URL written one way (default port left out), so a loop is seen whatever the spelling.
    public var normalized: String {
        let defaultPort = (scheme == "https" && port == 443) || (scheme == "http" && port == 80)
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(h)\(defaultPort ? "" : ":\(port)")\(target)"
    }

    /// `Location` resolved against this URL (it may be relative).
    func resolving(_ location: String) -> String? {
        guard let base = URL(string: normalized), let next = URL(string: location, relativeTo: base) else { return nil }
        return next.absoluteString
    }
}

public struct TraceHop: Sendable {
    public var url: TraceURL
    /// The address and port connected to (or tried): what libcurl reports, else what the options map the URL to.
    public var address: String
    public var port: Int
    public var destination: String { address.contains(":") && !address.hasPrefix("[") ? "[\(address)]:\(port)" : "\(address):\(port)" }
    /// The option that decided where this hop connected, if one did.
    public var mapping: String?
    /// nil: not sent (see the trace's problem).
    public var outcome: Result<HTTP.Response, HTTP.Failure>?
    /// For a redirect: where it sends the client, absolute.
    public var location: String?
}

public enum TraceProblem: Sendable, Equatable {
    case dns, refused, connectTimeout, responseTimeout, tls(String), other(String)
    case http(status: Int, server: String)
    case redirectLoop([String])
    case tooManyRedirects(Int)
    case notMapped(String)
    case linkLocalRedirect(String)
}

public struct TraceResult: Sendable {
    public var request: TraceRequest
    public var hops: [TraceHop]
    public var problem: TraceProblem?
}

public enum Tracer {
    public static func run(_ request: TraceRequest) -> TraceResult {
        var hops: [TraceHop] = []
        var seen: [String] = []
        guard var url = TraceURL(request.url) else { return TraceResult(request: request, hops: [], problem: .other("bad URL")) }
        let origin = (scheme: url.scheme, host: url.host, port: url.port)
        while true {
            let mapping = request.mapping(host: url.host, port: url.port)
            var hop = TraceHop(url: url, address: mapping?.address ?? url.host, port: mapping?.port ?? url.port, mapping: mapping?.option)
            if request.mappedOnly && mapping == nil {
                hops.append(hop)
                return TraceResult(request: request, hops: hops, problem: .notMapped(url.normalized))
            }
            seen.append(url.normalized)
            var exchange = HTTP.Request(url: url.normalized, timeout: request.timeout, caBundle: request.caBundle)
            // A Host given for the first host is not sent to another one a redirect leads to, and credentials
            // (Authorization, Cookie, Proxy-Authorization) go only to the origin they were given for: not
            // to another host, port or scheme (curl does the same since CVE-2022-27776).
            let sameOrigin = url.scheme == origin.scheme && url.host == origin.host && url.port == origin.port
            exchange.headers = request.headers.filter { header in
                switch header.name.lowercased() {
                case "host": return url.host == origin.host
                case "authorization", "cookie", "proxy-authorization": return sameOrigin
                default: return true
                }
            }
            exchange.connectTo = request.connectTo
            exchange.resolve = request.resolve
            exchange.maxBody = 16 * 1024
            exchange.bodyCap = 0  // only 16 KiB is kept; --timeout bounds how long the rest is read
            exchange.plainHeaders = true
            let outcome = HTTP.perform([exchange])[0]
            hop.outcome = outcome
            switch outcome {
            case .success(let r) where !r.address.isEmpty: (hop.address, hop.port) = (r.address, r.port)
            case .failure(let f) where !f.address.isEmpty && f.port != 0: (hop.address, hop.port) = (f.address, f.port)
            default: break
            }
            switch outcome {
            case .failure(let failure):
                hops.append(hop)
                return TraceResult(request: request, hops: hops, problem: classify(failure))
            case .success(let response):
                let redirect = [301, 302, 303, 307, 308].contains(response.status)
                guard redirect, let location = response.headers["location"], let next = url.resolving(location), let nextURL = TraceURL(next) else {
                    hops.append(hop)
                    let problem: TraceProblem? = response.status >= 400 ? .http(status: response.status, server: response.headers["server"] ?? "") : nil
                    return TraceResult(request: request, hops: hops, problem: problem)
                }
                hop.location = nextURL.normalized
                hops.append(hop)
                if !request.allowLinkLocal && TraceRequest.isLinkLocal(nextURL.host) {
                    return TraceResult(request: request, hops: hops, problem: .linkLocalRedirect(nextURL.normalized))
                }
                if seen.contains(nextURL.normalized) {
                    return TraceResult(request: request, hops: hops, problem: .redirectLoop(seen + [nextURL.normalized]))
                }
                if hops.count > request.maxRedirects {
                    return TraceResult(request: request, hops: hops, problem: .tooManyRedirects(request.maxRedirects))
                }
                url = nextURL
            }
        }
    }

    /// libcurl's result codes (curl/curl.h) and the connect errno, as a learner reads them.
    static func classify(_ f: HTTP.Failure) -> TraceProblem {
        switch f.code {
        case 6: return .dns
        case 7 where f.osErrno == 111: return .refused  // ECONNREFUSED
        case 7 where f.osErrno == 110: return .connectTimeout  // ETIMEDOUT
        case 28: return f.timing.connect == 0 ? .connectTimeout : .responseTimeout
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98: return .tls(f.message)
        default: return .other(f.message)
        }
    }
}
