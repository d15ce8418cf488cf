import Checks
import Environment
import JSON

/// Prints a query's result like the AWS CLI's `--output json|text|table`.
public enum QueryOutput {
    public enum Format: String, Sendable, CaseIterable { case json, text, table }

    public static func render(_ value: JSONValue, format: Format, terminal: Terminal) -> [String] {
        switch format {
        case .json: return JSONWriter.string(value).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .text: return text(value)
        case .table: return table(value, terminal: terminal)
        }
    }

    static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return s
        case .number: return JSONWriter.string(v, indent: nil)
        case .array, .object: return JSONWriter.string(v, indent: nil)
        }
    }

    static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: return false
        default: return true
        }
    }

    /// Tab-separated, one line per list element; scalars of a list share a line (the CLI's text output).
    static func text(_ v: JSONValue) -> [String] {
        switch v {
        case .array(let items):
            if items.allSatisfy(isScalar) { return items.isEmpty ? [] : [items.map(scalar).joined(separator: "\t")] }
            return items.flatMap(text)
        case .object(let o):
            let scalars = o.pairs.filter { isScalar($0.value) }.map { scalar($0.value) }
            let nested = o.pairs.filter { !isScalar($0.value) }.flatMap { text($0.value) }
            return (scalars.isEmpty ? [] : [scalars.joined(separator: "\t")]) + nested
        default:
            return [scalar(v)]
        }
    }

    /// A box-drawn table: a list of objects gets a column per key, a list of scalars one column.
    static func table(_ v: JSONValue, terminal: Terminal) -> [String] {
        func cell(_ s: String) -> [Inline] { [.text(s)] }
        let rows: [[String]]
        var header: [String]
        switch v {
        case .array(let items) where items.allSatisfy({ $0.object != nil }) && !items.isEmpty:
            header = []
            for item in items { for k in item.object!.keys where !header.contains(k) { header.append(k) } }
            rows = items.map { item in header.map { k in item[k].map(scalar) ?? "" } }
        case .array(let items) where !items.isEmpty && items.allSatisfy({ $0.array?.allSatisfy(isScalar) == true }):
            let width = items.map { $0.elements.count }.max() ?? 1
            header = (1...max(width, 1)).map(String.init)
            rows = items.map { row in (0..<width).map { i in i < row.elements.count ? scalar(row.elements[i]) : "" } }
        case .array(let items):
            header = ["Value"]
            rows = items.map { [scalar($0)] }
        case .object(let o):
            header = ["Key", "Value"]
            rows = o.pairs.map { [$0.key, scalar($0.value)] }
        default:
            header = ["Value"]
            rows = [[scalar(v)]]
        }
        let block = TableBlock(alignments: header.map { _ in .left }, header: header.map(cell), rows: rows.map { $0.map(cell) })
        return MarkdownRenderer(terminal: terminal).render([.table(block, line: 0)])
    }
}
