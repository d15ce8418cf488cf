import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Capture the live environment as a fixture directory, to replay offline or send to an instructor.",
        discussion: """
        Reads the AWS account (read-only: the Describe/List calls on the allowlist, see README "Live sources") \
        and/or the host's nginx -T and docker ps, and writes them in the fixture layout: one AWS CLI JSON file \
        per call, nginx-T.txt, docker-ps.jsonl, docker-inspect.json. --redact replaces account ids, public IP \
        addresses and the account part of ARNs with stand-ins, the same stand-in for the same value \
        everywhere. Credentials are never written. Exit status: 0, 1 when some reads failed (what was read is \
        written), 2 for bad input.
        """)

    @Option(help: ArgumentHelp("The directory to write (new or empty).", valueName: "DIR"), completion: .directory)
    var out: String

    @Flag(help: "Replace account ids, public IPs and ARN account parts consistently.")
    var redact = false

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if source.fixture != nil { throw ValidationError("snapshot reads a live source: use --aws/--profile/--region/--endpoint-url and/or --host") }
        if !source.isLive { throw ValidationError("nothing to read: pass --aws (or --profile/--region/--endpoint-url) and/or --host local") }
    }

    func run() throws {
        var failed = false
        try reporting {
            let fm = FileManager.default
            if let existing = try? fm.contentsOfDirectory(atPath: out), !existing.isEmpty {
                throw Failure("\(out) is not empty; choose a new directory")
            }
            guard let live = source.live else { return }
            let started = Date()
            let capture = live.capture { line in printError("… \(line)") }
            if let fatal = capture.fatal { throw Failure(fatal) }
            do { try capture.write(to: out, redact: redact) } catch { throw Failure("\(error)") }
            for issue in capture.issues { printError(issue.description) }
            let elapsed = String(format: "%.2f", Date().timeIntervalSince(started))
            let files = (try? fm.contentsOfDirectory(atPath: out).count) ?? 0
            print("wrote \(out): \(files) files (\(capture.awsCalls) AWS reads\(redact ? ", redacted" : "")) in \(elapsed) s")
            failed = capture.issues.contains { $0.kind == .error }
        }
        if failed { throw ExitCode(1) }
    }
}
