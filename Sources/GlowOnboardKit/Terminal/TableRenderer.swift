import Checks
import Environment
/// GFM tables with box drawing. Column widths are measured in display columns; when the table is too
/// wide the widest columns give way and their cells wrap.
struct TableRenderer {
    let terminal: Terminal
    let renderer: MarkdownRenderer

    func render(_ table: TableBlock, width: Int) -> [String] {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        func cell(_ row: [[Inline]], _ i: Int) -> [Inline] { i < row.count ? row[i] : [] }
        let allRows = [table.header] + table.rows
        var widths = (0..<columns).map { i in
            allRows.map { renderer.runs(cell($0, i)).map(\.text).joined().displayWidth }.max() ?? 0
        }.map { max($0, 1) }
        // Borders take 3 columns per cell plus one.
        let budget = width - (3 * columns + 1)
        while widths.reduce(0, +) > budget, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 {
            widths[widest] -= 1
        }
        let b = BoxCharacters(unicode: terminal.unicode)
        let dim = TextStyle.dim
        let c = terminal.colour
        func border(_ left: String, _ mid: String, _ right: String) -> String {
            dim.apply(left + widths.map { String(repeating: b.horizontal, count: $0 + 2) }.joined(separator: mid) + right, colour: c)
        }
        func renderRow(_ row: [[Inline]], header: Bool) -> [String] {
            let cells = (0..<columns).map { i -> [String] in
                let style: TextStyle = header ? .bold : .plain
                return TextWrapper(width: widths[i], colour: c).wrap(renderer.runs(cell(row, i), style: style))
                    .map { $0.replacingOccurrences("\u{00A0}", with: " ") }
            }
            let height = cells.map(\.count).max() ?? 1
            return (0..<height).map { lineIndex in
                let parts = (0..<columns).map { i -> String in
                    let text = lineIndex < cells[i].count ? cells[i][lineIndex] : ""
                    return align(text, widths[i], i < table.alignments.count ? table.alignments[i] : .none)
                }
                let v = dim.apply(b.vertical, colour: c)
                return v + " " + parts.joined(separator: " \(v) ") + " " + v
            }
        }
        var out = [border(b.topLeft, b.topTee, b.topRight)]
        out += renderRow(table.header, header: true)
        out.append(border(b.leftTee, b.cross, b.rightTee))
        for row in table.rows { out += renderRow(row, header: false) }
        out.append(border(b.bottomLeft, b.bottomTee, b.bottomRight))
        return out
    }

    private func align(_ text: String, _ width: Int, _ alignment: TableBlock.Alignment) -> String {
        let gap = max(0, width - text.displayWidth)
        switch alignment {
        case .right: return String(repeating: " ", count: gap) + text
        case .center: return String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
        case .left, .none: return text + String(repeating: " ", count: gap)
        }
    }
}

/// Box-drawing characters, or ASCII where the terminal cannot show them.
struct BoxCharacters {
    let horizontal, vertical, topLeft, topTee, topRight, leftTee, cross, rightTee, bottomLeft, bottomTee, bottomRight: String

    init(unicode: Bool) {
        if unicode {
            (horizontal, vertical) = ("─", "│")
            (topLeft, topTee, topRight) = ("┌", "┬", "┐")
            (leftTee, cross, rightTee) = ("├", "┼", "┤")
            (bottomLeft, bottomTee, bottomRight) = ("└", "┴", "┘")
        } else {
            (horizontal, vertical) = ("-", "|")
            (topLeft, topTee, topRight) = ("+", "+", "+")
            (leftTee, cross, rightTee) = ("+", "+", "+")
            (bottomLeft, bottomTee, bottomRight) = ("+", "+", "+")
        }
    }
}
