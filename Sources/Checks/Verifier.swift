import Environment
/// Runs checks on a snapshot and orders the findings: failures first, root causes before what follows
/// from them, then along the request's path (DNS, network, ALB, target group, EC2, nginx, docker).
public enum Verifier {
    public struct Request: Sendable, Hashable {
        public var check: String
        public var parameters: [String: String]
        /// A check written as a query in a lesson.
        public var query: QueryCheck?
        public init(check: String, parameters: [String: String] = [:], query: QueryCheck? = nil) {
            self.check = check
            self.parameters = parameters
            self.query = query
        }
    }

    /// Every check of the catalogue, with default parameters.
    public static let everyCheck = Catalogue.checks.map { Request(check: $0.id) }

    public static func run(_ requests: [Request], on snapshot: Snapshot) -> [Finding] {
        let zone = requests.lazy.compactMap { $0.parameters["zone"] }.first ?? Chain.defaultZone
        let records = requests.lazy.compactMap { $0.parameters["records"] }.first
            .map { $0.split(separator: ",").map(String.init) } ?? Chain.defaultRecords
        let chain = Chain(snapshot: snapshot, zone: zone, records: records)

        // The requested checks run, and their prerequisites too (with default parameters unless requested),
        // so a finding can say whether it follows from another failure.
        var results: [String: [Finding]] = [:]
        var order: [String] = []
        for request in requests where request.query == nil && !order.contains(request.check) { order.append(request.check) }
        let parameters = Dictionary(requests.map { ($0.check, $0.parameters) }, uniquingKeysWith: { a, b in a.merging(b) { x, _ in x } })
        let needed = Set(order + order.compactMap(Catalogue.check).flatMap(prerequisites))
        for check in Catalogue.checks where needed.contains(check.id) {
            results[check.id] = evaluate(check, snapshot: snapshot, chain: chain, parameters: parameters[check.id] ?? [:])
        }
        let failing = Set(results.filter { $0.value.contains { $0.status == .fail } }.keys)

        // Lessons' query checks: each a finding of its own (they have no prerequisites).
        var findings: [Finding] = requests.compactMap { $0.query?.finding(on: snapshot) }
        for id in order {
            guard let check = Catalogue.check(id) else {
                findings.append(Finding(check: id, hop: .chain, severity: .error, status: .notChecked,
                                        message: "알 수 없는 검사예요: \(id)", hint: "glow-onboard checks로 목록을 봐요."))
                continue
            }
            for var f in results[id] ?? [] {
                if f.status == .fail || f.status == .warn {
                    f.causedBy = prerequisites(of: check).filter(failing.contains)
                    f.rootCause = f.causedBy.isEmpty
                }
                findings.append(f)
            }
        }
        // A finding that follows from a failed prerequisite points to that root cause's fix, not to a fix of
        // its own (which could contradict it: opening tcp 8080 to the instances when the target group's
        // port is what is wrong).
        for i in findings.indices where !findings[i].causedBy.isEmpty {
            let roots = findings[i].causedBy
            let root = roots.first { id in results[id]?.contains { $0.status == .fail && $0.causedBy.isEmpty && $0.hint != nil } ?? false } ?? roots[0]
            let fix = results[root]?.first { $0.status == .fail && $0.hint != nil }?.hint
            findings[i].hint = "먼저 \(root.with(.을를)) 고쳐요" + (fix.map { ": \($0)" } ?? ".") + " 이 문제는 그것 때문에 생겼을 수 있어요."
        }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return findings.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.status != y.status { return x.status < y.status }
            if x.rootCause != y.rootCause { return x.rootCause }
            if x.hop != y.hop { return x.hop < y.hop }
            if rank[x.check] != rank[y.check] { return (rank[x.check] ?? 0) < (rank[y.check] ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The check's prerequisites, and theirs.
    static func prerequisites(of check: Check) -> [String] {
        var seen: [String] = []
        var stack = check.after
        while let id = stack.popLast() {
            guard !seen.contains(id) else { continue }
            seen.append(id)
            stack += Catalogue.check(id)?.after ?? []
        }
        return seen
    }

    static func evaluate(_ check: Check, snapshot: Snapshot, chain: Chain, parameters: [String: String]) -> [Finding] {
        let missing = check.needs.filter { !has($0, snapshot, chain) }
        if !missing.isEmpty {
            return [Finding(check: check.id, hop: check.hop, severity: check.severity, status: .notChecked,
                            message: "검사하지 않음: \(missing.map(\.rawValue).joined(separator: ", ")) 데이터가 없어요 (\(missing.map(\.capture).joined(separator: ", "))).")]
        }
        let findings = check.run(CheckContext(snapshot: snapshot, chain: chain, parameters: parameters, check: check))
        return findings.isEmpty
            ? [Finding(check: check.id, hop: check.hop, severity: check.severity, status: .notChecked, message: "검사할 대상이 없어요.")]
            : findings
    }

    static func has(_ piece: Piece, _ s: Snapshot, _ chain: Chain) -> Bool {
        switch piece {
        case .vpcs: return s.vpcs != nil
        case .subnets: return s.subnets != nil
        case .internetGateways: return s.internetGateways != nil
        case .routeTables: return s.routeTables != nil
        case .securityGroups: return s.securityGroups != nil
        case .instances: return s.instances != nil
        case .loadBalancers: return s.loadBalancers != nil
        case .listeners: return chain.loadBalancer.map { s.listeners[$0.arn] != nil } ?? !s.listeners.isEmpty
        case .targetGroups: return s.targetGroups != nil
        case .targetHealth: return (s.targetGroups ?? []).contains { $0.targets != nil }
        case .hostedZones: return s.hostedZones != nil
        case .records: return (s.hostedZones ?? []).contains { $0.records != nil } || s.hostedZones?.isEmpty == true
        case .certificates: return s.certificates != nil
        case .networkAcls: return s.networkAcls != nil
        case .nginx: return s.nginx != nil
        case .docker: return s.containers != nil
        }
    }
}
