import Checks
import Environment
import Foundation
import GlowOnboardKit
import JMESPath
import JSON
import Testing
import Spawn

@Suite struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let version = try h.run(["--version"])
        #expect(version.status == 0 && version.stdout == GlowOnboardKit.version + "\n")
        let help = try h.run(["--help"])
        #expect(help.status == 0)
        for sub in ["start", "lessons", "progress"] { #expect(help.stdout.contains("  \(sub) "), "\(sub) missing from --help") }
        let lessonsHelp = try h.run(["lessons", "--help"])
        for sub in ["list", "lint", "test", "new", "show"] { #expect(lessonsHelp.stdout.contains("  \(sub) "), "\(sub) missing from lessons --help") }
        let completion = try h.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("_glow-onboard"))
    }

    @Test func lintReportsEveryProblemAndExitsOne() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let broken = try h.run(["lessons", "lint", "Tests/Fixtures/lessons-broken"])
        #expect(broken.status == 1)
        let lines = broken.stdout.split(separator: "\n")
        #expect(lines.count == 20)
        #expect(lines.allSatisfy { $0.wholeMatch(of: #/Tests/Fixtures/lessons-broken/0\d-[a-z]+\.md:\d+:\d+: (error|warning): .+/#) != nil })
        #expect(broken.stderr.hasPrefix("3 lesson file(s): 18 error(s), 2 warning(s)\n"))
        // A directory is a course: lint says which catalogue checks no lesson uses (not as a warning).
        #expect(broken.stderr.contains("catalogue checks are in no lesson's verify block (verify runs them anyway): dns.zone, "), "\(broken.stderr)")
        let good = try h.run(["lessons", "lint", "Tests/Fixtures/lessons-good", "--strict"])
        #expect(good.status == 0 && good.stdout.isEmpty)
        let strict = try h.run(["lessons", "lint", "--strict", "Tests/Fixtures/lessons-broken/02-blocks.md"])
        #expect(strict.status == 1)
        let missing = try h.run(["lessons", "lint", "no/such/dir"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "glow-onboard: 오류: no/such/dir에 레슨이 없어요. --lessons DIR을 주거나 GLOW_ONBOARD_LESSONS를 정해 주세요.\n")
    }

    /// The instructor's gate: the shipped course passes it, and a lesson that lints clean but that no
    /// learner could finish fails it, each problem at its file:line.
    @Test func lessonsTestPassesTheCourseAndFailsUnanswerableLessons() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let shipped = try h.run(["lessons", "test"])
        #expect(shipped.status == 0, "\(shipped.stdout)")
        let lines = shipped.stdout.split(separator: "\n")
        #expect(lines.count == 14 && lines.allSatisfy { $0.hasPrefix("✔ ") }, "\(shipped.stdout)")
        #expect(lines.contains("✔ troubleshooting: 11 questions, 1 verify block, 2 case studies"), "\(shipped.stdout)")
        #expect(shipped.stderr.hasSuffix("14 lesson(s) tested on Fixtures/glowcorp: all pass\n"), "\(shipped.stderr)")

        let dir = "Tests/Fixtures/lessons-untestable"
        let out = try h.run(["lessons", "test", "--lessons", dir])
        #expect(out.status == 1)
        let gate = "\(dir)/01-gate.md"
        for expected in [
            "✘ gate: 4 questions, 1 verify block, 2 case studies — 5 failures",
            "  \(gate):14:1: error: question 'health-path-number': answer-query gives '/health' on Fixtures/glowcorp, which a number question does not accept",
            "  \(gate):23:1: error: question 'nginx-port': mistake ':8080' is never said (the earlier mistake '8080' is the same answer)",
            "  \(gate):35:1: error: verify fails on the reference (Fixtures/glowcorp): ✘ network.vpc-cidr: ",
            "  \(gate):46:1: error: case study's first ✘ on Fixtures/broken/igw-detached is network.igw-attached, but question 'root-check' says the root cause is dns.record",
            "  \(gate):78:1: error: case study's verify passes on its fixture Fixtures/glowcorp: the learner has nothing to find",
            "✔ fine: 2 questions, 0 verify blocks, 1 case study",
            "✘ \(dir)/03-loop.md: lint errors (learners do not get this lesson)",
            "  \(dir)/03-loop.md:6:11: error: requires itself: a lesson cannot come before itself",
        ] {
            #expect(out.stdout.contains(expected), "missing: \(expected)\n\(out.stdout)")
        }
        #expect(out.stderr.hasSuffix("3 lesson(s) tested on Fixtures/glowcorp: 2 fail\n"), "\(out.stderr)")
        // One lesson by id or number; an unknown one is a usage error, not a pass.
        #expect(try h.run(["lessons", "test", "fine", "--lessons", dir]).status == 0)
        #expect(try h.run(["lessons", "test", "1", "--lessons", dir]).status == 1)
        let unknown = try h.run(["lessons", "test", "nope", "--lessons", dir])
        #expect(unknown.status != 0 && unknown.stderr.contains("nope"), "\(unknown.stderr)")
    }

    @Test func shippedLessonsLintClean() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["lessons", "lint", "--strict"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stderr.hasPrefix("14 lesson file(s): 0 error(s), 0 warning(s)"))
    }

    @Test func newScaffoldsALessonThatPassesLint() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = "\(h.home)/Lessons"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let created = try h.run(["lessons", "new", "load-testing", "--title", "부하 테스트"], directory: h.home)
        #expect(created.status == 0)
        #expect(created.stdout == "Lessons/01-load-testing.md\n")
        let lint = try h.run(["lessons", "lint", "--strict"], directory: h.home)
        #expect(lint.status == 0, "\(lint.stdout)")
        let second = try h.run(["lessons", "new", "load-testing"], directory: h.home)
        #expect(second.status == 2 && second.stderr.contains("a lesson with id 'load-testing' already exists"))
        let bad = try h.run(["lessons", "new", "Bad Id"], directory: h.home)
        #expect(bad.status == 64 && bad.stderr.contains("lesson id 'Bad Id' must be lowercase letters, digits and '-'"))
    }

    /// `scripts/start.sh LESSON` opens that lesson whatever its name (`nginx` is also a subcommand): the
    /// script passes its arguments to `start`, and `start nginx` opens the lesson.
    @Test func startOpensALessonNamedLikeACommand() throws {
        let script = try String(contentsOfFile: "\(Harness.repository)/scripts/start.sh", encoding: .utf8)
        #expect(script.contains("exec \"$BIN\" start --lessons \"$ROOT/Lessons\" \"$@\""))
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["start", "nginx"], input: "quit\n")
        #expect(out.status == 0 && out.stdout.contains("[nginx · 단계 1/"), "\(out.stdout.prefix(300))\(out.stderr)")
        let step = try h.run(["start", "vpc/build"], input: "quit\n")
        #expect(step.stdout.contains("[vpc · 단계 3/3] 직접 만들기"))
    }

    @Test func showPrintsALessonWithoutProgress() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["lessons", "show", "nginx/install"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("sudo amazon-linux-extras install nginx1"))
        #expect(!FileManager.default.fileExists(atPath: h.progressPath))
        let unknown = try h.run(["lessons", "show", "ngnix"])
        #expect(unknown.status == 2 && unknown.stderr == "glow-onboard: 오류: 'ngnix' 레슨은 없어요. 'nginx'를 말한 건가요?\n")
    }

    /// For review, `--answers` puts each question's answers, mistakes, hints and explanation under it;
    /// without it nothing of the kind shows.
    @Test func showAnswersIsForReview() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let plain = try h.run(["lessons", "show", "alb"], environment: ["COLUMNS": "100"])
        #expect(plain.status == 0 && !plain.stdout.contains("▷"))
        let review = try h.run(["lessons", "show", "alb", "--answers"], environment: ["COLUMNS": "100"])
        #expect(review.status == 0)
        let flat = review.stdout.replacingOccurrences(of: "\n      ", with: " ")
        for expected in ["  ▷ 정답: 인터넷 경계 (internet-facing)",
                         "  ▷ 오답 내부 (internal): 내부 ALB의 DNS 이름은 사설 IP로 풀려서",
                         "  ▷ 환경에서 찾는 답 (answer-query): Listeners[?Protocol == 'HTTP'].Port",
                         "  ▷ 예시: 80", "  ▷ 힌트 1: ", "  ▷ 설명:"] {
            #expect(flat.contains(expected), "missing: \(expected)")
        }
        // Every question of the lesson is reviewed, in each step.
        let questions = try LessonLinter.lint(path: "\(Harness.repository)/Lessons").lessons.first { $0.id == "alb" }!.steps.flatMap(\.questions)
        #expect(review.stdout.components(separatedBy: "▷ 설명:").count - 1 == questions.filter { $0.explain != nil }.count)
        let step = try h.run(["lessons", "show", "alb/target-group", "--answers"])
        #expect(step.status == 0 && step.stdout.contains("▷"), "\(step.stderr)")
    }

    @Test func damagedProgressIsKeptAsideAndTheCourseStarts() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let state = "\(h.home)/state/glow-onboard"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try "{ not json".write(toFile: "\(state)/progress.json", atomically: true, encoding: .utf8)
        let out = try h.run(["--lessons", "Tests/Fixtures/lessons-good"], input: "3\nquit\n")
        #expect(out.status == 0)
        #expect(out.stdout.replacingOccurrences(of: "\n", with: " ").hasPrefix("⚠ 진도 파일 \(state)/progress.json을 쓸 수 없어요: JSON이 아니에요"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("progress.json.damaged-") }
        #expect(kept.count == 1)
        #expect(try String(contentsOfFile: "\(state)/\(kept[0])", encoding: .utf8) == "{ not json")
        #expect(ProgressStore(path: "\(state)/progress.json").load().progress.record(.init(lesson: "basics", step: "first"), question: "pick").status == .correct)
    }

    @Test func resumesAcrossRunsAndStartsAtAPosition() throws {
        let h = Harness()
        defer { h.cleanUp() }
        _ = try h.run(["--lessons", "Tests/Fixtures/lessons-good"], input: "next\nquit\n")
        let again = try h.run(["--lessons", "Tests/Fixtures/lessons-good"], input: "")
        #expect(again.stdout.hasPrefix("다시 오셨네요! 1. 기초 · 둘째 단계에서 이어갑니다."))
        let jump = try h.run(["--lessons", "Tests/Fixtures/lessons-good", "more"], input: "")
        #expect(jump.stdout.contains("[more · 단계 1/1] 명령"))
        let bad = try h.run(["--lessons", "Tests/Fixtures/lessons-good", "mroe"], input: "")
        #expect(bad.status == 2 && bad.stderr == "glow-onboard: 오류: 'mroe' 레슨은 없어요. 'more'를 말한 건가요?\n")
    }

    @Test func progressExportImportCarriesItToAnotherMachine() throws {
        let a = Harness(), b = Harness()
        defer { a.cleanUp(); b.cleanUp() }
        _ = try a.run(["--lessons", "Tests/Fixtures/lessons-good"], input: "3\nnext\n10.0.0.0/16\n")
        let exported = try a.run(["progress", "export"])
        #expect(exported.status == 0 && exported.stdout.contains("\"version\" : 1"))
        let file = "\(b.home)/carried.json"
        try exported.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try b.run(["progress", "import", file])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("\(file)에서 질문 기록 2개를"))
        let shown = try b.run(["progress", "--lessons", "Tests/Fixtures/lessons-good"])
        #expect(shown.stdout.hasPrefix("전체 진도: 2/4 질문 (50%)"))
        let garbage = "\(b.home)/garbage.json"
        try "[]".write(toFile: garbage, atomically: true, encoding: .utf8)
        let refused = try b.run(["progress", "import", garbage])
        #expect(refused.status == 2 && refused.stderr.contains("진도 파일 \(garbage)") && refused.stderr.contains("읽을 수 없어요: 최상위가 JSON 객체가 아니에요"))
        #expect(try b.run(["progress", "path"]).stdout == b.progressPath + "\n")
    }

    /// The whole shipped course can be completed through the REPL with the answers the lessons show.
    @Test func theWholeCourseCanBeTaken() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let lessons = try LessonLinter.lint(path: "\(Harness.repository)/Lessons").lessons
        let document = FixtureSource.load(directory: "\(Harness.repository)/Fixtures/glowcorp").document
        var script = "goto \(lessons[0].id)\n"
        var total = 0
        for lesson in lessons {
            for step in lesson.steps {
                for q in step.questions {
                    // An answer from the environment comes from the bundled fixture, the default source.
                    script += "answer \(Harness.rightAnswer(q, in: document))\n"
                    total += 1
                }
                script += "next\n"
            }
        }
        script += "progress\nquit\n"
        let out = try h.run([], input: script)
        #expect(out.status == 0)
        #expect(out.stdout.components(separatedBy: "✔ 정답이에요!").count - 1 == total)
        #expect(out.stdout.contains("전체 진도: \(total)/\(total) 질문 (100%)"))
        #expect(out.stdout.contains("코스의 마지막 단계까지 왔어요!"))
        #expect(!out.stdout.contains("✘ 아니에요"))
    }
}

@Suite struct VerifyCommandTests {
    @Test func bundledSetupPassesAndExitsZero() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["verify"])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.hasPrefix("verify: fixture Fixtures/glowcorp\n"))
        #expect(!out.stdout.contains("✘"))
    }

    /// Without --lesson, verify is the whole catalogue (as `--all` and `verify all` are); --lesson and
    /// --step narrow it to the blocks there (issue 14 §1).
    @Test func verifyWithoutALessonRunsTheWholeCatalogue() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let catalogue = Set(try h.run(["checks"]).stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.contains(".") })
        #expect(catalogue.count > 40)
        for arguments in [["verify"], ["verify", "--all"], ["verify", "all"]] {
            let out = try h.run(arguments + ["--json"])
            let ran = Set(try JSONParser.parse(out.stdout).elements.compactMap { $0["check"]?.string })
            #expect(catalogue.subtracting(ran).isEmpty, "\(arguments) left out \(catalogue.subtracting(ran).sorted())")
        }
        let vpc = Set(try JSONParser.parse(try h.run(["verify", "--lesson", "vpc", "--json"]).stdout).elements.compactMap { $0["check"]?.string })
        #expect(vpc.contains("network.vpc-cidr") && !vpc.contains { $0.hasPrefix("nginx.") || $0.hasPrefix("dns.") }, "\(vpc.sorted())")
        let step = try JSONParser.parse(try h.run(["verify", "--lesson", "nginx", "--step", "build", "--json"]).stdout).elements
        #expect(step.contains { $0["check"]?.string == "target-group.health" } && !step.contains { $0["check"]?.string == "dns.zone" })
    }

    @Test func brokenVariantExitsOneWithTheRootCauseFirstInJSON() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["verify", "--lesson", "internet-gateway", "--fixture", "Fixtures/broken/igw-detached", "--json"])
        #expect(out.status == 1)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        let first = try #require(findings.first)
        #expect(first["check"] as? String == "network.igw-attached")
        #expect(first["status"] as? String == "fail")
        #expect(first["rootCause"] as? Bool == true)
        #expect(first["hop"] as? String == "network")
        for key in ["check", "hop", "status", "message", "expected", "actual", "where", "rootCause", "severity", "hint", "causedBy"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
    }

    @Test func badInputExitsTwo() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let missing = try h.run(["verify", "--fixture", "no/such/dir"])
        #expect(missing.status == 2 && missing.stderr == "glow-onboard: 오류: fixture 디렉터리가 없어요: no/such/dir\n")
        let unknown = try h.run(["verify", "--lesson", "vcp"])
        #expect(unknown.status == 2 && unknown.stderr.contains("'vcp' 레슨은 없어요. 'vpc'를 말한 건가요?"))
        let usage = try h.run(["verify", "--step", "cidr"])
        #expect(usage.status == 64)
    }

    @Test func checksListTheCatalogue() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let out = try h.run(["checks"])
        #expect(out.status == 0)
        for id in Catalogue.checks.map(\.id) { #expect(out.stdout.contains(id)) }
        // Which lessons use each check; --lessons names another course (issue 15: it was refused).
        #expect(out.stdout.contains("  network.acl") && out.stdout.contains("used by: on-call"), "\(out.stdout)")
        let other = try h.run(["checks", "--lessons", "Tests/Fixtures/lessons-good"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stdout.contains("no lesson uses it") && !other.stdout.contains("used by: on-call"))
    }

    @Test func nginxParsePrintsCrossplaneJSONAndErrors() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let good = try h.run(["nginx", "parse", "--json", "Fixtures/glowcorp/etc/nginx"])
        #expect(good.status == 0)
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as? [String: Any])
        #expect(tree["status"] as? String == "ok")
        #expect((tree["config"] as? [Any])?.count == 5)
        try "http {\n  server {\n    listen 80\n  }\n".write(toFile: "\(h.home)/bad.conf", atomically: true, encoding: .utf8)
        let bad = try h.run(["nginx", "parse", "\(h.home)/bad.conf"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "nginx: [emerg] unexpected \"}\" in \(h.home)/bad.conf:4\nnginx: [emerg] unexpected end of file, expecting \"}\" in \(h.home)/bad.conf:5\n")
    }
}

@Suite struct QueryCommandTests {
    @Test func queriesTheBundledSnapshotInTheAWSCLIsShapes() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let cidrs = try h.run(["query", "--fixture", "Fixtures/glowcorp", "--compact", "sort(Vpcs[].CidrBlock)"])
        #expect(cidrs.status == 0 && cidrs.stdout == "[\"10.0.0.0/16\", \"172.31.0.0/16\"]\n")
        let text = try h.run(["query", "--fixture", "Fixtures/glowcorp", "--output", "text", "sort(Subnets[?VpcId != null && starts_with(CidrBlock, '10.')].CidrBlock)"])
        #expect(text.stdout == "10.0.1.0/24\t10.0.2.0/24\n")
        let table = try h.run(["query", "--fixture", "Fixtures/glowcorp", "--output", "table", "LoadBalancers[].{Name: LoadBalancerName, Scheme: Scheme}"])
        #expect(table.stdout.contains("│ glowcorp-alb │ internet-facing │"))
        let nginx = try h.run(["query", "--fixture", "Fixtures/glowcorp", "--compact", "length(nginx.config)"])
        #expect(nginx.stdout == "5\n")
        let bad = try h.run(["query", "--fixture", "Fixtures/glowcorp", "Vpcs[?"])
        #expect(bad.status == 2 && bad.stderr.hasPrefix("glow-onboard: 오류: syntax error at column 7: the expression ends where a value was expected"))
    }

    /// The command prints, for every compliance case, what the suite expects.
    @Test func everyComplianceResultThroughTheBinary() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = "\(Harness.repository)/../shared/testdata/jmespath"
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir), !files.isEmpty else {
            print("QueryCommandTests skipped: no compliance suite at \(dir)")
            return
        }
        var checked = 0
        var failures: [String] = []
        for file in files.sorted() where file.hasSuffix(".json") && file != "schema.json" {
            let suites = try JSONParser.parse(bytes: Array(FileManager.default.contents(atPath: "\(dir)/\(file)")!))
            for (n, suite) in suites.elements.enumerated() {
                let given = "\(h.home)/given-\(file)-\(n).json"
                try JSONWriter.string(suite["given"] ?? .null).write(toFile: given, atomically: true, encoding: .utf8)
                for c in suite["cases"]?.elements ?? [] {
                    guard let expression = c["expression"]?.string, let expected = c["result"] else { continue }
                    let out = try h.run(["query", "--compact", expression, "-i", given])
                    let got = try? JSONParser.parse(out.stdout)
                    if got != expected { failures.append("\(file): \(expression): \(out.stdout)\(out.stderr)") }
                    checked += 1
                }
            }
        }
        #expect(checked > 600)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}

@Suite struct LintWithFixtureTests {
    @Test func everyQueryMustGiveAResultOnTheFixture() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let good = try h.run(["lessons", "lint", "--strict", "--fixture", "Fixtures/glowcorp"])
        #expect(good.status == 0, "\(good.stdout)")
        let empty = "\(h.home)/empty-env"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let bad = try h.run(["lessons", "lint", "--fixture", empty])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("Lessons/09-dns-record.md:"))
        #expect(bad.stdout.contains("error: answer-query 'ResourceRecordSets[?Name == 'app.glowcorp.io.'].AliasTarget.DNSName' of question 'alias-in-env' gives no answer on \(empty)"))
        #expect(bad.stdout.contains("error: answer-query 'Vpcs[?IsDefault].CidrBlock' of question 'default-vpc' gives no answer on \(empty)"), "\(bad.stdout)")
        #expect(bad.stdout.contains("Lessons/03-vpc.md:148:1: error: query 'Vpcs[?Tags[?Key == 'Name' && Value == 'glowcorp-vpc']].CidrBlock' gives null on \(empty)"), "\(bad.stdout)")
    }
}

@Suite struct MapCommandTests {
    @Test func drawsTheChainAndExitsByItsState() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let good = try h.run(["map"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("app.glowcorp.io\n┌─ Route53 "))
        #expect(!good.stdout.contains("✘"))
        let broken = try h.run(["map", "--fixture", "Fixtures/broken/internal-alb"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("│ ✘ glowcorp-alb가 내부(internal) ALB예요."))
        let ascii = try h.run(["map", "--ascii"], environment: ["TERM": "xterm"])
        #expect(ascii.stdout.contains("+- Route53 ") && !ascii.stdout.contains("┌"))
        let dumb = try h.run(["map"], environment: ["TERM": "dumb"])
        #expect(!dumb.stdout.contains("┌"))
        // The drawing fits 80 columns; a console address under it is a token, kept whole to be copied.
        for line in good.stdout.split(separator: "\n") where !line.contains("https://") { #expect(String(line).displayWidth <= 80) }
        #expect(good.stdout.contains("콘솔에서 보기:\n  Route53: https://us-east-1.console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/"))
    }
}

@Suite struct MapSVGTests {
    static let rsvg = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The SVG is checked by rendering it to PNG with librsvg (skipped, with a message, where it is missing).
    @Test func svgRenders() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let svg = "\(h.home)/map.svg"
        let out = try h.run(["map", "--fixture", "Fixtures/broken/target-group-port-8080", "--svg", svg])
        #expect(out.status == 1)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("<svg") && text.hasSuffix("</svg>\n"))
        #expect(text.contains("glowcorp-web-tg가 HTTP:8080으로 보내는데"))
        #expect(text.contains("stroke=\"#c62828\""))  // the broken hop is drawn red
        guard let rsvg = Self.rsvg else {
            print("MapSVGTests: rendering skipped, rsvg-convert is not installed (apt-get install librsvg2-bin)")
            return
        }
        let png = "\(h.home)/map.png"
        let render = try Spawn.run([rsvg, svg, "-o", png], timeout: 60, stderr: .discard)
        #expect(render.status == 0)
        let size = (try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 10_000)
        let header = try #require(FileManager.default.contents(atPath: png)).prefix(8)
        #expect(Array(header) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }
}
