import Environment
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Output longer than the screen, on a terminal, goes through a pager: `GLOW_PAGER`, else `PAGER`, else
/// `less -R -F -X` when `less` is on PATH (colour kept, no paging for what fits, the text left on the
/// screen after `q`). `GLOW_PAGER=` (empty) or `cat` turns it off. Never used when output is piped.
enum Pager {
    static func command(environment: [String: String]) -> String? {
        for name in ["GLOW_PAGER", "PAGER"] {
            guard let value = environment[name] else { continue }
            let trimmed = value.trimmingWhitespace
            return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/less") }
        return found ? "less -R -F -X" : nil
    }

    /// Writes the lines (made printable, as everything shown is) to the pager and waits for it to end.
    /// A pager that cannot start leaves the lines printed as they are.
    static func show(_ lines: [String], with command: String) {
        fflush(nil)
        // SIGPIPE when the learner quits the pager early: ignored here, so the tutor goes on.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        // `less` without options would show the colour codes: give it git's defaults unless LESS is set.
        setenv("LESS", "FRX", 0)
        guard let pipe = popen(command, "w") else {
            REPL.emit(lines)
            return
        }
        // One write loop on the descriptor: a signal (SIGWINCH from a resize) interrupts a write, it is
        // retried; the pager quitting early (EPIPE) ends it.
        let bytes = Array(lines.map { TerminalText.printable($0) + "\n" }.joined().utf8)
        let fd = fileno(pipe)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            if n > 0 { written += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        // A pager that is not there (the shell says so, 127; or cannot run it, 126) showed nothing:
        // the lines are printed as they are, never lost.
        let status = pclose(pipe)
        let exit = (status >> 8) & 0xFF
        if status != -1, (status & 0x7F) == 0, exit == 127 || exit == 126 { REPL.emit(lines) }
    }
}
