import Checks
import Environment
/// The flow maps as one standalone SVG (for a wiki or a slide): a column of hop boxes per record name,
/// each coloured by its state, the broken hop with its finding and hint.
public enum FlowMapSVG {
    static let boxWidth = 460, lineHeight = 20, padding = 12, gap = 34, columnGap = 40, top = 70

    /// `consoleRegion`: each hop's title links to its first resource's console page (none for the sandbox).
    public static func render(_ maps: [FlowMap], title: String, consoleRegion: String? = nil) -> String {
        func escape(_ s: String) -> String {
            // XML 1.0 allows no C0 control but tab and newline: a control character from data is shown as
            // its escape, as on the terminal, so the SVG stays well-formed.
            TerminalText.printable(s).replacingOccurrences("&", with: "&amp;").replacingOccurrences("<", with: "&lt;")
                .replacingOccurrences(">", with: "&gt;").replacingOccurrences("\"", with: "&quot;")
        }
        func colours(_ status: Finding.Status) -> (fill: String, stroke: String) {
            switch status {
            case .pass: return ("#eaf7ee", "#2e8b57")
            case .fail: return ("#fdecea", "#c62828")
            case .warn: return ("#fff6e0", "#c08a00")
            case .notChecked: return ("#f2f2f2", "#888888")
            }
        }
        /// Lines of a hop's box, wrapped at about 60 columns (display width).
        func lines(_ hop: FlowMap.Hop) -> [String] {
            var text = hop.lines
            if let p = hop.problem {
                text.append((p.rootCause ? "\(p.status.symbol(unicode: true)) " : "↳ ") + p.message)
                // Emoji are missing from many fonts an SVG is shown with; say it in words.
                if p.rootCause, let hint = p.hint { text.append("힌트: " + hint) }
            }
            return text.flatMap { TextWrapper(width: 60, colour: false).wrap([StyledRun($0)]) }
        }
        var body = ""
        var height = 0
        for (column, map) in maps.enumerated() {
            let x = 20 + column * (boxWidth + columnGap)
            var y = top
            body += "<text x=\"\(x)\" y=\"\(top - 16)\" class=\"record\">\(escape(map.record))</text>\n"
            for (i, hop) in map.hops.enumerated() {
                let text = lines(hop)
                let h = padding * 2 + lineHeight * (text.count + 1)
                let (fill, stroke) = colours(hop.status)
                body += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(boxWidth)\" height=\"\(h)\" rx=\"8\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"2\"/>\n"
                let titleText = "<text x=\"\(x + padding)\" y=\"\(y + padding + 14)\" class=\"title\">\(escape(hop.title))</text>"
                if let region = consoleRegion, let url = hop.resources.lazy.compactMap({ ConsoleLink.url(for: $0, region: region) }).first {
                    body += "<a href=\"\(escape(url))\" target=\"_blank\">" + titleText + "</a>\n"
                } else {
                    body += titleText + "\n"
                }
                body += "<text x=\"\(x + boxWidth - padding)\" y=\"\(y + padding + 14)\" class=\"status\" fill=\"\(stroke)\" text-anchor=\"end\">\(escape(hop.status.symbol(unicode: true) + " " + hop.status.rawValue))</text>\n"
                for (n, line) in text.enumerated() {
                    body += "<text x=\"\(x + padding)\" y=\"\(y + padding + 14 + lineHeight * (n + 1))\" class=\"line\">\(escape(line))</text>\n"
                }
                y += h
                if i < map.hops.count - 1 {
                    let cx = x + boxWidth / 2
                    body += "<line x1=\"\(cx)\" y1=\"\(y)\" x2=\"\(cx)\" y2=\"\(y + gap - 6)\" stroke=\"#555\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>\n"
                    y += gap
                }
            }
            height = max(height, y)
        }
        let width = 40 + maps.count * boxWidth + max(0, maps.count - 1) * columnGap
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="\(width)" height="\(height + 30)" viewBox="0 0 \(width) \(height + 30)">
        <defs><marker id="arrow" markerWidth="10" markerHeight="10" refX="5" refY="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>
        <style>
          text { font-family: "Noto Sans CJK KR", "NanumGothic", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }
          .heading { font-size: 18px; font-weight: bold; }
          .record { font-size: 16px; font-weight: bold; }
          .title { font-size: 14px; font-weight: bold; }
          .status { font-size: 13px; }
          .line { font-size: 13px; fill: #222; }
        </style>
        <rect width="100%" height="100%" fill="white"/>
        <text x="20" y="28" class="heading">\(escape(title))</text>
        \(body)</svg>

        """
    }
}
