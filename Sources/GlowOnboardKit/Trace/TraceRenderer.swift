import Checks
import Environment
import Foundation

/// `trace` as a learner reads it: each request, its stages with timings, what the snapshot expected
/// there, and for a failure where it broke, what that usually means, and the checks to run.
public struct TraceRenderer: Sendable {
    public var terminal: Terminal

    public init(terminal: Terminal) { self.terminal = terminal }

    func style(_ s: String, _ t: TextStyle) -> String { t.apply(s, colour: terminal.colour) }

    /// A stage's outcome: passed and failed as the checks' symbols; "·" for a stage not reached.
    func mark(_ ok: Bool?) -> StyledRun {
        guard let ok else { return StyledRun(terminal.unicode ? "·" : "--", .dim) }
        return mark(ok ? .pass : .fail)
    }

    func mark(_ status: Finding.Status?) -> StyledRun {
        let status = status ?? .notChecked
        return StyledRun(status.symbol(unicode: terminal.unicode), status.style + (status == .notChecked ? .plain : .bold))
    }

    public func render(_ report: TraceReport) -> [String] {
        let wrapper = TextWrapper(width: terminal.width, colour: terminal.colour)
        var out: [String] = []
        for (i, step) in report.steps.enumerated() {
            if i > 0 { out.append("") }
            var head = [StyledRun("#\(i + 1) ", .bold), StyledRun(step.url, .bold)]
            if let mapping = step.mapping { head.append(StyledRun("  (\(mapping))", .dim)) }
            out += wrapper.wrap(head, restPrefix: "    ")
            for stage in step.stages {
                // "  ✔ DNS      0.3 ms  " then the text, wrapped under itself; the snapshot's line below it.
                let time = stage.milliseconds.map { String(format: "%7.1f ms", $0) } ?? String(repeating: " ", count: 10)
                let symbol = mark(stage.ok)
                let prefix = "  " + style(symbol.text, symbol.style) + " " + stage.name.padded(to: 5) + style(time, .dim) + "  "
                let indent = String(repeating: " ", count: prefix.displayWidth)
                out += wrapper.wrap([StyledRun(terminal.drawable(stage.actual))], firstPrefix: prefix, restPrefix: indent)
                if let expected = stage.expected {
                    let status = mark(stage.expectedStatus)
                    out += wrapper.wrap([StyledRun(terminal.drawable(expected), .dim)], firstPrefix: indent + style("스냅샷 ", .dim) + style(status.text, status.style) + " ",
                                        restPrefix: indent + "  ")
                }
            }
            if !step.body.isEmpty {
                out.append("  " + style("응답 본문 (앞부분):", .dim))
                let bar = terminal.drawable("│")
                for line in step.body { out += wrapper.wrap([StyledRun(line)], firstPrefix: "  \(bar) ", restPrefix: "  \(bar)   ") }
            }
        }
        out.append("")
        let redirects = report.steps.filter { $0.location != nil }.count
        let total = report.steps.compactMap(\.totalMilliseconds).reduce(0, +)
        if let d = report.diagnosis {
            let symbol = mark(false)
            out += wrapper.wrap([StyledRun(terminal.drawable(d.summary), .bold)], firstPrefix: style(symbol.text + " " + d.stage + ":", symbol.style) + " ", restPrefix: "    ")
            out += wrapper.wrap([StyledRun("보통: ", .dim), StyledRun(terminal.drawable(d.meaning))], firstPrefix: "  ", restPrefix: "    ")
            if !report.checkStatuses.isEmpty {
                out.append("  " + style("관련 검사 (스냅샷에서):", .dim))
                for c in report.checkStatuses {
                    let m = mark(c.status)
                    out.append("    " + style(m.text, m.style) + " " + c.check)
                }
                if report.checkStatuses.allSatisfy({ $0.status == .pass }) {
                    out += wrapper.wrap([StyledRun("스냅샷에서는 모두 통과해요: 실제가 스냅샷과 달라요. verify --aws/--host로 지금의 실제를 읽어 봐요.", .yellow)],
                                        firstPrefix: "  ", restPrefix: "    ")
                } else {
                    out += wrapper.wrap([StyledRun("glow-onboard verify로 자세히 봐요.", .dim)], firstPrefix: "  ", restPrefix: "    ")
                }
            }
        } else {
            let last = report.steps.last
            out.append(style(Finding.Status.pass.symbol(unicode: terminal.unicode) + " ", .green + .bold) + terminal.drawable("\(last?.status.map(String.init) ?? "?") · 합계 \(String(format: "%.1f", total)) ms · 리다이렉트 \(redirects)번"))
        }
        return out
    }
}
