import JMESPath
/// The JSON that `crossplane parse` (0.5.8) prints, so tools and tests can compare trees.
extension NginxConfiguration {
    public func crossplaneJSON(pretty: Bool = false) -> String {
        var out = ""
        let nl = pretty ? "\n" : ""
        func indent(_ level: Int) -> String { pretty ? String(repeating: "    ", count: level) : "" }
        let sep = pretty ? ": " : ": "
        // Python's json.dumps escapes non-ASCII by default, as crossplane prints it.
        func str(_ s: String) -> String { JSONWriter.quote(s, asciiOnly: true) }
        func errorObject(_ e: NginxError, withFile: Bool, level: Int) -> String {
            var fields: [String] = []
            if withFile { fields.append("\(indent(level + 1))\"file\"\(sep)\(str(e.file))") }
            fields.append("\(indent(level + 1))\"line\"\(sep)\(e.line.map(String.init) ?? "null")")
            fields.append("\(indent(level + 1))\"error\"\(sep)\(str(e.description))")
            return "{" + nl + fields.joined(separator: "," + (pretty ? "\n" : " ")) + nl + indent(level) + "}"
        }
        func directives(_ list: [NginxDirective], level: Int) -> String {
            if list.isEmpty { return "[]" }
            let items = list.map { d -> String in
                var fields = ["\"directive\"\(sep)\(str(d.name))", "\"line\"\(sep)\(d.line)",
                              "\"args\"\(sep)[" + d.args.map(str).joined(separator: ", ") + "]"]
                if let includes = d.includes { fields.append("\"includes\"\(sep)[" + includes.map(String.init).joined(separator: ", ") + "]") }
                if let block = d.block { fields.append("\"block\"\(sep)" + directives(block, level: level + 1)) }
                return indent(level + 1) + "{" + fields.joined(separator: ", ") + "}"
            }
            return "[" + nl + items.joined(separator: "," + (pretty ? "\n" : " ")) + nl + indent(level) + "]"
        }
        let allErrors = errors
        out += "{" + nl
        out += indent(1) + "\"status\"\(sep)\(str(allErrors.isEmpty ? "ok" : "failed"))," + (pretty ? "\n" : " ")
        out += indent(1) + "\"errors\"\(sep)[" + allErrors.map { errorObject($0, withFile: true, level: 2) }.joined(separator: ", ") + "]," + (pretty ? "\n" : " ")
        out += indent(1) + "\"config\"\(sep)[" + nl
        out += files.map { f in
            indent(2) + "{" + "\"file\"\(sep)\(str(f.path)), \"status\"\(sep)\(str(f.errors.isEmpty ? "ok" : "failed")), "
                + "\"errors\"\(sep)[" + f.errors.map { errorObject($0, withFile: false, level: 3) }.joined(separator: ", ") + "], "
                + "\"parsed\"\(sep)" + directives(f.directives, level: 2) + "}"
        }.joined(separator: "," + (pretty ? "\n" : " "))
        out += nl + indent(1) + "]" + nl + "}"
        return out
    }
}
