import Checks
import Environment
import Foundation
import TestPaths
import JMESPath
import JSON
import Testing
@testable import GlowOnboardKit

/// The course that ships: a broken lesson, or one that drops part of the onboarding document, cannot land.
@Suite struct ShippedLessonsTests {
    static let result: LessonLinter.Result = try! LessonLinter.lint(path: Paths.lessons)

    @Test func lintsWithoutErrorsOrWarnings() {
        #expect(Self.result.diagnostics.isEmpty, "\(Self.result.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(Self.result.lessons.count == Self.result.files.count)
    }

    /// `verify` runs the whole catalogue; the course teaches every check of it in some lesson's verify
    /// block, so every finding points at a lesson (issue 14 §1).
    @Test func everyCatalogueCheckIsTaughtBySomeLesson() {
        #expect(Self.result.unusedChecks.isEmpty, "no lesson uses \(Self.result.unusedChecks)")
        #expect(LessonLinter.unusedChecks([]).count == Catalogue.checks.count)
    }

    @Test func everyStepAsksAndEveryLessonSaysWhatVerifyChecks() {
        for lesson in Self.result.lessons {
            #expect(!lesson.verifications.isEmpty, "\(lesson.id) has no verify block")
            for step in lesson.steps { #expect(!step.questions.isEmpty, "\(lesson.id)/\(step.id) has no question") }
        }
    }

    @Test func everyQuestionAcceptsTheAnswerItShows() {
        let document = FixtureCache.snapshot("glowcorp").document
        for lesson in Self.result.lessons {
            for step in lesson.steps {
                for var q in step.questions {
                    if let query = q.answerQuery {
                        // An answer from the environment: the bundled setup's value must pass, in another form too.
                        let value = try? JMESPathExpression(query).evaluate(document)
                        let values = value.map { $0.array ?? [$0] } ?? []
                        q.answers = values.compactMap { $0.string ?? ($0.number != nil ? JSONWriter.string($0, indent: nil) : nil) }
                        #expect(!q.answers.isEmpty, "\(lesson.id)/\(q.id): \(query) gives nothing on the bundled fixture")
                        // A name in another form too (case, a trailing dot); a number as it is.
                        let typed = values.first?.string.map { $0.uppercased() + "." } ?? q.answers.first ?? ""
                        #expect(AnswerMatcher.check(typed, against: q).isCorrect, "\(lesson.id)/\(q.id): '\(typed)'")
                        continue
                    }
                    #expect(AnswerMatcher.check(q.displayAnswer, against: q).isCorrect, "\(lesson.id)/\(step.id)/\(q.id): '\(q.displayAnswer)'")
                }
            }
        }
    }

    @Test func hasAQueryCheckAndAnAnswerFromTheEnvironment() {
        let queries = Self.result.lessons.flatMap { $0.verifications.flatMap { $0.spec.checks.compactMap(\.query) } }
        #expect(!queries.isEmpty)
        #expect(Self.result.lessons.contains { $0.steps.contains { $0.questions.contains { $0.answerQuery != nil } } })
        let snapshot = FixtureCache.snapshot("glowcorp")
        #expect(LessonLinter.queryProblems(Self.result.lessons, snapshot: snapshot, fixture: "glowcorp").isEmpty)
    }

    @Test func usesEveryAnswerKind() {
        let kinds = Set(Self.result.lessons.flatMap { $0.steps.flatMap { $0.questions.map(\.kind) } })
        #expect(kinds == Set(AnswerKind.allCases))
    }

    @Test func showsBothDiagramsAndTheirSourcesExist() {
        let images = Set(Self.result.lessons.flatMap { $0.images.map { ($0.path as NSString).lastPathComponent } })
        #expect(images.isSuperset(of: ["ec2_inside_traffic.png", "traffic_flow.png"]))
        for name in ["ec2_inside_traffic", "traffic_flow"] {
            #expect(FileManager.default.fileExists(atPath: "\(Paths.repository)/img/\(name).dot"), "img/\(name).dot is the source of the PNG")
        }
    }

    /// What the onboarding document teaches, and the facts where it has aged, each found in the course.
    @Test(arguments: [
        ("overview", ["app.glowcorp.io", "api.glowcorp.io", "Route53", "ALB", "EC2", "nginx", "도커"]),
        ("route53", ["도메인 등록", "DNS 라우팅", "상태 확인", "호스팅 영역"]),
        ("vpc", ["10.0.0.0/16", "CIDR", "격리"]),
        ("subnets", ["가용 영역", "10.0.1.0/24", "10.0.2.0/24"]),
        ("internet-gateway", ["Detached", "Attached", "attach-internet-gateway"]),
        ("route-table", ["0.0.0.0/0", "local", "서브넷 연결", "기본(main)"]),
        ("ec2", ["httpd", "dnf install -y httpd", "각 서브넷", "보안 그룹"]),
        ("alb", ["인터넷 경계", "80", "인스턴스", "대상 등록", "DNS 이름"]),
        ("dns-record", ["별칭", "ZWKZPGTI48KDX", "apex", "레코드 이름"]),
        ("nginx", ["amazon-linux-extras install nginx1", "dnf install -y nginx", "systemctl start nginx",
                   "systemctl restart nginx", "systemctl status nginx", "/etc/nginx/conf.d", "nginx -t", "Amazon Linux 2023"]),
        ("docker-app", ["docker ps", "127.0.0.1:3000", "502"]),
        ("request-journey", ["X-Forwarded-For", "X-Forwarded-Proto", "$scheme"]),
        ("troubleshooting", ["502", "503", "504", "상태 검사", "보안 그룹", "X-Forwarded-Proto", "ERR_TOO_MANY_REDIRECTS"]),
    ])
    func teaches(_ lessonId: String, _ terms: [String]) throws {
        let lesson = try #require(Self.result.lessons.first { $0.id == lessonId }, "lesson \(lessonId) is missing")
        let text = try String(contentsOfFile: lesson.file, encoding: .utf8)
        for term in terms { #expect(text.contains(term), "\(lessonId) should teach '\(term)'") }
    }

    @Test func followsTheDocumentsOrder() {
        #expect(Self.result.lessons.map(\.id) == [
            "overview", "route53", "vpc", "subnets", "internet-gateway", "route-table", "ec2", "alb", "dns-record",
            "nginx", "docker-app", "request-journey", "troubleshooting", "on-call",
        ])
    }
}

/// The complete example in the instructors' guide must itself pass lint, beside the shipped course.
@Suite struct InstructorsGuideTests {
    @Test func guideExamplePassesLint() throws {
        let guide = try String(contentsOfFile: "\(Paths.lessons)/README.md", encoding: .utf8)
        let start = try #require(guide.range(of: "````markdown\n"))
        let end = try #require(guide.range(of: "\n````", range: start.upperBound..<guide.endIndex))
        let example = String(guide[start.upperBound..<end.lowerBound]) + "\n"
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: "\(dir)/Lessons", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: "\(dir)/img", withDestinationPath: "\(Paths.repository)/img")
        try fm.createSymbolicLink(atPath: "\(dir)/Fixtures", withDestinationPath: "\(Paths.repository)/Fixtures")
        for file in try LessonLinter.lessonFiles(at: Paths.lessons) {
            try fm.copyItem(atPath: file, toPath: "\(dir)/Lessons/\((file as NSString).lastPathComponent)")
        }
        try example.write(toFile: "\(dir)/Lessons/15-example.md", atomically: true, encoding: .utf8)
        let result = try LessonLinter.lint(path: "\(dir)/Lessons")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.lessons.contains { $0.id == "health-checks" })
    }

    /// The guide's `lessons test` output is what the tester says: the example passes, and the draft
    /// with the two slips the guide describes fails at the lines it shows.
    @Test func guideLessonsTestOutputIsTrue() throws {
        let guide = try String(contentsOfFile: "\(Paths.lessons)/README.md", encoding: .utf8)
        let start = try #require(guide.range(of: "````markdown\n"))
        let end = try #require(guide.range(of: "\n````", range: start.upperBound..<guide.endIndex))
        let example = String(guide[start.upperBound..<end.lowerBound]) + "\n"
        let marker = try #require(guide.range(of: "the output of `lessons test health-checks health-checks-draft` -->\n```text\n"))
        let close = try #require(guide.range(of: "\n```", range: marker.upperBound..<guide.endIndex))
        let shown = guide[marker.upperBound..<close.lowerBound].split(separator: "\n").dropFirst().map(String.init)
        let draft = example.replacingOccurrences(of: "id: health-checks ", with: "id: health-checks-draft ")
            .replacingOccurrences(of: "order: 15 ", with: "order: 16 ")
            .replacingOccurrences(of: "with: {path: /health}", with: "with: {path: /status}")
            .replacingOccurrences(of: "glowcorp의 nginx는 /health에만 답해요.\n", with: "glowcorp의 nginx는 /health에만 답해요.\n  - answer: /Healthz\n    say: 대소문자를 확인해 보세요.\n")
        #expect(draft.contains("/Healthz") && draft.contains("/status}") && draft.contains("health-checks-draft"))
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/Lessons", withIntermediateDirectories: true)
        for file in try LessonLinter.lessonFiles(at: Paths.lessons) {
            try FileManager.default.copyItem(atPath: file, toPath: "\(dir)/Lessons/\((file as NSString).lastPathComponent)")
        }
        try example.write(toFile: "\(dir)/Lessons/15-example.md", atomically: true, encoding: .utf8)
        try draft.write(toFile: "\(dir)/Lessons/16-draft.md", atomically: true, encoding: .utf8)
        let result = try LessonLinter.lint(path: "\(dir)/Lessons")
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.description))")
        var tester = LessonTester(reference: "\(Paths.repository)/Fixtures/glowcorp", environment: ["GLOW_ONBOARD_FIXTURES": "\(Paths.repository)/Fixtures"])
        var printed: [String] = []
        for id in ["health-checks", "health-checks-draft"] {
            let report = tester.test(try #require(result.lessons.first { $0.id == id }))
            printed.append(report.summary)
            printed += report.failures.map { "  \($0)" }
        }
        let normalized = printed.map {
            $0.replacingOccurrences(of: "\(dir)/", with: "").replacingOccurrences(of: "\(Paths.repository)/", with: "")
        }
        #expect(normalized == shown, "\(normalized.joined(separator: "\n"))")
    }
}

/// Guessing does not pay: a learner who types the same number to every choice question of the course does,
/// over many learners, no better than blind guessing; and lint says where an answer can be read off.
@Suite struct GuessingTests {
    @Test func theSameNumberToEveryQuestionIsBlindGuessing() {
        let questions = ShippedLessonsTests.result.lessons.flatMap { lesson in
            lesson.steps.flatMap(\.questions).filter { $0.kind == .choice }.map { (lesson.id, $0) }
        }
        #expect(questions.count >= 30)
        let learners = 400
        for typed in 1...4 {
            var right = 0
            for n in 0..<learners {
                for (lesson, q) in questions where AnswerMatcher.check("\(typed)", against: q.presented(to: "learner-\(n)", in: lesson)).isCorrect {
                    right += 1
                }
            }
            let chance = questions.map { typed <= $0.1.choices.count ? 1 / Double($0.1.choices.count) : 0 }
            let expected = chance.reduce(0, +) * Double(learners)
            let spread = (chance.map { $0 * (1 - $0) }.reduce(0, +) * Double(learners)).squareRoot()
            #expect(Double(right) < expected + 4 * spread, "typing \(typed): \(right) right over \(learners) learners, chance \(Int(expected))")
        }
    }

    static func lint(_ lesson: String) throws -> [String] {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try lesson.write(toFile: "\(dir)/x.md", atomically: true, encoding: .utf8)
        return try LessonLinter.lint(path: dir).diagnostics.map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
    }

    @Test func lintSaysWhereAnAnswerCanBeReadOffOrGuessed() throws {
        let lesson = """
            ---
            id: x
            title: X
            order: 1
            ---

            ## 포트 {#port}

            nginx는 80에서 듣고 앱은 8080에서 들어요.

            ```question
            id: app-port
            kind: port
            prompt: 앱은 어느 포트에서 들을까요?
            answer: 8080
            ```

            ```question
            id: in-prompt
            kind: text
            prompt: 호스트 이름 app.glowcorp.io에서 앞부분(app)은 무엇일까요?
            answer: app
            ```

            ```question
            id: coin
            kind: choice
            prompt: 어느 쪽일까요?
            choices:
              - 인터넷 경계
              - 내부
            answer: 인터넷 경계
            ```

            ```question
            id: fair
            kind: port
            prompt: 앱 컨테이너의 포트를 docker ps에서 찾아보세요.
            answer: 4000
            ```

            """
        let m = try Self.lint(lesson)
        #expect(m.contains("x.md:15:9: warning: question 'app-port': its answer '8080' stands in the step's text, shown before the question; ask it so that the learner works it out or looks it up"), "\(m)")
        #expect(m.contains("x.md:21:9: warning: question 'in-prompt': its answer 'app' stands in the prompt; ask it so that the learner works it out or looks it up"), "\(m)")
        #expect(m.contains("x.md:29:1: warning: question 'coin' has only two choices: a guess is right half the time; add a plausible wrong choice or ask it another way"), "\(m)")
        #expect(!m.contains { $0.contains("'fair'") }, "\(m)")
    }

    @Test func lintSaysWhenTheLongestChoiceWinsTooOften() throws {
        var lesson = "---\nid: x\ntitle: X\norder: 1\n---\n\n## 단계 {#s}\n\n"
        for n in 1...10 {
            lesson += "```question\nid: q\(n)\nkind: choice\nprompt: 질문 \(n)?\nchoices:\n  - 짧은 \(n)\n  - 아주 길고 자세한 옳은 답 \(n)\n  - 짧은 오답 \(n)\nanswer: 아주 길고 자세한 옳은 답 \(n)\n```\n\n"
        }
        let m = try Self.lint(lesson)
        #expect(m.contains { $0.hasPrefix("x.md:9:1: warning: the right answer is the longest choice in 10 of 10 choice questions (chance: about 3.3)") }, "\(m)")
        #expect(m.contains { $0.hasPrefix("x.md:9:1: warning: the right answer is choice 2 in 10 of 10 choice questions") }, "\(m)")
    }
}
