import ArgumentParser
import Environment
import Foundation
import JMESPath
import JSON

public struct Query: KitCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Evaluate a JMESPath expression over the environment (a fixture) or any JSON document.",
        discussion: """
        The document is --input FILE, or standard input when it is piped, or else the snapshot of --fixture DIR \
        or of the live source (--aws, --host) (default: the bundled glowcorp setup), whose AWS part keeps the AWS \
        CLI's shapes: 'Vpcs[].CidrBlock' means what it means to `aws ec2 describe-vpcs --query`. Exit status: 0, \
        or 2 for a bad expression or document.
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

    public init() {}

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        let compiled: JMESPathExpression
        do { compiled = try JMESPathExpression(expression) } catch { throw UserError("\(error) in '\(expression)'") }
        guard let format = QueryOutput.Format(rawValue: output) else { throw UserError("--output은 json, text, table 중 하나예요: '\(output)'") }
        let document: JSONValue
        // A pipe is the document only on the command line; the REPL's standard input is the learner.
        if input != nil || (source.isEmpty && context.here == nil && !Terminal.isTTY(0)) {
            let data: Data
            if let input {
                do { data = try BoundedRead.file(input, limit: BoundedRead.documentLimit) } catch { throw UserError(error.description) }
            } else {
                do { data = try BoundedRead.standardInput(limit: BoundedRead.documentLimit) } catch { throw UserError(error.description) }
            }
            do { document = try JSONParser.parse(bytes: Array(data)) } catch {
                throw UserError(error.message, at: "\(input ?? "<stdin>"):\(error.line):\(error.column)")
            }
        } else {
            document = try context.snapshot(source, caseStudy: context.caseStudyHere).document
        }
        var result: JSONValue
        do { result = try compiled.evaluate(document) } catch { throw UserError("\(error)") }
        var out = CommandOutput()
        if let runs = benchmark, runs > 0 {
            // Time evaluation alone (for scripts/bench-jmespath.sh), without parsing or printing.
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<runs { result = (try? compiled.evaluate(document)) ?? .null }
            let nanos = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(runs)
            out.aside(String(format: "%.3f", nanos / 1000) + " us per evaluation")
        }
        if format == .json && compact {
            out.append(JSONWriter.string(result, indent: nil))
        } else {
            out.append(contentsOf: QueryOutput.render(result, format: format, terminal: context.terminal))
        }
        return out
    }
}
