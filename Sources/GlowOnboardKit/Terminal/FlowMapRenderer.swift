import Checks
import Environment
/// Draws a FlowMap as boxes joined by arrows, within the terminal's width (at most 80 columns), aligned
/// by display width so Korean labels line up; ASCII boxes where the terminal cannot show box drawing.
public struct FlowMapRenderer: Sendable {
    public var terminal: Terminal
    /// The account's region, for the console pages of each hop; nil: no console (the sandbox).
    public var consoleRegion: String?

    public init(terminal: Terminal, consoleRegion: String? = nil) {
        self.terminal = terminal
        self.consoleRegion = consoleRegion
    }

    /// Each hop's console pages, under the map: linked on their names where the terminal shows colour
    /// (OSC 8), else the addresses themselves, one a line.
    public func consoleLinks(_ map: FlowMap) -> [String] {
        guard let region = consoleRegion else { return [] }
        var out: [String] = []
        for hop in map.hops {
            for resource in hop.resources {
                guard let url = ConsoleLink.url(for: resource, region: region) else { continue }
                out.append(terminal.colour ? "  \(hop.title): " + TerminalText.hyperlink(url, resource) : "  \(hop.title): \(url)")
            }
        }
        return out.isEmpty ? [] : [TextStyle.dim.apply("콘솔에서 보기:", colour: terminal.colour)] + out
    }

    public func render(_ map: FlowMap) -> [String] {
        let width = min(terminal.width, 80) - 2
        let b = BoxCharacters(unicode: terminal.unicode)
        let c = terminal.colour
        let wrapper = TextWrapper(width: width - 4, colour: false)
        var out = [TextStyle.bold.apply(map.record, colour: c)]
        for (i, hop) in map.hops.enumerated() {
            let symbol = hop.status.symbol(unicode: terminal.unicode)
            let style = hop.status.style
            let titleText = "\(b.horizontal) \(hop.title) "
            let right = " \(symbol) \(b.horizontal)"
            let fill = max(0, width - 2 - titleText.displayWidth - right.displayWidth)
            out.append(style.apply(b.topLeft + titleText + String(repeating: b.horizontal, count: fill) + right + b.topRight, colour: c))
            var text = hop.lines
            if let p = hop.problem {
                if p.rootCause {
                    text.append("\(p.status.symbol(unicode: terminal.unicode)) \(p.message)")
                    if let hint = p.hint { text.append("💡 " + hint) }
                } else {
                    text.append("↳ \(p.message) (\(p.causedBy.joined(separator: ", ")) 때문일 수 있어요)")
                }
            }
            let body = text.map(terminal.drawable).flatMap { wrapper.wrap([StyledRun($0)]) }
            for line in body {
                out.append(style.apply(b.vertical, colour: c) + " " + line.padded(to: width - 4) + " " + style.apply(b.vertical, colour: c))
            }
            out.append(style.apply(b.bottomLeft + String(repeating: b.horizontal, count: width - 2) + b.bottomRight, colour: c))
            if i < map.hops.count - 1 {
                out.append(String(repeating: " ", count: width / 2) + (terminal.unicode ? "▼" : "v"))
            }
        }
        return out
    }
}
