import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit
import JSON

struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Option(help: ArgumentHelp("Seconds each request may take.", valueName: "SECONDS"))
    var timeout: Double = 10

    @Option(help: ArgumentHelp("Redirects to follow before giving up.", valueName: "N"))
    var maxRedirects: Int = 10

    @Flag(help: "Contact only hosts given by --resolve/--connect-to; anything else is reported, not sent.")
    var mappedOnly = false

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
        return r
    }

    func validate() throws {
        if let problem = request.problems().first { throw ValidationError(problem) }
        if timeout <= 0 { throw ValidationError("--timeout \(timeout): expected a number of seconds above 0") }
        if maxRedirects < 0 { throw ValidationError("--max-redirects \(maxRedirects): expected 0 or more") }
        if let cacert, !FileManager.default.isReadableFile(atPath: cacert) { throw ValidationError("--cacert \(cacert): no such readable file") }
    }

    func run() throws {
        var ok = true
        try reporting {
            let snapshot = try source.load(progress: !json)
            let report = TraceReport(Tracer.run(request), snapshot: snapshot)
            ok = report.ok
            if json {
                print(JSONWriter.string(report.json))
                return
            }
            var terminal = Terminal.forStandardOutput(environment: Environment.variables)
            if ascii || Environment.variables["TERM"] == "dumb" { terminal.unicode = false }
            print("trace: \(url) · 스냅샷: \(snapshot.source)")
            for line in TraceRenderer(terminal: terminal).render(report) { print(line) }
        }
        if !ok { throw ExitCode(1) }
    }
}
