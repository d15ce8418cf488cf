import JMESPath
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit
import JSON

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a JMESPath expression over the environment (a fixture) or any JSON document.",
        discussion: """
        The document is --input FILE, or standard input when it is piped, or else the snapshot of --fixture DIR or of the live source (--aws, --host)         (default: the bundled glowcorp setup), whose AWS part keeps the AWS CLI's shapes: 'Vpcs[].CidrBlock'         means what it means to `aws ec2 describe-vpcs --query`. Exit status: 0, or 2 for a bad expression or document.
        """)

    @Argument(help: ArgumentHelp("A JMESPath expression, e.g. 'Vpcs[?IsDefault == `false`].CidrBlock'.", valueName: "EXPR"))
    var expression: String

    @Option(name: [.short, .long], help: ArgumentHelp("The JSON document (default: standard input).", valueName: "FILE"), completion: .file(extensions: ["json"]))
    var input: String?

    @OptionGroup(title: "Source") var source: SourceOptions

    @Option(help: ArgumentHelp("json, text or table, as the AWS CLI prints them.", valueName: "FORMAT"))
    var output: String = "json"

    @Flag(help: "Print JSON on one line.")
    var compact = false

    @Option(help: .hidden)
    var benchmark: Int?

    func run() throws {
        try reporting {
            let compiled: JMESPathExpression
            do { compiled = try JMESPathExpression(expression) } catch { throw Failure("\(error) in '\(expression)'") }
            guard let format = QueryOutput.Format(rawValue: output) else { throw Failure("--output must be json, text or table, not '\(output)'") }
            let document: JSONValue
            if input != nil || (source.fixture == nil && !source.isLive && !Terminal.isTTY(0)) {
                let data: Data
                if let input {
                    guard let d = FileManager.default.contents(atPath: input) else { throw Failure("cannot read '\(input)'") }
                    data = d
                } else {
                    data = FileHandle.standardInput.readDataToEndOfFile()
                }
                do { document = try JSONParser.parse(bytes: Array(data)) } catch let error as JSONParser.Failure {
                    throw Failure("\(input ?? "<stdin>"):\(error.line):\(error.column): \(error.message)")
                }
            } else {
                document = try source.load().document
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
            if format == .json && compact {
                print(JSONWriter.string(result, indent: nil))
            } else {
                for line in QueryOutput.render(result, format: format, terminal: Terminal.forStandardOutput(environment: Environment.variables)) { print(line) }
            }
        }
    }
}
