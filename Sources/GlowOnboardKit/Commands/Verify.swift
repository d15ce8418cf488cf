import ArgumentParser
import Checks
import Environment
import JSON

public struct Verify: KitCommand, TakesCourseOptions {
    public static let configuration = CommandConfiguration(
        abstract: "Check the environment against the lessons' expected state.",
        discussion: """
        Without --lesson, runs the whole catalogue: every lesson's verify blocks and every check of `checks` \
        (in the REPL: the current step's block; `verify all` there is the whole catalogue); --lesson and --step \
        narrow it to a lesson's or a step's blocks. The source is the \
        bundled fixture of glowcorp's intended setup unless --fixture names another, or the live account and host \
        with --aws (--profile, --region, --endpoint-url) and --host. Exit status: 0 when nothing fails, 1 when a \
        check fails, 2 for bad input. --json prints an array with one object per finding: check, hop, severity, \
        status (pass, fail, warn, not checked), message, hint, expected, actual, where, rootCause, causedBy.
        """)

    public enum Word: String, ExpressibleByArgument, Sendable {
        case all
    }

    @Argument(help: ArgumentHelp("'all': the same as --all.", valueName: "all"))
    var word: Word?

    @Option(help: ArgumentHelp("Only this lesson's verify blocks.", valueName: "LESSON"))
    var lesson: String?

    @Option(help: ArgumentHelp("Only this step (with --lesson).", valueName: "STEP"))
    var step: String?

    @Flag(help: "The whole catalogue: every lesson's verify blocks and every check (the default on the command line).")
    var all = false

    @Flag(help: "Read the live source again (the REPL keeps what it read).")
    var refresh = false

    @OptionGroup(title: "Source") var source: SourceOptions

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Show details of passing checks too.")
    var verbose = false

    @OptionGroup public var courseOptions: CourseOptions

    public init() {}

    public func validate() throws {
        if step != nil && lesson == nil { throw ValidationError("--step은 --lesson과 함께 써요.") }
        if (all || word == .all) && lesson != nil { throw ValidationError("--all과 --lesson은 함께 쓸 수 없어요.") }
    }

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        let course = try context.loadedCourse()
        let scope: VerifyPlan.Scope
        if all || word == .all {
            scope = .everything
        } else if let named = try VerifyPlan.scope(course: course, lesson: lesson, step: step) {
            scope = named
        } else if let here = context.here {
            scope = .step(here)
        } else {
            scope = .everything
        }
        let requests = VerifyPlan.requests(course: course, scope: scope)
        guard !requests.isEmpty else {
            return CommandOutput(["이 단계에는 verify가 확인할 상태가 없어요. 모든 레슨을 확인하려면 verify all."])
        }
        if refresh { context.refreshSources() }
        let caseStudy = source.isEmpty ? VerifyPlan.caseStudyFixture(course: course, scope: scope, ownEnvironment: context.readsOwnEnvironment(source)) : nil
        let snapshot = try context.snapshot(source, caseStudy: caseStudy)
        let findings = Verifier.run(requests, on: snapshot)
        // A failure never looks like success: a check that failed is 1; otherwise a source that could not
        // be read whole (a capture that is not JSON, calls that all failed) is 2, since its checks could not
        // say yes.
        let unread = snapshot.issues.contains { $0.kind == .error }
        let status = findings.contains { $0.status == .fail } ? ExitStatus.failure : unread ? ExitStatus.badInput : ExitStatus.success
        var out = CommandOutput(status: status)
        if json {
            out.notes(snapshot.issues)
            out.append(JSONWriter.string(.array(findings.map(\.json))))
            return out
        }
        let renderer = FindingRenderer(terminal: context.terminal, consoleRegion: ConsoleLink.region(of: snapshot))
        out.append(TextStyle.dim.apply("verify: " + (caseStudy.map { "사례 연구 환경 \($0)" } ?? snapshot.source), colour: context.terminal.colour))
        out.notes(snapshot.issues)
        out.append(contentsOf: renderer.render(findings, verbose: verbose))
        out.append(renderer.summary(findings))
        if status == ExitStatus.badInput {
            out.append(TextStyle.yellow.apply("⚠ 환경의 일부를 읽지 못해서(위의 오류) 결과가 완전하지 않아요.", colour: context.terminal.colour))
        }
        if caseStudy != nil {
            out.append(TextStyle.magenta.apply("이 환경의 어디가 고장 났는지 찾았나요? 맨 위의 ✘가 근본 원인이에요. 질문에 답해 보세요.", colour: context.terminal.colour))
        } else {
            out.append(contentsOf: context.verified(scope, findings: findings, source: snapshot.source))
        }
        return out
    }
}

public struct ChecksCommand: KitCommand, TakesCourseOptions {
    public static let configuration = CommandConfiguration(
        commandName: "checks", abstract: "List the check catalogue (ids to use in a lesson's verify block).",
        discussion: "Each check says which lessons' verify blocks use it (the course of --lessons, or the one found as for every command).")

    @OptionGroup public var courseOptions: CourseOptions

    public init() {}

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        var out = CommandOutput()
        // Which lessons use each check; without a readable course the catalogue is still listed.
        var usedBy: [String: [String]]?
        if let course = try? context.loadedCourse() {
            var map: [String: [String]] = [:]
            for lesson in course.lessons {
                for id in Set(lesson.verifications.flatMap { $0.spec.checks.map(\.id) }) { map[id, default: []].append(lesson.id) }
            }
            usedBy = map
        }
        var hop: Hop?
        for check in Catalogue.checks {
            if check.hop != hop {
                hop = check.hop
                out.append("\n\(check.hop.rawValue)")
            }
            out.append("  \(check.id.padded(to: 34)) \(check.severity == .error ? "E" : "W")  \(check.doc)")
            for p in check.parameters {
                out.append("      with \(p.name): \(p.doc) (default \(p.defaultValue))")
            }
            if let usedBy {
                let lessons = usedBy[check.id] ?? []
                out.append("      " + (lessons.isEmpty ? "no lesson uses it" : "used by: " + lessons.joined(separator: ", ")))
            }
        }
        return out
    }
}
