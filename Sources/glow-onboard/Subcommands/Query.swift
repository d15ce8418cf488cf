import ArgumentParser
import Foundation
import GlowOnboardKit
import JMESPath

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a JMESPath expression over a JSON document (like `jp`), printing JSON.",
        discussion: "The document is --input FILE, or standard input. Exit status: 0, or 2 for a bad expression or document.")

    @Argument(help: ArgumentHelp("A JMESPath expression, e.g. 'Vpcs[?IsDefault == `false`].CidrBlock'.", valueName: "EXPR"))
    var expression: String

    @Option(name: [.short, .long], help: ArgumentHelp("The JSON document (default: standard input).", valueName: "FILE"), completion: .file(extensions: ["json"]))
    var input: String?

    @Flag(help: "Print on one line.")
    var compact = false

    @Option(help: .hidden)
    var benchmark: Int?

    func run() throws {
        try reporting {
            let compiled: JMESPathExpression
            do { compiled = try JMESPathExpression(expression) } catch { throw Failure("\(error) in '\(expression)'") }
            let data: Data
            if let input {
                guard let d = FileManager.default.contents(atPath: input) else { throw Failure("cannot read '\(input)'") }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            let document: JSONValue
            do { document = try JSONParser.parse(bytes: Array(data)) } catch let error as JSONParser.Failure {
                throw Failure("\(input ?? "<stdin>"):\(error.line):\(error.column): \(error.message)")
            }
            var result: JSONValue
            do { result = try compiled.evaluate(document) } catch { throw Failure("\(error)") }
            if let runs = benchmark, runs > 0 {
                // Time evaluation alone (for scripts/bench-jmespath.sh), without parsing or printing.
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<runs { result = (try? compiled.evaluate(document)) ?? .null }
                let nanos = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(runs)
                printError(String(format: "%.3f", nanos / 1000) + " us per evaluation")
            }
            print(JSONWriter.string(result, indent: compact ? nil : 2))
        }
    }
}
