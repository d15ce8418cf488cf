import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

@Suite struct FlowMapTests {
    func maps(_ fixture: String) -> [FlowMap] {
        let s = FixtureCache.snapshot(fixture)
        return FlowMap.build(snapshot: s)
    }

    @Test func theIntendedSetupIsGreenHopByHop() {
        let all = maps("glowcorp")
        #expect(all.map(\.record) == ["app.glowcorp.io", "api.glowcorp.io"])
        for map in all {
            #expect(map.hops.map(\.title) == ["Route53", "ALB", "대상 그룹", "EC2", "nginx", "도커 앱"])
            #expect(map.hops.allSatisfy { $0.status == .pass }, "\(map.hops.map { "\($0.title): \($0.status)" })")
        }
        #expect(all[0].hops[4].lines == ["server app.glowcorp.io (conf.d/app.glowcorp.io.conf:2)", "location / → proxy_pass http://127.0.0.1:3000"])
        #expect(all[1].hops[5].lines.first == "glow-api · glowcorp/api:2.7.3")
    }

    @Test func theBrokenHopCarriesItsFinding() {
        let map = maps("broken/target-group-port-8080")[0]
        let tg = map.hops[2]
        #expect(tg.status == .fail && tg.problem?.check == "target-group.port" && tg.problem?.rootCause == true)
        #expect(map.hops[0].status == .pass && map.hops[1].status == .pass)
        let exited = maps("broken/container-exited")[0].hops[5]
        #expect(exited.status == .fail && exited.problem?.check == "docker.running")
    }

    /// The ALB box names what the HTTPS listener's certificate covers, and the network ACL that drops the path.
    @Test func theALBBoxShowsTheCertificateAndABlockingACL() {
        let good = maps("glowcorp")[0].hops[1]
        #expect(good.lines.contains("인증서 glowcorp.io, *.glowcorp.io · ISSUED"), "\(good.lines)")
        #expect(!good.lines.contains { $0.hasPrefix("네트워크 ACL") })
        let blocked = maps("broken/nacl-blocks-replies")[0].hops[1]
        #expect(blocked.status == .fail && blocked.problem?.check == "network.acl" && blocked.problem?.rootCause == true)
        let line = blocked.lines.first { $0.hasPrefix("네트워크 ACL acl-") }
        #expect(line?.contains("규칙 * 거부 (포트 1024-65535)") == true, "\(blocked.lines)")
        let missing = maps("broken/certificate-missing-name")[0].hops[1]
        #expect(missing.lines.contains("인증서 app.glowcorp.io · ISSUED") && missing.status == .fail, "\(missing.lines)")
    }

    @Test func boxesFitEightyColumnsAndAlignKorean() {
        let lines = FlowMapRenderer(terminal: .plain).render(maps("broken/target-group-port-8080")[0])
        let boxed = lines.filter { $0.hasPrefix("┌") || $0.hasPrefix("│") || $0.hasPrefix("└") }
        #expect(!boxed.isEmpty)
        #expect(Set(boxed.map(\.displayWidth)) == [78])
        let ascii = FlowMapRenderer(terminal: Terminal(colour: false, width: 80, unicode: false)).render(maps("glowcorp")[0])
        #expect(ascii.allSatisfy { !$0.contains("┌") && !$0.contains("│") && !$0.contains("→") })
        #expect(Set(ascii.filter { $0.hasPrefix("+") || $0.hasPrefix("|") }.map(\.displayWidth)) == [78])
    }
}
