import Checks
import Environment
import HTTP
import JSON

/// A trace set beside what the Snapshot predicted: for each request, each stage (DNS, TCP, TLS, HTTP)
/// with what happened, how long it took, and what the snapshot says should happen there, with the
/// state of that hop from the checks; for a failure, what it usually means and the checks that explain it.
public struct TraceReport: Sendable {
    public struct Stage: Sendable {
        public var name: String
        /// nil: not reached.
        public var ok: Bool?
        public var milliseconds: Double?
        public var actual: String
        public var expected: String?
        /// The hop's state in the snapshot's checks.
        public var expectedStatus: Finding.Status?
    }

    public struct Step: Sendable {
        public var url: String
        public var mapping: String?
        public var stages: [Stage]
        public var location: String?
        public var totalMilliseconds: Double?
        /// The response's first lines when it is text (the echo app shows the headers it got).
        public var body: [String]
        public var status: Int?
        public var server: String?
    }

    public var source: String
    public var steps: [Step]
    public var diagnosis: TraceDiagnosis?
    /// The related checks' statuses in the snapshot.
    public var checkStatuses: [(check: String, status: Finding.Status)]
    public var ok: Bool { diagnosis == nil }

    public init(_ result: TraceResult, snapshot: Snapshot) {
        source = snapshot.source
        let findings = Verifier.run(Verifier.everyCheck, on: snapshot)
        let chain = Chain(snapshot: snapshot, records: Chain.defaultRecords)
        let maps = FlowMap.build(snapshot: snapshot, findings: findings)
        func ms(_ seconds: Double) -> Double { (seconds * 10000).rounded() / 10 }

        steps = result.hops.map { hop in
            let url = hop.url
            let map = maps.first { $0.record == url.host }
            var stages: [Stage] = []
            let failure: HTTP.Failure? = { if case .failure(let f) = hop.outcome { return f } else { return nil } }()
            let response: HTTP.Response? = { if case .success(let r) = hop.outcome { return r } else { return nil } }()
            let timing = response?.timing ?? failure?.timing
            let problem = failure.map(Tracer.classify)
            let sent = hop.outcome != nil

            // DNS
            let dnsOK: Bool? = !sent ? nil : (problem == .dns ? false : true)
            stages.append(Stage(
                name: "DNS", ok: dnsOK, milliseconds: dnsOK == true ? timing.map { ms($0.dns) } : nil,
                actual: !sent ? "보내지 않음" : dnsOK == false ? "\(url.host): 주소 없음" : "\(url.host) → \(hop.address)",
                expected: map.map { m in
                    // Which ALB the record's name is, when the snapshot knows it.
                    let line = m.hops[0].lines.first ?? ""
                    guard let lb = chain.loadBalancer, let target = chain.records[url.host]?.target,
                          DNSName.normalized(target) == DNSName.normalized(lb.dnsName) else { return line }
                    return line + " (\(lb.name), \(lb.scheme))"
                } ?? "스냅샷에 \(url.host) 레코드가 없어요",
                expectedStatus: map?.hops[0].status))
            // TCP
            let listener = chain.listeners.first { $0.port == url.port }
            let tcpExpected: String = chain.loadBalancer.map { lb in
                listener.map { "\(lb.name)의 :\($0.port) \($0.proto) 리스너가 받아요" } ?? "\(lb.name)에는 :\(url.port) 리스너가 없어요 (거부될 거예요)"
            } ?? "스냅샷에 로드 밸런서가 없어요"
            let tcpOK: Bool? = dnsOK != true ? nil : (problem == .refused || problem == .connectTimeout ? false : true)
            stages.append(Stage(
                name: "TCP", ok: tcpOK, milliseconds: tcpOK == true ? timing.map { ms($0.connect - $0.dns) } : nil,
                actual: tcpOK == nil ? "-" : tcpOK == true ? "\(hop.destination) 연결됨"
                    : problem == .refused ? "\(hop.destination) 연결 거부" : "\(hop.destination) 연결 시간 초과",
                expected: tcpExpected, expectedStatus: listener == nil ? nil : map?.hops[1].status))
            // TLS
            if url.scheme == "https" {
                var tlsOK: Bool? = tcpOK != true ? nil : true
                if case .tls = problem { tlsOK = false }
                let certificates = (snapshot.certificates ?? []).filter { $0.covers(url.host) }
                let tlsExpected = certificates.first.map { "ACM 인증서 \("\($0.domainName) (\($0.status))", .이가) \(url.host, .을를) 포함해요" }
                    ?? (snapshot.certificates == nil ? "스냅샷에 인증서 정보가 없어요" : "스냅샷의 어떤 인증서도 \(url.host, .을를) 포함하지 않아요")
                let tlsStatus = findings.filter { $0.check == "alb.https-cert" }.map(\.status).min()
                var tlsActual = "-"
                if tlsOK == true { tlsActual = "핸드셰이크 완료, 인증서 확인됨" }
                if case .tls(let message) = problem { tlsActual = message }
                stages.append(Stage(name: "TLS", ok: tlsOK, milliseconds: tlsOK == true ? timing.map { ms($0.tls - $0.connect) } : nil,
                                    actual: tlsActual, expected: tlsExpected, expectedStatus: tlsStatus))
            }
            // HTTP
            var httpExpected: String
            var httpStatus: Finding.Status?
            if let listener, let redirect = listener.redirect {
                httpExpected = "ALB :\(listener.port, .이가) \(redirect.proto ?? "?"):\(redirect.port ?? "?", .으로로) 리다이렉트해요 (\(redirect.statusCode ?? "?"))"
                httpStatus = map?.hops[1].status
            } else if let map {
                httpExpected = map.hops[2...].map { $0.lines.first ?? $0.title }.joined(separator: " → ")
                httpStatus = map.hops[2...].map(\.status).min()
            } else {
                httpExpected = "스냅샷에 \(url.host)의 경로가 없어요"
            }
            let httpOK: Bool? = response.map { $0.status < 400 } ?? (problem == .responseTimeout ? false : nil)
            let httpActual: String = response.map { r in
                "\(r.status) \(r.reason)" + (r.headers["server"].map { " · Server: \($0)" } ?? "") + (hop.location.map { " → \($0)" } ?? "")
            } ?? (problem == .responseTimeout ? "응답 없음 (시간 초과)" : "-")
            stages.append(Stage(name: "HTTP", ok: httpOK,
                                milliseconds: response != nil ? timing.map { ms($0.firstByte - max($0.tls, $0.connect)) } : nil,
                                actual: httpActual, expected: httpExpected, expectedStatus: httpStatus))

            var body: [String] = []
            if let r = response, (r.headers["content-type"] ?? "").hasPrefix("text/plain") || (r.headers["content-type"] ?? "").contains("json") {
                body = String(decoding: r.body.prefix(2048), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    .prefix(12).map(String.init).filter { !$0.isEmpty }
            }
            return Step(url: url.normalized, mapping: hop.mapping, stages: stages, location: hop.location,
                        totalMilliseconds: timing.map { ms($0.total) }, body: body, status: response?.status, server: response?.headers["server"])
        }
        diagnosis = TraceDiagnosis.of(result)
        checkStatuses = (diagnosis?.checks ?? []).map { id in
            (id, findings.filter { $0.check == id }.map(\.status).min() ?? .notChecked)
        }
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["source"] = .string(source)
        o["ok"] = .bool(ok)
        o["hops"] = .array(steps.map { step in
            var h = JSONObject()
            h["url"] = .string(step.url)
            h["mapping"] = step.mapping.map(JSONValue.string) ?? .null
            h["status"] = step.status.map { .number(Double($0)) } ?? .null
            h["server"] = step.server.map(JSONValue.string) ?? .null
            h["location"] = step.location.map(JSONValue.string) ?? .null
            h["totalMs"] = step.totalMilliseconds.map(JSONValue.number) ?? .null
            h["stages"] = .array(step.stages.map { s in
                var j = JSONObject()
                j["name"] = .string(s.name)
                j["ok"] = s.ok.map(JSONValue.bool) ?? .null
                j["ms"] = s.milliseconds.map(JSONValue.number) ?? .null
                j["actual"] = .string(s.actual)
                j["expected"] = s.expected.map(JSONValue.string) ?? .null
                j["expectedStatus"] = s.expectedStatus.map { .string($0.rawValue) } ?? .null
                return .object(j)
            })
            h["body"] = .array(step.body.map(JSONValue.string))
            return .object(h)
        })
        if let d = diagnosis {
            var p = JSONObject()
            p["stage"] = .string(d.stage)
            p["summary"] = .string(d.summary)
            p["meaning"] = .string(d.meaning)
            p["checks"] = .array(checkStatuses.map { .object(JSONObject([("check", .string($0.check)), ("status", .string($0.status.rawValue))])) })
            o["problem"] = .object(p)
        } else {
            o["problem"] = .null
        }
        return .object(o)
    }
}
