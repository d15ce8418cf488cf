import Checks
import Environment
import Foundation
import GlowOnboardKit
import JMESPath
import JSON
import Testing

/// Korean particles after names, numbers and ids follow the word's final sound in everything the program
/// prints: verify and map over the bundled setup and every broken variant, and a whole REPL session
/// (lessons, answers right and wrong, hints, skips, verify, progress). `Korean.particleProblems` finds a
/// particle in the wrong form and a both-ways fallback (`을(를)`) where the word's reading is known.
@Suite struct ParticleTests {
    static func problems(_ text: String) -> [String] {
        Array(Set(Korean.particleProblems(in: text).map(\.description))).sorted()
    }

    @Test func findsWhatIsWrongAndLeavesWhatIsRight() {
        #expect(Self.problems("80을(를) 열어요. nginx은 4000(으)로 보내요. glowcorp-web-tg(으)로") == ["4000(으)로 → 4000으로", "80을(를) → 80을", "glowcorp-web-tg(으)로 → glowcorp-web-tg로", "nginx은 → nginx는"])
        #expect(Self.problems("app.glowcorp.io는 HTTP:80으로, HTTPS:443으로 가요. glow-api는 8080을 써요. ALB가 'next'를 대상 그룹(target group)을") == [])
        #expect(Self.problems("ALB이에요. 10.0.0.0/16이에요. 80이고 ALB고") == ["ALB이에요 → ALB예요"])
    }

    @Test func verifyAndMapOverEveryFixture() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let broken = try FileManager.default.contentsOfDirectory(atPath: "\(Harness.repository)/Fixtures/broken").sorted().map { "Fixtures/broken/\($0)" }
        var found: [String: Set<String>] = [:]
        for fixture in ["Fixtures/glowcorp"] + broken {
            for arguments in [["verify", "--fixture", fixture, "-v"], ["map", "--fixture", fixture]] {
                let out = try h.run(arguments, environment: ["NO_COLOR": "1"])
                for p in Self.problems(out.stdout + out.stderr) { found[p, default: []].insert("\(arguments[0]) \(fixture)") }
            }
        }
        #expect(found.isEmpty, Comment(rawValue: "\(found.count) particles:\n" + found.keys.sorted().map { "\($0)  (\(found[$0]!.sorted().prefix(2).joined(separator: ", "))…)" }.joined(separator: "\n")))
    }

    @Test func aWholeSessionInTheREPL() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let lessons = try LessonLinter.lint(path: "\(Harness.repository)/Lessons").lessons
        let document = FixtureSource.load(directory: "\(Harness.repository)/Fixtures/glowcorp").document
        var script = "help\nlessons\ngoto \(lessons[0].id)\n"
        for lesson in lessons {
            for step in lesson.steps {
                if step.verify != nil { script += "verify\n" }
                for (n, q) in step.questions.enumerated() {
                    // Wrong answers of several shapes, a hint, and either the answer or a skip.
                    script += "answer 80\nanswer nginx\nhint\n"
                    script += n % 3 == 2 ? "skip\n" : "answer \(Harness.rightAnswer(q, in: document))\n"
                }
                script += "next\n"
            }
        }
        script += "progress\nmap\nverify -v\nquit\n"
        let out = try h.run([], input: script, environment: ["NO_COLOR": "1"])
        #expect(out.status == 0)
        let found = Self.problems(out.stdout + out.stderr)
        #expect(found.isEmpty, Comment(rawValue: "\(found.count) particles:\n" + found.joined(separator: "\n")))
    }
}

extension ParticleTests {
    nonisolated(unsafe) static let handWritten = #/\\\((?:[^(),]|\([^()]*\))*\)(?:이라고|이에요|으로|이나|이라|은|는|이|가|을|를|로|과|와|예요)(?![가-힣])/#

    /// The program's own words: no particle written by hand after a name or number in the sources (an
    /// interpolated value takes `\(value, .은는)`).
    @Test func theSourcesWriteNoParticleByHand() throws {
        let root = "\(Harness.repository)/Sources"
        var found: [String] = []
        for case let file as String in FileManager.default.enumerator(atPath: root)! where file.hasSuffix(".swift") && !file.hasSuffix("Korean.swift") {
            let text = try String(contentsOfFile: "\(root)/\(file)", encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for p in Korean.particleProblems(in: String(line)) { found.append("\(file):\(n + 1): \(p)") }
                // An interpolated value followed by a particle written by hand.
                for m in String(line).matches(of: Self.handWritten) { found.append("\(file):\(n + 1): \(m.output) (write \\(value, .은는))") }
            }
        }
        #expect(found.isEmpty, Comment(rawValue: "\(found.count):\n" + found.joined(separator: "\n")))
    }
}
