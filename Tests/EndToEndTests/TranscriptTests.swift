import JSON
import Checks
import Environment
import Foundation
import GlowOnboardKit
import Testing

/// Scripted sessions piped into the built binary, compared with committed transcripts. Set
/// GLOW_RECORD_TRANSCRIPTS=1 to rewrite the `.expected` files after a deliberate change, then review the diff.
@Suite struct TranscriptTests {
    static let directory = "\(Harness.repository)/Tests/EndToEndTests/Transcripts"

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".input") }.map { String($0.dropLast(".input".count)) }.sorted()
    }

    @Test(arguments: names)
    func transcript(_ name: String) throws {
        let harness = Harness()
        defer { harness.cleanUp() }
        let input = try String(contentsOfFile: "\(Self.directory)/\(name).input", encoding: .utf8)
        let out = try harness.run(["--lessons", "Tests/Fixtures/lessons-good"], input: input)
        #expect(out.status == 0)
        let actual = out.stdout.replacingOccurrences(of: harness.home, with: "$HOME")
        let expectedPath = "\(Self.directory)/\(name).expected"
        if ProcessInfo.processInfo.environment["GLOW_RECORD_TRANSCRIPTS"] == "1" {
            try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual == expected, "transcript \(name) differs:\n\(firstDifference(expected, actual))")
        #expect(!actual.contains("\u{1B}"), "no escape codes when stdout is not a terminal")
    }

    func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : "<end>") != (i < y.count ? y[i] : "<end>") {
            return "line \(i + 1)\n  expected: \(i < x.count ? x[i] : "<end>")\n  actual:   \(i < y.count ? y[i] : "<end>")"
        }
        return "(same lines)"
    }
}
