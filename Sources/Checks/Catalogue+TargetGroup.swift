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
              doc: "the targets report healthy (real AWS; moto reports every registered running target healthy, so a fixture's state is not evidence)",
              needs: [.targetGroups, .targetHealth], after: ["target-group.targets-registered", "ec2.instances-running", "target-group.port", "target-group.health-check"],
              examples: [.passes(), .fails("broken/stopped-instance")]) { ctx in
            guard let tg = ctx.chain.targetGroup, let targets = tg.targets else { return [ctx.notChecked("대상 상태 정보가 없어요.")] }
            guard !targets.isEmpty else { return [ctx.notChecked("등록된 대상이 없어요.")] }
            return targets.map { t in
                let state = t.state ?? "unknown"
                if state == "healthy" { return ctx.pass("\(t.id, .은는) 정상(healthy)이에요.", location: t.id) }
                return ctx.problem("\(t.id, .이가) \(Self.consoleState(state))(\(state)) 상태예요\(t.reason.map { " (\($0))" } ?? ""). \(Self.reasonText(t.reason))",
                                   location: t.id, expected: "healthy", actual: [state, t.reason].compactMap { $0 }.joined(separator: " / "))
            }
        },
    ]

    /// A target's health state as the Korean console names it.
    static func consoleState(_ state: String) -> String {
        ["healthy": "정상", "unhealthy": "비정상", "unused": "사용되지 않음", "draining": "드레이닝 중", "initial": "초기",
         "unavailable": "사용할 수 없음", "unhealthy.draining": "비정상 드레이닝 중"][state] ?? state
    }

    /// What a target-health reason code usually means.
    static func reasonText(_ reason: String?) -> String {
        switch reason {
        case "Target.Timeout": return "보안 그룹이나 NACL이 막았거나, 그 포트에서 아무것도 기다리지 않아요."
        case "Target.ResponseCodeMismatch": return "상태 검사 경로나 성공 코드가 맞지 않아요."
        case "Target.FailedHealthChecks": return "연결이 거부되었거나 응답이 잘못되었어요."
        case "Target.NotRegistered": return "대상이 등록되어 있지 않아요."
        case "Target.NotInUse": return "어떤 리스너도 이 대상 그룹을 쓰지 않거나, 대상의 가용 영역이 ALB에 켜져 있지 않아요."
        case "Target.InvalidState": return "인스턴스가 멈춰 있어요."
        case "Elb.InitialHealthChecking": return "첫 상태 검사 중이에요. 잠시 기다려요."
        default: return ""
        }
    }
}
