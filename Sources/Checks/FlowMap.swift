import Environment
import NginxConfig

/// The chain for one record name, hop by hop, with each hop's state taken from the checks' findings:
/// what `map` draws. Built here (the renderer only draws it).
public struct FlowMap: Sendable {
    public struct Hop: Sendable {
        public var title: String
        public var lines: [String]
        public var status: Finding.Status
        /// The root-cause problem of this hop, if any.
        public var problem: Finding?
        /// The AWS resources this hop shows (a hosted zone, a load balancer, a target group, instances),
        /// for their console pages; none for what is inside the host.
        public var resources: [String] = []
    }

    public var record: String
    public var hops: [Hop]

    /// Which checks speak for which hop of the map.
    static let hopChecks: [(title: String, prefixes: [String])] = [
        ("Route53", ["dns.", "chain.alias-target"]),
        ("ALB", ["alb.", "network.", "chain.listener-target-group"]),
        ("대상 그룹", ["target-group.", "chain.same-vpc", "chain.target-az-enabled"]),
        ("EC2", ["ec2.", "chain.sg-alb-to-instance"]),
        ("nginx", ["nginx.", "chain.tg-port-nginx-listen", "chain.health-check-path", "chain.server-name-records", "chain.keepalive-idle-timeout"]),
        ("도커 앱", ["docker.", "chain.proxy-pass-published-port"]),
    ]

    /// `findings` defaults to every check of the catalogue run on the snapshot.
    public static func build(snapshot s: Snapshot, findings: [Finding]? = nil, records: [String] = Chain.defaultRecords) -> [FlowMap] {
        let findings = findings ?? Verifier.run(Verifier.everyCheck, on: s)
        let chain = Chain(snapshot: s, records: records)
        let view = chain.nginx
        return chain.recordNames.map { name in
            var lines: [[String]] = Array(repeating: [], count: hopChecks.count)
            if let r = chain.records[name] {
                lines[0] = ["\(name) → \(r.type)\(r.alias != nil ? " 별칭" : "") → \(r.target ?? "?")"]
            } else {
                lines[0] = ["\(name): 레코드 없음"]
            }
            if let lb = chain.loadBalancer {
                let zones = lb.zones.map { String($0.zone.suffix(2)) }.joined(separator: ", ")
                let listeners = chain.listeners.sorted { $0.port < $1.port }.map { l in
                    l.redirect.map { ":\(l.port)→\($0.port ?? "?")" } ?? ":\(l.port)"
                }.joined(separator: " ")
                lines[1] = ["\(lb.name) · \(lb.scheme) · AZ \(zones)", "리스너 \(listeners.isEmpty ? "없음" : listeners)"]
                // The names the HTTPS listeners' certificates cover, and a network ACL that drops this path.
                var seen: [String] = []
                for arn in chain.listeners.filter({ $0.proto == "HTTPS" }).flatMap(\.certificateArns) where !seen.contains(arn) {
                    seen.append(arn)
                    guard let c = s.certificates?.first(where: { $0.arn == arn }) else { continue }
                    lines[1].append("인증서 \(c.names.joined(separator: ", ")) · \(c.status)")
                }
                if let acl = findings.first(where: { $0.check == "network.acl" && $0.status == .fail }) {
                    lines[1].append("네트워크 ACL \(acl.location ?? "") · \(acl.actual ?? "거부")")
                }
            } else {
                lines[1] = ["로드 밸런서를 찾지 못함"]
            }
            if let tg = chain.targetGroup {
                lines[2] = ["\(tg.name) · \(tg.proto):\(tg.port) · \(tg.targetType)",
                            "상태 검사 \(tg.healthCheckPath ?? "?") · 대상 \(tg.targets?.count ?? 0)개"]
            } else {
                lines[2] = ["대상 그룹을 찾지 못함"]
            }
            lines[3] = chain.instances.isEmpty ? ["인스턴스를 찾지 못함"] : chain.instances.map { i in
                "\(i.name ?? i.id) · \(i.state) · \(i.availabilityZone) · \(s.subnet(i.subnetId)?.name ?? i.subnetId)"
            }
            var proxyPort: Int?
            // The server for this name on the port the target group uses, else on any port (the map shows
            // what nginx would do with the name even when the port is the broken part).
            let server = view.flatMap { v in
                v.server(host: name, port: chain.targetGroup?.port ?? 80)
                    ?? v.servers.first { $0.names.contains { $0.lowercased() == name } } ?? v.defaultServer(port: 80)
            }
            if let view, let server {
                let location = view.location(in: server, answering: "/")
                let pass = location?.block?.first { $0.name == "proxy_pass" }?.args.first
                proxyPort = pass.flatMap { NginxView.proxyPort($0).port }
                lines[4] = ["server \(server.names.first ?? "_") (\(server.directive.location.replacingOccurrences("/etc/nginx/", with: "")))",
                            "location \(location?.args.joined(separator: " ") ?? "?") → \(pass.map { "proxy_pass \($0)" } ?? "proxy_pass 없음")"]
            } else {
                lines[4] = [s.nginx == nil ? "nginx 설정 없음" : "이 이름을 받는 server가 없음"]
            }
            if let containers = s.containers {
                let c = containers.first { c in c.published.contains { $0.hostPort == proxyPort } }
                    ?? containers.first { c in c.ports.contains { $0.containerPort == proxyPort } }
                    ?? containers.first { !$0.isRunning }
                lines[5] = c.map { ["\($0.name) · \($0.image)", "\($0.status) · " + ($0.published.map { "\($0.hostIp ?? "0.0.0.0"):\($0.hostPort!)->\($0.containerPort)" }.first ?? "게시된 포트 없음")] }
                    ?? ["포트 \(proxyPort.map(String.init) ?? "?")의 컨테이너를 찾지 못함"]
            } else {
                lines[5] = ["도커 정보 없음"]
            }
            let hops = hopChecks.enumerated().map { index, entry -> Hop in
                let mine = findings.filter { f in entry.prefixes.contains { f.check.hasPrefix($0) } }
                    .filter { f in f.location == nil || !Self.otherRecord(f, name, chain.recordNames) }
                let status = mine.map(\.status).min() ?? .notChecked
                let problem = mine.first { ($0.status == .fail || $0.status == .warn) && $0.rootCause }
                    ?? mine.first { $0.status == .fail || $0.status == .warn }
                var hop = Hop(title: entry.title, lines: lines[index], status: mine.isEmpty ? .notChecked : (status == .notChecked && mine.contains { $0.status == .pass } ? .pass : status), problem: problem)
                switch index {
                case 0: hop.resources = chain.zone.map { [$0.id] } ?? []
                case 1: hop.resources = chain.loadBalancer.map { [$0.arn] } ?? []
                case 2: hop.resources = chain.targetGroup.map { [$0.arn] } ?? []
                case 3: hop.resources = chain.instances.map(\.id)
                default: break
                }
                return hop
            }
            return FlowMap(record: name, hops: hops)
        }
    }

    /// A per-record finding about another record name does not colour this record's map.
    static func otherRecord(_ f: Finding, _ name: String, _ all: [String]) -> Bool {
        guard let location = f.location, all.contains(location) else { return false }
        return location != name
    }
}
