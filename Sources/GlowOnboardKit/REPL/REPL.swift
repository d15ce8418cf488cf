import Checks
import Environment
#if canImport(Glibc)
import Glibc
#endif

/// Connects a `Tutor` to the terminal (libedit, colour, history) or to a pipe (plain lines, no prompt).
public enum REPL {
    public static func run(_ tutor: Tutor, interactive: Bool, historyPath: String?, startAt: String? = nil) {
        var reader: any LineReader = interactive ? EditlineReader(historyPath: historyPath) : PipeReader()
        emit(tutor.start(at: startAt))
        while !tutor.finished {
            if interactive { EditlineReader.setCompletions(tutor.completions) }
            switch reader.read(prompt: interactive ? colouredPrompt(tutor) : "") {
            case .line(let line):
                // A resized window (SIGWINCH, which libedit takes for its own line) is read back here, once
                // the line is in: what this command prints wraps at the width the window has now.
                if interactive, let width = Terminal.currentWidth() { tutor.resize(width: width) }
                // A blank line around each answer keeps a session (and a piped transcript) readable.
                let out = tutor.handle(line)
                if !out.isEmpty {
                    print("")
                    // Longer than the screen: through the pager (on a terminal only), so nothing scrolls away.
                    if interactive, let rows = Terminal.currentRows(), out.count > rows - 2, let pager = Pager.command(environment: ProcessEnvironment.variables) {
                        Pager.show(out, with: pager)
                        // Back from the pager: the open question under the prompt, where it can be read.
                        let reminder = tutor.openQuestionReminder()
                        if !reminder.isEmpty { emit(reminder) }
                    } else {
                        emit(out)
                    }
                    if interactive { print("") }
                }
            case .interrupted:
                print("(입력을 취소했어요. 끝내려면 quit 또는 Ctrl-D)")
            case .endOfFile:
                // Ctrl-D at a `확인 (y/N)` prompt answers no; the session goes on (at a pipe's end it ends).
                if tutor.pending != nil {
                    print("")
                    emit(tutor.handle("n"))
                    if interactive { print(""); continue }
                }
                if !interactive { print("") }
                emit(tutor.quitMessage())
                reader.close()
                return
            }
        }
        reader.close()
    }

    static func emit(_ lines: [String]) {
        for line in lines { print(TerminalText.printable(line)) }
        // Each command's reply is on its way before the next line is read: a scripted session through a
        // pipe shows it as it happens, and a crash later loses nothing already said.
        fflush(nil)
    }

    /// libedit counts every byte of the prompt unless escape codes sit between \u{1} and \u{2}.
    static func colouredPrompt(_ tutor: Tutor) -> String {
        let plain = tutor.prompt
        guard tutor.terminal.colour else { return plain }
        return "\u{1}\u{1B}[1;36m\u{2}" + plain + "\u{1}\u{1B}[0m\u{2}"
    }
}
