import Foundation
import Testing
import Spawn
import TestPaths
import GlowOnboardKit

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

        /// Runs glow-onboard in a new pane of `x`×`y` with a clean environment (`variables` added), then
        /// prints how it exited and stays a while for the screen to be read.
        func launch(_ h: Harness, _ variables: String, _ arguments: String, x: Int, y: Int) {
            let command = "cd \(Harness.repository) && env -i HOME=\(h.home) XDG_STATE_HOME=\(h.home)/state \(variables) "
                + "\(Harness.binary) \(arguments); echo EXITED-$?; sleep 30"
            run(["new-session", "-d", "-s", name, "-x", "\(x)", "-y", "\(y)", command])
        }
    }

    /// tmux, or nil with the reason said (the tests that need it are skipped).
    static func tmuxOrSkip() -> String? {
        if tmux == nil { print("TerminalTests skipped: tmux is not installed (apt-get install tmux)") }
        return tmux
    }

    @Test func koreanPromptCompletionAndControlKeysUnderTheCLocale() throws {
        guard let tmux = Self.tmuxOrSkip() else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let session = Session(tmux: tmux)
        defer { session.kill() }
        // LC_ALL=C is the case that crashed libedit on a Korean prompt; the program must force UTF-8.
        session.launch(h, "TERM=xterm-256color LC_ALL=C", "--lessons Tests/Fixtures/lessons-good", x: 100, y: 40)
        var screen = session.waitFor("basics/first 답 ❯")
        #expect(screen.contains("basics/first 답 ❯"), "Korean prompt not shown:\n\(screen)")
        // The first screen is the welcome; Enter brings the first step.
        session.keys("Enter")
        screen = session.waitFor("가장 먼저 요청을 받는 것은?")
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

    /// A new learner's first screen fits an 80×24 terminal (nothing scrolled away), and Enter brings
    /// the first step.
    @Test func theFirstScreenFits24Rows() throws {
        guard let tmux = Self.tmuxOrSkip() else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let session = Session(tmux: tmux)
        defer { session.kill() }
        session.launch(h, "TERM=xterm-256color LANG=C.UTF-8", "", x: 80, y: 24)
        var screen = session.waitFor("overview/big-picture 답 ❯")
        #expect(screen.hasPrefix("glow-onboard: glowcorp의 트래픽이 어떻게 앱까지 가는지 배우는 튜터"), "the welcome scrolled away:\n\(screen)")
        #expect(screen.contains("준비되면 Enter를 눌러 첫 단계 「전체 그림」부터 봐요."), "\(screen)")
        // The step is longer than the screen: it opens in the pager (less here, when installed); after
        // it, the question is said under the prompt.
        session.keys("Enter")
        screen = session.waitFor("[overview · 단계 1/4] 전체 그림")
        #expect(screen.contains("[overview · 단계 1/4] 전체 그림"), "\(screen)")
        session.keys("q")
        screen = session.waitFor("(다시 보기: show)")
        #expect(screen.contains("질문 1/1 (다시 보기: show) 브라우저에서 보낸 요청이"), "\(screen)")
    }

    /// Output longer than the screen goes through the pager (GLOW_PAGER here, a recorder); output that
    /// fits does not.
    @Test func longOutputGoesThroughThePager() throws {
        guard let tmux = Self.tmuxOrSkip() else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let session = Session(tmux: tmux)
        defer { session.kill() }
        let paged = "\(h.home)/paged"
        session.launch(h, "TERM=xterm-256color LANG=C.UTF-8 'GLOW_PAGER=cat >> \(paged); echo PAGER-RAN'", "alb/scheme", x: 80, y: 24)
        session.waitFor("alb/scheme 답 ❯")
        session.keys("hint", "Enter")
        session.waitFor("힌트")
        #expect(!FileManager.default.fileExists(atPath: paged), "a short reply went through the pager")
        session.keys("map", "Enter")
        let screen = session.waitFor("PAGER-RAN")
        #expect(screen.contains("PAGER-RAN"), "\(screen)")
        // Colour is kept for the pager (less -R shows it); the words are read without it.
        let raw = (try? String(contentsOfFile: paged, encoding: .utf8)) ?? ""
        // (and the console links, OSC 8, are the only other escape: none from data)
        let text = raw.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\u{1B}\\]8;;[^\u{1B}]*\u{1B}\\\\", with: "", options: .regularExpression)
        #expect(raw.contains("\u{1B}[32m"))
        let paths = ["app.glowcorp.io", "api.glowcorp.io", "질문 1/1 (다시 보기: show)"].filter { !text.contains($0) }
        #expect(paths.isEmpty, "not paged: \(paths); \(text.count) characters")
        #expect(!text.contains("\u{1B}"), "an escape from data reached the pager")
        #expect(raw.contains("\u{1B}]8;;https://ap-northeast-2.console.aws.amazon.com/"), "no console link on a colour terminal")
    }

    /// In a real terminal: Ctrl-D at a `확인 (y/N)` prompt answers no and the session goes on; a window
    /// resized from 80 to 60 columns is noticed (text wraps at 60 from the next command); under
    /// TERM=dumb the REPL's `map` draws with ASCII only.
    @Test func ctrlDAtAConfirmationResizeAndDumbTerminal() throws {
        guard let tmux = Self.tmuxOrSkip() else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let session = Session(tmux: tmux)
        defer { session.kill() }
        session.launch(h, "TERM=xterm-256color LANG=C.UTF-8", "alb/scheme", x: 80, y: 24)
        session.waitFor("alb/scheme 답 ❯")
        session.keys("reset", "Enter")
        var screen = session.waitFor("확인 (y/N) ❯")
        #expect(screen.contains("확인 (y/N) ❯"), "\(screen)")
        session.keys("C-d")
        screen = session.waitFor("취소했어요")
        #expect(screen.contains("취소했어요: 단계 alb/scheme의 진도 지우기") && !screen.contains("EXITED-"), "\(screen)")
        screen = session.waitFor("alb/scheme 답 ❯")
        #expect(screen.suffix(200).contains("alb/scheme 답 ❯"), "the session did not go on:\n\(screen)")

        // Resized to 60 columns: the next output wraps at 60. Joined (-J), no line of ours is wider.
        session.run(["resize-window", "-t", session.name, "-x", "60", "-y", "24"])
        Thread.sleep(forTimeInterval: 0.5)
        session.keys("C-l", "show", "Enter")
        screen = session.waitFor("질문 1/1")
        let joined = session.run(["capture-pane", "-p", "-J", "-t", session.name])
        let wide = joined.split(separator: "\n").map(String.init).filter { $0.displayWidth > 60 && !$0.hasPrefix("    ") }
        #expect(wide.isEmpty, "lines wider than the resized window:\n\(wide.joined(separator: "\n"))")
        session.keys("quit", "Enter")
        session.waitFor("EXITED-")

        let dumb = Session(tmux: tmux)
        defer { dumb.kill() }
        dumb.launch(h, "TERM=dumb LANG=C.UTF-8", "alb/scheme", x: 100, y: 60)
        dumb.waitFor("alb/scheme 답 ❯")
        dumb.keys("C-l", "map app", "Enter")
        screen = dumb.waitFor("(다시 보기: show)")
        #expect(screen.contains("app.glowcorp.io"), "\(screen)")
        for box in ["┌", "│", "└", "─", "▼"] { #expect(!screen.contains(box), "TERM=dumb drew '\(box)':\n\(screen)") }
    }

    /// A live source is read when a command needs it, once, and never at a prompt: Tab completion and
    /// Enter read nothing. Counted at the two places a read shows: the credential process runs and the
    /// requests an EC2 stand-in receives. A read that failed as a whole is tried again by the next
    /// command that needs it, and not before.
    @Test func thePromptReadsNothing() throws {
        guard let tmux = Self.tmuxOrSkip() else { return }
        let h = Harness()
        defer { h.cleanUp() }
        let ec2 = try LoopbackServer(["python3", "\(Harness.repository)/scripts/loopback-aws-faults.py", "{port-file}", "plain"])
        defer { ec2.stop() }
        let runs = "\(h.home)/runs"
        try """
            #!/bin/sh
            echo run >> \(runs)
            [ "$1" = ok ] || { echo "the token expired" >&2; exit 1; }
            echo '{"Version": 1, "AccessKeyId": "AKIDCOUNTED", "SecretAccessKey": "counted-secret"}'
            """.write(toFile: "\(h.home)/creds.sh", atomically: true, encoding: .utf8)
        chmod("\(h.home)/creds.sh", 0o755)
        try """
            [profile failing]
            region = ap-northeast-2
            credential_process = \(h.home)/creds.sh fail
            [profile counted]
            region = ap-northeast-2
            credential_process = \(h.home)/creds.sh ok

            """.write(toFile: "\(h.home)/config", atomically: true, encoding: .utf8)
        func processRuns() -> Int { ((try? String(contentsOfFile: runs, encoding: .utf8)) ?? "").split(separator: "\n").count }
        func requests() throws -> Int { try ec2.get("/log").split(separator: "\n").count }

        let session = Session(tmux: tmux)
        defer { session.kill() }
        let command = "cd \(Harness.repository) && env -i HOME=\(h.home) XDG_STATE_HOME=\(h.home)/state TERM=xterm-256color LANG=C.UTF-8 "
            + "GLOW_PAGER= PATH=/usr/bin:/bin AWS_CONFIG_FILE=\(h.home)/config AWS_SHARED_CREDENTIALS_FILE=\(h.home)/none "
            + "\(Harness.binary) --lessons Tests/Fixtures/lessons-good; echo EXITED-$?; sleep 30"
        session.run(["new-session", "-d", "-s", session.name, "-x", "100", "-y", "40", command])
        session.waitFor("basics/first 답 ❯")
        let endpoint = "--endpoint-url http://127.0.0.1:\(ec2.port)"
        func enter(_ times: Int) {
            for _ in 0..<times { session.keys("Enter") }
            Thread.sleep(forTimeInterval: 0.5)
        }

        session.keys("source aws --profile failing \(endpoint)", "Enter")
        session.waitFor("이제 verify는 live aws --profile failing")
        enter(6)
        #expect(processRuns() == 0, "choosing the source ran the credential process")
        session.keys("verify all", "Enter")
        var screen = session.waitFor("the token expired")
        #expect(screen.contains("프로파일 failing의 credential_process") && screen.contains("(종료 코드 1): the token expired"), "\(screen)")
        #expect(processRuns() == 1)
        enter(6)
        session.keys("query Vp", "Tab")
        Thread.sleep(forTimeInterval: 0.5)
        session.keys("C-u")
        #expect(processRuns() == 1, "a prompt ran the credential process again")
        session.keys("verify all", "Enter")
        _ = Background.wait(seconds: 10) { processRuns() == 2 }
        #expect(processRuns() == 2, "the next verify did not try again")

        session.keys("source aws --profile counted \(endpoint)", "Enter")
        session.waitFor("이제 verify는 live aws --profile counted")
        session.keys("clear", "Enter")
        session.keys("verify all", "Enter")
        screen = session.waitFor("통과 ")
        #expect(processRuns() == 3)
        let afterRead = try requests()
        #expect(afterRead > 0, "the stand-in was not read")
        enter(6)
        session.keys("query Vp", "Tab")
        screen = session.waitFor("query Vpcs")
        #expect(screen.contains("❯ query Vpcs"), "Tab did not complete from what was read:\n\(screen)")
        session.keys("C-u")
        session.keys("verify all", "Enter")
        Thread.sleep(forTimeInterval: 1)
        #expect(processRuns() == 3, "a second verify read again")
        #expect(try requests() == afterRead, "prompts or a second verify sent requests")
        session.keys("verify all --refresh", "Enter")
        _ = Background.wait(seconds: 10) { processRuns() == 4 }
        #expect(processRuns() == 4)
        _ = Background.wait(seconds: 10) { (try? requests()) == 2 * afterRead }
        #expect(try requests() == 2 * afterRead)
        session.keys("quit", "Enter")
        screen = session.waitFor("EXITED-")
        #expect(screen.contains("EXITED-0"))
        #expect(!screen.contains("counted-secret"))
    }
}
