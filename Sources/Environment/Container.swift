import JSON
/// A Docker container, from `docker ps --format '{{json .}}'` or `docker inspect`.
public struct Container: Sendable, Hashable {
    public struct PortMapping: Sendable, Hashable {
        public var hostIp: String?
        public var hostPort: Int?
        public var containerPort: Int
        public var proto: String
    }

    public var name: String
    public var image: String
    public var state: String
    public var status: String
    public var ports: [PortMapping]

    public var isRunning: Bool { state == "running" }
    public var published: [PortMapping] { ports.filter { $0.hostPort != nil } }

    /// A `docker ps` JSON line.
    init?(ps j: JSONValue) {
        guard let names = j["Names"]?.string else { return nil }
        name = names.split(separator: ",").first.map(String.init) ?? names
        image = j["Image"]?.string ?? ""
        status = j["Status"]?.string ?? ""
        state = j["State"]?.string ?? (status.hasPrefix("Up") ? "running" : "exited")
        ports = Self.parsePorts(j["Ports"]?.string ?? "")
    }

    /// An element of `docker inspect`.
    init?(inspect j: JSONValue) {
        guard let raw = j["Name"]?.string else { return nil }
        name = raw.hasPrefix("/") ? String(raw.dropFirst()) : raw
        image = j["Config"]?["Image"]?.string ?? j["Image"]?.string ?? ""
        state = j["State"]?["Status"]?.string ?? "unknown"
        status = state
        var ports: [PortMapping] = []
        if let map = (j["NetworkSettings"]?["Ports"] ?? j["HostConfig"]?["PortBindings"])?.object {
            for (key, bindings) in map.pairs {
                let parts = key.split(separator: "/")
                guard let port = parts.first.flatMap({ Int($0) }) else { continue }
                let proto = parts.count > 1 ? String(parts[1]) : "tcp"
                let list = bindings.elements
                if list.isEmpty { ports.append(PortMapping(hostIp: nil, hostPort: nil, containerPort: port, proto: proto)) }
                for b in list {
                    ports.append(PortMapping(hostIp: b["HostIp"]?.string, hostPort: b["HostPort"]?.string.flatMap { Int($0) },
                                             containerPort: port, proto: proto))
                }
            }
        }
        self.ports = ports
    }

    /// `127.0.0.1:3000->3000/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 3000/tcp`.
    static func parsePorts(_ text: String) -> [PortMapping] {
        text.split(separator: ",").compactMap { item in
            let s = item.trimmingCharacters(in: .whitespaces)
            let (left, right): (String?, String) = {
                if let r = s.range(of: "->") { return (String(s[..<r.lowerBound]), String(s[r.upperBound...])) }
                return (nil, s)
            }()
            let rparts = right.split(separator: "/")
            guard let containerPort = rparts.first.flatMap({ Int($0.split(separator: "-").first ?? $0) }) else { return nil }
            let proto = rparts.count > 1 ? String(rparts[1]) : "tcp"
            guard let left, let colon = left.lastIndex(of: ":") else {
                return PortMapping(hostIp: nil, hostPort: nil, containerPort: containerPort, proto: proto)
            }
            return PortMapping(hostIp: String(left[..<colon]), hostPort: Int(left[left.index(after: colon)...]),
                               containerPort: containerPort, proto: proto)
        }
    }
}
