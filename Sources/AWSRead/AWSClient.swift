import Foundation
import JSON

/// One read: a service, an action on the allowlist and its parameters (the API's own member names).
public struct AWSCall: Sendable, Hashable {
    public var service: String
    public var action: String
    public var parameters: [String: String]

    public init(_ service: String, _ action: String, _ parameters: [String: String] = [:]) {
        self.service = service
        self.action = action
        self.parameters = parameters
    }

    public var name: String { "\(service):\(action)" }
}

/// Reads AWS the way the AWS CLI does and returns what it prints: every page of a paginated call
/// merged, as `aws --output json` shows it. Independent calls run concurrently; throttling and
/// server errors are retried with exponential backoff and jitter.
public struct AWSClient: Sendable {
    public var settings: AWSSettings
    public var timeout: Double
    public var maxAttempts: Int
    /// Sent as User-Agent with the service's name (`NAME/ec2`): the application says who it is.
    public var userAgent: String
    let model = ServiceModel.shared

    public init(settings: AWSSettings, timeout: Double = 15, maxAttempts: Int = 4, userAgent: String = "aws-read") {
        self.settings = settings
        self.timeout = timeout
        self.maxAttempts = maxAttempts
        self.userAgent = userAgent
    }

    /// The botocore version the response shapes were taken from.
    public static var modelVersion: String { ServiceModel.shared.botocoreVersion }

    public func read(_ calls: [AWSCall]) -> [Result<JSONValue, AWSError>] {
        struct State {
            var pages: [JSONValue] = []
            var tokens: [String: String] = [:]
            var result: Result<JSONValue, AWSError>?
        }
        var states = [State](repeating: State(), count: calls.count)
        for (i, call) in calls.enumerated() {
            do throws(AWSError) {
                try ReadOnly.permit(call.service, call.action)
                guard let service = model.services[call.service], service.operations[call.action] != nil else {
                    throw AWSError.notAllowed(call.name)
                }
            } catch {
                states[i].result = .failure(error)
            }
        }
        var pageLimit = 1000
        while pageLimit > 0, case let pending = states.indices.filter({ states[$0].result == nil }), !pending.isEmpty {
            pageLimit -= 1
            let responses = send(pending.map { (calls[$0], states[$0].tokens) })
            for (k, i) in pending.enumerated() {
                let call = calls[i]
                let operation = model.services[call.service]!.operations[call.action]!
                switch responses[k] {
                case .failure(let error):
                    states[i].result = .failure(error)
                case .success(let page):
                    states[i].pages.append(page)
                    if let paginator = operation.paginator, let next = Self.nextTokens(page, paginator), next != states[i].tokens {
                        states[i].tokens = next
                    } else {
                        states[i].result = .success(Self.merge(states[i].pages, operation.paginator))
                    }
                }
            }
        }
        return states.map { $0.result ?? .failure(.malformed("more than 1000 pages; stopped")) }
    }

    /// The next page's input tokens, or nil when this was the last page.
    static func nextTokens(_ page: JSONValue, _ p: ServiceModel.Paginator) -> [String: String]? {
        if let more = p.moreResults, page[more]?.bool != true { return nil }
        var next: [String: String] = [:]
        for (input, output) in zip(p.inputTokens, p.outputTokens) {
            if let value = page[output], value != .null {
                next[input] = value.string ?? JSONWriter.string(value, indent: nil, compact: true)
            }
        }
        return next.isEmpty ? nil : next
    }

    /// botocore's build_full_result: result keys concatenated over pages, the non-aggregate keys of
    /// the first page; tokens dropped.
    static func merge(_ pages: [JSONValue], _ paginator: ServiceModel.Paginator?) -> JSONValue {
        guard let paginator, let first = pages.first else { return pages.first ?? .object(JSONObject()) }
        var out = JSONObject()
        for key in paginator.resultKeys {
            let parts = pages.compactMap { $0[key] }
            guard !parts.isEmpty else { continue }
            if parts.allSatisfy({ $0.array != nil }) {
                out[key] = .array(parts.flatMap(\.elements))
            } else {
                out[key] = parts[0]
            }
        }
        for key in paginator.nonAggregateKeys { if let v = first[key] { out[key] = v } }
        return .object(out)
    }

    // MARK: - Sending

    struct Endpoint {
        var scheme: String
        var host: String
        var port: Int?
        var basePath: String
    }

    func endpoint(_ service: ServiceModel.Service) -> Endpoint {
        if let custom = settings.endpointURL(for: service.name),
           let url = URL(string: custom), let host = url.host {
            return Endpoint(scheme: url.scheme ?? "https", host: host, port: url.port, basePath: url.path == "/" ? "" : url.path)
        }
        let suffix = settings.region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        if let global = service.globalEndpoint, !settings.region.hasPrefix("cn-") {
            return Endpoint(scheme: "https", host: global, port: nil, basePath: "")
        }
        let region = settings.region.hasPrefix("cn-") ? settings.region : (service.onlyRegion ?? settings.region)
        return Endpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)", port: nil, basePath: "")
    }

    func signingRegion(_ service: ServiceModel.Service) -> String {
        guard !settings.region.hasPrefix("cn-") else { return settings.region }
        return service.globalEndpoint != nil ? "us-east-1" : (service.onlyRegion ?? settings.region)
    }

    func request(_ call: AWSCall, tokens: [String: String]) -> HTTPRequest {
        let service = model.services[call.service]!
        let operation = service.operations[call.action]!
        let e = endpoint(service)
        var parameters = call.parameters.merging(tokens) { $1 }
        var r = HTTPRequest(method: operation.method, scheme: e.scheme, host: e.host, port: e.port, path: e.basePath + "/")
        switch service.protocol {
        case "ec2", "query":
            let form = [("Action", call.action), ("Version", service.apiVersion)] + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            r.method = "POST"
            r.body = Array(form.map { "\(SigV4.encode($0.0))=\(SigV4.encode($0.1))" }.joined(separator: "&").utf8)
            r.headers.append(("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
        case "rest-xml", "rest-json":
            var path = operation.requestURI
            if let id = parameters["HostedZoneId"] {
                // botocore's customisation: the API wants the bare id, list-hosted-zones gives /hostedzone/ID.
                parameters["HostedZoneId"] = id.hasPrefix("/hostedzone/") ? String(id.dropFirst("/hostedzone/".count)) : id
            }
            for (member, binding) in operation.inputLocations {
                guard let value = parameters[member] else { continue }
                if binding.location == "uri" {
                    path = path.replacingOccurrences(of: "{\(binding.name)}", with: value)
                } else if binding.location == "querystring" {
                    r.query.append((binding.name, value))
                }
            }
            r.path = e.basePath + path
        default:  // json
            var body = JSONObject()
            for (k, v) in parameters.sorted(by: { $0.key < $1.key }) { body[k] = .string(v) }
            r.method = "POST"
            r.body = Array(JSONWriter.string(.object(body), indent: nil, compact: true).utf8)
            r.headers.append(("Content-Type", "application/x-amz-json-\(service.jsonVersion ?? "1.1")"))
            r.headers.append(("X-Amz-Target", "\(service.targetPrefix ?? service.name).\(call.action)"))
        }
        r.headers.append(("User-Agent", "\(userAgent)/\(call.service)"))
        return r
    }

    /// One page of each call, concurrently, retrying what may pass on a later attempt.
    func send(_ batch: [(AWSCall, [String: String])]) -> [Result<JSONValue, AWSError>] {
        var results = [Result<JSONValue, AWSError>?](repeating: nil, count: batch.count)
        var todo = Array(batch.indices)
        var attempt = 0
        while !todo.isEmpty {
            attempt += 1
            let now = Date()
            let requests = todo.map { i -> HTTPRequest in
                var r = request(batch[i].0, tokens: batch[i].1)
                let service = model.services[batch[i].0.service]!
                SigV4(credentials: settings.credentials, region: signingRegion(service), service: service.signingName).sign(&r, at: now)
                return r
            }
            let responses = HTTPClient.perform(requests, timeout: timeout, caBundle: settings.caBundle)
            var retry: [Int] = []
            for (k, i) in todo.enumerated() {
                let outcome = responses[k].flatMap { decode($0, batch[i].0) }
                if case .failure(let error) = outcome, error.isRetryable, attempt < maxAttempts {
                    retry.append(i)
                } else {
                    results[i] = outcome
                }
            }
            todo = retry
            if !todo.isEmpty {
                // Exponential backoff with full jitter: up to 0.1 s, 0.2 s, 0.4 s ...
                Thread.sleep(forTimeInterval: Double.random(in: 0...(0.1 * pow(2, Double(attempt - 1)))))
            }
        }
        return results.map { $0! }
    }

    func decode(_ response: HTTPResponse, _ call: AWSCall) -> Result<JSONValue, AWSError> {
        let service = model.services[call.service]!
        let operation = service.operations[call.action]!
        let decoder = ResponseDecoder(model: model)
        if service.protocol == "json" {
            let json = response.body.isEmpty ? JSONValue.object(JSONObject()) : (try? JSONParser.parse(bytes: response.body))
            guard let json else { return .failure(.malformed("\(call.name): HTTP \(response.status), not JSON")) }
            guard (200..<300).contains(response.status) else {
                let type = json["__type"]?.string ?? response.headers["x-amzn-errortype"] ?? "HTTP\(response.status)"
                let code = String(type.split(separator: "#").last ?? Substring(type)).split(separator: ":").first.map(String.init) ?? type
                let message = json["message"]?.string ?? json["Message"]?.string ?? ""
                return .failure(.service(action: call.name, status: response.status, code: code, message: message))
            }
            return .success(operation.output.map { decoder.json($0, json) } ?? .object(JSONObject()))
        }
        let root: XMLElement
        do { root = try XMLReader.parse(response.body) } catch {
            if !(200..<300).contains(response.status) {
                return .failure(.service(action: call.name, status: response.status, code: "HTTP\(response.status)", message: ""))
            }
            return .failure(.malformed("\(call.name): \(error)"))
        }
        guard (200..<300).contains(response.status) else {
            func find(_ name: String, _ e: XMLElement) -> String? {
                if e.name == name && e.children.isEmpty { return e.text }
                for c in e.children { if let t = find(name, c) { return t } }
                return nil
            }
            return .failure(.service(action: call.name, status: response.status, code: find("Code", root) ?? "HTTP\(response.status)",
                                     message: find("Message", root) ?? ""))
        }
        return .success(decoder.decodeXML(root, operation: operation))
    }
}
