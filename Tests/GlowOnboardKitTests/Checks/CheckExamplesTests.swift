import Checks
import Environment
import Testing
@testable import GlowOnboardKit
import JMESPath
import JSON

/// Every check proves itself on its own examples (SwiftLint-style): it must pass where it says it
/// passes and fail (or warn) where it says it does. A check cannot land without such proof.
@Suite struct CheckExamplesTests {
    static let cases: [(String, Int)] = Catalogue.checks.flatMap { c in c.examples.indices.map { (c.id, $0) } }

    @Test func everyCheckHasAPassingAndAFailingExample() {
        for check in Catalogue.checks {
            #expect(check.examples.contains { $0.expect == .pass }, "\(check.id) has no passing example")
            #expect(check.examples.contains { $0.expect != .pass }, "\(check.id) has no failing example")
            #expect(!check.doc.isEmpty)
        }
    }

    @Test func idsAreUniqueAndWellFormed() {
        let ids = Catalogue.checks.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(LessonParser.isValidCheckId(id), "\(id)") }
        for check in Catalogue.checks {
            #expect(check.id.hasPrefix(check.hop.rawValue + "."), "\(check.id) is in hop \(check.hop)")
            for prerequisite in check.after { #expect(Catalogue.check(prerequisite) != nil, "\(check.id) after unknown \(prerequisite)") }
        }
    }

    @Test(arguments: cases)
    func example(_ id: String, _ index: Int) throws {
        let check = try #require(Catalogue.check(id))
        let example = check.examples[index]
        var snapshot = FixtureCache.snapshot(example.fixture)
        example.edit?(&snapshot)
        let findings = Verifier.run([.init(check: id, parameters: example.parameters)], on: snapshot)
        #expect(!findings.isEmpty)
        let statuses = findings.map(\.status)
        switch example.expect {
        case .pass:
            #expect(statuses.allSatisfy { $0 == .pass }, "\(id) on \(example.fixture): \(findings.map(\.message))")
        default:
            #expect(statuses.contains(example.expect), "\(id) on \(example.fixture) should \(example.expect): \(findings.map { "\($0.status): \($0.message)" })")
        }
    }
}

@Suite struct QueryCheckTests {
    func lesson(_ checks: String) -> String {
        LessonScaffold.text(id: "x", title: "X", order: 1).replacingOccurrences(of: "checks:\n  - dns.record\n", with: "checks:\n" + checks)
    }

    @Test func parsedValidatedAndRunLikeBuiltInChecks() throws {
        let text = lesson("""
          - query: "Vpcs[?IsDefault == `false`].CidrBlock"
            expect: {every: {cidr-within: 10.0.0.0/8}}
            id: lesson.private-vpcs
            hop: network
            pass: 직접 만든 VPC는 모두 사설 대역(10.0.0.0/8) 안에 있어요.
            fail: 직접 만든 VPC 중에 사설 대역(10.0.0.0/8) 밖의 것이 있어요.
            hint: 10.0.0.0/8 안에서 골라요.

        """)
        let (parsed, diagnostics) = LessonParser.parse(text, file: "x.md")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let spec = try #require(parsed?.steps.first?.verify)
        let snapshot = FixtureCache.snapshot("glowcorp")
        let findings = Verifier.run(spec.requests, on: snapshot)
        let f = try #require(findings.first { $0.check == "lesson.private-vpcs" })
        #expect(f.status == .pass && f.hop == .network && f.location == "query: Vpcs[?IsDefault == `false`].CidrBlock")
        #expect(f.message == "직접 만든 VPC는 모두 사설 대역(10.0.0.0/8) 안에 있어요.")
        #expect(f.json["status"] == .string("pass"))
        var broken = snapshot
        broken.document = try JSONParser.parse(#"{"Vpcs": [{"IsDefault": false, "CidrBlock": "192.0.2.0/24"}]}"#)
        let failed = try #require(Verifier.run(spec.requests, on: broken).first { $0.check == "lesson.private-vpcs" })
        #expect(failed.status == .fail && failed.hint == "10.0.0.0/8 안에서 골라요." && failed.actual == #"["192.0.2.0/24"]"#)
        #expect(failed.message == "직접 만든 VPC 중에 사설 대역(10.0.0.0/8) 밖의 것이 있어요.", "the failure says what is wrong, not the fact it expected")
    }

    @Test func lintReportsBadQueriesWithTheirColumn() {
        let m = LessonParser.parse(lesson("""
          - query: "Vpcs[?"
            expect: {equls: 1}
            pass: p
            fail: f
          - query: "x"
            expect: {length: many}
            hop: elsewhere
            pass: p
            fail: f
          - query: "y"
            expect: {length: 1}
            message: m

        """), file: "x.md").diagnostics.map(\.description)
        #expect(m.contains("x.md:36:19: error: invalid query: the expression ends where a value was expected"), "\(m)")
        #expect(m.contains { $0.hasPrefix("x.md:37:14: error: unknown expectation 'equls' (did you mean 'equals'?)") }, "\(m)")
        #expect(m.contains("x.md:41:22: error: 'length' needs a whole number"), "\(m)")
        #expect(m.contains { $0.hasPrefix("x.md:42:10: error: unknown hop 'elsewhere'") }, "\(m)")
        // A single message would print a fact whatever the outcome: both are required.
        #expect(m.contains("x.md:47:5: error: a query check says its outcome both ways: write 'pass' (what is true when it passes) and 'fail' (what is wrong when it fails) instead of 'message'"), "\(m)")
        #expect(m.contains { $0.hasPrefix("x.md:45:5: error: query check is missing required field 'pass'") || $0.contains("'pass'") && $0.contains("missing") }, "\(m)")
    }

    @Test(arguments: [
        (QueryCheck.Expectation.equals("3"), "3", true), (.equals("a"), "\"a\"", true), (.equals("true"), "false", false),
        (.notEmpty, "[]", false), (.notEmpty, "[1]", true), (.empty, "null", true), (.length(2), "[1, 2]", true),
        (.contains("b"), "[\"a\", \"b\"]", true), (.contains("lo"), "\"hello\"", true), (.matches("igw-[0-9a-f]+"), "\"igw-0abc\"", true),
        (.cidrWithin("10.0.0.0/16"), "\"10.0.3.0/24\"", true), (.every(.equals("1")), "[]", false), (.any(.equals("1")), "[2, 1]", true),
    ])
    func expectations(_ e: QueryCheck.Expectation, _ json: String, _ holds: Bool) throws {
        #expect(e.holds(for: try JSONParser.parse(json)) == holds)
    }
}
