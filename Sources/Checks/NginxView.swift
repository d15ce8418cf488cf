import Environment
import NginxConfig

/// What the checks need from nginx's directive tree: the `http` servers with their ports, names,
/// locations and proxy targets, and the keep-alive timeout, each with file:line.
struct NginxView: Sendable {
    struct Server: Sendable {
        var directive: NginxDirective
        var ports: [Int]
        var defaultPorts: [Int]
        var names: [String]
        var locations: [NginxDirective]
        /// Each location's enclosing locations, outermost first, by the location's file:line.
        var enclosing: [String: [NginxDirective]] = [:]
        /// Every directive in the server, at any depth (to find `return`, `if`, `proxy_pass`).
        var all: [NginxDirective]
    }

    var servers: [Server] = []
    /// The `http` block the servers are in (its directives are what they inherit).
    var http: NginxDirective?

    init(_ config: NginxConfiguration) {
        let root = config.resolved
        for http in root where http.name == "http" {
            if self.http == nil { self.http = http }
            for server in http.children("server") {
                var ports: [Int] = [], defaults: [Int] = []
                for listen in server.children("listen") {
                    guard let port = listen.args.first.flatMap(Self.port) else { continue }
                    if !ports.contains(port) { ports.append(port) }
                    if listen.args.contains("default_server") || listen.args.contains("default"), !defaults.contains(port) { defaults.append(port) }
                }
                if server.children("listen").isEmpty { ports = [80] }
                var all: [NginxDirective] = []
                var enclosing: [String: [NginxDirective]] = [:]
                func walk(_ list: [NginxDirective], _ outer: [NginxDirective]) {
                    for d in list {
                        all.append(d)
                        if d.name == "location" { enclosing[d.location] = outer }
                        walk(d.block ?? [], d.name == "location" ? outer + [d] : outer)
                    }
                }
                walk(server.block ?? [], [])
                servers.append(Server(directive: server, ports: ports, defaultPorts: defaults,
                                      names: server.children("server_name").flatMap(\.args),
                                      locations: all.filter { $0.name == "location" }, enclosing: enclosing, all: all))
            }
        }
    }

    // MARK: - Effective values

    /// A directive as nginx applies it to requests that `location` (or, without one, `server`) answers:
    /// the innermost level that sets it (the location, the locations around it, the server, `http`), each
    /// with the directives of that level. For a directive that may repeat (`proxy_set_header`,
    /// `set_real_ip_from`, `add_header`), a level that has any of it replaces everything outer levels
    /// set, as nginx's merge does: a location with one `proxy_set_header` sends none of the server's.
    /// Empty: not set anywhere, so nginx's built-in default applies.
    func effective(_ name: String, in server: Server, at location: NginxDirective? = nil) -> [NginxDirective] {
        var levels: [NginxDirective] = []
        if let location { levels = [location] + (server.enclosing[location.location] ?? []).reversed() }
        levels.append(server.directive)
        if let http { levels.append(http) }
        for level in levels {
            let found = level.children(name)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// nginx's `keepalive_timeout` for what `location` answers in `server` (default 75 s), with where it is set.
    func keepalive(in server: Server, at location: NginxDirective? = nil) -> (seconds: Int, location: String?) {
        guard let d = effective("keepalive_timeout", in: server, at: location).last, let s = d.args.first.flatMap(Self.seconds) else { return (75, nil) }
        return (s, d.location)
    }

    var listenPorts: [Int] {
        var ports: [Int] = []
        for s in servers { for p in s.ports where !ports.contains(p) { ports.append(p) } }
        return ports.sorted()
    }

    /// The server nginx picks for a request to `port` whose Host matches no name: the one marked
    /// `default_server`, else the first server listening on the port.
    func defaultServer(port: Int) -> Server? {
        servers.first { $0.defaultPorts.contains(port) } ?? servers.first { $0.ports.contains(port) }
    }

    /// The server that answers `host` on `port`: exact name, then `*.suffix` wildcard, else the default.
    func server(host: String, port: Int) -> Server? {
        let candidates = servers.filter { $0.ports.contains(port) }
        if let exact = candidates.first(where: { $0.names.contains { $0.lowercased() == host } }) { return exact }
        if let wild = candidates.first(where: { $0.names.contains { $0.hasPrefix("*.") && host.hasSuffix(String($0.dropFirst(1))) } }) { return wild }
        return defaultServer(port: port)
    }

    /// Whether a location in `server` answers `path` (exact `= /path`, or a prefix location).
    func location(in server: Server, answering path: String) -> NginxDirective? {
        let locations = server.locations
        if let exact = locations.first(where: { $0.args.count == 2 && $0.args[0] == "=" && $0.args[1] == path }) { return exact }
        return locations.filter { $0.args.count == 1 && path.hasPrefix($0.args[0]) }.max { $0.args[0].count < $1.args[0].count }
    }

    /// `80`, `[::]:80`, `127.0.0.1:8080`, `*:80`, `localhost` (80). nil for unix sockets.
    static func port(_ listen: String) -> Int? {
        if listen.hasPrefix("unix:") { return nil }
        if let n = Int(listen) { return n }
        if let colon = listen.lastIndex(of: ":"), !listen.hasSuffix("]") { return Int(listen[listen.index(after: colon)...]) }
        return 80
    }

    /// nginx time values: `75`, `75s`, `1m`, `1m30s`; nil for anything else, and for more than a year
    /// (nginx itself refuses values that overflow; `99999999999999999999999s` once trapped here).
    static func seconds(_ text: String) -> Int? {
        let limit = 366 * 86400
        var total = 0, number = 0
        var sawDigit = false
        for c in text {
            if let d = c.wholeNumberValue, c.isASCII {
                number = number * 10 + d
                guard number <= limit else { return nil }
                sawDigit = true
                continue
            }
            guard sawDigit else { return nil }
            switch c {
            case "s": total += number
            case "m": total += number * 60
            case "h": total += number * 3600
            case "d": total += number * 86400
            default: return nil
            }
            guard total <= limit else { return nil }
            number = 0
            sawDigit = false
        }
        total += number
        return total <= limit ? total : nil
    }

    /// `http://127.0.0.1:3000` → 3000 (80 when the URL has no port; nil for an upstream name).
    static func proxyPort(_ url: String) -> (host: String, port: Int?) {
        var rest = url
        for scheme in ["http://", "https://"] where rest.hasPrefix(scheme) { rest.removeFirst(scheme.count) }
        if let slash = rest.firstIndex(of: "/") { rest = String(rest[..<slash]) }
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            return (String(rest[..<colon]), Int(rest[rest.index(after: colon)...]))
        }
        return (rest, url.hasPrefix("https://") ? 443 : 80)
    }
}
