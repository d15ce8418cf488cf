import Checks
import Environment
/// One line of learner input, or why there is none.
public enum LineInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-C: the line was cancelled; ask again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfFile
}

public protocol LineReader {
    mutating func read(prompt: String) -> LineInput
    /// Remembers the history (only the interactive reader keeps one).
    mutating func close()
}

/// Piped stdin: no prompt, no echo, no colour, no libedit state, so sessions can be scripted.
public struct PipeReader: LineReader {
    public init() {}
    public mutating func read(prompt: String) -> LineInput {
        guard let line = readLine(strippingNewline: true) else { return .endOfFile }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }
    public mutating func close() {}
}
