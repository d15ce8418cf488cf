import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

/// What a failed trace is said to mean depends on who answered: the ALB (`Server: awselb/2.0` on the
/// responses it makes itself) or nginx. Loopback tests cannot make the ALB's own responses, so the table
/// is checked here; the loopback tests drive nginx's.
@Suite struct TraceDiagnosisTests {
    func diagnose(_ problem: TraceProblem) -> TraceDiagnosis? {
        TraceDiagnosis.of(TraceResult(request: TraceRequest(url: "https://app.glowcorp.io/"), hops: [], problem: problem))
    }

    @Test func theALBsOwnErrorsPointAtTheTargetGroup() throws {
        let unavailable = try #require(diagnose(.http(status: 503, server: "awselb/2.0")))
        #expect(unavailable.summary == "503 Service Unavailable (ALB).")
        #expect(unavailable.checks.contains("target-group.health") && unavailable.checks.contains("chain.listener-target-group"))
        let timeout = try #require(diagnose(.http(status: 504, server: "awselb/2.0")))
        #expect(timeout.checks.first == "chain.sg-alb-to-instance")
        let badGateway = try #require(diagnose(.http(status: 502, server: "awselb/2.0")))
        #expect(badGateway.checks.first == "chain.keepalive-idle-timeout")
    }

    /// Dropped packets (a connection or a response that times out) name the network ACLs beside the
    /// security groups; a TLS failure names the certificate check, which also judges expiry and names.
    @Test func timeoutsNameTheNetworkACLsAndTLSTheCertificate() throws {
        #expect(try #require(diagnose(.connectTimeout)).checks.contains("network.acl"))
        #expect(try #require(diagnose(.responseTimeout)).checks.contains("network.acl"))
        let gateway = try #require(diagnose(.http(status: 504, server: "awselb/2.0")))
        #expect(gateway.checks.contains("network.acl") && gateway.meaning.contains("네트워크 ACL"))
        let tls = try #require(diagnose(.tls("certificate name mismatch")))
        #expect(tls.checks.first == "alb.https-cert" && tls.meaning.contains("만료"))
    }

    @Test func nginxsErrorsPointAtTheApp() throws {
        #expect(diagnose(.http(status: 502, server: "nginx/1.24.0"))?.checks.first == "docker.running")
        #expect(diagnose(.http(status: 504, server: "nginx"))?.meaning.contains("proxy_read_timeout") == true)
        #expect(diagnose(.http(status: 404, server: "nginx"))?.checks == ["chain.server-name-records"])
    }

    @Test func everyNamedCheckExists() {
        let problems: [TraceProblem] = [.dns, .refused, .connectTimeout, .responseTimeout, .tls("x"), .redirectLoop(["a", "a"]), .tooManyRedirects(10),
                                        .http(status: 502, server: "awselb/2.0"), .http(status: 502, server: "nginx"), .http(status: 503, server: "awselb/2.0"),
                                        .http(status: 504, server: "awselb/2.0"), .http(status: 504, server: "nginx"), .http(status: 404, server: "nginx")]
        for problem in problems {
            for id in diagnose(problem)?.checks ?? [] { #expect(Catalogue.check(id) != nil, "\(problem) names \(id), which is no check") }
        }
    }

    @Test func aLoopIsSeenWhateverTheSpellingOfTheURL() throws {
        let a = try #require(TraceURL("HTTPS://App.Glowcorp.io:443/"))
        let b = try #require(TraceURL("https://app.glowcorp.io/"))
        #expect(a.normalized == b.normalized)
        #expect(try #require(TraceURL("http://app.glowcorp.io:8080/x?y=1")).normalized == "http://app.glowcorp.io:8080/x?y=1")
        #expect(b.resolving("/login") == "https://app.glowcorp.io/login")
        #expect(TraceURL("ftp://app.glowcorp.io/") == nil)
    }
}
