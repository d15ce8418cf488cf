import Checks
import Environment
extension Tutor {
    static let traceUsage = "trace URL [--resolve HOST:PORT:ADDR] [--connect-to HOST:PORT:ADDR:PORT] [-H 'Name: value'] [--cacert FILE] [--mapped-only]"

    /// `trace URL …`: one real request followed hop by hop, beside the snapshot verify reads.
    func trace(_ argument: String) -> [String] {
        guard let words = Self.shellWords(argument), let url = words.first, !url.hasPrefix("-") else {
            return ["쓰는 법: \(Self.traceUsage)", "예: trace https://app.glowcorp.io/"]
        }
        var request = TraceRequest(url: url)
        var rest = words.dropFirst()
        while let flag = rest.first {
            rest = rest.dropFirst()
            if flag == "--mapped-only" { request.mappedOnly = true; continue }
            guard let value = rest.first, ["--resolve", "--connect-to", "-H", "--header", "--cacert"].contains(flag) else {
                return ["trace에 쓸 수 없는 옵션이에요: \(flag)", "쓰는 법: \(Self.traceUsage)"]
            }
            rest = rest.dropFirst()
            switch flag {
            case "--resolve": request.resolve.append(value)
            case "--connect-to": request.connectTo.append(value)
            case "--cacert": request.caBundle = value
            default:
                let parts = value.split(separator: ":", maxSplits: 1)
                request.headers.append((String(parts.first ?? "").trimmingWhitespace, parts.count > 1 ? String(parts[1]).trimmingWhitespace : ""))
            }
        }
        if let problem = request.problems().first { return ["✘ \(problem)"] }
        guard let snapshot = snapshot() else { return ["비교할 환경이 없어요: source fixture DIR로 정해 주세요."] }
        let report = TraceReport(Tracer.run(request), snapshot: snapshot)
        return [style("trace: \(url) · 스냅샷: \(snapshot.source)", .dim)] + TraceRenderer(terminal: terminal).render(report)
    }

    /// Words as a shell splits them: whitespace separates, '…' and "…" keep spaces; nil for an open quote.
    static func shellWords(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c)
                inWord = true
            }
        }
        if quote != nil { return nil }
        if inWord { words.append(current) }
        return words
    }
}
