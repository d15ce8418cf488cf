import Environment
#if canImport(Glibc)
import Glibc
#endif

/// A one-line note on a terminal while something slow runs (`AWS 읽는 중… 7/20`), rewritten in place and
/// cleared when done. Written to standard error, and only when it is a terminal: pipes and transcripts
/// never see it.
public final class ProgressLine: Sendable {
    let enabled: Bool

    public init(enabled: Bool = Terminal.isTTY(2)) { self.enabled = enabled }

    public func show(_ text: String) {
        guard enabled else { return }
        write("\r\u{1B}[K" + TerminalText.printable(text))
    }

    public func finish() {
        guard enabled else { return }
        write("\r\u{1B}[K")
    }

    /// A live read's progress, in words.
    public static func describe(_ progress: ReadProgress) -> String {
        switch progress {
        case .aws(let done, let planned): return "AWS 읽는 중… \(done)/\(planned)"
        case .host(let host): return "호스트 읽는 중… nginx -T, docker ps (\(host))"
        }
    }

    public var reporter: @Sendable (ReadProgress) -> Void {
        { [self] progress in self.show(Self.describe(progress)) }
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}
