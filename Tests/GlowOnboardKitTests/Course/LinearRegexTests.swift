import Environment
import Foundation
import Testing
import TestPaths
@testable import GlowOnboardKit

/// The regex matcher of `regex` questions and `matches` checks: the same verdicts as Swift's `Regex` on
/// what it takes, a message on what it refuses, and no input that makes it backtrack (issue 13 §4).
@Suite struct LinearRegexTests {
    /// Each pattern of the shipped course, every answer its question names and variations of them, judged
    /// by Swift's `Regex` and by LinearRegex: the same verdict every time.
    @Test func agreesWithSwiftRegexOnTheShippedPatterns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.lessons).filter { $0.hasSuffix(".md") }
        var compared = 0
        for file in files {
            let text = try String(contentsOfFile: "\(Paths.lessons)/\(file)", encoding: .utf8)
            guard let lesson = LessonParser.parse(text, file: file).lesson else { continue }
            for question in lesson.steps.flatMap(\.questions) where question.kind == .regex {
                var answers: [String] = [question.example ?? ""]
                answers += question.mistakes.map(\.answer)
                answers += question.hints
                var inputs: [String] = []
                for answer in answers {
                    let doubled: String = answer.replacingOccurrences(of: " ", with: "  ")
                    let undashed: String = answer.replacingOccurrences(of: "-", with: "")
                    inputs += [answer, answer.uppercased(), "  " + answer + " ", "sudo " + answer, answer + " --dry-run", String(answer.dropLast()), doubled, undashed]
                }
                for pattern in question.answers {
                    let ours = try LinearRegex(pattern), theirs = try Regex(pattern)
                    for input in inputs {
                        let expected = (try? theirs.wholeMatch(in: input)) != nil
                        #expect(ours.wholeMatch(input) == expected, "\(file) \(question.id): /\(pattern)/ on '\(input)'")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 300, "the course has regex questions to compare on")
    }

    /// Constructs one at a time, against Swift's `Regex`.
    @Test func agreesWithSwiftRegexConstructByConstruct() throws {
        let cases: [(String, [String])] = [
            ("a|b|", ["a", "b", "", "ab"]),
            ("(ab)*c", ["c", "abc", "ababc", "abac"]),
            ("a{2,3}", ["a", "aa", "aaa", "aaaa"]),
            ("a{2}", ["aa", "a"]), ("a{2,}", ["a", "aa", "aaaaa"]), ("x{,2}", ["x{,2}", "x", "", "xxx"]), ("x{,}", ["x{,}", "x"]), ("x{", ["x{"]), ("x{2", ["x{2"]),
            ("[a-c-]+", ["ab-c", "d", "-"]), ("[^0-9]+", ["abc", "a1"]), ("[\\]a]", ["]", "a", "b"]),
            ("\\d+\\.\\d+", ["1.5", "1x5", "١.٢"]), ("\\w+", ["abc_1", "한글", "a-b"]), ("\\s*x\\s*", [" x ", "\tx"]),
            ("(?i)abc", ["ABC", "aBc", "abd"]), ("a(?i)b", ["aB", "AB"]), ("(?i:a)b", ["Ab", "AB"]), ("(?i)[a-c]+", ["ABC", "abd"]),
            ("\\bfoo\\b.*", ["foo bar", "foobar"]), (".*\\Bo\\B.*", ["foo", "o"]),
            ("(?=.*a)(?=.*b).*", ["ab", "ba", "a", "b", "xxbxxa"]), ("(?!.*x).*", ["abc", "abx"]),
            ("(?=a)", [""]), ("a(?=b)b", ["ab", "ac"]), ("^abc$", ["abc", "abcd"]), ("\\Aab\\z", ["ab"]),
            ("(?<name>ab)+", ["abab", "aba"]), ("a*?b", ["aab"]), ("a+?", ["aaa"]), ("(a|ab)(c|bcd)(d*)", ["abcd", "abcdd"]),
            ("\\$\\{?x\\}?", ["${x}", "$x", "${x"]), ("[\\w.-]+@[\\w.-]+", ["a.b@c-d.e", "a@"]), ("\\x41\\x{1F600}", ["A😀"]),
            ("가+나?", ["가가", "가나", "나"]), (".", ["\n", "a", "é"]), ("(?s).", ["\n"]),
            ("(a*)*", ["", "aaaa", "b"]), ("(a|a)*b", [String(repeating: "a", count: 40) + "b"]), ("()*x", ["x"]),
        ]
        for (pattern, inputs) in cases {
            let ours = try LinearRegex(pattern), theirs = try Regex(pattern)
            for input in inputs {
                #expect(ours.wholeMatch(input) == ((try? theirs.wholeMatch(in: input)) != nil), "/\(pattern)/ on '\(input)'")
            }
        }
    }

    /// Patterns that take a backtracking engine exponential (or high polynomial) time, on the inputs that
    /// trigger it: decided at once, right. A hang would be this test never ending.
    @Test func noPatternBacktracks() throws {
        let hostile = String(repeating: "a", count: 4000) + "!"
        // Each with whether it matches 30 a's (Swift's Regex cannot be asked: it would take for ever).
        let patterns: [(String, Bool)] = [
            ("(a+)+$", true), ("(a|a)*$", true), ("(a|aa)+", true), ("(a*)*b", false), ("(\\w+\\s?)+$", true), ("(.*a){20}", true),
            ("((a+)+)+b", false), ("(?=(a+)+b).*", false), ("(x+x+)+y", false), ("(a|a?)+b", false), ("(.*)*(.*)*b", false),
        ]
        let started = Date()
        for (pattern, matchesAs) in patterns {
            let re = try LinearRegex(pattern)
            #expect(!re.wholeMatch(hostile), "/\(pattern)/")
            #expect(re.wholeMatch(String(repeating: "a", count: 30)) == matchesAs, "/\(pattern)/ on a's")
        }
        // Not a speed target: a bound far above the milliseconds this takes, to turn a regression into a
        // failure rather than a CI job that never ends.
        #expect(Date().timeIntervalSince(started) < 30)
        // Past the length a regex answer can have, nothing matches (and nothing is worked on).
        #expect(try !LinearRegex(".*").wholeMatch(String(repeating: "a", count: LinearRegex.maximumInput + 1)))
        #expect(try LinearRegex(".*").wholeMatch(String(repeating: "a", count: LinearRegex.maximumInput)))
    }

    /// What would need backtracking, or what the program cannot bound, is refused with where and why.
    @Test func refusesWhatItDoesNotTake() {
        let refused: [(String, String)] = [
            ("(a)\\1", "back-references"), ("(?<=a)b", "lookbehind"), ("a++", "possessive"), ("(?>a)", "atomic"),
            ("\\p{L}", "property"), ("[[:alpha:]]", "POSIX"), ("(a", "unclosed group"), ("a)", "unmatched ')'"), ("[a", "unclosed '['"),
            ("*a", "nothing before it"), ("a{5,2}", "wrong way round"), ("a{1001}", "above 1000"), ("((a{1000}){1000})", "too large"),
            (String(repeating: "(", count: 100) + String(repeating: ")", count: 100), "nested deeper"), ("\\q", "not an escape"),
            ("(?m)^a", "flag 'm'"), ("[]a]", "start with ']'"), ("[z-a]", "wrong way round"), ("a\\", "at the end"),
        ]
        for (pattern, reason) in refused {
            do {
                _ = try LinearRegex(pattern)
                Issue.record("/\(pattern)/ was taken")
            } catch {
                #expect(error.description.contains(reason), "/\(pattern)/: \(error)")
            }
        }
    }

    /// Lint names a backtracking-only construct at the pattern's line, and the REPL's matcher never sees it.
    @Test func lintRefusesAPatternTheMatcherCannotTake() {
        let lesson = """
        ---
        id: re
        title: 정규식
        order: 1
        ---
        # 정규식

        ## 하나

        본문이에요.

        ```question
        id: q1
        kind: regex
        prompt: 명령은?
        answer:
          - '(ls)\\1'
        example: lsls
        ```
        """
        let diagnostics = LessonParser.parse(lesson, file: "re.md").diagnostics
        #expect(diagnostics.contains { $0.message.contains("back-references are not supported") && $0.location.line == 17 }, "\(diagnostics)")
    }
}
