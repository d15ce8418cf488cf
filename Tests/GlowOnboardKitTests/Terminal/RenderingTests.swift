import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

@Suite struct RenderingTests {
    @Test func wrapsKoreanByDisplayWidth() {
        let lines = TextWrapper(width: 20, colour: false).wrap([StyledRun("로드 밸런서는 요청을 건강한 대상에게 나눠 줘요.")])
        #expect(lines == ["로드 밸런서는 요청을", "건강한 대상에게 나눠", "줘요."])
        for line in lines { #expect(line.displayWidth <= 20) }
    }

    @Test func hangingIndentAndLongWords() {
        let lines = TextWrapper(width: 12, colour: false).wrap([StyledRun("가나다라마바사아자차카타파하")], firstPrefix: "• ", restPrefix: "  ")
        #expect(lines == ["• 가나다라마", "  바사아자차", "  카타파하"])
    }

    @Test func aWordSpanningStyledRunsStaysWhole() {
        let runs = [StyledRun("aaaa bbbb "), StyledRun("ALB", .bold), StyledRun("의 뒤")]
        #expect(TextWrapper(width: 12, colour: false).wrap(runs) == ["aaaa bbbb", "ALB의 뒤"])
        let coloured = TextWrapper(width: 40, colour: true).wrap([StyledRun("굵게", .bold)])
        #expect(coloured.map(TerminalText.printable) == ["\u{1B}[1m굵게\u{1B}[0m"])
    }

    @Test func tableAlignsKoreanCells() {
        let table = MarkdownParser.parse("| 구간 | 포트 |\n|---|---:|\n| nginx | 80 |\n| 도커 앱 | 3000 |\n")
        let lines = MarkdownRenderer(terminal: .plain).render(table)
        #expect(lines == [
            "┌─────────┬──────┐",
            "│ 구간    │ 포트 │",
            "├─────────┼──────┤",
            "│ nginx   │   80 │",
            "│ 도커 앱 │ 3000 │",
            "└─────────┴──────┘",
        ])
        #expect(Set(lines.map(\.displayWidth)).count == 1)
    }

    @Test func narrowTerminalWrapsTableCells() {
        let md = "| 이름 | 설명 |\n|---|---|\n| ALB | 요청을 받아 건강한 EC2에 나눠 주는 로드 밸런서예요 |\n"
        let lines = MarkdownRenderer(terminal: Terminal(colour: false, width: 30)).render(MarkdownParser.parse(md))
        for line in lines { #expect(line.displayWidth <= 30, "\(line)") }
        #expect(Set(lines.map(\.displayWidth)).count == 1)
    }

    @Test func blocksRender() {
        let md = "# 제목\n\n> 인용 문단\n\n1. 하나\n2. 둘\n\n```text\n  그림 ──▶ 그대로\n```\n\n[문서](https://example.com) ![캡션](../img/x.png)\n\n---\n"
        var renderer = MarkdownRenderer(terminal: .plain, imageBase: "/repo/Lessons", currentDirectory: "/repo")
        let out = renderer.render(MarkdownParser.parse(md))
        #expect(out == [
            "제목", "", "│ 인용 문단", "", "1. 하나", "2. 둘", "", "      그림 ──▶ 그대로", "",
            "문서 (https://example.com) [그림: 캡션 — img/x.png]", "", String(repeating: "─", count: 60),
        ])
        renderer.currentDirectory = "/elsewhere"
        #expect(renderer.imagePath("../img/x.png") == "/repo/img/x.png")
    }

    @Test func colourRules() {
        #expect(Terminal.wantsColour(environment: [:], stdoutIsTTY: true))
        #expect(!Terminal.wantsColour(environment: [:], stdoutIsTTY: false))
        #expect(!Terminal.wantsColour(environment: ["NO_COLOR": ""], stdoutIsTTY: true))
        #expect(!Terminal.wantsColour(environment: ["TERM": "dumb"], stdoutIsTTY: true))
        #expect(TextStyle.bold.apply("x", colour: false) == "x")
    }
}
