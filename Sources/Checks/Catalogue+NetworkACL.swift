import Environment
extension Catalogue {
    static let networkACL: [Check] = [
        Check(id: "network.acl", hop: .network, severity: .error,
              doc: "the network ACLs of the ALB's and the instances' subnets admit the listener ports from the internet, the target and health-check ports between the ALB and the instances, and the replies (ephemeral ports 1024-65535) both ways; rules in rule-number order, the final `*` deny",
              needs: [.networkAcls, .subnets],
              examples: [.passes(), .fails("broken/nacl-blocks-replies"),
                         // glowcorp-public-c's own ACL with no outbound rule for the replies.
                         .fails("glowcorp", edit: { s in Self.webAcl(&s, outboundEphemeral: false, denyTargetPort: nil) }),
                         // A deny of the target port numbered below the allow that would admit it.
                         .fails("glowcorp", edit: { s in Self.webAcl(&s, outboundEphemeral: true, denyTargetPort: 90) }),
                         // The same ACL with the replies allowed: passes.
                         .passes("glowcorp", edit: { s in Self.webAcl(&s, outboundEphemeral: true, denyTargetPort: nil) }),
                         // Ephemeral replies allowed in two rules (1024-32767, 32768-65535): together they admit every port.
                         .passes("glowcorp", edit: { s in Self.webAcl(&s, outboundEphemeral: true, denyTargetPort: nil, splitEphemeral: true) }),
                         .skips("glowcorp", edit: { s in s.networkAcls = nil })]) { ctx in
            let s = ctx.snapshot
            let front = ctx.chain.publicSubnets
            guard !front.isEmpty else { return [ctx.notChecked("ALB의 서브넷도, glowcorp- 이름의 서브넷도 없어서 볼 네트워크 ACL이 없어요.")] }
            let internet = CIDRBlock(network: IPv4Address(0), prefix: 0)
            let ephemeral = 1024...65535
            let lb = ctx.chain.loadBalancer
            let listenerPorts = lb == nil ? [80] : Array(Set(ctx.chain.listeners.map(\.port))).sorted()

            // (ACL, flow, what the flow is for), in the order a request meets them.
            var flows: [(NetworkAcl, NetworkAcl.Flow, String)] = []
            var unread: [String] = []
            func acl(_ subnet: Subnet) -> NetworkAcl? {
                guard let a = s.effectiveNetworkAcl(for: subnet) else {
                    // Once per subnet, though the flows ask for it again.
                    if !unread.contains(subnet.label) { unread.append(subnet.label) }
                    return nil
                }
                return a
            }
            let who = lb == nil ? "서브넷" : "ALB"
            for subnet in front {
                guard let a = acl(subnet) else { continue }
                for port in listenerPorts {
                    flows.append((a, .init(egress: false, peer: internet, ports: port...port), "인터넷 → \(who) \(subnet.label) (인바운드 tcp \(port))"))
                }
                flows.append((a, .init(egress: true, peer: internet, ports: ephemeral), "\(who) \(subnet.label) → 인터넷의 응답 (아웃바운드 tcp 1024-65535)"))
            }
            if lb != nil, let tg = ctx.chain.targetGroup {
                var ports = [tg.port]
                if let hc = Int(tg.healthCheckPort), hc != tg.port, (1...65535).contains(hc) { ports.append(hc) }
                for instance in ctx.chain.instances {
                    guard let ip = instance.privateIp.flatMap(IPv4Address.init), let home = s.subnet(instance.subnetId) else { continue }
                    let host = CIDRBlock(network: ip, prefix: 32)
                    for subnet in front where subnet.id != home.id {
                        // Inside one subnet no ACL applies; across two, both subnets' ACLs judge each packet.
                        guard let block = CIDRBlock(subnet.cidrBlock), let albAcl = acl(subnet), let webAcl = acl(home) else { continue }
                        for port in ports {
                            flows.append((albAcl, .init(egress: true, peer: host, ports: port...port), "ALB \(subnet.label) → \(instance.label) (아웃바운드 tcp \(port))"))
                            flows.append((webAcl, .init(egress: false, peer: block, ports: port...port), "ALB \(subnet.label) → \(instance.label) (인바운드 tcp \(port))"))
                        }
                        flows.append((webAcl, .init(egress: true, peer: block, ports: ephemeral), "\(instance.label) → ALB \(subnet.label)의 응답 (아웃바운드 tcp 1024-65535)"))
                        flows.append((albAcl, .init(egress: false, peer: host, ports: ephemeral), "\(instance.label) → ALB \(subnet.label)의 응답 (인바운드 tcp 1024-65535)"))
                    }
                }
            }
            var out: [Finding] = []
            var passed: [String: (NetworkAcl, Int, [String])] = [:]
            var order: [String] = []
            for (a, flow, what) in flows {
                let all = a.denials(flow)
                // From the whole internet, a deny of a narrower block (/8 or longer) before the allow is a block list.
                let blockList = all.filter { d in flow.peer.prefix == 0 && d.rule.map { ($0.cidr?.prefix ?? 0) >= 8 } == true }
                let denials = all.filter { !blockList.contains($0) }
                if let d = denials.min(by: { ($0.rule?.ruleNumber ?? 32767) < ($1.rule?.ruleNumber ?? 32767) }) {
                    let direction = flow.egress ? "아웃바운드" : "인바운드"
                    let peer = flow.peer.prefix == 0 ? "0.0.0.0/0" : flow.peer.description
                    // The rule to add names the VPC's block for traffic inside it (every ALB node and instance at once).
                    let vpcBlock = ctx.chain.vpc.flatMap { CIDRBlock($0.cidrBlock) }
                    let allowFrom = flow.peer.prefix == 0 ? peer : (vpcBlock.map { $0.contains(flow.peer) } == true ? vpcBlock!.description : peer)
                    let ports = d.ports.lowerBound == d.ports.upperBound ? "\(d.ports.lowerBound)" : "\(d.ports.lowerBound)-\(d.ports.upperBound)"
                    let why = d.rule.map { "규칙 \($0.label)(\($0.portText) \($0.cidr?.description ?? "") 거부)" } ?? "마지막 규칙 *(어느 규칙에도 맞지 않는 트래픽 거부)"
                    let reply = flow.ports == ephemeral
                        ? " 네트워크 ACL은 상태 비저장(stateless)이라 응답 패킷도 규칙이 허용해야 해요. 응답은 상대의 임시 포트(1024-65535)로 가요."
                        : ""
                    let number = Self.freeRuleNumber(in: a, egress: flow.egress, below: d.rule?.ruleNumber)
                    out.append(ctx.problem(
                        "네트워크 ACL \(a.label)의 \(why) \(what, .을를) 막아요: 포트 \(ports).\(reply) 이 길로 가는 요청은 시간 초과가 나요 (ALB 뒤라면 504).",
                        hint: "aws ec2 create-network-acl-entry --network-acl-id \(a.id) \(flow.egress ? "--egress" : "--ingress") --rule-number \(number) --protocol tcp --port-range From=\(flow.ports.lowerBound),To=\(flow.ports.upperBound) --cidr-block \(allowFrom) --rule-action allow",
                        location: a.id, expected: "\(direction) tcp \(flow.ports.lowerBound == flow.ports.upperBound ? "\(flow.ports.lowerBound)" : "\(flow.ports.lowerBound)-\(flow.ports.upperBound)") \(peer) 허용",
                        actual: "규칙 \(d.ruleLabel) 거부 (포트 \(ports))"))
                } else {
                    if passed[a.id] == nil { order.append(a.id); passed[a.id] = (a, 0, []) }
                    passed[a.id]!.1 += 1
                    if let b = blockList.first { passed[a.id]!.2.append("규칙 \(b.ruleLabel, .이가) \(b.rule?.cidr?.description ?? "", .을를) 막는 건 차단 목록으로 봤어요") }
                }
            }
            for id in order {
                let (a, count, notes) = passed[id]!
                let kind = a.isDefault ? "기본 네트워크 ACL" : "네트워크 ACL"
                let note = notes.isEmpty ? "" : " (\(Array(Set(notes)).sorted().joined(separator: "; ")))"
                out.append(ctx.pass("\(kind) \(a.label, .이가) 이 길에서 살펴본 요청과 응답 \(count)개를 모두 허용해요\(note).", location: a.id))
            }
            for label in unread {
                out.append(ctx.notChecked("\(label)에 연결된 네트워크 ACL이 ec2-describe-network-acls.json에 없어요."))
            }
            return out
        },
    ]
}

extension Catalogue {
    /// A rule number for a new allow rule: below `below` (a deny it must come before), else the first
    /// free hundred.
    static func freeRuleNumber(in acl: NetworkAcl, egress: Bool, below: Int?) -> Int {
        let used = Set(acl.entries.filter { $0.egress == egress }.map(\.ruleNumber))
        if let below {
            return stride(from: below - 1, through: 1, by: -1).first { !used.contains($0) } ?? 1
        }
        return stride(from: 100, through: 32700, by: 100).first { !used.contains($0) } ?? 32766
    }

    /// For examples: glowcorp-public-c gets an ACL of its own, so the instance there is reached from the
    /// ALB's node in 2a across an ACL boundary (and the web instance in 2a from the node in 2c). It admits
    /// HTTP and HTTPS from the internet, the replies from the VPC, and lets HTTP out to the VPC; with
    /// `outboundEphemeral`, the replies out too (in two rules with `splitEphemeral`); with
    /// `denyTargetPort`, that rule number denies port 80 from the VPC first.
    static func webAcl(_ s: inout Snapshot, outboundEphemeral: Bool, denyTargetPort: Int?, splitEphemeral: Bool = false) {
        guard let subnet = s.subnets?.first(where: { $0.name == "glowcorp-public-c" }) else { return }
        let vpc = CIDRBlock(network: IPv4Address(10 << 24), prefix: 16)
        let world = CIDRBlock(network: IPv4Address(0), prefix: 0)
        var entries: [NetworkAcl.Entry] = [
            .init(ruleNumber: 100, proto: "6", allow: true, egress: false, cidr: world, fromPort: 80, toPort: 80),
            .init(ruleNumber: 110, proto: "6", allow: true, egress: false, cidr: world, fromPort: 443, toPort: 443),
            .init(ruleNumber: 120, proto: "6", allow: true, egress: false, cidr: vpc, fromPort: 1024, toPort: 65535),
            .init(ruleNumber: 110, proto: "6", allow: true, egress: true, cidr: vpc, fromPort: 80, toPort: 80),
            .init(ruleNumber: 32767, proto: "-1", allow: false, egress: false, cidr: world),
            .init(ruleNumber: 32767, proto: "-1", allow: false, egress: true, cidr: world),
        ]
        if outboundEphemeral {
            if splitEphemeral {
                entries.append(.init(ruleNumber: 100, proto: "6", allow: true, egress: true, cidr: world, fromPort: 1024, toPort: 32767))
                entries.append(.init(ruleNumber: 105, proto: "6", allow: true, egress: true, cidr: world, fromPort: 32768, toPort: 65535))
            } else {
                entries.append(.init(ruleNumber: 100, proto: "6", allow: true, egress: true, cidr: world, fromPort: 1024, toPort: 65535))
            }
        }
        if let number = denyTargetPort {
            entries.append(.init(ruleNumber: number, proto: "6", allow: false, egress: false, cidr: vpc, fromPort: 80, toPort: 80))
        }
        var acls = (s.networkAcls ?? []).map { a -> NetworkAcl in
            var a = a
            a.subnetIds.removeAll { $0 == subnet.id }
            return a
        }
        acls.append(NetworkAcl(id: "acl-0web0000000000000", vpcId: subnet.vpcId, isDefault: false, subnetIds: [subnet.id], entries: entries, name: "glowcorp-web-acl"))
        s.networkAcls = acls
    }
}
