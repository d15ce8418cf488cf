import Foundation
import JSON
import Testing

/// A fixture whose names carry terminal control sequences (a title change, a screen clear, a C1 CSI,
/// a bidi override): verify, map, query and the REPL show them escaped, and JSON keeps the value.
@Suite struct ControlCharacterTests {
    static let hostile = "glowcorp-public-a\u{1B}]0;pwned\u{07}\u{9B}2J\u{202E}"

    static func fixture(in h: Harness) throws -> String {
        let dir = try h.copyOfFixture(as: "hostile")
        let path = "\(dir)/ec2-describe-subnets.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let replaced = text.replacingOccurrences(of: "\"glowcorp-public-a\"", with: JSONWriter.quote(hostile))
        #expect(replaced != text)
        try replaced.write(toFile: path, atomically: true, encoding: .utf8)
        return dir
    }

    static func raw(_ text: String) -> [String] {
        text.unicodeScalars.filter { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func everyCommandShowsThemEscaped() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dir = try Self.fixture(in: h)
        for arguments in [["verify", "--fixture", dir, "-v"], ["map", "--fixture", dir], ["query", "Subnets[].Tags[].Value", "--fixture", dir, "--output", "text"]] {
            let out = try h.run(arguments)
            #expect(Self.raw(out.stdout + out.stderr).isEmpty, "\(arguments[0]): \(Self.raw(out.stdout + out.stderr))")
            #expect(out.stdout.contains("glowcorp-public-a\\e]0;pwned\\a\\u{9b}2J\\u{202e}"), "\(arguments[0]): \(out.stdout.prefix(800))")
        }
        let repl = try h.run([], input: "source fixture \(dir)\nmap\nquery Subnets[].Tags[].Value\nquit\n")
        #expect(Self.raw(repl.stdout).isEmpty, "\(Self.raw(repl.stdout))")
        // The SVG stays XML: the names are shown escaped.
        let svg = "\(h.home)/map.svg"
        _ = try h.run(["map", "--fixture", dir, "--svg", svg])
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(Self.raw(text).isEmpty && text.contains("glowcorp-public-a\\e]0;pwned\\a"), "\(Self.raw(text))")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "XML 1.0 allows no other C0 control")
        // JSON keeps the value, written as escapes.
        let json = try h.run(["query", "Subnets[].Tags[].Value", "--fixture", dir])
        #expect(Self.raw(json.stdout).isEmpty)
        #expect(try JSONParser.parse(json.stdout).elements.contains { $0.string == Self.hostile })
    }
}
