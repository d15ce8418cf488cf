import JSON

/// Turns a response body into the value the AWS CLI prints, following botocore's parsers: XML
/// (ec2, query, rest-xml) and JSON protocols, member order from the shape, lists flattened or
/// wrapped, numbers and booleans typed. Timestamps stay as the service sent them, as the AWS CLI v1
/// prints them by default (`cli_timestamp_format = none`).
struct ResponseDecoder {
    let model: ServiceModel

    func decodeXML(_ root: XMLElement, operation: ServiceModel.Operation) -> JSONValue {
        guard let output = operation.output else { return .object(JSONObject()) }
        var start = root
        if let wrapper = operation.resultWrapper {
            start = root.children.first { $0.name == wrapper } ?? XMLElement(name: wrapper)
        }
        return xml(output, .one(start))
    }

    /// A node as botocore sees it: one element, or the repeated elements of one name.
    enum Node {
        case one(XMLElement)
        case many([XMLElement])

        var first: XMLElement {
            switch self {
            case .one(let e): return e
            case .many(let es): return es.first ?? XMLElement(name: "")
            }
        }
        var list: [XMLElement] {
            switch self {
            case .one(let e): return [e]
            case .many(let es): return es
            }
        }
    }

    func xml(_ shapeName: String, _ node: Node) -> JSONValue {
        guard let shape = model.shapes[shapeName] else { return .null }
        switch shape {
        case .structure(let members):
            var byName: [String: Node] = [:]
            for child in node.first.children {
                switch byName[child.name] {
                case nil: byName[child.name] = .one(child)
                case .one(let e)?: byName[child.name] = .many([e, child])
                case .many(let es)?: byName[child.name] = .many(es + [child])
                }
            }
            var object = JSONObject()
            for member in members {
                var key = member.xmlName ?? member.name
                if member.flattened, case .list(_, let itemName?, _)? = model.shapes[member.shape] { key = itemName }
                if let child = byName[key] {
                    object[member.name] = xml(member.shape, child)
                }
            }
            return .object(object)
        case .list(let element, _, let flattened):
            let items = flattened ? node.list : node.first.children
            return .array(items.map { xml(element, .one($0)) })
        case .map(let key, let value, let keyName, let valueName, let flattened):
            var object = JSONObject()
            let entries = flattened ? node.list : node.first.children
            for entry in entries {
                var k: String?, v: JSONValue?
                for part in entry.children {
                    if part.name == keyName { k = xml(key, .one(part)).string }
                    if part.name == valueName { v = xml(value, .one(part)) }
                }
                if let k { object[k] = v ?? .null }
            }
            return .object(object)
        default:
            return scalar(shape, node.first.text)
        }
    }

    func scalar(_ shape: ServiceModel.ShapeKind, _ text: String) -> JSONValue {
        switch shape {
        case .integer, .long: return Double(text.trimmingSpaces).map(JSONValue.number) ?? .string(text)
        case .double, .float: return Double(text.trimmingSpaces).map(JSONValue.number) ?? .string(text)
        case .boolean: return .bool(text.trimmingSpaces == "true")
        default: return .string(text)
        }
    }

    /// JSON protocol: the members the shape names, in the shape's order.
    func json(_ shapeName: String, _ value: JSONValue) -> JSONValue {
        guard let shape = model.shapes[shapeName] else { return value }
        switch shape {
        case .structure(let members):
            guard let source = value.object else { return value }
            var object = JSONObject()
            for member in members {
                if let v = source[member.xmlName ?? member.name], v != .null { object[member.name] = json(member.shape, v) }
            }
            return .object(object)
        case .list(let element, _, _):
            return .array(value.elements.map { json(element, $0) })
        case .map(_, let valueShape, _, _, _):
            guard let source = value.object else { return value }
            var object = JSONObject()
            for key in source.keys { object[key] = json(valueShape, source[key]!) }
            return .object(object)
        default:
            return value
        }
    }
}
