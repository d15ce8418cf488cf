import Checks
import Environment
/// Block-level markdown content with the source line it starts on (cmark's SOURCEPOS).
public indirect enum Block: Sendable, Hashable {
    case heading(level: Int, content: [Inline], line: Int)
    case paragraph([Inline], line: Int)
    case list(ListBlock, line: Int)
    case code(info: String, text: String, line: Int, column: Int)
    case table(TableBlock, line: Int)
    case quote([Block], line: Int)
    case rule(line: Int)
    case html(String, line: Int)

    public var line: Int {
        switch self {
        case .heading(_, _, let l), .paragraph(_, let l), .list(_, let l), .code(_, _, let l, _),
             .table(_, let l), .quote(_, let l), .rule(let l), .html(_, let l):
            return l
        }
    }

    /// Every inline in this block and below, in document order (used to find images and links).
    public var inlines: [Inline] {
        switch self {
        case .heading(_, let c, _), .paragraph(let c, _): return c
        case .list(let list, _): return list.items.flatMap { $0.blocks.flatMap(\.inlines) }
        case .quote(let blocks, _): return blocks.flatMap(\.inlines)
        case .table(let t, _): return (t.header + t.rows.flatMap { $0 }).flatMap { $0 }
        case .code, .rule, .html: return []
        }
    }
}

public struct ListBlock: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var blocks: [Block]
        /// GFM task list state: nil for a plain item.
        public var checked: Bool?
        public init(blocks: [Block], checked: Bool? = nil) {
            self.blocks = blocks
            self.checked = checked
        }
    }
    public var ordered: Bool
    public var start: Int
    public var tight: Bool
    public var items: [Item]

    public init(ordered: Bool, start: Int, tight: Bool, items: [Item]) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
    }
}

public struct TableBlock: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case none, left, center, right }
    public var alignments: [Alignment]
    public var header: [[Inline]]
    public var rows: [[[Inline]]]

    public init(alignments: [Alignment], header: [[Inline]], rows: [[[Inline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
