import Environment
import Foundation
import JMESPath
import JSON
import Spawn
import TestPaths
import Testing

/// `trace` against glowcorp's chain rebuilt on loopback: Debian's nginx with the course's configuration
/// (scripts/loopback-nginx.py), in front of an app that echoes the headers it got
/// (scripts/loopback-echo-app.py), behind an ALB stand-in (the same nginx: :80 redirects to HTTPS, :443
/// terminates TLS with a test CA's certificate and forwards with X-Forwarded-*). Every request names its
/// loopback address with --connect-to and runs with --mapped-only, so nothing is sent anywhere else.
@Suite(.serialized) struct TraceTests {
    struct LoopbackChain {
        let h = Harness()
        let nginxPort: Int, albHTTP: Int, albHTTPS: Int
        let nginx: LoopbackService
        var nginxDirectory: String { nginx.directory }
        var app: LoopbackServer?

        /// The apps bind their own ports; nginx, told them, binds its own (scripts/loopback_common.py).
        /// With `appRunning` false the apps stop once nginx knows their ports: nothing answers there.
        init(from fixture: String = "host", appRunning: Bool = true) throws {
            let app = try LoopbackServer(["python3", "\(Harness.repository)/scripts/loopback-echo-app.py", "{port-file}", "2"])
            nginx = try LoopbackService("nginx", "\(h.home)/nginx", ["--from", fixture, "--app-ports", app.ports.map(String.init).joined(separator: ","), "--alb"])
            let started = try JSONParser.parse(nginx.value)
            nginxPort = try #require(started["port"]?.int)
            albHTTP = try #require(started["alb"]?.elements.first?.int)
            albHTTPS = try #require(started["alb"]?.elements.last?.int)
            if appRunning { self.app = app } else { app.stop() }
        }

        func stop() {
            app?.stop()
            nginx.stop()
            h.cleanUp()
        }

        /// app/api.glowcorp.io on :80 and :443 lead to the ALB stand-in, only there.
        var mapped: [String] {
            ["app.glowcorp.io", "api.glowcorp.io"].flatMap { host in
                ["--connect-to", "\(host):80:127.0.0.1:\(albHTTP)", "--connect-to", "\(host):443:127.0.0.1:\(albHTTPS)"]
            } + ["--mapped-only", "--cacert", "\(nginxDirectory)/tls/ca.pem"]
        }

        func trace(_ arguments: [String]) throws -> (out: Harness.Output, json: JSONValue) {
            let out = try h.run(["trace"] + arguments + ["--json"])
            // What trace says of each hop puts its particles right (`HTTPS:443으로`, `app.glowcorp.io를`).
            let particles = Korean.particleProblems(in: out.stdout + out.stderr)
            #expect(particles.isEmpty, "\(particles)")
            return (out, try JSONParser.parse(out.stdout))
        }
    }

    static var nginxAvailable: Bool {
        Requirement.met(Spawn.locate("nginx", path: "/usr/sbin:/usr/bin:/sbin:/bin") != nil && Spawn.locate("openssl") != nil, "nginx or openssl")
    }

    static func stages(_ hop: JSONValue) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: hop["stages"]!.elements.map { ($0["name"]!.string!, $0) })
    }

    /// http → the ALB's redirect → https → nginx → the app: every stage passes, the app saw the
    /// X-Forwarded-* the ALB stand-in set, and each hop matches the snapshot's prediction.
    @Test func followsTheRedirectToTheAppAndShowsWhatItReceived() throws {
        guard Self.nginxAvailable else { return }
        let l = try LoopbackChain()
        defer { l.stop() }
        let (out, json) = try l.trace(["http://app.glowcorp.io/"] + l.mapped)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(json["ok"] == .bool(true))
        let hops = json["hops"]!.elements
        try #require(hops.count == 2, "\(out.stdout)")
        #expect(hops[0]["status"] == .number(301))
        #expect(hops[0]["location"]?.string == "https://app.glowcorp.io/")
        #expect(hops[1]["status"] == .number(200))
        for hop in hops {
            for (_, stage) in Self.stages(hop) { #expect(stage["ok"] == .bool(true), "\(JSONWriter.string(stage))") }
            #expect(Self.stages(hop)["DNS"]?["actual"]?.string == "app.glowcorp.io → 127.0.0.1")
        }
        #expect(Self.stages(hops[1])["TLS"]?["expected"]?.string?.contains("ISSUED") == true)
        #expect(Self.stages(hops[0])["DNS"]?["expected"]?.string?.hasSuffix("glowcorp-alb-1.ap-northeast-2.elb.amazonaws.com (glowcorp-alb, internet-facing)") == true)
        #expect(Self.stages(hops[0])["HTTP"]?["expected"]?.string?.contains("HTTPS:443으로 리다이렉트") == true)
        let body = hops[1]["body"]!.elements.compactMap(\.string)
        #expect(body.contains("X-Forwarded-Proto: https"), "\(body)")
        #expect(body.contains { $0.hasPrefix("X-Forwarded-For: 127.0.0.1") }, "\(body)")
        #expect(body.contains("Host: app.glowcorp.io"))

        // The same as the learner reads it.
        let text = try l.h.run(["trace", "http://app.glowcorp.io/"] + l.mapped)
        #expect(text.stdout.contains("#2 https://app.glowcorp.io/"), "\(text.stdout)")
        #expect(Korean.particleProblems(in: text.stdout).isEmpty, "\(Korean.particleProblems(in: text.stdout))")
        #expect(text.stdout.contains("✔ 200 · 합계"))
        #expect(text.stdout.contains("│ X-Forwarded-Proto: https"))

        // And in the REPL, quoted options as a shell would take them.
        let quoted = l.mapped.map { $0.hasPrefix("-") ? $0 : "'\($0)'" }.joined(separator: " ")
        let repl = try l.h.run([], input: "trace http://app.glowcorp.io/ \(quoted) -H 'X-Request-Id: glow 1' -H 'Authorization: Bearer sekrit' -H 'Cookie: s=1'\nquit\n")
        #expect(repl.stdout.contains("#2 https://app.glowcorp.io/"), "\(repl.stdout)")
        #expect(repl.stdout.contains("│ X-Request-Id: glow 1"), "\(repl.stdout)")
        // Credentials stay with the origin they were given for: the redirect to https (another port and
        // scheme) does not carry them, as curl does not.
        #expect(!repl.stdout.contains("Bearer sekrit") && !repl.stdout.contains("s=1"), "\(repl.stdout)")
    }

    /// The app is down: nginx answers 502, and the trace says what that usually means and which checks explain it.
    @Test func appDownIsA502FromNginx() throws {
        guard Self.nginxAvailable else { return }
        let l = try LoopbackChain(appRunning: false)
        defer { l.stop() }
        let (out, json) = try l.trace(["https://api.glowcorp.io/"] + l.mapped)
        #expect(out.status == 1)
        #expect(json["hops"]?.elements.last?["status"] == .number(502))
        #expect(json["problem"]?["stage"]?.string == "HTTP")
        #expect(json["problem"]?["meaning"]?.string?.contains("nginx가 앱(proxy_pass)에 연결하지 못했어요") == true)
        let checks = json["problem"]?["checks"]?.elements.compactMap { $0["check"]?.string } ?? []
        #expect(checks.contains("docker.running") && checks.contains("chain.proxy-pass-published-port"), "\(checks)")
    }

    /// nginx redirects on $scheme behind the TLS-terminating ALB: the same URL comes back, and the loop is
    /// named with the check that explains it (failing in that variant's snapshot too).
    @Test func schemeRedirectLoopIsDetected() throws {
        guard Self.nginxAvailable else { return }
        let l = try LoopbackChain(from: "broken/scheme-redirect-loop")
        defer { l.stop() }
        let (out, json) = try l.trace(["https://app.glowcorp.io/", "--fixture", "\(Harness.repository)/Fixtures/broken/scheme-redirect-loop"] + l.mapped)
        #expect(out.status == 1, "\(out.stdout)")
        #expect(json["problem"]?["stage"]?.string == "리다이렉트")
        #expect(json["problem"]?["summary"]?.string == "리다이렉트가 돌고 있어요: https://app.glowcorp.io/ → https://app.glowcorp.io/")
        let checks = json["problem"]?["checks"]?.elements ?? []
        #expect(checks.first { $0["check"]?.string == "nginx.no-scheme-redirect" }?["status"]?.string == "fail")
        // api.glowcorp.io has no such redirect in that variant: it answers.
        let (api, _) = try l.trace(["https://api.glowcorp.io/"] + l.mapped)
        #expect(api.status == 0, "\(api.stdout)")
    }

    /// Nothing listens on the port (a listener or nginx on another port): refused at TCP, and the snapshot
    /// already said the ALB has no listener there.
    @Test func wrongPortIsRefused() throws {
        guard Self.nginxAvailable else { return }
        let l = try LoopbackChain()
        defer { l.stop() }
        let closed = Loopback.unusedPort()
        let (out, json) = try l.trace(["http://app.glowcorp.io:\(closed)/", "--connect-to", "app.glowcorp.io:\(closed):127.0.0.1:\(closed)", "--mapped-only"])
        #expect(out.status == 1)
        #expect(json["problem"]?["stage"]?.string == "TCP")
        #expect(json["problem"]?["summary"]?.string?.contains("connection refused") == true)
        let checks = json["problem"]?["checks"]?.elements.compactMap { $0["check"]?.string } ?? []
        #expect(checks.contains("alb.listener") && checks.contains("nginx.listen"))
        let tcp = Self.stages(json["hops"]!.elements[0])["TCP"]
        #expect(tcp?["ok"] == .bool(false))
        #expect(tcp?["expected"]?.string == "glowcorp-alb에는 :\(closed) 리스너가 없어요 (거부될 거예요)")
        // --ascii: the map's ASCII symbols and arrows, a space after each mark.
        let ascii = try l.h.run(["trace", "--ascii", "http://app.glowcorp.io:\(closed)/", "--connect-to", "app.glowcorp.io:\(closed):127.0.0.1:\(closed)", "--mapped-only"])
        #expect(ascii.stdout.contains("  XX TCP "), "\(ascii.stdout)")
        #expect(ascii.stdout.contains("  OK DNS ") && ascii.stdout.contains("app.glowcorp.io -> 127.0.0.1"))
        #expect(!ascii.stdout.contains("→") && !ascii.stdout.contains("✘") && !ascii.stdout.contains("✔"))
    }

    /// A certificate the client cannot trust (no --cacert for the test CA): TLS fails, pointing at alb.https-cert.
    /// Then nginx straight on the instance's port, skipping the ALB stand-in: a Host nginx has no server for
    /// gets the default server's 404.
    @Test func tlsFailureAndTheDefaultServer() throws {
        guard Self.nginxAvailable else { return }
        let l = try LoopbackChain()
        defer { l.stop() }
        let (tls, json) = try l.trace(["https://app.glowcorp.io/", "--connect-to", "app.glowcorp.io:443:127.0.0.1:\(l.albHTTPS)", "--mapped-only"])
        #expect(tls.status == 1)
        #expect(json["problem"]?["stage"]?.string == "TLS", "\(tls.stdout)")
        #expect(json["problem"]?["checks"]?.elements.first?["check"]?.string == "alb.https-cert")

        let (other, otherJSON) = try l.trace(["http://www.glowcorp.io/", "--connect-to", "www.glowcorp.io:80:127.0.0.1:\(l.nginxPort)", "--mapped-only"])
        #expect(other.status == 1)
        #expect(otherJSON["hops"]?.elements.first?["status"] == .number(404))
        #expect(otherJSON["problem"]?["checks"]?.elements.first?["check"]?.string == "chain.server-name-records")
        // A redirect out of the mapping is reported, not followed.
        let (unmapped, unmappedJSON) = try l.trace(["http://app.glowcorp.io/", "--connect-to", "app.glowcorp.io:80:127.0.0.1:\(l.albHTTP)", "--mapped-only"])
        #expect(unmapped.status == 1)
        #expect(unmappedJSON["hops"]?.elements.count == 2)
        #expect(unmappedJSON["problem"]?["summary"]?.string?.contains("--mapped-only") == true)
        #expect(unmappedJSON["hops"]?.elements.last?["status"] == .null)
    }

    /// Something accepts the connection and never answers: the trace's own --timeout ends it, after TCP.
    @Test func aSilentServerIsAResponseTimeout() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let silent = try LoopbackServer(["python3", "-c", """
            import socket, sys
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
            open(sys.argv[1], "w").write(str(s.getsockname()[1]))
            held = []
            while True:
                held.append(s.accept()[0])
            """, "{port-file}"])
        defer { silent.stop() }
        let port = silent.port
        let out = try h.run(["trace", "http://app.glowcorp.io:\(port)/", "--connect-to", "app.glowcorp.io:\(port):127.0.0.1:\(port)", "--mapped-only", "--timeout", "1", "--json"])
        let json = try JSONParser.parse(out.stdout)
        #expect(out.status == 1)
        #expect(json["problem"]?["summary"]?.string == "연결은 됐지만 응답이 시간 안에 오지 않았어요.", "\(out.stdout)")
        #expect(Self.stages(json["hops"]!.elements[0])["TCP"]?["ok"] == .bool(true))
    }

    @Test func badOptionsSayWhichAndWhy() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let resolve = try h.run(["trace", "http://app.glowcorp.io/", "--resolve", "app.glowcorp.io:80"])
        #expect(resolve.status == 64)  // bad usage, as for every command
        #expect(resolve.stderr.contains("--resolve app.glowcorp.io:80: HOST:PORT:ADDR로 적어 주세요"), "\(resolve.stderr)")
        let url = try h.run(["trace", "ftp://app.glowcorp.io/"])
        #expect(url.status == 64)
        #expect(url.stderr.contains("ftp://app.glowcorp.io/: 호스트가 있는 http:// 또는 https:// URL을 적어 주세요"))
        let mapped = try h.run(["trace", "http://app.glowcorp.io/", "--mapped-only"])
        #expect(mapped.stderr.contains("--mapped-only는 --resolve나 --connect-to와 함께 써요."))
    }
}

/// A redirect to the instance metadata address is not followed unless asked: it is how a request is
/// turned against the instance's own credentials.
@Suite struct TraceLinkLocalTests {
    static let redirector = """
        import sys
        from http.server import BaseHTTPRequestHandler, HTTPServer
        class H(BaseHTTPRequestHandler):
            def log_message(self, *a): pass
            def do_GET(self):
                self.send_response(302)
                self.send_header("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")
                self.send_header("Content-Length", "0")
                self.end_headers()
        s = HTTPServer(("127.0.0.1", 0), H)
        open(sys.argv[1], "w").write(str(s.server_address[1]))
        s.serve_forever()
        """

    @Test func aRedirectToTheMetadataAddressIsRefused() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let server = try LoopbackServer(["python3", "-c", Self.redirector, "{port-file}"])
        defer { server.stop() }
        // The metadata address is also mapped (to nothing that listens), so that even a wrong follow sends
        // nothing anywhere but loopback.
        let mapping = ["--connect-to", "app.glowcorp.io:80:127.0.0.1:\(server.port)", "--connect-to", "169.254.169.254:80:127.0.0.1:9", "--mapped-only"]
        let out = try h.run(["trace", "http://app.glowcorp.io/"] + mapping + ["--json"])
        let json = try JSONParser.parse(out.stdout)
        #expect(out.status == 1, "\(out.stdout)")
        #expect(json["problem"]?["summary"]?.string?.contains("링크 로컬(메타데이터) 주소예요") == true, "\(out.stdout)")
        #expect(json["hops"]?.elements.count == 1, "the redirect was not followed")
        // Asked, it is followed (to the mapped port, where nothing listens).
        let asked = try h.run(["trace", "http://app.glowcorp.io/"] + mapping + ["--allow-link-local", "--json"])
        #expect(try JSONParser.parse(asked.stdout)["hops"]?.elements.count == 2, "\(asked.stdout)")
    }
}
