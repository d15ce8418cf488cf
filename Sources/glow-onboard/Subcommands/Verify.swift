import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit
import JSON

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the environment against the lessons' expected state.",
        discussion: """
        Without --lesson, checks every lesson's verify blocks. The source is the bundled fixture of glowcorp's \
        intended setup unless --fixture names another, or the live account and host with --aws \
        (--profile, --region, --endpoint-url) and --host. Exit status: 0 when nothing fails, 1 when a check \
        fails, 2 for bad input. --json prints an array with one object per finding: check, hop, severity, \
        status (pass, fail, warn, not checked), message, hint, expected, actual, where, rootCause, causedBy.
        """)

    @Option(help: ArgumentHelp("Only this lesson's verify blocks.", valueName: "LESSON"))
    var lesson: String?

    @Option(help: ArgumentHelp("Only this step (with --lesson).", valueName: "STEP"))
    var step: String?

    @Flag(help: "Every lesson's verify blocks (the default).")
    var all = false

    @OptionGroup(title: "Source") var source: SourceOptions

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Show details of passing checks too.")
    var verbose = false

    @OptionGroup var options: CourseOptions

    func validate() throws {
        if step != nil && lesson == nil { throw ValidationError("--step needs --lesson") }
        if all && lesson != nil { throw ValidationError("--all and --lesson cannot be used together") }
    }

    func run() throws {
        var failed = false
        try reporting {
            let (course, _, _) = try options.loadCourse()
            let requests: [Verifier.Request]
            do { requests = try VerifyPlan.requests(course: course, lesson: lesson, step: step) } catch { throw Failure("\(error)") }
            let caseStudy = lesson.flatMap { l in step.flatMap { VerifyPlan.caseStudyFixture(course: course, lesson: l, step: $0) } }
            let snapshot = try source.load(caseStudy: caseStudy, showNotes: true, progress: !json)
            let findings = Verifier.run(requests, on: snapshot)
            if json {
                print(JSONWriter.string(.array(findings.map(\.json))))
            } else {
                let terminal = Terminal.forStandardOutput(environment: options.environment)
                let renderer = FindingRenderer(terminal: terminal)
                print("verify: \(snapshot.source)")
                for line in renderer.render(findings, verbose: verbose) { print(line) }
                print(renderer.summary(findings))
            }
            failed = findings.contains { $0.status == .fail }
        }
        if failed { throw ExitCode(1) }
    }
}

struct Checks: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the check catalogue (ids to use in a lesson's verify block).")

    func run() {
        var hop: Hop?
        for check in Catalogue.checks {
            if check.hop != hop {
                hop = check.hop
                print("\n\(check.hop.rawValue)")
            }
            print("  \(check.id.padding(toLength: 34, withPad: " ", startingAt: 0)) \(check.severity == .error ? "E" : "W")  \(check.doc)")
            for p in check.parameters {
                print("      with \(p.name): \(p.doc) (default \(p.defaultValue))")
            }
        }
    }
}
