import JSON
import Checks
import Environment
import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

/// The process's environment with a fixed learner, so that choices are shown in the same order in every
/// run (for this learner, the basics lesson's as written).
let fixedLearner = ProcessEnvironment.variables.merging(["GLOW_ONBOARD_LEARNER": "transcript"]) { $1 }

@Suite struct TutorTests {
    let dir = Paths.temporaryDirectory()

    func tutor(progressFile: String? = nil) throws -> Tutor {
        let lessons = Paths.fixture("lessons-good")
        let result = try LessonLinter.lint(path: lessons)
        let store = ProgressStore(path: progressFile ?? "\(dir)/progress.json")
        return Tutor(course: Course(lessons: result.lessons, directory: lessons), store: store, terminal: .plain, environment: fixedLearner) { () throws(CourseError) in
            try LessonLinter.lint(path: lessons)
        }
    }

    func text(_ lines: [String]) -> String { lines.joined(separator: "\n") }

    @Test func welcomesAndAsksTheFirstQuestion() throws {
        let t = try tutor()
        let out = text(t.start())
        #expect(out.contains("glow-onboard: glowcorp의 트래픽이"))
        #expect(out.contains("━━ 1. 기초 ━━"))
        #expect(out.contains("[basics · 단계 1/2] 첫 단계"))
        #expect(out.contains("[그림: 작은 그림 — "))
        #expect(out.contains("질문 1/1 · 번호나 보기의 내용으로 답하세요\n  가장 먼저 요청을 받는 것은?\n  1) Route53\n  2) nginx"))
        #expect(t.prompt == "basics/first 답 ❯ ")
    }

    @Test func typingAtAQuestionAnswersItAndProgressIsSaved() throws {
        let t = try tutor()
        _ = t.start()
        #expect(text(t.handle("2")).hasPrefix("✘ 아니에요."))
        let right = text(t.handle("1"))
        #expect(right.contains("✔ 정답이에요!\n  DNS가 먼저예요."))
        #expect(right.contains("이 단계를 마쳤어요. 다음 단계는 next."))
        #expect(t.prompt == "basics/first ❯ ")
        let saved = ProgressStore(path: "\(dir)/progress.json").load().progress
        #expect(saved.record(.init(lesson: "basics", step: "first"), question: "pick") ==
                LearnerProgress.QuestionRecord(status: .correct, attempts: 2, hintsShown: 0, lastAnswer: "1", wrongAnswers: ["nginx"],
                                        updated: saved.record(.init(lesson: "basics", step: "first"), question: "pick").updated))
    }

    @Test func hintsAreProgressiveThenStepHints() throws {
        let t = try tutor()
        _ = t.start()
        #expect(text(t.handle("hint")) == "💡 힌트 1/3:\n  이름부터 주소로 바꿔요.")
        #expect(text(t.handle("h")) == "💡 힌트 2/3:\n  두 번째 힌트.")
        #expect(text(t.handle("힌트")) == "💡 힌트 3/3:\n  단계 힌트: Route53 → ALB.")
        #expect(text(t.handle("hint")) == "더 이상 힌트가 없어요. 답과 설명을 보려면 skip.")
    }

    @Test func skipShowsTheAnswerAndMovesOn() throws {
        let t = try tutor()
        _ = t.start()
        _ = t.handle("next")
        let out = text(t.handle("skip"))
        #expect(out.hasPrefix("↷ 건너뛰었어요. 답: 10.0.0.0/16\n  10.0.0.0/16이에요."))
        #expect(out.contains("질문 2/2 · 포트 번호로 답하세요"))
        #expect(text(t.handle("answer :80")).hasPrefix("✔ 정답이에요!"))
    }

    @Test func nearMissIsNamed() throws {
        let t = try tutor()
        _ = t.start()
        _ = t.handle("goto basics/second")
        #expect(text(t.handle("10.0.0.5/16")).hasPrefix("△ 거의 맞았어요. 범위는 맞지만 CIDR은 네트워크 주소로 적어요: 10.0.0.0/16."))
    }

    @Test func unknownCommandsGetSuggestions() throws {
        let t = try tutor()
        _ = t.start()
        _ = t.handle("1")
        #expect(text(t.handle("nxt")) == "알 수 없는 명령이에요: 'nxt'. 'next'를 말한 건가요? (명령 목록: help)")
        #expect(text(t.handle("zzz")) == "알 수 없는 명령이에요: 'zzz'. 지금 열린 질문은 없어요. 명령 목록은 help.")
        #expect(text(t.handle("goto bassics")) == "✘ 'bassics' 레슨은 없어요. 'basics'를 말한 건가요?")
        // A number with no question open is an answer with nowhere to go, not a mistyped command (issue 15).
        #expect(text(t.handle("80")).hasPrefix("지금 열린 질문이 없어서 '80'에 답할 곳이 없어요."))
        #expect(ReplCommand.suggestion(for: "80") == nil && ReplCommand.suggestion(for: "10.0.0.0/16") == nil)
    }

    @Test func resetAsksFirst() throws {
        let t = try tutor()
        _ = t.start()
        _ = t.handle("1")
        #expect(text(t.handle("reset")) == "정말 단계 basics/first의 진도 지우기를 할까요? 되돌릴 수 없어요. (y/N)")
        #expect(t.prompt == "확인 (y/N) ❯ ")
        #expect(text(t.handle("아니")) == "취소했어요: 단계 basics/first의 진도 지우기")
        #expect(t.progress.record(.init(lesson: "basics", step: "first"), question: "pick").status == .correct)
        _ = t.handle("reset step")
        #expect(text(t.handle("y")).hasPrefix("단계 basics/first의 진도를 지웠어요."))
        #expect(t.progress.record(.init(lesson: "basics", step: "first"), question: "pick").status == .open)
        _ = t.handle("reset all")
        _ = t.handle("예")
        #expect(t.progress.lessons.count == 1)  // only the re-visited first step
        #expect(text(t.handle("reset everything")) == "reset 다음에는 step, lesson, all 중 하나를 적어요. 예: reset step")
    }

    @Test func resumesWhereTheLearnerLeftOff() throws {
        let first = try tutor()
        _ = first.start()
        _ = first.handle("goto more")
        let again = try tutor()
        let out = text(again.start())
        #expect(out.hasPrefix("다시 오셨네요! 2. 더 보기 · 명령에서 이어갑니다."))
        #expect(again.position == .init(lesson: "more", step: "command"))
    }

    @Test func aVanishedPositionFallsBackToTheFirstUnfinishedStep() throws {
        let store = ProgressStore(path: "\(dir)/progress.json")
        try store.save(LearnerProgress(position: .init(lesson: "gone", step: "away")))
        let t = try tutor()
        let out = text(t.start())
        #expect(out.hasPrefix("지난번 위치(gone/away)가 레슨에서 사라져서, 마치지 않은 첫 단계로 갑니다."))
        #expect(t.position == .init(lesson: "basics", step: "first"))
    }

    @Test func navigationAndEndOfCourse() throws {
        let t = try tutor()
        _ = t.start()
        #expect(text(t.handle("back")) == "첫 단계예요. 더 앞은 없어요.")
        #expect(text(t.handle("n")).hasPrefix("(이 단계의 질문 'pick'에 아직 답하지 않았어요."))
        _ = t.handle("n")
        #expect(t.position == .init(lesson: "more", step: "command"))
        #expect(text(t.handle("n")).contains("코스의 마지막 단계까지 왔어요! 질문 4개 중 0개를 마쳤어요."))
        #expect(text(t.handle("quit")).contains("진도는 \(dir)/progress.json에 저장돼 있어요."))
        #expect(t.finished)
    }

    @Test func lessonsAndProgressViews() throws {
        let t = try tutor()
        _ = t.start()
        _ = t.handle("1")
        let list = t.handle("lessons")
        #expect(list[0] == "▶ 1. 기초     ███░░░░░░░ 1/3  basics ~5분")
        #expect(list[1] == "  2. 더 보기  ░░░░░░░░░░ 0/1  more")
        let report = text(t.handle("progress"))
        #expect(report.hasPrefix("전체 진도: 1/4 질문 (25%)"))
        #expect(report.contains("정답 1 · 건너뜀 0 · 시도 1회"))
    }

    /// A tutor over the lessons in `directory` whose `reload` lints that directory again.
    func reloadingTutor(_ directory: String) throws -> Tutor {
        let result = try LessonLinter.lint(path: directory)
        return Tutor(course: Course(lessons: result.lessons, directory: directory), store: nil, terminal: .plain, environment: fixedLearner) { () throws(CourseError) in
            try LessonLinter.lint(path: directory)
        }
    }

    @Test func reloadPicksUpEdits() throws {
        let lessons = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        let file = "\(lessons)/01-a.md"
        try LessonScaffold.text(id: "a", title: "처음", order: 1).write(toFile: file, atomically: true, encoding: .utf8)
        let t = try reloadingTutor(lessons)
        _ = t.start()
        try LessonScaffold.text(id: "a", title: "고친 제목", order: 1).replacingOccurrences(of: "## 첫 단계 {#first-step}", with: "## 새 단계 {#renamed}")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let out = text(t.handle("reload"))
        #expect(out.contains("레슨 1개를 다시 읽었어요."))
        #expect(out.contains("지금 단계가 사라져서 옮겨요."))
        #expect(out.contains("━━ 1. 고친 제목 ━━"))
        try "---\nbroken".write(toFile: file, atomically: true, encoding: .utf8)
        let broken = text(t.handle("reload"))
        #expect(broken.contains("01-a.md:1:1: error: frontmatter is not closed"))
        #expect(broken.contains("쓸 수 있는 레슨이 없어서 이전 레슨을 그대로 써요."))
    }

    /// An edit with an error in the lesson being taken keeps its last good version and the learner's
    /// place, and shows the error (issue 15: it removed the lesson and sent the learner to lesson 1).
    @Test func reloadWithAnErrorKeepsTheLastGoodLessonAndThePlace() throws {
        let lessons = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: lessons) }
        try LessonScaffold.text(id: "a", title: "처음", order: 1).write(toFile: "\(lessons)/01-a.md", atomically: true, encoding: .utf8)
        let second = "\(lessons)/02-b.md"
        try LessonScaffold.text(id: "b", title: "둘째", order: 2).write(toFile: second, atomically: true, encoding: .utf8)
        let t = try reloadingTutor(lessons)
        _ = t.start()
        _ = t.handle("goto b")
        let before = t.position
        try LessonScaffold.text(id: "b", title: "둘째", order: 2).replacingOccurrences(of: "kind: choice", with: "kind: choise")
            .write(toFile: second, atomically: true, encoding: .utf8)
        let out = text(t.handle("reload"))
        #expect(out.contains("02-b.md:") && out.contains("error:"), "\(out)")
        #expect(out.contains("오류가 있는 b는 고칠 때까지 마지막으로 읽은 내용을 그대로 써요."), "\(out)")
        #expect(!out.contains("지금 단계가 사라져서 옮겨요."))
        #expect(t.position == before)
        #expect(t.course.lesson("b")?.title == "둘째")
    }

    @Test func previewShowsEveryQuestion() throws {
        let t = try tutor()
        let out = text(try t.preview("basics"))
        #expect(out.contains("질문 1/2 · CIDR로 답하세요") && out.contains("질문 2/2 · 포트 번호로 답하세요"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/progress.json"))
    }
}

@Suite struct TutorVerifyTests {
    func tutor(_ source: String) throws -> Tutor {
        let lessons = Paths.fixture("lessons-good")
        let result = try LessonLinter.lint(path: lessons)
        return Tutor(course: Course(lessons: result.lessons, directory: lessons), store: nil, terminal: .plain,
                     source: "\(Paths.repository)/Fixtures/\(source)", environment: fixedLearner)
    }

    @Test func aStepWithAVerifyBlockIsCompleteWhenItPasses() throws {
        let t = try tutor("glowcorp")
        _ = t.start(at: "basics/second")
        _ = t.handle("10.0.0.0/16")
        #expect(t.handle("80").joined(separator: "\n").contains("질문을 모두 마쳤어요. verify로 환경이 이 단계의 상태인지 확인하고"))
        let basics = t.course.lesson("basics")!
        #expect(!t.progress.isComplete(basics, step: basics.step("second")!))
        let out = t.handle("verify").joined(separator: "\n")
        #expect(out.contains("✔ network.vpc-cidr"))
        #expect(out.hasSuffix("✔ 이 단계가 기대하는 상태예요."))
        #expect(t.progress.isComplete(basics, step: basics.step("second")!))
    }

    @Test func sourceSwitchesToABrokenEnvironment() throws {
        let t = try tutor("glowcorp")
        _ = t.start(at: "basics/second")
        #expect(t.handle("source").first?.hasPrefix("지금 verify가 읽는 환경: fixture ") == true)
        let broken = "\(Paths.repository)/Fixtures/broken/igw-detached"
        // Joined: a long checkout path wraps the message at the terminal's width.
        #expect(t.handle("source fixture \(broken)").joined(separator: " ") == "이제 verify는 fixture \(broken)를 읽어요.")
        let all = t.handle("verify all").joined(separator: "\n")
        #expect(all.contains("✘ network.igw-attached"))
        #expect(t.handle("source fixture /nope") == ["✘ 디렉터리가 없어요: /nope"])
        _ = t.handle("source default")
        #expect(!t.handle("verify all").joined(separator: "\n").contains("✘"))
    }
}

@Suite struct CaseStudyTests {
    @Test func caseStudyStepsReadTheirOwnBrokenEnvironment() throws {
        let result = try LessonLinter.lint(path: Paths.lessons)
        let t = Tutor(course: Course(lessons: result.lessons, directory: Paths.lessons), store: nil, terminal: .plain,
                      source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
        let shown = t.start(at: "troubleshooting/case-503").joined(separator: " ")
        // A break-and-fix step: the sandbox's defect, or, without one (here), its broken fixture.
        #expect(shown.contains("고장 내고 고치기: 연습 환경에서는 sandbox break") && shown.contains("listener-to-wrong-target-group으로 고장을 넣고"), "\(shown.suffix(600))")
        let out = t.handle("verify")
        #expect(out.joined(separator: " ").hasPrefix("verify: 사례 연구 환경 "))
        #expect(out.first { $0.hasPrefix("✘") }?.hasPrefix("✘ chain.listener-target-group") == true, "\(out.prefix(4))")
        _ = t.handle("chain.listener-target-group")
        // The fix, by the number this learner sees it under.
        let fix = try #require(t.session.openQuestion)
        _ = t.handle("\(fix.choices.firstIndex(of: fix.answers[0])! + 1)")
        let lesson = t.course.lesson("troubleshooting")!
        #expect(t.progress.isComplete(lesson, step: lesson.step("case-503")!))
    }

    /// Everything in a case-study step reads its fixture: query, the answer from the environment, what
    /// skip shows and what `source` names, whatever source the learner chose.
    @Test func queryAndAnswersInACaseStudyReadItsFixture() throws {
        let lessons = Paths.fixture("lessons-untestable")
        func tutor() throws -> Tutor {
            let t = Tutor(course: Course(lessons: try LessonLinter.lint(path: lessons).lessons, directory: lessons), store: nil,
                          terminal: .plain, source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
            _ = t.start(at: "fine/case-health")
            return t
        }
        let t = try tutor()
        #expect(t.handle("query TargetGroups[0].HealthCheckPath") == ["\"/healthz\""])
        #expect(t.handle("source").joined().contains("Fixtures/broken/wrong-health-check-path") == true, "\(t.handle("source"))")
        #expect(t.handle("/health").first?.contains("참고용 설정에 있는 경로예요") == true)
        #expect(t.handle("/healthz").first == "✔ 정답이에요!")
        // Skipped, the answer shown is what this environment holds, not the author's example.
        let skipped = try tutor().handle("skip").joined(separator: "\n")
        #expect(skipped.contains("/healthz") && !skipped.contains("/status"), "\(skipped)")
        // Outside the case study the learner's source is named again.
        _ = t.handle("goto gate/health")
        #expect(t.handle("source").first == "지금 verify가 읽는 환경: fixture \(Paths.repository)/Fixtures/glowcorp")
    }

    @Test func aMissingCaseFixtureIsALintError() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = LessonScaffold.text(id: "x", title: "X", order: 1).replacingOccurrences(of: "checks:\n  - dns.record", with: "fixture: ../nowhere\nchecks:\n  - dns.record")
        try text.write(toFile: "\(dir)/x.md", atomically: true, encoding: .utf8)
        let m = try LessonLinter.lint(path: dir).diagnostics.map(\.description)
        #expect(m.contains { $0.hasSuffix("x.md:34:1: error: fixture '../nowhere' does not exist (looked for \(dir)/../nowhere)") }, "\(m)")
    }
}

@Suite struct TutorQueryTests {
    @Test func queryTheActiveSource() throws {
        let lessons = Paths.fixture("lessons-good")
        let t = Tutor(course: Course(lessons: try LessonLinter.lint(path: lessons).lessons, directory: lessons), store: nil,
                      terminal: .plain, source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
        _ = t.start()
        #expect(t.handle("query LoadBalancers[].Scheme") == ["[", "  \"internet-facing\"", "]"])
        #expect(t.handle("query Vpcs[?").first?.hasPrefix("✘ syntax error at column 7") == true)
        _ = t.handle("source fixture \(Paths.repository)/Fixtures/broken/internal-alb")
        #expect(t.handle("query LoadBalancers[0].Scheme") == ["\"internal\""])
    }
}

@Suite struct AnswerFromEnvironmentTests {
    @Test func theAnswerComesFromTheActiveSource() throws {
        let result = try LessonLinter.lint(path: Paths.lessons)
        let t = Tutor(course: Course(lessons: result.lessons, directory: Paths.lessons), store: nil, terminal: .plain,
                      source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
        _ = t.start(at: "dns-record/alias-target")
        // The questions before it, answered as shown (a choice by the number this learner sees it under).
        func answerUpToTheEnvironmentsQuestion() {
            while let q = t.session.openQuestion, q.answerQuery == nil {
                _ = t.handle(q.kind == .choice ? "\(q.choices.firstIndex(of: q.answers[0])! + 1)" : q.displayAnswer)
            }
        }
        answerUpToTheEnvironmentsQuestion()
        #expect(t.handle("dualstack.glowcorp-alb-1234567890.ap-northeast-2.elb.amazonaws.com").first?.hasPrefix("✘ 아니에요") == true)
        #expect(t.handle("GLOWCORP-ALB-1.ap-northeast-2.elb.amazonaws.com.").first == "✔ 정답이에요!")
        // In an environment whose record points elsewhere, the accepted answer follows it.
        _ = t.handle("reset step")
        _ = t.handle("y")
        _ = t.handle("source fixture \(Paths.repository)/Fixtures/broken/record-to-old-alb")
        answerUpToTheEnvironmentsQuestion()
        #expect(t.handle("glowcorp-alb-2025-1.ap-northeast-2.elb.amazonaws.com").first == "✔ 정답이에요!")
    }
}

@Suite struct FeedbackTests {
    @Test func aMistakesWordsAreRenderedNotPrintedWithTheirMarkdown() {
        let view = TutorView(terminal: .plain)
        let q = Question(id: "q", kind: .text, prompt: "?", answers: ["x"])
        let wrong = view.answered(.wrong(feedback: "nginx는 EC2 **안에서** 돌고, `nginx -t`로 검사해요.", hintsLeft: 0), q).joined(separator: "\n")
        #expect(wrong.hasPrefix("✘ 아니에요. nginx는 EC2 안에서 돌고, nginx -t로 검사해요."), "\(wrong)")
        #expect(!wrong.contains("**") && !wrong.contains("`"))
        let note = view.answered(.correct(note: "**Amazon Linux 2023**의 명령이에요."), q).joined(separator: "\n")
        #expect(note.hasPrefix("✔ 정답이에요! Amazon Linux 2023의 명령이에요."), "\(note)")
        // What the learner typed, quoted in a near miss, is not read as markdown.
        let near = view.answered(.nearMiss("\"*.glowcorp.io*\"를 말한 건가요?"), q).joined(separator: "\n")
        #expect(near.contains("\"*.glowcorp.io*\"를"))
    }
}

/// Answers understood as a person means them, and output that never buries the question (issue 16).
@Suite struct LearnerTerminalTests {
    func tutor(width: Int = 80) throws -> Tutor {
        let result = try LessonLinter.lint(path: Paths.lessons)
        return Tutor(course: Course(lessons: result.lessons, directory: Paths.lessons), store: nil,
                     terminal: Terminal(colour: false, width: width), source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
    }

    @Test func choicesByTheirTermsInEitherLanguage() throws {
        let t = try tutor()
        _ = t.start(at: "alb/scheme")
        #expect(t.handle("internet-facing").first == "✔ 정답이에요!")
        _ = t.handle("goto alb/target-group")
        // `instance` is the API's word for the console's 인스턴스: the glossary says so, the answer is right.
        let said = t.handle("instance").joined(separator: " ")
        #expect(said.hasPrefix("✔ 정답이에요! (용어: instance = 인스턴스)"), "\(said)")
    }

    @Test func sentencesAndWordsAreNotMistypedCommands() throws {
        let t = try tutor()
        _ = t.start(at: "alb/scheme")
        let asked = t.handle("Host 헤더를 보는 건 nginx 아닌가요?").joined(separator: " ")
        #expect(asked.hasPrefix("질문처럼 보여서 답으로 받지 않았어요.") && !asked.contains("명령"), "\(asked)")
        #expect(t.session.progress.record(t.position, question: "scheme").attempts == 0)
        let banana = t.handle("바나나").joined(separator: " ")
        #expect(banana.hasPrefix("? '바나나'는 보기에 없어요.") && !banana.contains("거의"), "\(banana)")
        #expect(!t.handle("gotoo 3").joined().contains("거의"))
        #expect(t.handle("도움").joined(separator: "\n").contains("명령"))
        // Lessons by id in any case, and by the words of their title.
        _ = t.handle("goto VPC")
        #expect(t.position.lesson == "vpc")
        _ = t.handle("goto 라우팅 테이블")
        #expect(t.position.lesson == "route-table", "\(t.position)")
        let several = t.handle("goto 인스턴스").joined(separator: " ")
        #expect(several.contains("여러 레슨의 제목에 있어요") || t.position.lesson == "ec2", "\(several)")
        #expect(t.handle("용어 대상").joined(separator: "\n").contains("대상 그룹"))
    }

    /// After output that scrolls the open question away, the question is said again, short.
    @Test func theOpenQuestionComesBackAfterLongOutput() throws {
        let t = try tutor()
        _ = t.start(at: "alb/scheme")
        let out = t.handle("map")
        #expect(out.count > Tutor.longOutput)
        #expect(out.suffix(3).contains { $0.hasPrefix("질문 1/1 (다시 보기: show)") }, "\(out.suffix(3))")
        #expect(t.handle("질문").joined(separator: "\n").contains("질문 1/1"))
        let one = t.handle("map api").joined(separator: "\n")
        #expect(one.contains("api.glowcorp.io") && !one.contains("app.glowcorp.io →"), "\(one.prefix(400))")
    }

    /// Code stays as written, past the edge; prose and passing verify lines wrap at the width, now
    /// the width the window has after a resize.
    @Test func codeIsNeverRewrappedAndWidthFollowsTheWindow() throws {
        let t = try tutor(width: 60)
        let shown = t.start(at: "vpc/build")
        let code = try #require(shown.first { $0.contains("--tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=glowcorp-vpc}]'") })
        #expect(code.displayWidth > 60 && code.unicodeScalars.first != TerminalText.preformatted)
        #expect(shown.filter { !$0.hasPrefix("    ") }.allSatisfy { $0.displayWidth <= 60 }, "\(shown.filter { $0.displayWidth > 60 })")
        let verify = t.handle("verify --lesson alb")
        #expect(!verify.contains { $0.hasSuffix("…") }, "\(verify)")
        t.resize(width: 100)
        #expect(t.terminal.width == 100)
        let wide = t.handle("show")
        #expect(wide.contains { $0.displayWidth > 60 && !$0.hasPrefix("    ") }, "the text still wraps at 60")
    }

    /// A lesson ends with what it taught and what is left; the list marks a lesson done only when its
    /// verify blocks passed too, and numbers line up.
    @Test func lessonsEndAndTheListTellsDoneFromAnswered() throws {
        let t = try tutor()
        _ = t.start(at: "overview/lab")
        for _ in 0..<4 { _ = t.handle("skip") }
        let ended = t.handle("next").joined(separator: "\n")
        #expect(ended.contains("레슨 1 「트래픽 흐름 한눈에 보기」"), "\(ended.prefix(300))")
        #expect(ended.contains("남은 레슨 ") && ended.contains("다음: 2. "), "\(ended.prefix(400))")
        let list = t.handle("lessons")
        let nine = try #require(list.first { $0.contains(" 9. ") }), ten = try #require(list.first { $0.contains("10. ") })
        #expect(nine.range(of: "9. ")!.upperBound.utf16Offset(in: nine) == ten.range(of: "10. ")!.upperBound.utf16Offset(in: ten))
    }
}

/// The step's pictures: shown in terminals that can (kitty's and iTerm2's protocols, built from the file's
/// bytes), else the learner is told how to open them.
@Suite struct PictureTests {
    @Test func picturesAreShownOrTheWayToOpenThemIsSaid() throws {
        let result = try LessonLinter.lint(path: Paths.lessons)
        let t = Tutor(course: Course(lessons: result.lessons, directory: Paths.lessons), store: nil, terminal: .plain, environment: fixedLearner)
        let shown = t.start(at: "overview/big-picture").joined(separator: "\n")
        #expect(shown.contains("(그림 보기: 그림)"))
        let said = t.handle("그림").joined(separator: " ")
        #expect(said.contains("창으로 열기: \(TerminalGraphics.openCommand) ") && said.contains("img/traffic_flow.png"), "\(said)")
        _ = t.handle("goto vpc/cidr")
        #expect(t.handle("그림") == ["이 단계에는 그림이 없어요."])

        #expect(TerminalGraphics.detect(environment: ["TERM": "xterm-kitty"]) == .kitty)
        #expect(TerminalGraphics.detect(environment: ["TERM_PROGRAM": "iTerm.app"]) == .iterm2)
        #expect(TerminalGraphics.detect(environment: ["TERM": "xterm-256color"]) == nil)
        #expect(TerminalGraphics.detect(environment: ["TERM": "dumb", "KITTY_WINDOW_ID": "1"]) == nil)

        let png = "\(Paths.repository)/img/traffic_flow.png"
        let file = try Data(contentsOf: URL(fileURLWithPath: png))
        let kitty = String(decoding: try #require(TerminalGraphics.kitty.escape(forImageAt: png)), as: UTF8.self)
        #expect(kitty.hasPrefix("\u{1B}_Ga=T,f=100,m=1;") && kitty.hasSuffix("\u{1B}\\\n"))
        let chunks = kitty.components(separatedBy: "\u{1B}\\").dropLast().map { $0.split(separator: ";", maxSplits: 1).last.map(String.init) ?? "" }
        #expect(chunks.allSatisfy { $0.utf8.count <= 4096 })
        #expect(Data(base64Encoded: chunks.joined()) == file)
        let iterm = String(decoding: try #require(TerminalGraphics.iterm2.escape(forImageAt: png)), as: UTF8.self)
        #expect(iterm.hasPrefix("\u{1B}]1337;File=inline=1;size=\(file.count);name=") && iterm.hasSuffix("\u{07}\n"))
        #expect(TerminalGraphics.kitty.escape(forImageAt: "/nonexistent.png") == nil)
        #expect(TerminalGraphics.detect(environment: ["TERM": "foot"]) == .sixel && TerminalGraphics.detect(environment: ["GLOW_IMAGES": "sixel", "TERM": "xterm"]) == .sixel)
        let img2sixel = ["/usr/bin/img2sixel", "/usr/local/bin/img2sixel"].contains(where: FileManager.default.isExecutableFile(atPath:))
        if Requirement.met(img2sixel, "img2sixel (Debian's libsixel-bin) to draw sixel pictures") {
            let sixel = try #require(TerminalGraphics.sixel.escape(forImageAt: png))
            #expect(sixel.starts(with: Array("\u{1B}P".utf8)) && sixel.contains(UInt8(ascii: "q")) && Array(sixel.suffix(3)) == Array("\u{1B}\\\n".utf8))
        }
        #expect(TerminalGraphics.sixel.escape(forImageAt: "/nonexistent.png") == nil)
    }
}

/// The lines under a step and the end of the course read right at 60 columns.
@Suite struct StepNotesAndCourseEndTests {
    @Test func notesKeepTheirIndentAndTheCourseEndSaysWhatNext() throws {
        let result = try LessonLinter.lint(path: Paths.lessons)
        let course = Course(lessons: result.lessons, directory: Paths.lessons)
        let t = Tutor(course: course, store: nil, terminal: Terminal(colour: false, width: 60), source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
        // A step whose checks do not fit one line of 60 columns.
        var shown: [String] = []
        var start: Int?
        for p in course.positions {
            let lines = t.handle("goto \(p.lesson)/\(p.step)")
            if let i = lines.firstIndex(where: { $0.hasPrefix("  (검사: ") }), i + 1 < lines.count, !lines[i].hasSuffix(")") {
                shown = lines
                start = i
                break
            }
        }
        let first = try #require(start, "no step's checks wrap at 60 columns")
        // `(검사: …)` wraps under itself, never back to column 0.
        for line in shown[(first + 1)...].prefix { !$0.isEmpty && !$0.hasPrefix("  사례") && !$0.hasPrefix("  고장") && !$0.hasPrefix("  직접") && !$0.hasPrefix("질문") } {
            #expect(line.hasPrefix("   "), "continuation at column \(line.prefix { $0 == " " }.count): \(line)")
        }
        // Every step of every lesson answered and verified: the end says what to do at glowcorp.
        var progress = LearnerProgress()
        for lesson in course.lessons {
            for step in lesson.steps {
                var record = LearnerProgress.StepRecord(visited: true)
                for q in step.questions { record.questions[q.id] = .init(status: .correct, attempts: 1) }
                record.verified = "2026-12-03T00:00:00Z"
                progress.lessons[lesson.id, default: [:]][step.id] = record
            }
        }
        let session = CourseSession(course: course, store: nil)
        session.progress = progress
        let end = TutorView(terminal: Terminal(colour: false, width: 80)).courseFinished(session).joined(separator: "\n")
        #expect(end.contains("glowcorp에서 다음에 할 일") && end.contains("Route 53 → 호스팅 영역") && end.contains("verify --aws"), "\(end)")
    }
}
