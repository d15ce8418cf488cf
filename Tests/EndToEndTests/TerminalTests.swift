import Foundation
import Testing
import Spawn

/// The interactive path (libedit, colour, completion, Ctrl-C/Ctrl-D, the Korean prompt) driven in a real
/// terminal through tmux. Skipped, with a message, where tmux is not installed.
@Suite(.serialized) struct TerminalTests {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Session {
        let name = "glow-\(UUID().uuidString.prefix(8))"
        let tmux: String

        /// Runs a tmux command. Not through Foundation's Process: the tmux server that `new-session`
        /// forks inherited the descriptor Process watches, and `waitUntilExit` never returned on a
        /// machine with no tmux server running yet (a CI run hung on it).
        @discardableResult
        func run(_ arguments: [String]) -> String {
            (try? Spawn.run([tmux] + arguments, timeout: 10, stderr: .discard))?.output ?? ""
        }

        func keys(_ keys: String...) { run(["send-keys", "-t", name] + keys) }
        func screen() -> String { run(["capture-pane", "-p", "-t", name]) }

        /// Waits until the screen shows `text` (or gives up after a few seconds) and returns the screen.
        @discardableResult
        func waitFor(_ text: String, timeout: Double = 10) -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = screen()
                if last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return last
        }
        func kill() { run(["kill-session", "-t", name]) }
    }

    @Test func koreanPromptCompletionAndControlKeysUnderTheCLocale() throws {
        guard let tmux = Self.tmux else {
            print("TerminalTests skipped: tmux is not installed (apt-get install tmux)")
            return
        }
        let h = Harness()
        defer { h.cleanUp() }
        let session = Session(tmux: tmux)
        defer { session.kill() }
        // LC_ALL=C is the case that crashed libedit on a Korean prompt; the program must force UTF-8.
        let command = "cd \(Harness.repository) && env -i HOME=\(h.home) XDG_STATE_HOME=\(h.home)/state TERM=xterm-256color LC_ALL=C "
            + "\(Harness.binary) --lessons Tests/Fixtures/lessons-good; echo EXITED-$?; sleep 30"
        session.run(["new-session", "-d", "-s", session.name, "-x", "100", "-y", "40", command])
        var screen = session.waitFor("basics/first 답 ❯")
        #expect(screen.contains("basics/first 답 ❯"), "Korean prompt not shown:\n\(screen)")
        #expect(screen.contains("가장 먼저 요청을 받는 것은?"))

        session.keys("he", "Tab")
        screen = session.waitFor("❯ help")
        #expect(screen.contains("basics/first 답 ❯ help"), "Tab did not complete 'he':\n\(screen)")
        session.keys("C-u", "goto mo", "Tab")
        screen = session.waitFor("goto more")
        #expect(screen.contains("❯ goto more"), "Tab did not complete a lesson id:\n\(screen)")

        session.keys("C-c")
        screen = session.waitFor("입력을 취소했어요")
        #expect(screen.contains("(입력을 취소했어요. 끝내려면 quit 또는 Ctrl-D)"))

        session.keys("R", "Tab")
        screen = session.waitFor("❯ Route53")
        #expect(screen.contains("❯ Route53"), "Tab did not complete a choice:\n\(screen)")
        session.keys("Enter")
        // Wait for the next prompt (no '답' in it: the question is answered), not only the verdict.
        screen = session.waitFor("basics/first ❯")
        #expect(screen.contains("✔ 정답이에요!"))
        #expect(screen.contains("basics/first ❯"))

        session.keys("C-d")
        screen = session.waitFor("EXITED-")
        #expect(screen.contains("EXITED-0"), "Ctrl-D did not end the program cleanly:\n\(screen)")
        #expect(screen.contains("❯ ^D\n진도는 \(h.home)/state/glow-onboard/"))  // the line wraps in a 100-column pane
        #expect(FileManager.default.fileExists(atPath: h.progressPath))
        let history = try String(contentsOfFile: "\(h.home)/state/glow-onboard/history", encoding: .utf8)
        #expect(history.contains("Route53"))
    }
}
