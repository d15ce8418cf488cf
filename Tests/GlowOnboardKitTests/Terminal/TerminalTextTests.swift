import Testing
@testable import GlowOnboardKit

/// Control characters from data never reach the terminal raw; colour comes only from the renderer.
@Suite struct TerminalTextTests {
    @Test func dataIsShownAsEscapes() {
        let title = "name\u{1B}]0;pwned\u{07}"
        #expect(TerminalText.printable(title) == "name\\e]0;pwned\\a")
        #expect(TerminalText.printable("clip\u{1B}]52;c;ZXZpbA==\u{1B}\\") == "clip\\e]52;c;ZXZpbA==\\e\\")
        #expect(TerminalText.printable("c1\u{9B}2J del\u{7F} nul\u{0}") == "c1\\u{9b}2J del\\x7f nul\\x00")
        #expect(TerminalText.printable("trojan \u{202E}txt.exe") == "trojan \\u{202e}txt.exe")
        #expect(TerminalText.printable("줄\n바꿈\t탭") == "줄\n바꿈\t탭")
        // An SGR from data is not colour either.
        #expect(TerminalText.printable("\u{1B}[31mred") == "\\e[31mred")
    }

    @Test func colourComesFromTheRendererOnly() {
        let styled = TextStyle.bold.apply("굵게", colour: true)
        #expect(!styled.contains("\u{1B}"))
        #expect(TerminalText.printable(styled) == "\u{1B}[1m굵게\u{1B}[0m")
        #expect(styled.displayWidth == 4)
        // The mark in front of anything but a colour code is shown, not obeyed.
        #expect(TerminalText.printable(String(TerminalText.mark) + "]0;x\u{07}") == "\\u{fdd0}]0;x\\a")
        // Data with a control character inside styled text: the colour stays, the control is shown.
        #expect(TerminalText.printable(TextStyle.red.apply("a\u{1B}[2Jb", colour: true)) == "\u{1B}[31ma\\e[2Jb\u{1B}[0m")
    }
}

@Suite struct LessonControlCharacterLintTests {
    @Test func lintReportsThemAtTheirColumn() throws {
        let m = try GuessingTests.lint(LessonScaffold.text(id: "x", title: "X", order: 1)
            .replacingOccurrences(of: "설명을 쓰고,", with: "설명을\u{1B}]0;t\u{07} 쓰고,"))
        #expect(m.contains { $0.hasPrefix("x.md:13:4: warning: control character \\e in the text") }, "\(m)")
    }
}

@Suite struct LongWordWrappingTests {
    /// A word far wider than a line is cut into line-wide pieces, every character kept, in one pass
    /// (the old cut measured the rest of the word again for every line: quadratic in its length).
    @Test func aVeryLongWordIsCutIntoWholeLines() {
        let word = String(repeating: "가나다라abc", count: 20_000)   // 140,000 characters
        let lines = TextWrapper(width: 60, colour: false).wrap([StyledRun("앞 "), StyledRun(word), StyledRun(" 뒤")], firstPrefix: "", restPrefix: "  ")
        #expect(lines.allSatisfy { $0.displayWidth <= 60 })
        #expect(lines.first == "앞")
        #expect(lines.last?.hasSuffix("뒤") == true)
        let joined = lines.dropFirst().map { $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0 }.joined()
        #expect(joined.hasPrefix(word) && joined.hasSuffix(" 뒤"))
        // Styled pieces keep their style across the cut.
        let styled = TextWrapper(width: 10, colour: true).wrap([StyledRun(String(repeating: "가", count: 12), .bold)])
        #expect(styled.count == 3 && styled.allSatisfy { TerminalText.printable($0).hasPrefix("\u{1B}[1m") })
    }

    /// An ARN, a URL, an id or a command is never cut: it takes a line of its own and runs past the
    /// edge, so it can be copied whole. Korean breaks between syllables, never inside such a token.
    @Test func tokensAreNeverCut() {
        let arn = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/glowcorp-web-tg/0123456789abcdef"
        let lines = TextWrapper(width: 60, colour: false).wrap([StyledRun("대상 그룹 \(arn)의 상태를 봐요.")], firstPrefix: "", restPrefix: "  ")
        #expect(lines.contains { $0.contains(arn) }, "\(lines)")
        #expect(lines.first == "대상 그룹", "\(lines)")
        let bold = TextWrapper(width: 10, colour: true).wrap([StyledRun(String(repeating: "x", count: 25), .bold)])
        #expect(bold.count == 1 && TerminalText.printable(bold[0]).hasPrefix("\u{1B}[1m"))
        // A long Hangul word is cut between syllables, an ASCII run inside it kept whole.
        let mixed = TextWrapper(width: 12, colour: false).wrap([StyledRun("가나다라마바사glowcorp-web-tg아자차카타파하")])
        #expect(mixed.contains { $0.contains("glowcorp-web-tg") } && mixed.allSatisfy { $0.displayWidth <= 15 }, "\(mixed)")
    }
}
