import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

@Suite struct MarkdownParserTests {
    /// Korean puts the particle right after the bold word; CommonMark's flanking rule leaves
    /// `**…(…)**예요` literal. Such a pair is bold, a lone `**` and a spaced one stay as written.
    @Test func boldBeforeAKoreanParticle() {
        #expect(MarkdownParser.parse("**상태 검사(health check)**예요.").first?.inlines == [.strong([.text("상태 검사(health check)")]), .text("예요.")])
        #expect(MarkdownParser.parse("**거부(TCP RST)**했거나 **끊은** 경우").first?.inlines
                == [.strong([.text("거부(TCP RST)")]), .text("했거나 "), .strong([.text("끊은")]), .text(" 경우")])
        #expect(MarkdownParser.parse("(\\*\\* 작동 확인!!!)").first?.inlines == [.text("(** 작동 확인!!!)")])
        #expect(MarkdownParser.parse("**닫히지 않은 굵은 글씨").first?.inlines == [.text("**닫히지 않은 굵은 글씨")])
        let rendered = MarkdownRenderer(terminal: .plain).render(MarkdownParser.parse("ALB의 **체계(scheme)**예요."), width: 80)
        #expect(rendered == ["ALB의 체계(scheme)예요."])
    }

    @Test func blocksKeepTheirLines() {
        let blocks = MarkdownParser.parse("# 제목\n\n문단 **굵게** `코드`\n\n- 하나\n- 둘\n\n```bash\nls\n```\n")
        #expect(blocks.map(\.line) == [1, 3, 5, 8])
        guard case .paragraph(let inlines, _) = blocks[1] else { Issue.record("not a paragraph"); return }
        #expect(inlines == [.text("문단 "), .strong([.text("굵게")]), .text(" "), .code("코드")])
        guard case .code(let info, let text, _, _) = blocks[3] else { Issue.record("not code"); return }
        #expect(info == "bash" && text == "ls\n")
    }

    @Test func gfmTableWithAlignment() {
        let blocks = MarkdownParser.parse("| a | b | c |\n|:--|:-:|--:|\n| 한 | 둘 | 셋 |\n")
        guard case .table(let t, _) = blocks.first else { Issue.record("not a table"); return }
        #expect(t.alignments == [.left, .center, .right])
        #expect(t.header.map(\.plainText) == ["a", "b", "c"])
        #expect(t.rows.map { $0.map(\.plainText) } == [["한", "둘", "셋"]])
    }

    @Test func listsNestAndTaskItems() {
        let blocks = MarkdownParser.parse("1. 하나\n   - 안쪽\n2. 둘\n\n- [x] 끝\n")
        guard case .list(let list, _) = blocks.first else { Issue.record("not a list"); return }
        #expect(list.ordered && list.start == 1 && list.items.count == 2)
        guard case .list(let inner, _) = list.items[0].blocks.last else { Issue.record("no nested list"); return }
        #expect(!inner.ordered)
        guard case .list(let tasks, _) = blocks.last else { Issue.record("no task list"); return }
        #expect(tasks.items.first?.checked == true)
    }

    @Test func linksImagesAndStrikethrough() {
        let blocks = MarkdownParser.parse("[AWS](https://aws.amazon.com) ![그림](img/a.png) ~~old~~\n")
        guard case .paragraph(let inlines, _) = blocks.first else { Issue.record("no paragraph"); return }
        #expect(inlines.contains(.link(url: "https://aws.amazon.com", content: [.text("AWS")])))
        #expect(inlines.contains { if case .image(let url, let alt, _, _) = $0 { return url == "img/a.png" && alt == "그림" } else { return false } })
        #expect(inlines.contains(.strikethrough([.text("old")])))
    }
}
