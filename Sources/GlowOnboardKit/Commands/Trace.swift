import ArgumentParser
import Checks
import Environment
import Foundation
import JSON
import Sandbox

public struct Trace: KitCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Follow one real HTTP(S) request hop by hop, with timings, beside what the snapshot predicts.",
        discussion: """
            Each request is reported by stage: DNS, TCP connect, TLS (https), the response (status, Server), and \
            each redirect as a new request; a redirect that comes back to a URL already visited is a loop. Next to \
            every stage stands what the snapshot (--fixture, or a live source) says should happen there. A \
            failure says at which stage it broke, what that usually means, and which checks explain it. \
            --resolve and --connect-to work as in curl (e.g. to reach one instance, or a test setup on loopback). \
            Exit status: 0 when the request ends well, 1 when it fails, 2 for bad input, 64 for bad usage.
            """)

    @Argument(help: ArgumentHelp("The URL, e.g. https://app.glowcorp.io/", valueName: "URL"))
    var url: String

    @Option(help: ArgumentHelp("Resolve HOST:PORT to ADDR (as curl's --resolve; repeatable).", valueName: "HOST:PORT:ADDR"))
    var resolve: [String] = []

    @Option(help: ArgumentHelp("Connect to ADDR:PORT2 for HOST:PORT (as curl's --connect-to; repeatable).", valueName: "HOST:PORT:ADDR:PORT2"))
    var connectTo: [String] = []

    @Option(name: [.customShort("H"), .long], help: ArgumentHelp("A request header, e.g. 'Host: app.glowcorp.io' (repeatable).", valueName: "NAME: VALUE"))
    var header: [String] = []

    @Option(help: ArgumentHelp("Trust the CA certificates in FILE instead of the system's.", valueName: "FILE"), completion: .file())
    var cacert: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds each request may take (0.001–600).", valueName: "SECONDS"))
    var timeout: Double = 10

    @Option(help: ArgumentHelp("Redirects to follow before giving up.", valueName: "N"))
    var maxRedirects: Int = 10

    @Flag(help: "Contact only hosts given by --resolve/--connect-to; anything else is reported, not sent.")
    var mappedOnly = false

    @Flag(help: "Follow a redirect to a link-local or metadata address (169.254.0.0/16, fe80::/10); refused otherwise.")
    var allowLinkLocal = false

    @Flag(help: "Print the trace as JSON.")
    var json = false

    @Flag(help: "Draw with ASCII only (also the default under TERM=dumb).")
    var ascii = false

    @OptionGroup(title: "Snapshot the trace is compared with") var source: SourceOptions

    var request: TraceRequest {
        var r = TraceRequest(url: url)
        r.resolve = resolve
        r.connectTo = connectTo
        r.headers = header.map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts.first ?? "").trimmingCharacters(in: .whitespaces),
                    parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        r.caBundle = cacert
        r.timeout = timeout
        r.maxRedirects = maxRedirects
        r.mappedOnly = mappedOnly
        r.allowLinkLocal = allowLinkLocal
        return r
    }

    public init() {}

    static let timeoutRange = 0.001...600.0

    public func validate() throws {
        if let problem = request.problems().first { throw ValidationError(problem) }
        // nan, inf, 1e19 and 0.0001 (0 ms, which is "no timeout" to curl) are refused, not passed on.
        guard timeout.isFinite, Self.timeoutRange.contains(timeout) else {
            throw ValidationError("--timeout \(timeout): \(Self.timeoutRange.lowerBound)초부터 \(Int(Self.timeoutRange.upperBound))초 사이로 적어 주세요.")
        }
        guard (0...50).contains(maxRedirects) else { throw ValidationError("--max-redirects \(maxRedirects): 0부터 50 사이로 적어 주세요.") }
        if let cacert, !FileManager.default.isReadableFile(atPath: cacert) { throw ValidationError("--cacert \(cacert): 읽을 수 있는 파일이 없어요.") }
    }

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        let snapshot = try context.snapshot(source, caseStudy: source.isEmpty ? context.caseStudyHere : nil)
        var request = self.request
        var note: String?
        if source.sandbox { note = try sandboxRoute(&request, context) }
        let report = TraceReport(Tracer.run(request), snapshot: snapshot)
        var out = CommandOutput(status: report.ok ? ExitStatus.success : ExitStatus.failure)
        if json {
            out.append(JSONWriter.string(report.json))
            return out
        }
        out.append(TextStyle.dim.apply("trace: \(url) · 스냅샷: \(snapshot.source)", colour: context.terminal.colour))
        if let note { out.append(TextStyle.dim.apply(note, colour: context.terminal.colour)) }
        out.append(contentsOf: TraceRenderer(terminal: context.terminal.ascii(ascii)).render(report))
        return out
    }
}

extension Trace {
    /// The sandbox has no ALB: the request goes straight to the practice host's nginx on loopback, with the
    /// URL's host as Host (what `curl -H 'Host: app.glowcorp.io' 127.0.0.1` on the instance does).
    func sandboxRoute(_ request: inout TraceRequest, _ context: any CommandContext) throws -> String {
        guard let target = TraceURL(url), target.scheme == "http" else {
            throw UserError("연습 환경에는 ALB(TLS를 끝내는 곳)가 없어요. http://로 적으면 nginx에 바로 보내요.")
        }
        let host = SandboxCommand.sandbox(context).practiceHost
        guard host.nginxRunning else { throw UserError("연습 호스트의 nginx가 돌고 있지 않아요: sandbox start (nginx가 없으면 sudo apt-get install nginx)") }
        // A port nginx does not listen on goes to one nothing listens on: refused, as on the instance.
        let port = host.status.listenPorts[target.port] ?? PracticeHost.closedPort()
        request.connectTo = ["\(target.host):\(target.port):127.0.0.1:\(port)"]
        request.mappedOnly = true
        return "연습 환경: ALB 없이 연습 호스트의 nginx(:\(target.port) → 127.0.0.1:\(port))로 바로 보내요."
    }
}

