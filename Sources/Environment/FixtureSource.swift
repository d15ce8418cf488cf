import Foundation
import NginxConfig
import JSON

/// Reads a fixture directory — AWS CLI JSON files named `<service>-<operation>[.<qualifier>].json`, the
/// host's `etc/nginx/…` or `nginx-T.txt`, and `docker-ps.jsonl` and/or `docker-inspect.json` — into a
/// Snapshot. Tolerant of what real captures hold: unknown files are listed, broken JSON is reported with
/// file:line:col and the rest still loads.
public enum FixtureSource {
    public static func load(directory: String) -> Snapshot {
        var snapshot = Snapshot(source: "fixture \(directory)")
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            snapshot.issues.append(.init(kind: .error, message: "fixture 디렉터리 \(directory, .을를) 읽을 수 없어요"))
            return snapshot
        }
        var json: [String: JSONValue] = [:]
        var psLines: [JSONValue]?, inspectList: [JSONValue]?
        for name in names.sorted() {
            let path = "\(directory)/\(name)"
            if name.hasSuffix(".json") && name != "docker-inspect.json" {
                // A capture that is a directory, a FIFO, a link to /dev/zero or too large is said, not skipped.
                let data: Data
                do { data = try BoundedRead.file(path, limit: BoundedRead.documentLimit) } catch {
                    snapshot.issues.append(.init(kind: .error, message: error.description))
                    continue
                }
                do { json[String(name.dropLast(5))] = try JSONParser.parse(bytes: Array(data)) } catch {
                    snapshot.issues.append(.init(kind: .error, message: "\(path):\(error.line):\(error.column): \(error.message)"))
                }
            } else if name == "docker-ps.jsonl" {
                psLines = dockerPS(path, &snapshot.issues)
            } else if name == "docker-inspect.json" {
                let data: Data
                do { data = try BoundedRead.file(path, limit: BoundedRead.documentLimit) } catch {
                    snapshot.issues.append(.init(kind: .error, message: error.description))
                    continue
                }
                inspectList = dockerInspect(text: String(decoding: data, as: UTF8.self), label: path, &snapshot.issues)
            } else if name == "captured-at.txt" {
                // One ISO 8601 line: when the capture was made, so a certificate's expiry is judged then.
                let text = (try? BoundedRead.file(path, limit: 256)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                if let date = ISO8601DateFormatter().date(from: text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    snapshot.capturedAt = date
                } else {
                    snapshot.issues.append(.init(kind: .notice, message: "\(path): ISO 8601 시각(2026-12-02T10:00:00Z)이 아니라서 지금 시각으로 판단해요"))
                }
            } else if ["etc", "nginx-T.txt", "README.md", "user-data.sh"].contains(name) || name.hasPrefix(".") {
                continue
            } else {
                snapshot.issues.append(.init(kind: .notice, message: "\(path): glow-onboard가 읽는 파일이 아니라서 건너뛰었어요"))
            }
        }
        let config = nginx(directory, &snapshot.issues)
        return assemble(into: snapshot, label: directory, json: json, dockerPS: psLines, dockerInspect: inspectList, nginx: config)
    }

    /// A Snapshot from what was read, wherever it came from (a fixture directory, a live account or
    /// host). `label` prefixes the names in messages.
    public static func assemble(
        into snapshot: Snapshot, label: String, json: [String: JSONValue], dockerPS: [JSONValue]?, dockerInspect: [JSONValue]?,
        nginx: NginxConfiguration?
    ) -> Snapshot {
        var snapshot = snapshot
        // docker ps, when present, is the fuller view; inspect fills in containers it lacks.
        let ps = dockerPS?.compactMap(Container.init(ps:))
        let inspected = dockerInspect?.compactMap(Container.init(inspect:))
        if ps != nil || inspected != nil {
            let known = Set((ps ?? []).map(\.name))
            snapshot.containers = (ps ?? []) + (inspected ?? []).filter { !known.contains($0.name) }
        }
        apply(json, to: &snapshot, directory: label)
        snapshot.nginx = nginx
        snapshot.document = SnapshotDocument.build(captures: json, nginx: nginx, docker: dockerPS ?? dockerInspect)
        return snapshot
    }

    /// The JSON objects of a `docker ps --format '{{json .}}'` capture file, one per line.
    static func dockerPS(_ path: String, _ issues: inout [Snapshot.Issue]) -> [JSONValue] {
        let data: Data
        do { data = try BoundedRead.file(path, limit: BoundedRead.documentLimit) } catch {
            issues.append(.init(kind: .error, message: error.description))
            return []
        }
        return dockerPS(text: String(decoding: data, as: UTF8.self), label: path, &issues)
    }

    /// The same from the command's output; a broken line is reported as label:line:col.
    public static func dockerPS(text: String, label: String, _ issues: inout [Snapshot.Issue]) -> [JSONValue] {
        var containers: [JSONValue] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do {
                containers.append(try JSONParser.parse(String(line)))
            } catch {
                issues.append(.init(kind: .error, message: "\(label):\(i + 1):\(error.column): \(error.message)"))
            }
        }
        return containers
    }

    /// The containers of a `docker inspect` capture; broken JSON is reported as label:line:col.
    static func dockerInspect(text: String, label: String, _ issues: inout [Snapshot.Issue]) -> [JSONValue]? {
        do { return try JSONParser.parse(text).elements } catch {
            issues.append(.init(kind: .error, message: "\(label):\(error.line):\(error.column): \(error.message)"))
            return nil
        }
    }

    static func nginx(_ directory: String, _ issues: inout [Snapshot.Issue]) -> NginxConfiguration? {
        let fm = FileManager.default
        if fm.fileExists(atPath: "\(directory)/nginx-T.txt") {
            do { return try NginxInput.load(path: "\(directory)/nginx-T.txt") } catch {
                issues.append(.init(kind: .error, message: "\(directory)/nginx-T.txt: \(error)"))
            }
        }
        if fm.fileExists(atPath: "\(directory)/etc/nginx/nginx.conf") {
            return NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: FileSystemSource(root: directory))
        }
        if fm.fileExists(atPath: "\(directory)/etc/nginx/conf.d") {
            // Only conf.d was copied: read it as the stock nginx.conf would include it, inside `http`.
            let stub = "http {\n    include /etc/nginx/conf.d/*.conf;\n}\n"
            var files: [String: [UInt8]] = ["/etc/nginx/nginx.conf": Array(stub.utf8)]
            for name in (try? fm.contentsOfDirectory(atPath: "\(directory)/etc/nginx/conf.d")) ?? [] {
                if let data = fm.contents(atPath: "\(directory)/etc/nginx/conf.d/\(name)") { files["/etc/nginx/conf.d/\(name)"] = Array(data) }
            }
            return NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: InMemorySource(files: files))
        }
        return nil
    }

    /// Files whose name is `<service>-<operation>.<qualifier>`.
    static func qualified(_ json: [String: JSONValue], _ prefix: String) -> [(qualifier: String, value: JSONValue)] {
        json.filter { $0.key.hasPrefix(prefix + ".") }.map { (String($0.key.dropFirst(prefix.count + 1)), $0.value) }
            .sorted { $0.qualifier < $1.qualifier }
    }

    static func apply(_ json: [String: JSONValue], to s: inout Snapshot, directory: String) {
        var used = Set<String>()
        func take(_ name: String) -> JSONValue? {
            guard let v = json[name] else { return nil }
            used.insert(name)
            return v
        }
        s.vpcs = take("ec2-describe-vpcs").map { $0["Vpcs"]?.elements.compactMap(Vpc.init) ?? [] }
        s.subnets = take("ec2-describe-subnets").map { $0["Subnets"]?.elements.compactMap(Subnet.init) ?? [] }
        s.internetGateways = take("ec2-describe-internet-gateways").map { $0["InternetGateways"]?.elements.compactMap(InternetGateway.init) ?? [] }
        s.routeTables = take("ec2-describe-route-tables").map { $0["RouteTables"]?.elements.compactMap(RouteTable.init) ?? [] }
        s.securityGroups = take("ec2-describe-security-groups").map { $0["SecurityGroups"]?.elements.compactMap(SecurityGroup.init) ?? [] }
        s.instances = take("ec2-describe-instances").map { r in
            r["Reservations"]?.elements.flatMap { $0["Instances"]?.elements.compactMap(Instance.init) ?? [] } ?? []
        }
        for (q, v) in qualified(json, "ec2-describe-instance-attribute.userData") {
            used.insert("ec2-describe-instance-attribute.userData.\(q)")
            s.userData[v["InstanceId"]?.string ?? q] = v["UserData"]?["Value"]?.string
        }
        s.loadBalancers = take("elbv2-describe-load-balancers").map { $0["LoadBalancers"]?.elements.compactMap(LoadBalancer.init) ?? [] }
        s.targetGroups = take("elbv2-describe-target-groups").map { $0["TargetGroups"]?.elements.compactMap(TargetGroup.init) ?? [] }
        func lb(named name: String) -> LoadBalancer? { s.loadBalancers?.first { $0.name == name } }
        for (q, v) in qualified(json, "elbv2-describe-listeners") {
            used.insert("elbv2-describe-listeners.\(q)")
            let listeners = v["Listeners"]?.elements.compactMap(Listener.init) ?? []
            if let arn = listeners.first?.loadBalancerArn ?? lb(named: q)?.arn { s.listeners[arn] = listeners }
        }
        for (q, v) in qualified(json, "elbv2-describe-load-balancer-attributes") {
            used.insert("elbv2-describe-load-balancer-attributes.\(q)")
            if let arn = lb(named: q)?.arn { s.loadBalancerAttributes[arn] = attributes(v) }
        }
        for (q, v) in qualified(json, "elbv2-describe-rules") {
            used.insert("elbv2-describe-rules.\(q)")
            // The qualifier is <lb-name>.<port>.
            guard let dot = q.lastIndex(of: "."), let port = Int(q[q.index(after: dot)...]), let lb = lb(named: String(q[..<dot])),
                  let listener = s.listeners[lb.arn]?.first(where: { $0.port == port }) else {
                s.issues.append(.init(kind: .notice, message: "\(directory)/elbv2-describe-rules.\(q).json: 읽은 로드 밸런서에 리스너 \(q, .이가) 없어요"))
                continue
            }
            s.rules[listener.arn] = v["Rules"]?.elements.compactMap(ListenerRule.init) ?? []
        }
        for (q, v) in qualified(json, "elbv2-describe-target-health") {
            used.insert("elbv2-describe-target-health.\(q)")
            guard let i = s.targetGroups?.firstIndex(where: { $0.name == q }) else { continue }
            s.targetGroups![i].targets = v["TargetHealthDescriptions"]?.elements.map { d in
                TargetGroup.Target(id: d["Target"]?["Id"]?.string ?? "", port: d["Target"]?["Port"]?.int,
                                   state: d["TargetHealth"]?["State"]?.string, reason: d["TargetHealth"]?["Reason"]?.string,
                                   description: d["TargetHealth"]?["Description"]?.string)
            } ?? []
        }
        for (q, v) in qualified(json, "elbv2-describe-target-group-attributes") {
            used.insert("elbv2-describe-target-group-attributes.\(q)")
            if let arn = s.targetGroups?.first(where: { $0.name == q })?.arn { s.targetGroupAttributes[arn] = attributes(v) }
        }
        s.hostedZones = take("route53-list-hosted-zones").map { $0["HostedZones"]?.elements.compactMap(HostedZone.init) ?? [] }
        for (q, v) in qualified(json, "route53-list-resource-record-sets") {
            used.insert("route53-list-resource-record-sets.\(q)")
            let records = v["ResourceRecordSets"]?.elements.compactMap(RecordSet.init) ?? []
            // `glowcorp.io`, or `glowcorp.io@ZONEID` where two zones share the name.
            let parts = q.split(separator: "@", maxSplits: 1).map(String.init)
            let zoneId = parts.count == 2 ? parts[1] : nil
            if let i = s.hostedZones?.firstIndex(where: { z in
                DNSName.normalized(z.name) == DNSName.normalized(parts[0]) && (zoneId.map { z.id == $0 || z.id.hasSuffix("/" + $0) } ?? true)
            }) {
                s.hostedZones![i].records = records
            } else {
                s.issues.append(.init(kind: .notice, message: "\(directory)/route53-list-resource-record-sets.\(q).json: route53-list-hosted-zones.json에 \(q)라는 호스팅 영역이 없어요"))
            }
        }
        if take("acm-list-certificates") != nil || !qualified(json, "acm-describe-certificate").isEmpty {
            s.certificates = qualified(json, "acm-describe-certificate").compactMap { q, v in
                used.insert("acm-describe-certificate.\(q)")
                return v["Certificate"].flatMap(Certificate.init)
            }
        }
        s.networkAcls = take("ec2-describe-network-acls").map { $0["NetworkAcls"]?.elements.compactMap(NetworkAcl.init) ?? [] }
        for (q, v) in qualified(json, "route53domains-get-domain-detail") {
            used.insert("route53domains-get-domain-detail.\(q)")
            if let detail = DomainDetail(v) { s.domains[DNSName.normalized(detail.domainName)] = detail }
        }
        for name in json.keys.sorted() where !used.contains(name) {
            s.issues.append(.init(kind: .notice, message: "\(directory)/\(name).json: glow-onboard가 읽는 캡처가 아니라서 건너뛰었어요"))
        }
    }

    static func attributes(_ v: JSONValue) -> [String: String] {
        var out: [String: String] = [:]
        for a in v["Attributes"]?.elements ?? [] {
            if let k = a["Key"]?.string, let value = a["Value"]?.string { out[k] = value }
        }
        return out
    }
}
