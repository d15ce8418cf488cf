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

    /// Found by fuzzing (Fuzz/, the progress harness): a version given twice was judged by one reader and
    /// kept by the other, so a file of a newer version passed as this one and its copy would not load.
    @Test func aVersionGivenTwiceIsADamagedFile() throws {
        let text = "{\n  \"version\":2,\n \"learner\": \"\\ng\\b\\\"r\",\n\n  \"version\":1,\n \"learner\": \"\\ng\\b\\\"r\",\n    \"lessons\": {  }\n}\n"
        guard case .failure(let problem) = ProgressStore.decode(Data(text.utf8)) else {
            Issue.record("a file with two versions was taken")
            return
        }
        #expect(problem.message == "'version'이 두 번 이상 있어요", "\(problem.message)")
        // Whatever decodes, encodes to what decodes to the same progress (the harness's property).
        let one = try #require(try? ProgressStore.decode(Data(#"{"version": 1, "learner": "x", "lessons": {}}"#.utf8)).get())
        #expect(try ProgressStore.decode(ProgressStore.encode(one)).get() == one)
    }

    @Test func lessonNumbersAreBounded() throws {
        let text = LessonScaffold.text(id: "x", title: "X", order: 1)
            .replacingOccurrences(of: "order: 1\n", with: "order: 9223372036854775807\n")
        let m = LessonParser.parse(text, file: "x.md").diagnostics.map(\.description)
        #expect(m.contains { $0.hasPrefix("x.md:4:8: error: 'order' in frontmatter must be between 1 and 999, not 9223372036854775807") }, "\(m)")
    }

    /// The table's columns give way as taking one column at a time from the widest would have them, but
    /// in one pass: a 300,000-character cell is laid out at once (issue 13 §4).
    @Test func tableWidthsFitInOnePass() {
        func naive(_ w: [Int], _ budget: Int) -> [Int] {
            var widths = w
            while widths.reduce(0, +) > budget, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 {
                widths[widest] -= 1
            }
            return widths
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let widths = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int.random(in: 1...40, using: &generator) }
            let budget = Int.random(in: -10...150, using: &generator)
            #expect(TableRenderer.fit(widths, budget: budget) == naive(widths, budget), "\(widths) in \(budget)")
        }
        let wide = TableRenderer.fit([300_000, 12, 7], budget: 60)
        #expect(wide == [41, 12, 7])
        let table = "| a | b |\n|---|---|\n| \(String(repeating: "가", count: 100_000)) | x |\n"
        let lines = MarkdownRenderer(terminal: Terminal(colour: false, width: 60)).render(MarkdownParser.parse(table))
        #expect(lines.count > 2000 && lines.allSatisfy { $0.displayWidth <= 60 })
    }

    /// `nginx parse`'s outline of 64 nested blocks (the parser's limit), each with a long argument: every
    /// line once, indented by its depth.
    @Test func nginxOutlineIsLinear() {
        let depth = NginxParser.maximumDepth - 1
        let text = (0..<depth).map { "b\($0) \(String(repeating: "x", count: 1000)) {\n" }.joined() + "leaf;\n" + String(repeating: "}\n", count: depth)
        let parsed = NginxParser.parse(text, file: "deep.conf")
        #expect(parsed.errors.isEmpty, "\(parsed.errors)")
        var lines: [String] = []
        for directive in parsed.directives { directive.outline(indent: 0, into: &lines) }
        #expect(lines.count == 2 * depth + 1)
        #expect(lines[depth].hasPrefix(String(repeating: " ", count: 4 * depth) + "leaf  (\(depth + 1))"))
    }

    /// An include of something that is not a file says what it is, as nginx would, never "No such file"
    /// (issue 13 §5): a directory, a symbolic-link loop, /dev/zero (through a link), a FIFO, a link out of
    /// the copied configuration, a file past the size limit, and a file that is truly missing.
    @Test func includesOfWhatIsNotAFileSayWhatItIs() throws {
        let root = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let etc = root + "/etc/nginx"
        try FileManager.default.createDirectory(atPath: etc + "/conf.d/adir", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: etc + "/loop.conf", withDestinationPath: etc + "/loop.conf")
        try FileManager.default.createSymbolicLink(atPath: etc + "/zero.conf", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: etc + "/out.conf", withDestinationPath: "/etc/hostname")
        #expect(mkfifo(etc + "/fifo.conf", 0o600) == 0)
        FileManager.default.createFile(atPath: etc + "/big.conf", contents: Data(count: FileSystemSource.maximumFileSize + 1))
        let includes = ["conf.d/adir", "loop.conf", "zero.conf", "fifo.conf", "out.conf", "big.conf", "missing.conf"]
        try (includes.map { "include \($0);" }.joined(separator: "\n") + "\n").write(toFile: etc + "/nginx.conf", atomically: true, encoding: .utf8)
        let config = NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: FileSystemSource(root: root))
        let messages = config.errors.map(\.description)
        let expected = [
            "pread() \"/etc/nginx/conf.d/adir\" failed (21: Is a directory)",
            "open() \"/etc/nginx/loop.conf\" failed (40: Too many levels of symbolic links)",
            "(it leads outside the folder the configuration was copied into, to /dev/zero: not read)",
            "open() \"/etc/nginx/fifo.conf\" failed (a FIFO, not a file: not read, it would wait for a writer)",
            "(it leads outside the folder the configuration was copied into, to /etc/hostname: not read)",
            "open() \"/etc/nginx/big.conf\" failed (larger than 16 MiB: not read)",
            "open() \"/etc/nginx/missing.conf\" failed (2: No such file or directory)",
        ]
        for text in expected { #expect(messages.contains { $0.contains(text) }, "\(text) in \(messages)") }
        // Without a root (the host's own files), /dev/zero is a device, not a file.
        let zero = FileSystemSource().load("/dev/zero")
        #expect(zero == .failure(NginxReadFailure(reason: "(a character device, not a file: not read)")))
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
