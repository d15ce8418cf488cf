import Testing
@testable import GlowOnboardKit

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
