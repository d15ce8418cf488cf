import ArgumentParser
import Environment
import Foundation
import Sandbox

public struct SnapshotCommand: KitCommand {
    public static let configuration = CommandConfiguration(
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

    public init() {}

    public func validate() throws {
        if source.fixture != nil { throw ValidationError("snapshot은 실제 환경을 읽어요: --aws/--profile/--region/--endpoint-url, --host나 --sandbox를 써요.") }
        if !source.isLive && !source.sandbox { throw ValidationError("읽을 곳이 없어요: --aws(또는 --profile/--region/--endpoint-url), --host local이나 --sandbox를 주세요.") }
    }

    /// What the system said, as `strerror` words, never an NSError dump.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        for candidate in [underlying, ns].compactMap({ $0 }) where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        return "쓰기가 끝나지 않았어요"
    }

    /// Makes `out` an empty directory this process can write in, or says why it cannot be.
    static func prepare(_ out: String) throws {
        var status = stat()
        if lstat(out, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR: break
            case S_IFLNK:
                guard FileManager.default.fileExists(atPath: out) else { throw UserError("\(out, .은는) 가리키는 곳이 없는 심볼릭 링크예요. 새 디렉터리를 정해 주세요.") }
            default: throw UserError("\(out, .은는) 디렉터리가 아니라 파일이에요. 새 디렉터리를 정해 주세요.")
            }
        }
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw UserError("\(out, .을를) 만들 수 없어요: \(Self.reason(error))")
        }
        let probe = "\(out)/.glow-onboard-write-test"
        guard FileManager.default.createFile(atPath: probe, contents: Data(repeating: 0, count: 4096)) else {
            throw UserError("\(out)에 쓸 수 없어요 (읽기 전용이거나 가득 찼어요). 다른 디렉터리를 정해 주세요.")
        }
        unlink(probe)
    }

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: out), !existing.isEmpty {
            throw UserError("\(out, .이가) 비어 있지 않아요. 새 디렉터리를 정해 주세요.")
        }
        // Where the snapshot goes is checked before anything is read (a file, a dangling link, a read-only
        // or full directory once failed after all the reads, with a raw NSError).
        try Self.prepare(out)
        let started = Date()
        let line = ProgressLine()
        defer { line.finish() }
        let capture: LiveCapture
        if source.sandbox {
            capture = try SandboxCommand.sandbox(context).reader.capture(progress: line.reporter)
        } else {
            guard let live = source.live(environment: context.environment) else { return CommandOutput() }
            capture = live.capture(progress: line.reporter)
            if let fatal = capture.fatal { throw fatal }
        }
        do { try capture.write(to: out, redact: redact) } catch {
            throw UserError("\(out)에 쓰지 못했어요: \(Self.reason(error))")
        }
        var output = CommandOutput()
        output.notes(capture.issues)
        let elapsed = String(format: "%.2f", Date().timeIntervalSince(started))
        let files = (try? fm.contentsOfDirectory(atPath: out).count) ?? 0
        output.append("\(out)에 파일 \(files)개를 썼어요 (AWS 읽기 \(capture.awsCalls)번\(redact ? ", 가림 처리" : ""), \(elapsed)초)")
        if capture.issues.contains(where: { $0.kind == .error }) { output.status = ExitStatus.failure }
        return output
    }
}
