import JSON

/// The tree `crossplane parse` (0.5.8) builds, as a JSON value, so tools and tests can compare trees and
/// queries can read it.
extension NginxConfiguration {
    public func crossplaneTree() -> JSONValue {
        func errorObject(_ e: NginxError, withFile: Bool) -> JSONValue {
            var o = JSONObject()
            if withFile { o["file"] = .string(e.file) }
            o["line"] = e.line.map { .number(Double($0)) } ?? .null
            o["error"] = .string(e.description)
            return .object(o)
        }
        func directives(_ list: [NginxDirective]) -> JSONValue {
            .array(list.map { d in
                var o = JSONObject([("directive", .string(d.name)), ("line", .number(Double(d.line))),
                                    ("args", .array(d.args.map(JSONValue.string)))])
                if let includes = d.includes { o["includes"] = .array(includes.map { .number(Double($0)) }) }
                if let block = d.block { o["block"] = directives(block) }
                return .object(o)
            })
        }
        let allErrors = errors
        return .object(JSONObject([
            ("status", .string(allErrors.isEmpty ? "ok" : "failed")),
            ("errors", .array(allErrors.map { errorObject($0, withFile: true) })),
            ("config", .array(files.map { f in
                .object(JSONObject([
                    ("file", .string(f.path)), ("status", .string(f.errors.isEmpty ? "ok" : "failed")),
                    ("errors", .array(f.errors.map { errorObject($0, withFile: false) })),
                    ("parsed", directives(f.directives)),
                ]))
            })),
        ]))
    }

    /// The JSON text `crossplane parse` prints: Python's json.dumps, non-ASCII escaped.
    public func crossplaneJSON() -> String {
        JSONWriter.string(crossplaneTree(), indent: nil, asciiOnly: true)
    }
}
