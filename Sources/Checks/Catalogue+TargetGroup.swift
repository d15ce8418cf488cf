import Environment
extension Catalogue {
    static let targetGroup: [Check] = [
        Check(id: "target-group.port", hop: .targetGroup, severity: .error, doc: "the target group speaks HTTP to `port`, the port nginx listens on",
              parameters: [.init(name: "port", doc: "the port nginx listens on", defaultValue: "80")],
              needs: [.targetGroups],
              examples: [.passes(), .fails("broken/target-group-port-8080")]) { ctx in
            guard let tg = ctx.chain.targetGroup else { return [ctx.notChecked("대상 그룹을 찾지 못했어요.")] }
            let port = ctx.intParameter("port")
            if tg.proto == "HTTP" && tg.port == port { return [ctx.pass("\(tg.name, .은는) HTTP:\(port, .으로로) 보내요.", location: tg.arn)] }
            return [ctx.problem("\(tg.name, .이가) \(tg.proto):\(tg.port, .으로로) 보내는데, nginx는 \(port)에서 기다려요. 상태 검사가 실패해요 (Target.FailedHealthChecks / Target.Timeout).",
                                hint: "포트는 바꿀 수 없어요. HTTP:\(port) 대상 그룹을 새로 만들고 리스너가 그것으로 전달하게 해요.",
                                location: tg.arn, expected: "HTTP:\(port)", actual: "\(tg.proto):\(tg.port)")]
        },
        Check(id: "target-group.type-instance", hop: .targetGroup, severity: .error, doc: "the target type is instance",
              needs: [.targetGroups],
              examples: [.passes(), .fails("broken/target-group-type-ip")]) { ctx in
            guard let tg = ctx.chain.targetGroup else { return [ctx.notChecked("대상 그룹을 찾지 못했어요.")] }
            if tg.targetType == "instance" { return [ctx.pass("\(tg.name)의 대상 유형은 instance예요.", location: tg.arn)] }
            return [ctx.problem("\(tg.name)의 대상 유형이 \(tg.targetType, .이에요예요). 이 레슨은 인스턴스 ID로 등록해요.",
                                hint: "유형은 만들 때 정해져요. --target-type instance로 다시 만들어요.",
                                location: tg.arn, expected: "instance", actual: tg.targetType)]
        },
        Check(id: "target-group.health-check", hop: .targetGroup, severity: .error,
              doc: "health checks ask HTTP `path` and accept 200",
              parameters: [.init(name: "path", doc: "the health-check path", defaultValue: "/health")],
              needs: [.targetGroups],
              examples: [.passes(), .fails("broken/wrong-health-check-path")]) { ctx in
            guard let tg = ctx.chain.targetGroup else { return [ctx.notChecked("대상 그룹을 찾지 못했어요.")] }
            let path = ctx.parameter("path")
            if tg.healthCheckPath == path && tg.healthCheckProtocol == "HTTP" && TargetGroup.successCodes(tg.matcher ?? "200").contains(where: { $0.contains(200) }) {
                return [ctx.pass("\(tg.name, .은는) HTTP \(path, .을를) 검사하고 200을 성공으로 봐요.", location: tg.arn)]
            }
            return [ctx.problem("\(tg.name)의 상태 검사가 \(tg.healthCheckProtocol) \(tg.healthCheckPath ?? "?", .을를) 물어요 (성공 코드 \(tg.matcher ?? "?")). nginx는 \(path)에만 직접 답해서, 다른 경로는 앱으로 가서 404가 돼요 (Target.ResponseCodeMismatch).",
                                hint: "aws elbv2 modify-target-group --target-group-arn \(tg.arn) --health-check-path \(path) --matcher HttpCode=200",
                                location: tg.arn, expected: "HTTP \(path), 200", actual: "\(tg.healthCheckProtocol) \(tg.healthCheckPath ?? "?"), \(tg.matcher ?? "?")")]
        },
        Check(id: "target-group.targets-registered", hop: .targetGroup, severity: .error,
              doc: "every glowcorp web instance is registered in the target group (by id, or by private IP for ip groups)",
              needs: [.targetGroups, .targetHealth, .instances], after: ["chain.listener-target-group"],
              examples: [.passes(), .fails("broken/no-registered-targets")]) { ctx in
            guard let tg = ctx.chain.targetGroup else { return [ctx.notChecked("대상 그룹을 찾지 못했어요.")] }
            guard let targets = tg.targets else { return [ctx.notChecked("\(tg.name)의 대상 정보가 없어요 (elbv2-describe-target-health.\(tg.name).json).", location: tg.arn)] }
            let web = (ctx.snapshot.instances ?? []).filter { ($0.name ?? "").hasPrefix("glowcorp-web") && $0.state != "terminated" }
            let ids = Set(targets.map(\.id))
            if targets.isEmpty {
                return [ctx.problem("\(tg.name)에 등록된 대상이 없어요. ALB는 보낼 곳이 없어서 503을 돌려줘요.",
                                    hint: "aws elbv2 register-targets --target-group-arn \(tg.arn) --targets " + web.map { "Id=\($0.id)" }.joined(separator: " "),
                                    location: tg.arn, expected: web.map(\.label).joined(separator: ", ").nonEmpty ?? "인스턴스", actual: "없음")]
            }
            let missing = web.filter { !ids.contains($0.id) && !ids.contains($0.privateIp ?? "-") }
            if missing.isEmpty { return [ctx.pass("\(tg.name)에 대상 \(targets.count)개가 등록되어 있어요.", location: tg.arn)] }
            return [ctx.problem("\(missing.map(\.label).joined(separator: ", "), .이가) \(tg.name)에 등록되어 있지 않아요.",
                                hint: "aws elbv2 register-targets --target-group-arn \(tg.arn) --targets " + missing.map { "Id=\($0.id)" }.joined(separator: " "),
                                location: tg.arn, expected: web.map(\.id).joined(separator: ", "), actual: targets.map(\.id).joined(separator: ", "))]
        },
        Check(id: "target-group.health", hop: .targetGroup, severity: .error,
              doc: "the targets report healthy, each unhealthy one at the hop its reason points at, and some target in an AZ the ALB has enabled is healthy (real AWS; moto reports every registered running target healthy, so a fixture's state is not evidence)",
              needs: [.targetGroups, .targetHealth], after: ["target-group.targets-registered", "ec2.instances-running", "target-group.port", "target-group.health-check", "network.acl"],
              examples: [.passes(), .fails("broken/stopped-instance"),
                         .fails("glowcorp", edit: { s in Self.setHealth(&s, state: "unhealthy", reason: "Target.Timeout", description: "Request timed out") }),
                         .fails("glowcorp", edit: { s in Self.setHealth(&s, state: "unhealthy", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [404]") }),
                         .fails("glowcorp", edit: { s in Self.setHealth(&s, state: "unused", reason: "Target.NotInUse", description: "Target is in an Availability Zone that is not enabled for the load balancer") })]) { ctx in
            guard let tg = ctx.chain.targetGroup, let targets = tg.targets else { return [ctx.notChecked("대상 상태 정보가 없어요.")] }
            guard !targets.isEmpty else { return [ctx.notChecked("등록된 대상이 없어요.")] }
            var out: [Finding] = targets.map { t in
                let state = t.state ?? "unknown"
                let name = ctx.snapshot.instance(t.id)?.label ?? t.id
                if state == "healthy" { return ctx.pass("\(name, .은는) 정상(healthy)이에요.", location: t.id) }
                let cause = Self.healthReason(t.reason)
                var finding = ctx.problem("\(name, .이가) \(Self.consoleState(state))(\(state)) 상태예요\(t.reason.map { " (\($0))" } ?? "")\(t.description.map { ": \($0)" } ?? ""). \(cause.text)",
                                          hint: cause.hint, location: t.id, expected: "healthy", actual: [state, t.reason].compactMap { $0 }.joined(separator: " / "))
                // The finding sits at the hop the reason points at: a timeout is the network's, a wrong
                // code the health check's, an AZ not enabled the ALB's.
                finding.hop = cause.hop
                return finding
            }
            // The ALB sends only to healthy targets in the AZs it has enabled; none there is a 503 for everyone.
            if let lb = ctx.chain.loadBalancer {
                let enabled = Set(lb.zones.map(\.zone))
                let serving = targets.filter { t in
                    t.state == "healthy" && (ctx.snapshot.instance(t.id).map { enabled.contains($0.availabilityZone) } ?? true)
                }
                if serving.isEmpty {
                    out.append(ctx.problem("\(tg.name)에는 \(lb.name, .이가) 켠 가용 영역(\(enabled.sorted().joined(separator: ", ")))에 정상 대상이 하나도 없어요. ALB가 모든 요청에 503을 돌려줘요.",
                                           hint: "위의 대상마다 이유를 보고 고쳐요. 대상이 다른 가용 영역에만 있으면 ALB에 그 가용 영역의 서브넷을 더해요.",
                                           location: tg.arn, expected: "정상 대상 1개 이상", actual: "0"))
                }
            }
            return out
        },
        Check(id: "target-group.deregistration-delay", hop: .targetGroup, severity: .warning,
              doc: "the deregistration delay is no longer than AWS's default of 300 s (an in-flight request here ends within the ALB's idle timeout; a longer delay only slows every deploy)",
              needs: [.targetGroups],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  for arn in s.targetGroups?.map(\.arn) ?? [] { s.targetGroupAttributes[arn, default: [:]]["deregistration_delay.timeout_seconds"] = "1800" }
              })]) { ctx in
            guard let tg = ctx.chain.targetGroup else { return [ctx.notChecked("대상 그룹이 없어요.")] }
            guard let text = ctx.snapshot.targetGroupAttributes[tg.arn]?["deregistration_delay.timeout_seconds"] else {
                return [ctx.notChecked("\(tg.name)의 속성을 읽지 못했어요.")]
            }
            // AWS allows 0–3600; anything else from a capture is not a delay at all.
            guard let delay = Int(text), (0...3600).contains(delay) else { return [ctx.notChecked("등록 취소 지연이 0–3600초가 아니에요: '\(text)'")] }
            let idle = ctx.chain.loadBalancer.map(ctx.snapshot.idleTimeout) ?? 60
            if delay <= 300 {
                return [ctx.pass("\(tg.name)의 등록 취소 지연은 \(delay)초예요 (ALB 유휴 제한 시간 \(idle)초).", location: tg.arn)]
            }
            return [ctx.problem("\(tg.name)의 등록 취소 지연이 \(delay)초예요. 요청은 ALB 유휴 제한 시간(\(idle)초) 안에 끝나는데, 배포하거나 인스턴스를 뺄 때마다 \(delay)초를 기다려요.",
                                hint: "aws elbv2 modify-target-group-attributes --target-group-arn … --attributes Key=deregistration_delay.timeout_seconds,Value=\(max(idle * 2, 30))",
                                location: tg.arn, expected: "≤ 300s", actual: "\(delay)s")]
        },
    ]

    /// A target's health state as the Korean console names it.
    static func consoleState(_ state: String) -> String {
        ["healthy": "정상", "unhealthy": "비정상", "unused": "사용되지 않음", "draining": "드레이닝 중", "initial": "초기",
         "unavailable": "사용할 수 없음", "unhealthy.draining": "비정상 드레이닝 중"][state] ?? state
    }

    /// Gives every target of every group one health state (for examples a bundled fixture cannot show:
    /// moto reports every registered running target healthy).
    static func setHealth(_ s: inout Snapshot, state: String, reason: String, description: String) {
        for g in (s.targetGroups ?? []).indices {
            s.targetGroups![g].targets = s.targetGroups![g].targets?.map {
                TargetGroup.Target(id: $0.id, port: $0.port, state: state, reason: reason, description: description)
            }
        }
    }

    /// A target-health reason: what it means, the hop where the fault is, and where to look (AWS's
    /// "Troubleshoot your Application Load Balancers", target health reason codes).
    static func healthReason(_ reason: String?) -> (text: String, hop: Hop, hint: String) {
        switch reason {
        case "Target.Timeout":
            return ("상태 검사가 시간 안에 답을 받지 못했어요.", .network,
                    "대상의 보안 그룹이 ALB의 보안 그룹에서 오는 상태 검사 포트를 받는지(chain.sg-alb-to-instance), 서브넷의 네트워크 ACL이 그 포트와 응답의 임시 포트(1024–65535)를 막지 않는지, 그 포트에서 nginx가 기다리는지(nginx.listen) 봐요.")
        case "Target.ResponseCodeMismatch":
            return ("상태 검사가 성공 코드가 아닌 응답을 받았어요.", .targetGroup,
                    "상태 검사 경로에 default server가 200으로 답하는지(chain.health-check-path), 성공 코드(matcher)가 맞는지 봐요.")
        case "Target.FailedHealthChecks":
            return ("연결이 거부되었거나 응답이 잘못되었어요.", .nginx,
                    "인스턴스에서 nginx가 상태 검사 포트에서 기다리는지(sudo ss -ltnp), 설정이 유효한지(nginx -t) 봐요.")
        case "Target.NotRegistered":
            return ("대상이 등록되어 있지 않아요.", .targetGroup, "aws elbv2 register-targets로 인스턴스를 등록해요.")
        case "Target.NotInUse":
            return ("어떤 리스너도 이 대상 그룹을 쓰지 않거나, 대상의 가용 영역이 ALB에 켜져 있지 않아요.", .alb,
                    "리스너가 이 대상 그룹으로 전달하는지(chain.listener-target-group), 인스턴스의 가용 영역이 ALB에 켜져 있는지(chain.target-az-enabled) 봐요.")
        case "Target.DeregistrationInProgress":
            return ("대상의 등록을 취소하는 중이에요.", .targetGroup, "등록 취소 지연이 끝나면 빠져요. 다시 받으려면 register-targets로 등록해요.")
        case "Target.InvalidState":
            return ("인스턴스가 멈춰 있어요.", .ec2, "aws ec2 start-instances로 켜요 (ec2.instances-running).")
        case "Elb.InternalError":
            return ("ELB 내부 오류로 상태 검사를 하지 못했어요.", .alb, "잠시 뒤에 다시 봐요. 계속되면 AWS Support에 문의해요.")
        case "Elb.InitialHealthChecking":
            return ("첫 상태 검사 중이에요. 잠시 기다려요.", .targetGroup, "상태 검사 간격 × 정상 임계값만큼 기다린 뒤 다시 봐요.")
        default:
            return ("", .targetGroup, "aws elbv2 describe-target-health로 대상마다 이유를 봐요.")
        }
    }
}
