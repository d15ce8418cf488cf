import JSON

/// The part of botocore's service models the reader needs (Generated/ServiceModels.swift): enough to
/// send each allowed operation and to turn its response into what the AWS CLI prints.
struct ServiceModel: Sendable {
    enum ShapeKind: Sendable {
        case structure([Member])
        case list(element: String, xmlName: String?, flattened: Bool)
        case map(key: String, value: String, keyName: String, valueName: String, flattened: Bool)
        case string, integer, long, boolean, double, float, timestamp, blob
    }

    struct Member: Sendable {
        var name: String
        var shape: String
        var xmlName: String?
        var flattened: Bool
    }

    struct Paginator: Sendable {
        var inputTokens: [String]
        var outputTokens: [String]
        var resultKeys: [String]
        var moreResults: String?
        var nonAggregateKeys: [String]
    }

    struct Operation: Sendable {
        var name: String
        var method: String
        var requestURI: String
        var output: String?
        var resultWrapper: String?
        /// For rest protocols: input member → (location, name on the wire).
        var inputLocations: [String: (location: String, name: String)]
        var paginator: Paginator?
    }

    struct Service: Sendable {
        var name: String
        var `protocol`: String
        var apiVersion: String
        var endpointPrefix: String
        var signingName: String
        /// botocore's serviceId ("Elastic Load Balancing v2"), which names AWS_ENDPOINT_URL_<SERVICE>.
        var serviceId: String
        var globalEndpoint: String?
        /// The one region the service is served from whatever the caller's (Route 53 domains: us-east-1).
        var onlyRegion: String?
        var targetPrefix: String?
        var jsonVersion: String?
        var operations: [String: Operation]
    }

    var botocoreVersion: String
    var services: [String: Service]
    var shapes: [String: ShapeKind]

    static let shared: ServiceModel = {
        // The generated text is ours and checked by a test; a failure here is a build defect.
        guard let json = try? JSONParser.parse(ServiceModelsData.json) else { fatalError("ServiceModels.swift is not valid JSON") }
        return ServiceModel(json)
    }()

    init(_ json: JSONValue) {
        botocoreVersion = json["botocore"]?.string ?? "?"
        var shapes: [String: ShapeKind] = [:]
        for (name, s) in json["shapes"]?.object?.values ?? [:] {
            switch s["t"]?.string ?? "" {
            case "structure":
                shapes[name] = .structure((s["m"]?.elements ?? []).map {
                    Member(name: $0["n"]?.string ?? "", shape: $0["s"]?.string ?? "", xmlName: $0["x"]?.string, flattened: $0["f"]?.bool ?? false)
                })
            case "list":
                shapes[name] = .list(element: s["e"]?.string ?? "", xmlName: s["x"]?.string, flattened: s["f"]?.bool ?? false)
            case "map":
                shapes[name] = .map(key: s["k"]?.string ?? "", value: s["v"]?.string ?? "", keyName: s["kx"]?.string ?? "key",
                                    valueName: s["vx"]?.string ?? "value", flattened: s["f"]?.bool ?? false)
            case "integer": shapes[name] = .integer
            case "long": shapes[name] = .long
            case "boolean": shapes[name] = .boolean
            case "double": shapes[name] = .double
            case "float": shapes[name] = .float
            case "timestamp": shapes[name] = .timestamp
            case "blob": shapes[name] = .blob
            default: shapes[name] = .string
            }
        }
        self.shapes = shapes
        var services: [String: Service] = [:]
        for (name, s) in json["services"]?.object?.values ?? [:] {
            var operations: [String: Operation] = [:]
            for (opName, o) in s["operations"]?.object?.values ?? [:] {
                var locations: [String: (String, String)] = [:]
                for (member, l) in o["input"]?.object?.values ?? [:] {
                    if let location = l["location"]?.string { locations[member] = (location, l["locationName"]?.string ?? member) }
                }
                let p = o["paginator"]
                operations[opName] = Operation(
                    name: opName, method: o["http"]?["method"]?.string ?? "POST", requestURI: o["http"]?["uri"]?.string ?? "/",
                    output: o["output"]?.string, resultWrapper: o["wrapper"]?.string, inputLocations: locations,
                    paginator: p.map {
                        Paginator(inputTokens: $0["input"]?.elements.compactMap(\.string) ?? [],
                                  outputTokens: $0["output"]?.elements.compactMap(\.string) ?? [],
                                  resultKeys: $0["result"]?.elements.compactMap(\.string) ?? [],
                                  moreResults: $0["more"]?.string,
                                  nonAggregateKeys: $0["nonAggregate"]?.elements.compactMap(\.string) ?? [])
                    })
            }
            services[name] = Service(
                name: name, protocol: s["protocol"]?.string ?? "", apiVersion: s["apiVersion"]?.string ?? "",
                endpointPrefix: s["endpointPrefix"]?.string ?? name, signingName: s["signingName"]?.string ?? name,
                serviceId: s["serviceId"]?.string ?? name,
                globalEndpoint: s["globalEndpoint"]?.string, onlyRegion: s["onlyRegion"]?.string, targetPrefix: s["targetPrefix"]?.string,
                jsonVersion: s["jsonVersion"]?.string, operations: operations)
        }
        self.services = services
    }
}
