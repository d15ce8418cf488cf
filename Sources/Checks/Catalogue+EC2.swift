import Environment
import Foundation

extension Catalogue {
    static let ec2: [Check] = [
        Check(id: "ec2.instances-running", hop: .ec2, severity: .error, doc: "at least `count` web instances are running, in at least `zones` AZs",
              parameters: [.init(name: "count", doc: "running instances", defaultValue: "2"),
                           .init(name: "zones", doc: "distinct Availability Zones", defaultValue: "2")],
              needs: [.instances],
              examples: [.passes(), .fails("broken/stopped-instance")]) { ctx in
            let instances = ctx.chain.instances
            guard !instances.isEmpty else {
                return [ctx.problem("glowcorp의 웹 인스턴스를 찾지 못했어요 (대상 그룹에도, glowcorp- 이름으로도).", hint: "각 서브넷에 인스턴스를 하나씩 만들어요.")]
            }
            var out: [Finding] = []
            for i in instances where i.state != "running" {
                out.append(ctx.problem("\(i.label, .이가) \(i.state) 상태예요 (대상은 unused / Target.InvalidState).",
                                       hint: "aws ec2 start-instances --instance-ids \(i.id)", location: i.id, expected: "running", actual: i.state))
            }
            let running = instances.filter { $0.state == "running" }
            let zones = Set(running.map(\.availabilityZone))
            if running.count < ctx.intParameter("count") || zones.count < ctx.intParameter("zones") {
                if out.isEmpty {
                    out.append(ctx.problem("running인 인스턴스가 \(running.count)개, 가용 영역 \(zones.count)개예요.",
                                           hint: "서브넷(가용 영역)마다 인스턴스를 하나씩 둬요.",
                                           expected: "\(ctx.parameter("count"))개, 가용 영역 \(ctx.parameter("zones"))개", actual: "\(running.count)개, \(zones.count)개"))
                }
                return out
            }
            return out + [ctx.pass("인스턴스 \(running.count)개가 running이고 가용 영역 \(zones.sorted().joined(separator: ", "))에 있어요.",
                                   location: running.map(\.id).joined(separator: ", "))]
        },
        Check(id: "ec2.sg-not-world-open", hop: .ec2, severity: .warning, doc: "the target port on the instances is not open to 0.0.0.0/0",
              needs: [.instances, .securityGroups, .targetGroups],
              examples: [.passes(), .warns("broken/instance-sg-open-to-world")]) { ctx in
            let port = ctx.chain.targetGroup?.port ?? 80
            let groups = Set(ctx.chain.instances.flatMap(\.securityGroupIds)).sorted().compactMap(ctx.snapshot.securityGroup)
            guard !groups.isEmpty else { return [ctx.notChecked("인스턴스의 보안 그룹을 찾지 못했어요.")] }
            return groups.map { g in
                g.openToWorld(port)
                    ? ctx.problem("\(g.label, .이가) \(port) 포트를 인터넷 전체(0.0.0.0/0)에 열어서, 누구나 ALB를 건너뛰고 인스턴스에 접속할 수 있어요.",
                                  hint: "0.0.0.0/0 규칙을 지우고, 소스를 ALB의 보안 그룹으로 한 규칙을 둬요.", location: g.id,
                                  expected: "소스: ALB 보안 그룹", actual: "0.0.0.0/0")
                    : ctx.pass("\(g.label, .은는) \(port, .을를) 인터넷 전체에 열지 않아요.", location: g.id)
            }
        },
        Check(id: "ec2.ssh-restricted", hop: .ec2, severity: .warning, doc: "port 22 on the instances is not open to 0.0.0.0/0",
              needs: [.instances, .securityGroups],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  s.securityGroups = s.securityGroups?.map { g in
                      guard g.name == "glowcorp-web-sg" else { return g }
                      var g = g
                      g.inbound.append(.init(ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], groupIds: []))
                      return g
                  }
              })]) { ctx in
            let groups = Set(ctx.chain.instances.flatMap(\.securityGroupIds)).sorted().compactMap(ctx.snapshot.securityGroup)
            guard !groups.isEmpty else { return [ctx.notChecked("인스턴스의 보안 그룹을 찾지 못했어요.")] }
            return groups.map { g in
                g.openToWorld(22)
                    ? ctx.problem("\(g.label, .이가) SSH(22)를 인터넷 전체에 열어요.", hint: "관리자 IP 대역으로 좁히거나 SSM Session Manager를 써요.",
                                  location: g.id, expected: "관리자 CIDR", actual: "0.0.0.0/0")
                    : ctx.pass("\(g.label, .은는) SSH를 인터넷 전체에 열지 않아요.", location: g.id)
            }
        },
        Check(id: "ec2.user-data", hop: .ec2, severity: .warning, doc: "the instances' user data installs and starts nginx and docker",
              needs: [.instances],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  for k in s.userData.keys { s.userData[k] = Data("#!/bin/bash\ndnf install -y httpd\n".utf8).base64EncodedString() }
              })]) { ctx in
            guard !ctx.chain.instances.isEmpty else { return [ctx.notChecked("인스턴스를 찾지 못했어요.")] }
            return ctx.chain.instances.map { i in
                guard let encoded = ctx.snapshot.userData[i.id] else {
                    return ctx.notChecked("\(i.label)의 사용자 데이터가 없어요 (ec2-describe-instance-attribute.userData.\(i.id).json).", location: i.id)
                }
                let script = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? encoded
                let missing = ["nginx", "docker"].filter { !script.contains($0) }
                if missing.isEmpty { return ctx.pass("\(i.label)의 사용자 데이터가 nginx와 docker를 설치하고 켜요.", location: i.id) }
                return ctx.problem("\(i.label)의 사용자 데이터에 \(missing.joined(separator: ", "), .이가) 없어요. 새 인스턴스에서 상태 검사가 통과하지 못해요.",
                                   hint: "dnf install -y nginx docker; systemctl enable --now nginx docker", location: i.id)
            }
        },
    ]
}
