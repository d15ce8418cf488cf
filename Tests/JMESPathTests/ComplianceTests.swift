import JSON
import Foundation
import TestPaths
import JMESPath
import JSON
import Testing

/// Every case of the official JMESPath compliance suite (`../shared/testdata/jmespath/`), error cases
/// included. In CI the directory must exist: a missing suite is a failure there, not a silent skip.
@Suite struct ComplianceTests {
    static var repository: String { Paths.repository }

    static var suiteDirectory: String {
        (ProcessInfo.processInfo.environment["GLOW_SHARED"] ?? "\(repository)/../shared") + "/testdata/jmespath"
    }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory)) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
    }

    struct Outcome {
        var passed = 0
        var failures: [String] = []
    }

    static func run(file: String) throws -> Outcome {
        let data = try #require(FileManager.default.contents(atPath: "\(suiteDirectory)/\(file)"))
        let suites = try JSONParser.parse(bytes: Array(data))
        var outcome = Outcome()
        for suite in suites.elements {
            let given = suite["given"] ?? .null
            for c in suite["cases"]?.elements ?? [] {
                guard let expression = c["expression"]?.string else { continue }
                let label = "\(file): \(expression)"
                if let error = c["error"]?.string {
                    do {
                        let result = try JMESPathExpression.search(expression, in: given)
                        outcome.failures.append("\(label): expected \(error) error, got \(JSONWriter.string(result, indent: nil))")
                    } catch {
                        if error.kind.rawValue == c["error"]?.string { outcome.passed += 1 } else {
                            outcome.failures.append("\(label): expected \(c["error"]!.string!) error, got \(error)")
                        }
                    }
                    continue
                }
                if c["bench"] != nil && c["result"] == nil {
                    // Benchmark cases without a result only have to compile and run.
                    do { _ = try JMESPathExpression.search(expression, in: given); outcome.passed += 1 } catch {
                        outcome.failures.append("\(label): \(error)")
                    }
                    continue
                }
                let expected = c["result"] ?? .null
                do {
                    let result = try JMESPathExpression.search(expression, in: given)
                    if result == expected { outcome.passed += 1 } else {
                        outcome.failures.append("\(label): expected \(JSONWriter.string(expected, indent: nil)), got \(JSONWriter.string(result, indent: nil))")
                    }
                } catch {
                    outcome.failures.append("\(label): unexpected \(error)")
                }
            }
        }
        return outcome
    }

    @Test func suiteIsPresentInCI() {
        _ = Requirement.met(!Self.files.isEmpty, "the JMESPath compliance suite (\(Self.suiteDirectory))")
    }

    @Test(arguments: files)
    func complianceFile(_ file: String) throws {
        let outcome = try Self.run(file: file)
        print("jmespath compliance \(file): \(outcome.passed) passed, \(outcome.failures.count) failed")
        #expect(outcome.failures.isEmpty, "\(outcome.failures.prefix(10).joined(separator: "\n"))")
    }
}
