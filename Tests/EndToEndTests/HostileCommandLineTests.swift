import Foundation
import TestPaths
import Testing

/// Bad values on the command line and in the lessons directory, as a learner or an instructor might
/// give them: a clear message and exit 2, never a trap or a hang.
@Suite struct HostileCommandLineTests {
    @Test(arguments: ["nan", "inf", "1e19", "0.0001", "-1", "0"])
    func traceTimeoutsOutOfRangeAreRefused(_ value: String) throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["trace", "http://app.glowcorp.io/", "--connect-to", "app.glowcorp.io:80:127.0.0.1:9", "--mapped-only", "--timeout", value])
        #expect(out.status == 64 || out.status == 2, "\(out.status) \(out.stderr)")
        #expect(out.stderr.contains("--timeout") && out.stderr.contains("0.001초부터 600초 사이로"), "\(out.stderr)")
    }

    @Test func lessonsNewRefusesAnOrderOutOfRangeAndAnIdThatIsTaken() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = "\(h.home)/lessons"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let huge = try h.run(["lessons", "new", "x", "--order", "9223372036854775807", "--lessons", dir])
        #expect(huge.status != 0 && huge.stderr.contains("--order 9223372036854775807: a lesson's order is 1–999"), "\(huge.stderr)")
        // A lesson with an error still holds its id.
        try "---\nid: vpc\ntitle: VPC\norder: one\nsummary: s\n---\n\n## a {#a}\n".write(toFile: "\(dir)/03-vpc.md", atomically: true, encoding: .utf8)
        let taken = try h.run(["lessons", "new", "vpc", "--lessons", dir])
        #expect(taken.status != 0 && taken.stderr.contains("a lesson with id 'vpc' already exists: \(dir)/03-vpc.md"), "\(taken.stderr)")
    }

    @Test func aFifoOrAHugeFileNamedLikeALessonIsReportedNotRead() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = "\(h.home)/lessons"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(mkfifo("\(dir)/01-fifo.md", 0o600) == 0)
        try Data(count: (1 << 20) + 1).write(to: URL(fileURLWithPath: "\(dir)/02-huge.md"))
        let out = try h.run(["lessons", "lint", dir])
        #expect(out.status == 1)
        #expect(out.stdout.contains("\(dir)/01-fifo.md:1:1: error: not a regular file"), "\(out.stdout)")
        #expect(out.stdout.contains("\(dir)/02-huge.md:1:1: error: lesson file is 1048577 bytes; a lesson may be at most 1024 KiB"), "\(out.stdout)")
    }
}

/// A regex question whose pattern takes a backtracking engine exponential time, answered with the input
/// that triggers it: the REPL answers at once (issue 13 §4: the matcher is linear, not only lint).
@Suite struct ResponsiveAnswersTests {
    @Test func aBacktrackingPatternAnswersAtOnce() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = "\(h.home)/lessons"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let lesson = """
        ---
        id: re
        title: 정규식
        order: 1
        summary: 정규식 하나.
        ---

        ## 하나 {#one}

        본문이에요.

        ```question
        id: q1
        kind: regex
        prompt: a를 여러 번 적어요.
        answer:
          - '(a+)+$'
        example: aaa
        ```

        """
        try lesson.write(toFile: "\(dir)/01-re.md", atomically: true, encoding: .utf8)
        #expect(try h.run(["lessons", "lint", "--strict", dir]).status == 0)
        let started = Date()
        let out = try h.run(["--lessons", dir], input: String(repeating: "a", count: 3000) + "!\naaaa\nquit\n")
        #expect(Date().timeIntervalSince(started) < 30, "the answer took as long as backtracking takes")
        #expect(out.stdout.contains("✘") || out.stdout.contains("틀"), "\(out.stdout.suffix(600))")
        #expect(out.stdout.contains("✔") || out.stdout.contains("맞"), "\(out.stdout.suffix(600))")
    }
}

/// A failure never looks like success.
@Suite struct ExitStatusTests {
    @Test func verifyOnASourceWithAnUnreadableCaptureIsTwo() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = try h.copyOfFixture(as: "broken-json")
        try "{ \"Vpcs\": [".write(toFile: "\(dir)/ec2-describe-vpcs.json", atomically: true, encoding: .utf8)
        let out = try h.run(["verify", "--fixture", dir])
        #expect(out.status == 2, "\(out.status) \(out.stdout.suffix(300))")
        #expect(out.stdout.contains("결과가 완전하지 않아요"))
        #expect(out.stdout.contains("ec2-describe-vpcs.json") || out.stderr.contains("ec2-describe-vpcs.json"))
    }

    @Test func aWriteThatFailsIsAFailure() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.command(["/bin/sh", "-c", "\"$0\" verify > /dev/full; echo \"status $?\"", Harness.binary])
        #expect(out.stdout.contains("status 74"), "\(out.stdout) \(out.stderr)")
        #expect(out.stderr.contains("출력을 쓰지 못했어요"))
    }

    @Test func aPipedSessionShowsEachReplyAsItHappens() throws {
        let h = Harness()
        defer { h.cleanUp() }
        // The session's stdin stays open for two seconds; after one, its reply to `progress` must be there (well under the 4 KiB a pipe buffer holds).
        let script = "(echo progress; sleep 2; echo quit) | \"$0\" --lessons Tests/Fixtures/lessons-good > \"$1/out\" & sleep 1; wc -c < \"$1/out\"; wait"
        let out = try h.command(["/bin/sh", "-c", script, Harness.binary, h.home])
        let bytes = Int(out.stdout.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
        #expect(bytes > 100, "only \(bytes) bytes after a second: the output waited for the end")
    }
}

/// No credential is printed or written, even when a server echoes it back.
@Suite struct SecretsTests {
    static let key = "AKIAECHOEXAMPLE7Q2Z"
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYECHOSECRET1"
    static let token = "IQoJb3JpZ2luX2VjECHOED//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/part=="

    @Test func anEndpointThatEchoesTheRequestShowsNoSecret() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let server = try LoopbackServer(["python3", "\(Harness.repository)/scripts/loopback-aws-faults.py", "{port-file}", "echo-credentials"])
        defer { server.stop() }
        let env = ["AWS_ACCESS_KEY_ID": Self.key, "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_SESSION_TOKEN": Self.token, "AWS_REGION": "ap-northeast-2"]
        let endpoint = "http://127.0.0.1:\(server.port)"
        let verify = try h.run(["verify", "--endpoint-url", endpoint], environment: env)
        let snapshot = try h.run(["snapshot", "--endpoint-url", endpoint, "--out", "\(h.home)/snap"], environment: env)
        var written = ""
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(h.home)/snap")) ?? [] {
            written += (try? String(contentsOfFile: "\(h.home)/snap/\(name)", encoding: .utf8)) ?? ""
        }
        let everything = verify.stdout + verify.stderr + snapshot.stdout + snapshot.stderr + written
        #expect(everything.contains("Request was"), "the server's message is shown: \(everything.prefix(600))")
        for leaked in [Self.key, Self.secret, Self.token, Self.token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "ECHOEXAMPLE"] {
            #expect(!everything.contains(leaked), "leaked \(leaked.prefix(12))…")
        }
        #expect(everything.contains("****7Q2Z") && everything.contains("[session token]"))
    }
}

/// Reads from outside are bounded and regular: a capture that is a FIFO, a directory or a link to
/// /dev/zero is named with the reason, and `query @ < /dev/zero` ends.
@Suite struct BoundedReadTests {
    @Test func specialCapturesAreNamedNotReadOrSkipped() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = try h.copyOfFixture(as: "special")
        for name in ["elbv2-describe-target-groups.json", "ec2-describe-vpcs.json", "route53-list-hosted-zones.json"] {
            try FileManager.default.removeItem(atPath: "\(dir)/\(name)")
        }
        #expect(mkfifo("\(dir)/elbv2-describe-target-groups.json", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: "\(dir)/ec2-describe-vpcs.json", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/route53-list-hosted-zones.json", withDestinationPath: "/dev/zero")
        let out = try h.run(["verify", "--fixture", dir])
        #expect(out.status == 2, "\(out.status)")
        let said = out.stdout + out.stderr
        #expect(said.contains("elbv2-describe-target-groups.json은 FIFO예요"), "\(said.prefix(600))")
        #expect(said.contains("ec2-describe-vpcs.json은 파일이 아니라 디렉터리예요"))
        #expect(said.contains("route53-list-hosted-zones.json은 장치 같은 특수 파일이에요"))
    }

    @Test func endlessStandardInputEnds() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.command(["/bin/sh", "-c", "\"$0\" query @ < /dev/zero; echo \"status $?\"", Harness.binary])
        #expect(out.stderr.contains("표준 입력이 64 MiB보다 커요"), "\(out.stderr)")
        #expect(!out.stdout.contains("status 0"))
    }
}

/// A fixture is what people send each other: its nginx files are read from inside it only.
@Suite struct FixtureConfinementTests {
    @Test func includesAndLinksOutOfTheFixtureReadNothing() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = try h.copyOfFixture(as: "sent/fixture")
        try "server { listen 8123; server_name leaked-by-include.example; }\n".write(toFile: "\(h.home)/outside.conf", atomically: true, encoding: .utf8)
        try "server { listen 8124; server_name leaked-by-link.example; }\n".write(toFile: "\(h.home)/linked.conf", atomically: true, encoding: .utf8)
        let conf = "\(dir)/etc/nginx/conf.d"
        try "include /etc/nginx/../../../../outside.conf;\n".write(toFile: "\(conf)/zz-escape.conf", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(conf)/zz-link.conf", withDestinationPath: "\(h.home)/linked.conf")
        #expect(mkfifo("\(conf)/zz-fifo.conf", 0o600) == 0)
        let out = try h.run(["query", "nginx", "--fixture", dir])
        #expect(!out.stdout.contains("leaked-by-include") && !out.stdout.contains("leaked-by-link"), "\(out.stdout.prefix(400))")
        let verify = try h.run(["verify", "--fixture", dir, "-v"])
        #expect(!verify.stdout.contains("leaked-by"), "the FIFO did not hang the read, and nothing from outside was read")
    }
}

/// The smaller ways a failure used to look like something else.
@Suite struct SmallFailureTests {
    @Test func jsonNumbersBeyondADoubleAreAnErrorNotInf() throws {
        let h = Harness()
        defer { h.cleanUp() }
        try #"{"big": 1e400}"#.write(toFile: "\(h.home)/big.json", atomically: true, encoding: .utf8)
        let out = try h.run(["query", "big", "-i", "\(h.home)/big.json"])
        #expect(out.status != 0 && !out.stdout.contains("inf"), "\(out.stdout)")
        #expect(out.stderr.contains("\(h.home)/big.json:1:9") && out.stderr.contains("out of range"), "\(out.stderr)")
    }

    @Test func snapshotChecksWhereItWritesBeforeReading() throws {
        let h = Harness()
        defer { h.cleanUp() }
        try "x".write(toFile: "\(h.home)/a-file", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(h.home)/dangling", withDestinationPath: "\(h.home)/nowhere/at/all")
        // An endpoint nothing listens on: had the reads come first, they would fail before the message.
        for (out, said) in [("\(h.home)/a-file", "디렉터리가 아니라 파일이에요"), ("\(h.home)/dangling", "가리키는 곳이 없는 심볼릭 링크예요"), ("/proc/version/x", "만들 수 없어요")] {
            let run = try h.run(["snapshot", "--endpoint-url", "http://127.0.0.1:9", "--out", out],
                                environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "ap-northeast-2"])
            #expect(run.status != 0 && run.stderr.contains(said), "\(out): \(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain") && !run.stderr.contains("Error Domain"), "\(run.stderr)")
        }
    }
}
