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
        widths = Self.fit(widths, budget: budget)
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

    /// The widest columns give way, evenly, down to 6 columns each, until the widths fit the budget
    /// (or cannot give more): the widths that taking one column at a time from the widest would reach,
    /// computed in one pass over the sorted widths rather than once per column taken.
    static func fit(_ widths: [Int], budget: Int) -> [Int] {
        var excess = widths.reduce(0, +) - budget
        guard excess > 0 else { return widths }
        // Lower a cap over the widths until the columns above it have given up `excess`.
        let sorted = widths.sorted(by: >)
        var cap = sorted[0]
        var above = 0  // how many columns are at the cap
        while cap > 6 && excess > 0 {
            while above < sorted.count && sorted[above] >= cap { above += 1 }
            let next = max(6, above < sorted.count ? sorted[above] : 6)
            let room = (cap - next) * above
            if room >= excess {
                // The last columns: the cap falls by whole columns, and the rest comes from the leftmost at it.
                let whole = excess / above
                cap -= whole
                excess -= whole * above
                break
            }
            excess -= room
            cap = next
        }
        var result = widths.map { min($0, cap) }
        // What is left (fewer than `above` columns) comes from the leftmost columns at the cap.
        for i in result.indices where excess > 0 && result[i] == cap && cap > 6 {
            result[i] -= 1
            excess -= 1
        }
        return result
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
