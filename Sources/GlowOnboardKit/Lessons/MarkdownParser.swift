import Checks
import Environment
import CCmarkGFM

/// Parses CommonMark + GFM (tables, strikethrough, task lists, autolinks) with cmark-gfm and converts
/// the tree into our own `Block`/`Inline` values at once, so no C pointer escapes this file.
public enum MarkdownParser {
    public static func parse(_ text: String) -> [Block] {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "tasklist", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(document) }
        return blocks(childrenOf: document, depth: 0)
    }

    /// How deep quotes, lists and emphasis may nest before what is inside is kept as plain text: far more
    /// than any lesson needs, and what keeps the conversion, the renderers and the values' release from
    /// recursing without bound (30,000 `>` in a file once crashed the program).
    static let maximumDepth = 24


    private typealias Node = OpaquePointer

    private static func children(_ node: Node) -> [Node] {
        var result: [Node] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            result.append(c)
            child = cmark_node_next(c)
        }
        return result
    }

    private static func typeName(_ node: Node) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func literal(_ node: Node) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(childrenOf node: Node, depth: Int) -> [Block] {
        children(node).compactMap { block($0, depth: depth + 1) }
    }

    /// Every text of `node` and below, walked with cmark's iterator (no recursion).
    private static func flatText(_ node: Node) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch typeName(current) {
            case "text", "code", "code_block": text += literal(current)
            case "softbreak", "linebreak", "paragraph": text += " "
            default: break
            }
        }
        return text
    }

    private static func block(_ node: Node, depth: Int) -> Block? {
        let line = Int(cmark_node_get_start_line(node))
        if depth > maximumDepth { return .paragraph([.text(flatText(node))], line: line) }
        switch typeName(node) {
        case "heading":
            return .heading(level: Int(cmark_node_get_heading_level(node)), content: inlines(childrenOf: node, depth: depth), line: line)
        case "paragraph":
            return .paragraph(inlines(childrenOf: node, depth: depth), line: line)
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .code(info: info, text: literal(node), line: line, column: Int(cmark_node_get_start_column(node)))
        case "block_quote":
            return .quote(blocks(childrenOf: node, depth: depth), line: line)
        case "thematic_break":
            return .rule(line: line)
        case "html_block":
            return .html(literal(node), line: line)
        case "list":
            let items = children(node).map { item -> ListBlock.Item in
                let checked: Bool? = typeName(item) == "tasklist"
                    ? cmark_gfm_extensions_get_tasklist_item_checked(item) : nil
                return ListBlock.Item(blocks: blocks(childrenOf: item, depth: depth), checked: checked)
            }
            return .list(ListBlock(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0,
                items: items), line: line)
        case "table":
            return .table(table(node, depth: depth), line: line)
        default:
            // Footnote definitions and unknown extension blocks: keep their text rather than drop it.
            let inner = blocks(childrenOf: node, depth: depth)
            return inner.isEmpty ? nil : .quote(inner, line: line)
        }
    }

    private static func table(_ node: Node, depth: Int) -> TableBlock {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [TableBlock.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for i in 0..<columns {
                switch UInt8(raw[i]) {
                case UInt8(ascii: "l"): alignments.append(.left)
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.none)
                }
            }
        }
        var header: [[Inline]] = []
        var rows: [[[Inline]]] = []
        for row in children(node) {
            let cells = children(row).map { inlines(childrenOf: $0, depth: depth) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 || typeName(row) == "table_header" {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        return TableBlock(alignments: alignments, header: header, rows: rows)
    }

    private static func inlines(childrenOf node: Node, depth: Int) -> [Inline] {
        var result: [Inline] = []
        for child in children(node) {
            let inline = depth >= maximumDepth ? .text(flatText(child)) : self.inline(child, depth: depth + 1)
            // Merge adjacent text runs: cmark splits text at every special character.
            if case .text(let next) = inline, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(inline)
            }
        }
        return result.flatMap { inline -> [Inline] in
            if case .text(let t) = inline { return strongCommonMarkLeftLiteral(t) }
            return [inline]
        }
    }

    /// `**상태 검사(health check)**예요`: CommonMark leaves a `**` squeezed between punctuation and a letter
    /// literal (its flanking rule, written for languages with spaces between words), which in Korean,
    /// where a particle follows the word directly, is the usual case. A pair of `**` left in one text run,
    /// with text inside that neither starts nor ends with a space, is bold as the author meant.
    static func strongCommonMarkLeftLiteral(_ text: String) -> [Inline] {
        guard text.contains("**") else { return [.text(text)] }
        var out: [Inline] = []
        var rest = Substring(text)
        while let open = rest.range(of: "**") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "**") else { break }
            let inside = after[..<close.lowerBound]
            guard let first = inside.first, let last = inside.last, !first.isWhitespace, !last.isWhitespace else {
                // Not a pair meant as bold (`** 작동`): keep the first `**` as text and look further.
                out.append(.text(String(rest[..<open.upperBound])))
                rest = after
                continue
            }
            if open.lowerBound > rest.startIndex { out.append(.text(String(rest[..<open.lowerBound]))) }
            out.append(.strong([.text(String(inside))]))
            rest = after[close.upperBound...]
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        // Adjacent text pieces back into one run.
        var merged: [Inline] = []
        for piece in out {
            if case .text(let t) = piece, case .text(let previous)? = merged.last { merged[merged.count - 1] = .text(previous + t) } else { merged.append(piece) }
        }
        return merged
    }

    private static func inline(_ node: Node, depth: Int) -> Inline {
        switch typeName(node) {
        case "text": return .text(literal(node))
        case "code": return .code(literal(node))
        case "emph": return .emphasis(inlines(childrenOf: node, depth: depth))
        case "strong": return .strong(inlines(childrenOf: node, depth: depth))
        case "strikethrough": return .strikethrough(inlines(childrenOf: node, depth: depth))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "html_inline": return .html(literal(node))
        case "link":
            return .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", content: inlines(childrenOf: node, depth: depth))
        case "image":
            return .image(
                url: cmark_node_get_url(node).map { String(cString: $0) } ?? "",
                alt: inlines(childrenOf: node, depth: depth).plainText,
                line: Int(cmark_node_get_start_line(node)),
                column: Int(cmark_node_get_start_column(node)))
        default:
            return .text(inlines(childrenOf: node, depth: depth).plainText)
        }
    }
}
