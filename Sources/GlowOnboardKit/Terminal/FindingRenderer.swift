import Checks
import Environment
/// The ✔/✘ list a learner reads after `verify`: problems first with what was expected, what is there,
/// where, and what to do; a finding that follows from another says so.
public struct FindingRenderer: Sendable {
    public var terminal: Terminal
    /// The region of the account the findings are about, for console links; nil: no console (the
    /// sandbox, a custom endpoint).
    public var consoleRegion: String?

    public init(terminal: Terminal, consoleRegion: String? = nil) {
        self.terminal = terminal
        self.consoleRegion = consoleRegion
    }

    /// Where a resource is in the console: a link on the resource itself where the terminal shows colour
    /// (OSC 8; a terminal that does not know it shows the text), else the address on a line of its own.
    func located(_ resource: String, indent: String) -> [String] {
        let head = indent + "    " + style("위치: ", .dim)
        guard let region = consoleRegion, let url = ConsoleLink.url(for: resource, region: region) else { return [head + resource] }
        if terminal.colour { return [head + TerminalText.hyperlink(url, resource)] }
        return [head + resource, indent + "    " + style("콘솔: ", .dim) + url]
    }

    func style(_ s: String, _ t: TextStyle) -> String { t.apply(s, colour: terminal.colour) }

    public func render(_ findings: [Finding], verbose: Bool = false) -> [String] {
        let wrapper = TextWrapper(width: terminal.width, colour: terminal.colour)
        var out: [String] = []
        for f in findings {
            if f.status == .pass && !verbose {
                // Passing checks: the line, wrapped (never cut: what passed is worth reading whole).
                out += wrapper.wrap([StyledRun(f.status.symbol(unicode: terminal.unicode) + " ", .green + .bold), StyledRun(f.check, .bold), StyledRun("  " + f.message)],
                                    firstPrefix: "", restPrefix: "    ")
                continue
            }
            let symbolStyle = f.status.style
            let indent = f.rootCause || f.status == .pass || f.status == .notChecked ? "" : "  "
            let head = [StyledRun(f.status.symbol(unicode: terminal.unicode) + " ", symbolStyle + .bold), StyledRun(f.check, .bold), StyledRun("  " + f.message)]
            out += wrapper.wrap(head, firstPrefix: indent, restPrefix: indent + "    ")
            guard f.status == .fail || f.status == .warn || verbose else { continue }
            if !f.causedBy.isEmpty {
                out += wrapper.wrap([StyledRun(terminal.drawable("↳ ") + "\(f.causedBy.joined(separator: ", "), .이가) 실패해서 생긴 문제일 수 있어요.", .dim)], firstPrefix: indent + "    ", restPrefix: indent + "      ")
            }
            if let location = f.location { out += located(location, indent: indent) }
            if f.expected != nil || f.actual != nil {
                out += wrapper.wrap([StyledRun("기대: ", .dim), StyledRun(f.expected ?? "-"), StyledRun("  실제: ", .dim), StyledRun(f.actual ?? "-")],
                                    firstPrefix: indent + "    ", restPrefix: indent + "      ")
            }
            if let hint = f.hint {
                out += wrapper.wrap([StyledRun(terminal.drawable("💡 "), .yellow), StyledRun(hint)], firstPrefix: indent + "    ", restPrefix: indent + "       ")
            }
        }
        return out
    }

    public func summary(_ findings: [Finding]) -> String {
        func count(_ s: Finding.Status) -> Int { findings.filter { $0.status == s }.count }
        return "통과 \(count(.pass)) · 실패 \(count(.fail)) · 경고 \(count(.warn)) · 검사 안 함 \(count(.notChecked))"
    }
}
