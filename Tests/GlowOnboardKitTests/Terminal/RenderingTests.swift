import JSON
import Checks
import Environment
import Testing
import TestPaths
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

/// The console the document points to: each finding's resource and each hop of the map carries its
/// console page (region-aware), as a link where the terminal shows colour, as text elsewhere, never for
/// the sandbox; a link in data is never written.
@Suite struct ConsoleLinkTests {
    @Test func consolePagesOfEachKindOfResource() {
        let r = "ap-northeast-2"
        #expect(ConsoleLink.url(for: "vpc-0abc", region: r) == "https://ap-northeast-2.console.aws.amazon.com/vpcconsole/home?region=ap-northeast-2#VpcDetails:VpcId=vpc-0abc")
        #expect(ConsoleLink.url(for: "subnet-1", region: r)?.hasSuffix("#SubnetDetails:subnetId=subnet-1") == true)
        #expect(ConsoleLink.url(for: "rtb-1", region: r)?.hasSuffix("#RouteTableDetails:RouteTableId=rtb-1") == true)
        #expect(ConsoleLink.url(for: "igw-1", region: r)?.contains("vpcconsole") == true)
        #expect(ConsoleLink.url(for: "sg-1", region: r) == "https://ap-northeast-2.console.aws.amazon.com/ec2/home?region=ap-northeast-2#SecurityGroup:groupId=sg-1")
        #expect(ConsoleLink.url(for: "i-0123", region: r)?.hasSuffix("#InstanceDetails:instanceId=i-0123") == true)
        let tg = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/glowcorp-web-tg/91e5"
        #expect(ConsoleLink.url(for: tg, region: r) == "https://ap-northeast-2.console.aws.amazon.com/ec2/home?region=ap-northeast-2#TargetGroup:targetGroupArn=arn%3Aaws%3Aelasticloadbalancing%3Aap-northeast-2%3A123456789012%3Atargetgroup%2Fglowcorp-web-tg%2F91e5")
        #expect(ConsoleLink.url(for: "/hostedzone/Z123456789ABC", region: r) == "https://us-east-1.console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/Z123456789ABC")
        #expect(ConsoleLink.url(for: "app.glowcorp.io", region: r) == nil)
        #expect(ConsoleLink.url(for: "sg-1\u{1B}]8;;x", region: r) == nil)
        #expect(ConsoleLink.url(for: "sg-1", region: "ap-northeast-2/../x") == nil)

        let reference = FixtureSource.load(directory: "\(Paths.repository)/Fixtures/glowcorp")
        #expect(ConsoleLink.region(of: reference) == "ap-northeast-2")
        var sandbox = reference
        sandbox.source = "sandbox"
        #expect(ConsoleLink.region(of: sandbox) == nil)
        sandbox.source = "live aws --profile x --endpoint-url http://127.0.0.1:5000"
        #expect(ConsoleLink.region(of: sandbox) == nil)
    }

    @Test func findingsAndMapsCarryTheirConsolePages() {
        let broken = FixtureSource.load(directory: "\(Paths.repository)/Fixtures/broken/target-group-port-8080")
        let findings = Verifier.run(Verifier.everyCheck, on: broken)
        let plain = FindingRenderer(terminal: .plain, consoleRegion: ConsoleLink.region(of: broken)).render(findings)
        #expect(plain.contains("    콘솔: https://ap-northeast-2.console.aws.amazon.com/ec2/home?region=ap-northeast-2#TargetGroup:targetGroupArn=arn%3Aaws%3Aelasticloadbalancing%3Aap-northeast-2%3A123456789012%3Atargetgroup%2Fglowcorp-web-tg%2F91e53b48ad7cb61f"), "\(Array(plain.prefix(8)))")
        let coloured = FindingRenderer(terminal: Terminal(colour: true, width: 80), consoleRegion: "ap-northeast-2").render(findings)
        let line = coloured.first { $0.contains("위치: ") && $0.contains("targetgroup") } ?? ""
        let shown = TerminalText.printable(line)
        #expect(shown.contains("\u{1B}]8;;https://ap-northeast-2.console.aws.amazon.com/ec2/home?region=ap-northeast-2#TargetGroup:") && shown.contains("\u{1B}]8;;\u{1B}\\"), "\(shown.debugDescription)")
        // The link takes no columns: the line is as wide as what it shows.
        #expect(line.displayWidth == "    위치: arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/glowcorp-web-tg/91e53b48ad7cb61f".displayWidth)
        // Without a region (the sandbox), no console at all.
        #expect(!FindingRenderer(terminal: .plain).render(findings).joined().contains("console.aws"))
        // A link in data is not written: only our own, to the AWS console.
        #expect(!TerminalText.printable(TerminalText.hyperlink("https://evil.example/", "x")).contains("\u{1B}]8"))
        #expect(!TerminalText.printable(TerminalText.hyperlink("https://x.console.aws.amazon.com.evil.example/", "x")).contains("\u{1B}]8"))

        let maps = FlowMap.build(snapshot: FixtureSource.load(directory: "\(Paths.repository)/Fixtures/glowcorp"))
        let links = FlowMapRenderer(terminal: .plain, consoleRegion: "ap-northeast-2").consoleLinks(maps[0])
        #expect(links.first == "콘솔에서 보기:" && links.contains { $0.hasPrefix("  ALB: https://ap-northeast-2.console.aws.amazon.com/ec2/home?region=ap-northeast-2#LoadBalancer:") })
        #expect(links.filter { $0.hasPrefix("  EC2: ") }.count == 2)
        let svg = FlowMapSVG.render(maps, title: "t", consoleRegion: "ap-northeast-2")
        #expect(svg.contains("<a href=\"https://ap-northeast-2.console.aws.amazon.com/ec2/home?region=ap-northeast-2#TargetGroup:targetGroupArn="))
        #expect(!FlowMapSVG.render(maps, title: "t").contains("<a href"))
    }
}
