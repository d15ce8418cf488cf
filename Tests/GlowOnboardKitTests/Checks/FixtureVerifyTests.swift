import JSON
import Checks
import Environment
import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

/// The bundled environments: glowcorp's intended setup passes every check, and each broken variant fails
/// with its own defect named first, as the one root cause.
@Suite struct FixtureVerifyTests {
    static let all = Verifier.everyCheck

    static let variants: [(String, String)] = [
        ("subnet-no-public-ip", "network.public-ip"),
        ("igw-detached", "network.igw-attached"),
        ("no-default-route", "network.default-route"),
        ("subnet-on-main-route-table", "network.subnet-routes"),
        ("internal-alb", "alb.internet-facing"),
        ("alb-in-one-az", "alb.two-azs"),
        ("alb-sg-without-80", "alb.sg-listener-open"),
        ("instance-sg-open-to-world", "ec2.sg-not-world-open"),
        ("target-group-type-ip", "target-group.type-instance"),
        ("target-group-port-8080", "target-group.port"),
        ("no-registered-targets", "target-group.targets-registered"),
        ("wrong-health-check-path", "target-group.health-check"),
        ("stopped-instance", "ec2.instances-running"),
        ("listener-missing", "alb.listener"),
        ("listener-to-wrong-target-group", "chain.listener-target-group"),
        ("cname-at-apex", "dns.no-apex-cname"),
        ("no-record-for-api", "dns.record"),
        ("record-to-old-alb", "chain.alias-target"),
        ("nginx-on-8080", "nginx.listen"),
        ("proxy-pass-port-mismatch", "chain.proxy-pass-published-port"),
        ("container-exited", "docker.running"),
        ("port-not-published", "docker.published-port"),
        ("keepalive-below-idle-timeout", "chain.keepalive-idle-timeout"),
        ("scheme-redirect-loop", "nginx.no-scheme-redirect"),
        ("no-health-location", "nginx.health-location"),
        ("alb-sg-without-443", "alb.sg-listener-open"),
        ("certificate-expiring", "alb.https-cert"),
        ("certificate-missing-name", "alb.https-cert"),
        ("http-not-redirected", "alb.http-redirect"),
        ("nacl-blocks-replies", "network.acl"),
        ("registrar-other-name-servers", "dns.delegation"),
        // moto gives every zone the same name servers, so which zone the registrar uses cannot be told here.
        ("duplicate-hosted-zone", "dns.zone-unique"),
    ]

    /// Root causes a variant shows beside its own (a warning that explains the same defect).
    static let alsoRootCauses: [String: Set<String>] = [:]

    @Test func intendedSetupPassesEverything() {
        let snapshot = FixtureCache.snapshot("glowcorp")
        #expect(snapshot.issues.isEmpty, "\(snapshot.issues)")
        let findings = Verifier.run(Self.all, on: snapshot)
        let problems = findings.filter { $0.status != .pass }
        #expect(problems.isEmpty, "\(problems.map { "\($0.check): \($0.message)" })")
    }

    @Test(arguments: variants)
    func brokenVariantNamesItsRootCauseFirst(_ variant: String, _ expected: String) {
        let findings = Verifier.run(Self.all, on: FixtureCache.snapshot("broken/\(variant)"))
        let problems = findings.filter { $0.status == .fail || $0.status == .warn }
        #expect(problems.first?.check == expected, "\(variant): \(problems.map { "\($0.check)\($0.rootCause ? "" : " (downstream)")" })")
        #expect(problems.first?.rootCause == true)
        #expect(Set(problems.filter(\.rootCause).map(\.check)) == Set([expected]).union(Self.alsoRootCauses[variant] ?? []),
                "\(variant): other root causes \(problems.filter(\.rootCause).map(\.check))")
        for p in problems where !p.rootCause { #expect(!p.causedBy.isEmpty) }
    }

    /// A finding that follows from a root cause points to the root cause's fix, never to one of its own
    /// (in the target-group-on-8080 case, opening tcp 8080 to the instances would be the wrong fix), and
    /// expected/actual read the same way round: what should hold, then what does.
    @Test func followOnFindingsPointToTheRootCausesFix() {
        for (variant, _) in Self.variants {
            let findings = Verifier.run(Self.all, on: FixtureCache.snapshot("broken/\(variant)"))
            for f in findings where !f.causedBy.isEmpty {
                #expect(f.hint?.hasPrefix("먼저 ") == true && f.causedBy.contains { f.hint?.contains($0) == true }, "\(variant): \(f.check): \(f.hint ?? "-")")
            }
        }
        let port = Verifier.run(Self.all, on: FixtureCache.snapshot("broken/target-group-port-8080"))
        #expect(!port.contains { $0.hint?.contains("인바운드 tcp 8080") == true }, "\(port.compactMap(\.hint))")
        let listen = port.first { $0.check == "chain.tg-port-nginx-listen" && $0.status == .fail }
        #expect(listen?.expected == "대상 그룹의 포트 = nginx가 기다리는 포트" && listen?.actual == "대상 그룹 :8080, nginx :80", "\(String(describing: listen))")
        let root = port.first { $0.check == "target-group.port" }
        #expect(root?.expected == "HTTP:80" && root?.actual == "HTTP:8080")
        let wrong = Verifier.run(Self.all, on: FixtureCache.snapshot("broken/listener-to-wrong-target-group"))
        #expect(!wrong.contains { $0.hint?.hasPrefix("aws elbv2 register-targets") == true }, "\(wrong.compactMap(\.hint))")
    }

    @Test func everyVariantIsCovered() throws {
        let dirs = try FileManager.default.contentsOfDirectory(atPath: "\(Paths.repository)/Fixtures/broken").sorted()
        #expect(dirs == Self.variants.map(\.0).sorted())
    }

    @Test func shippedLessonsOnlyNameKnownChecks() throws {
        let lessons = try LessonLinter.lint(path: Paths.lessons).lessons
        for lesson in lessons {
            for (step, spec) in lesson.verifications {
                for ref in spec.checks where ref.query == nil {
                    #expect(Catalogue.check(ref.id) != nil, "\(lesson.id)/\(step.id) names unknown check \(ref.id)")
                }
            }
        }
    }
}

/// Target health as a real account reports it (moto reports every running target healthy, so these are
/// edits of the reference): each reason code at the hop it points at, with AWS's description, and a group
/// with no healthy target in an enabled AZ said to be a 503 for everyone (issue 14 §3).
@Suite struct TargetHealthTests {
    func findings(_ state: String, _ reason: String, _ description: String, zones: [String]? = nil) -> [Finding] {
        var s = FixtureCache.snapshot("glowcorp")
        for g in (s.targetGroups ?? []).indices {
            s.targetGroups![g].targets = s.targetGroups![g].targets?.map {
                TargetGroup.Target(id: $0.id, port: $0.port, state: state, reason: reason, description: description)
            }
        }
        return Verifier.run([Verifier.Request(check: "target-group.health")], on: s).filter { $0.check == "target-group.health" }
    }

    @Test(arguments: [
        ("Target.Timeout", Hop.network, "chain.sg-alb-to-instance"),
        ("Target.ResponseCodeMismatch", Hop.targetGroup, "chain.health-check-path"),
        ("Target.FailedHealthChecks", Hop.nginx, "nginx -t"),
        ("Target.NotInUse", Hop.alb, "chain.target-az-enabled"),
        ("Target.InvalidState", Hop.ec2, "start-instances"),
        ("Elb.InternalError", Hop.alb, "AWS Support"),
        ("Target.DeregistrationInProgress", Hop.targetGroup, "register-targets"),
    ])
    func eachReasonSitsAtItsHop(reason: String, hop: Hop, pointer: String) {
        let found = findings("unhealthy", reason, "AWS says why")
        let perTarget = found.filter { $0.location?.hasPrefix("i-") == true }
        #expect(perTarget.count == 2)
        for f in perTarget {
            #expect(f.status == .fail && f.hop == hop, "\(reason): \(f.hop) \(f.status)")
            #expect(f.message.contains(reason) && f.message.contains("AWS says why"), "\(f.message)")
            #expect(f.hint?.contains(pointer) == true, "\(f.hint ?? "")")
        }
        #expect(found.contains { $0.message.contains("정상 대상이 하나도 없어요") && $0.message.contains("503") })
    }

    @Test func oneHealthyTargetInAnEnabledZoneIsEnough() {
        var s = FixtureCache.snapshot("glowcorp")
        s.targetGroups![0].targets![0].state = "unhealthy"
        s.targetGroups![0].targets![0].reason = "Target.Timeout"
        let found = Verifier.run([Verifier.Request(check: "target-group.health")], on: s).filter { $0.check == "target-group.health" }
        #expect(found.filter { $0.status == .fail }.count == 1)
        #expect(!found.contains { $0.message.contains("하나도 없어요") })
    }
}
