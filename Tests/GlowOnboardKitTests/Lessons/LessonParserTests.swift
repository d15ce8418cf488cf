import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

@Suite struct LessonParserTests {
    func parse(_ text: String) -> (Lesson?, [Diagnostic]) { LessonParser.parse(text, file: "t.md") }
    func messages(_ text: String) -> [String] { parse(text).1.map(\.description) }

    static let valid = """
    ---
    id: sample
    title: 샘플
    order: 3
    summary: 요약
    requires: [other]
    minutes: 7
    ---

    소개.

    ## 첫 단계 {#first}

    본문 **굵게**.

    ```question
    id: q1
    kind: choice
    prompt: 고르세요
    choices: [가, 나]
    answer: 나
    hints: [하나, 둘]
    explain: 설명
    ```

    ```verify
    expect: 상태
    checks:
      - network.vpc-cidr
      - check: alb.listener
        with: {port: 80}
    ```

    ## 둘째 {#second}

    ```question
    id: q2
    kind: cidr
    prompt: CIDR?
    answer: 10.0.0.0/16
    ```
    """

    @Test func parsesAValidLesson() throws {
        let (lesson, diagnostics) = parse(Self.valid)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let l = try #require(lesson)
        #expect(l.id == "sample" && l.title == "샘플" && l.order == 3 && l.minutes == 7 && l.requires == ["other"])
        #expect(l.steps.map(\.id) == ["first", "second"])
        #expect(l.steps[0].title == "첫 단계")
        #expect(l.steps[0].line == 12)
        let q = try #require(l.steps[0].questions.first)
        #expect(q.kind == .choice && q.choices == ["가", "나"] && q.answers == ["나"] && q.hints == ["하나", "둘"])
        #expect(q.line == 16)
        let verify = try #require(l.steps[0].verify)
        #expect(verify.checks.map(\.id) == ["network.vpc-cidr", "alb.listener"])
        #expect(verify.checks[1].params == ["port": "80"])
        #expect(verify.checks[1].line == 30)
        #expect(l.intro.count == 1)
    }

    @Test func missingFrontmatter() {
        #expect(messages("# 제목\n") == ["t.md:1:1: error: lesson must start with a frontmatter: a line '---', then id, title, order, summary, then '---'"])
        #expect(messages("---\nid: x\n").first == "t.md:1:1: error: frontmatter is not closed: add a line '---' after it")
    }

    @Test func frontmatterProblemsAllReportedWithPositions() {
        let m = messages("---\nid: Bad\ntitel: x\norder: one\n---\n\n## s {#s}\n\n```question\nid: q\nkind: text\nprompt: p\nanswer: a\n```\n")
        #expect(m.contains("t.md:2:5: error: lesson id 'Bad' must be lowercase letters, digits and '-'"))
        #expect(m.contains { $0.hasPrefix("t.md:3:1: error: unknown field 'titel' in frontmatter (did you mean 'title'?)") })
        #expect(m.contains("t.md:4:8: error: 'order' in frontmatter must be a whole number, not 'one'"))
        #expect(m.contains("t.md:2:1: error: frontmatter is missing required field 'summary'"))
    }

    @Test func invalidYAMLNamesLineAndColumn() {
        let m = messages("---\nid: x\ntitle: a: b\norder: 1\nsummary: s\n---\n")
        #expect(m.first?.hasPrefix("t.md:3:9: error: invalid YAML in frontmatter: mapping values are not allowed in this context") == true, "\(m)")
    }

    func lesson(body: String) -> String { "---\nid: x\ntitle: t\norder: 1\nsummary: s\n---\n\n" + body }

    @Test func stepWithoutIdAndDuplicateIds() {
        let m = messages(lesson(body: "## 하나\n\n```question\nid: q\nkind: text\nprompt: p\nanswer: a\n```\n\n## 둘 {#two}\n\n```question\nid: q\nkind: text\nprompt: p\nanswer: a\n```\n\n```question\nid: q\nkind: text\nprompt: p\nanswer: b\n```\n\n## 셋 {#two}\n"))
        #expect(m.contains { $0.hasPrefix("t.md:8:1: error: step heading has no id") })
        #expect(m.contains("t.md:26:1: error: duplicate question id 'q' in step 'two'"))
        #expect(m.contains("t.md:33:6: error: duplicate step id 'two' (first used on line 17)"))
        #expect(m.contains("t.md:33:1: warning: step 'two' has no question: every step should ask at least one"))
    }

    @Test func unknownBlockKindSuggestsTheKind() {
        let m = messages(lesson(body: "## s {#s}\n\n```qustion\nid: q\n```\n\n```rust\nfn main() {}\n```\n"))
        #expect(m.contains { $0.hasPrefix("t.md:10:1: error: unknown block kind 'qustion': did you mean 'question'?") })
        #expect(m.contains { $0.hasPrefix("t.md:14:1: error: unknown block kind 'rust': interactive blocks") })
    }

    @Test func blockBeforeFirstStep() {
        let m = messages(lesson(body: "```question\nid: q\nkind: text\nprompt: p\nanswer: a\n```\n\n## s {#s}\n"))
        #expect(m.contains("t.md:8:1: error: this block is before the first step: put it under a '## … {#id}' heading"))
    }

    func question(_ yaml: String) -> [String] { messages(lesson(body: "## s {#s}\n\n```question\n\(yaml)\n```\n")) }

    @Test func questionWithoutAcceptedAnswer() {
        #expect(question("id: q\nkind: text\nprompt: p") == ["t.md:11:1: error: question 'q' has no accepted answer: add 'answer:' (or 'answer-query:')"])
    }

    @Test func choiceAnswerNotAmongChoices() {
        #expect(question("id: q\nkind: choice\nprompt: p\nchoices: [A, B]\nanswer: C") == ["t.md:15:9: error: answer 'C' is not among the choices"])
        #expect(question("id: q\nkind: choice\nprompt: p\nchoices: [A, B]\nanswer: 2") == ["t.md:15:9: error: answer '2' is not among the choices (write the choice's text, 'B', not its number)"])
    }

    @Test func unknownAndMisplacedFields() {
        #expect(question("id: q\nkind: text\nprompt: p\nanswer: a\nhint: h").first?.hasPrefix("t.md:15:1: error: unknown field 'hint' in question block (did you mean 'hints'?)") == true)
        #expect(question("id: q\nkind: text\nprompt: p\nanswer: a\nchoices: [a, b]") == ["t.md:15:1: error: field 'choices' is not used by kind 'text' (only by choice)"])
        #expect(question("id: q\nkind: cidrr\nprompt: p\nanswer: a").first?.hasPrefix("t.md:12:7: error: unknown answer kind 'cidrr': did you mean 'cidr'?") == true)
    }

    @Test func answersAreValidatedByKind() {
        #expect(question("id: q\nkind: cidr\nprompt: p\nanswer: 10.0.0.1/16") == ["t.md:14:9: error: answer '10.0.0.1/16' has host bits set; the block is 10.0.0.0/16"])
        #expect(question("id: q\nkind: port\nprompt: p\nanswer: 70000") == ["t.md:14:9: error: answer '70000' is not a port number 1–65535"])
        #expect(question("id: q\nkind: number\nprompt: p\nanswer: many") == ["t.md:14:9: error: answer 'many' is not a number"])
        #expect(question("id: q\nkind: regex\nprompt: p\nanswer: '('\nexample: x").first?.hasPrefix("t.md:14:9: error: answer '(' is not a regular expression the answer matcher takes") == true)
        #expect(question("id: q\nkind: regex\nprompt: p\nanswer: 'a+'\nexample: b") == ["t.md:15:10: error: 'b' would not be accepted by this regex question"])
        #expect(question("id: q\nkind: cidr-within\nprompt: p\nwithin: 10.0.0.0/16\nprefix: 8") == ["t.md:15:9: error: 'prefix' must be between 16 and 32 to fit inside 10.0.0.0/16"])
        #expect(question("id: q\nkind: ip-in-cidr\nprompt: p") == ["t.md:11:1: error: kind 'ip-in-cidr' needs 'within', the CIDR block answers must lie in"])
        #expect(question("id: q\nkind: command\nprompt: p\nanswer: \"echo 'x\"") == ["t.md:14:9: error: answer 'echo 'x' is not a command (empty, or an unclosed quote)"])
        #expect(question("id: q\nkind: dns\nprompt: p\nanswer: not a name") == ["t.md:14:9: error: answer 'not a name' is not a DNS name"])
    }

    @Test func mistakeThatIsAlsoAnAnswer() {
        #expect(question("id: q\nkind: dns\nprompt: p\nanswer: app.glowcorp.io\nmistakes:\n  - answer: APP.glowcorp.io.\n    say: no")
            .contains("t.md:16:3: error: mistake 'APP.glowcorp.io.' is also listed as an accepted answer or the example"))
    }

    @Test func answerNotesAreKept() throws {
        let (l, d) = parse(lesson(body: "## s {#s}\n\n```question\nid: q\nkind: command\nprompt: p\nanswer:\n  - value: dnf install nginx\n    note: AL2023\n  - yum install nginx\n```\n"))
        #expect(d.isEmpty)
        let q = try #require(l?.steps.first?.questions.first)
        #expect(q.answers == ["dnf install nginx", "yum install nginx"])
        #expect(q.answerNotes == ["dnf install nginx": "AL2023"])
    }

    @Test func verifyBlockStructure() {
        let m = messages(lesson(body: "## s {#s}\n\n```question\nid: q\nkind: text\nprompt: p\nanswer: a\n```\n\n```verify\nexpect: e\nchecks:\n  - Bad.Check\n  - check: ok.id\n    with: [1]\n  - {chek: x}\n```\n\n```verify\nexpect: again\nchecks: [a.b]\n```\n"))
        #expect(m.contains("t.md:20:5: error: check id 'Bad.Check' must look like 'hop.name' (lowercase, e.g. 'network.vpc-cidr')"))
        #expect(m.contains("t.md:22:11: error: 'with' must be a mapping of parameters, e.g. 'with: {cidr: 10.0.0.0/16}'"))
        #expect(m.contains { $0.hasPrefix("t.md:23:6: error: unknown field 'chek' in check (did you mean 'check'?)") })
        #expect(m.contains("t.md:26:1: error: step 's' already has a verify block; put all its checks in one"))
        #expect(messages(lesson(body: "## s {#s}\n\n```verify\n```\n")).contains("t.md:10:1: error: empty verify block: it needs 'expect' and 'checks'"))
    }

    @Test func interactiveBlocksInsideListsAreReported() {
        let m = messages(lesson(body: "## s {#s}\n\n- item\n\n  ```question\n  id: q\n  kind: text\n  prompt: p\n  answer: a\n  extra: 1\n  ```\n"))
        #expect(m.contains("t.md:12:3: error: question block inside a list or quote: interactive blocks must start at the left margin"), "\(m)")
    }

    @Test func imagesAreCollectedWithTheirPositions() throws {
        let (l, _) = parse(lesson(body: "## s {#s}\n\n글 ![그림 설명](../img/a.png) 끝\n\n```question\nid: q\nkind: text\nprompt: p\nanswer: a\n```\n"))
        let image = try #require(l?.images.first)
        #expect(image.path == "../img/a.png" && image.caption == "그림 설명")
        #expect(image.location.line == 10)
    }
}
