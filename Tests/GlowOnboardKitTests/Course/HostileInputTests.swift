@testable import Checks
import Environment
import Foundation
import JMESPath
import NginxConfig
import TestPaths
import Testing
@testable import GlowOnboardKit

/// Input that once crashed the program, read as data: deep nesting, numbers at the edges of Int, and
/// each gets a message that says what and where, never a trap.
@Suite struct HostileInputTests {
    @Test func jmesPathNestingAndLengthAreBounded() {
        for deep in [String(repeating: "[", count: 16_000), String(repeating: "(", count: 26_000), String(repeating: "!", count: 5_000) + "a"] {
            #expect(throws: JMESPathError.self) { try JMESPathExpression(deep) }
        }
        do { _ = try JMESPathExpression(String(repeating: "[", count: 200) + "a" + String(repeating: "]", count: 200)) } catch {
            #expect(error.message.contains("nests deeper than 128"), "\(error)")
        }
        let chain = (0..<3000).map { "a\($0)" }.joined(separator: ".")
        do { _ = try JMESPathExpression(chain) } catch {
            #expect(error.message.contains("too long") && error.column != nil, "\(error)")
        }
        // The compliance suite's longest expressions stay well inside.
        #expect((try? JMESPathExpression((0..<60).map { "a\($0)[*]" }.joined(separator: "."))) != nil)
    }

    @Test func markdownNestingIsKeptAsText() {
        let quotes = MarkdownParser.parse(String(repeating: ">", count: 30_000) + " 깊은 인용")
        #expect(RenderingDepth.of(quotes) <= MarkdownParser.maximumDepth + 2)
        #expect(quotes.flatMap(\.inlines).plainText.contains("깊은 인용") || "\(quotes)".contains("깊은 인용"))
        let lists = MarkdownParser.parse((0..<5_000).map { String(repeating: "  ", count: $0) + "- 항목" }.joined(separator: "\n"))
        #expect(RenderingDepth.of(lists) <= MarkdownParser.maximumDepth + 2)
        let emphasis = MarkdownParser.parse(String(repeating: "*a ", count: 20_000) + String(repeating: " a*", count: 20_000))
        #expect(!emphasis.isEmpty)
        // Rendering what was kept is fine too.
        _ = MarkdownRenderer(terminal: .plain).render(quotes + lists + emphasis, width: 80)
    }

    @Test func nginxNestingIsAnErrorAtItsLine() throws {
        let deep = String(repeating: "location / {\n", count: 20_000) + String(repeating: "}\n", count: 20_000)
        let result = NginxParser.parse(deep, file: "deep.conf")
        #expect(result.errors.first?.description == "blocks nested deeper than 64 levels in deep.conf:65", "\(result.errors.prefix(2))")
        #expect(result.errors.count == 1)
        // From an `nginx -T` dump too: the same parser reads each file of it.
        let dump = "# configuration file /etc/nginx/nginx.conf:\nhttp {\n" + deep + "}\n"
        let files = NginxDump.files(dump)
        let main = try #require(files?.files[files?.main ?? ""])
        #expect(NginxParser.parse(bytes: main, file: "nginx.conf").errors.first?.message == "blocks nested deeper than 64 levels")
    }

    @Test func numbersAtTheEdgesNeverTrap() {
        #expect(TargetGroup.successCodes("299-200").isEmpty)
        #expect(TargetGroup.successCodes("0-9223372036854775807").isEmpty)
        #expect(TargetGroup.successCodes("200-2000000000").isEmpty)
        #expect(TargetGroup.successCodes("200,202-204") == [200...200, 202...204])
        #expect(NginxView.seconds("99999999999999999999999s") == nil)
        #expect(NginxView.seconds("75s") == 75 && NginxView.seconds("1m30s") == 90 && NginxView.seconds("9223372036854775807") == nil)
    }

    @Test func progressCountsOutOfRangeAreADamagedFileNotATrap() {
        func decode(_ record: String) -> String? {
            let json = #"{"version": 1, "lessons": {"vpc": {"cidr": {"visited": true, "questions": {"q": \#(record)}}}}}"#
            if case .failure(let problem) = ProgressStore.decode(Data(json.utf8)) { return problem.message }
            return nil
        }
        #expect(decode(#"{"status": "open", "attempts": 9223372036854775807, "hintsShown": 0}"#)?.contains("'lessons.vpc.cidr.questions.q.attempts'의 값 9223372036854775807은 0…1000000 밖이에요") == true)
        #expect(decode(#"{"status": "open", "attempts": 1, "hintsShown": -1}"#)?.contains("hintsShown'의 값 -1은") == true)
        #expect(decode(#"{"status": "open", "attempts": 1, "hintsShown": 0}"#) == nil)
        for version in [#""1""#, "1.5", "true"] {
            if case .failure(let p) = ProgressStore.decode(Data(#"{"version": \#(version), "lessons": {}}"#.utf8)) {
                #expect(p.message.hasPrefix("'version'은 정수여야 해요"), "\(p.message)")
            } else { Issue.record("version \(version) was accepted") }
        }
    }

    @Test func lessonNumbersAreBounded() throws {
        let text = LessonScaffold.text(id: "x", title: "X", order: 1)
            .replacingOccurrences(of: "order: 1\n", with: "order: 9223372036854775807\n")
        let m = LessonParser.parse(text, file: "x.md").diagnostics.map(\.description)
        #expect(m.contains { $0.hasPrefix("x.md:4:8: error: 'order' in frontmatter must be between 1 and 999, not 9223372036854775807") }, "\(m)")
    }
}

/// How deep a block tree goes (the renderers and the values' release recurse this deep).
enum RenderingDepth {
    static func of(_ blocks: [Block]) -> Int {
        blocks.map { block -> Int in
            switch block {
            case .quote(let inner, _): return 1 + of(inner)
            case .list(let list, _): return 1 + (list.items.map { of($0.blocks) }.max() ?? 0)
            default: return 1
            }
        }.max() ?? 0
    }
}
