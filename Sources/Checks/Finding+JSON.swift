import Environment
import JSON
extension Finding {
    /// The documented JSON object of `verify --json`.
    public var json: JSONValue {
        var o = JSONObject()
        o["check"] = .string(check)
        o["hop"] = .string(hop.rawValue)
        o["severity"] = .string(severity.rawValue)
        o["status"] = .string(status.rawValue)
        o["message"] = .string(message)
        o["hint"] = hint.map(JSONValue.string) ?? .null
        o["expected"] = expected.map(JSONValue.string) ?? .null
        o["actual"] = actual.map(JSONValue.string) ?? .null
        o["where"] = location.map(JSONValue.string) ?? .null
        o["rootCause"] = .bool(status == .fail || status == .warn ? rootCause : false)
        o["causedBy"] = .array(causedBy.map(JSONValue.string))
        return .object(o)
    }
}
