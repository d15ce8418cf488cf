import Environment
extension Catalogue {
    static let chain: [Check] = [
        Check(id: "chain.alias-target", hop: .chain, severity: .error,
              doc: "each record's alias (or CNAME) target is the ALB's DNS name, with the ALB's canonical hosted zone id",
              parameters: [recordParameter, zoneParameter], needs: [.hostedZones, .records, .loadBalancers], after: ["dns.record"],
              examples: [.passes(), .fails("broken/record-to-old-alb"),
                         .fails("glowcorp", edit: { s in
                             s.hostedZones = s.hostedZones?.map { z in
                                 var z = z
                                 z.records = z.records?.map { r in var r = r; r.alias?.hostedZoneId = z.id; return r }
                                 return z
                             }
                         })]) { ctx in
            let lbs = ctx.snapshot.loadBalancers ?? []
            return records(ctx).compactMap { name -> Finding? in
                guard let record = ctx.chain.records[name], let target = record.target else { return nil }
                guard let lb = lbs.first(where: { DNSName.normalized($0.dnsName) == target }) else {
                    return ctx.problem("\(name, .이가) \(target, .을를) 가리키는데, 그런 ALB는 없어요 (지웠거나 다시 만든 ALB예요).",
                                       hint: "레코드를 지금의 ALB(\(ctx.chain.loadBalancer?.dnsName ?? "glowcorp-alb"))로 UPSERT해요.",
                                       location: name, expected: ctx.chain.loadBalancer?.dnsName, actual: target)
                }
                if let alias = record.alias, alias.hostedZoneId != lb.canonicalHostedZoneId {
                    return ctx.problem("\(name) 별칭의 HostedZoneId가 \(alias.hostedZoneId, .이에요예요). 별칭 대상에는 glowcorp.io 영역이 아니라 ALB의 정식 호스팅 영역 ID를 써요.",
                                       hint: "aws elbv2 describe-load-balancers의 CanonicalHostedZoneId (서울 ALB: ZWKZPGTI48KDX).",
                                       location: name, expected: lb.canonicalHostedZoneId, actual: alias.hostedZoneId)
                }
                return ctx.pass("\(name) → \(lb.name) (\(lb.dnsName)).", location: name)
            }
        },
        Check(id: "chain.listener-target-group", hop: .chain, severity: .error,
              doc: "the listeners forward to the target group that holds the instances, and that group is attached to the ALB",
              needs: [.loadBalancers, .listeners, .targetGroups, .targetHealth], after: ["alb.listener"],
              examples: [.passes(), .fails("broken/listener-to-wrong-target-group"),
                         // The group with the instances is reached only by a rule; the same with the rules unread.
                         .passes("broken/listener-to-wrong-target-group", edit: { s in Self.addHostRuleToTheGroupWithInstances(&s) }),
                         .skips("broken/listener-to-wrong-target-group", edit: { s in s.rules = [:] })]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            guard !ctx.chain.listeners.isEmpty else { return [ctx.notChecked("리스너가 없어요.")] }
            let forwarded = ctx.chain.forwardedGroups
            guard !forwarded.isEmpty else { return [ctx.notChecked("대상 그룹으로 전달하는 리스너가 없어요.")] }
            let holding = ctx.chain.groupsHoldingInstances(ctx.snapshot)
            let forwardedIds = Set(forwarded.map(\.arn))
            if let used = forwarded.first(where: { tg in holding.contains { $0.arn == tg.arn } }) {
                if !used.loadBalancerArns.isEmpty && !used.loadBalancerArns.contains(lb.arn) {
                    return [ctx.problem("\(used.name, .이가) \(lb.name)에 붙어 있지 않아요.", location: used.arn)]
                }
                return [ctx.pass("리스너가 인스턴스가 든 \(used.name, .으로로) 전달해요.", location: used.arn)]
            }
            if let other = holding.first(where: { !forwardedIds.contains($0.arn) }) {
                // A listener rule read from nowhere might forward there.
                if let unread = ctx.chain.listeners.first(where: { ctx.snapshot.rules[$0.arn] == nil }) {
                    return [ctx.notChecked("인스턴스는 \(other.name)에 있는데, :\(unread.port) 리스너의 규칙을 읽지 못해서 규칙이 그리로 전달하는지 알 수 없어요 (elbv2-describe-rules.\(lb.name).\(unread.port).json).",
                                           location: unread.arn)]
                }
                let names = forwarded.map(\.name).joined(separator: ", ")
                return [ctx.problem("리스너가 \(names, .으로로) 전달하는데, 거기에는 대상이 없어요 (503). 인스턴스는 어떤 리스너도 쓰지 않는 \(other.name)에 있어요 (Target.NotInUse).",
                                    hint: "aws elbv2 modify-listener --listener-arn … --default-actions Type=forward,TargetGroupArn=\(other.arn)",
                                    location: ctx.chain.listeners.first?.arn, expected: other.name, actual: names)]
            }
            return [ctx.pass("리스너가 \(forwarded.map(\.name).joined(separator: ", "), .으로로) 전달해요.", location: forwarded.first?.arn)]
        },
        Check(id: "chain.same-vpc", hop: .chain, severity: .error, doc: "the target group, the ALB and the instances are in one VPC",
              needs: [.loadBalancers, .targetGroups, .instances], after: ["alb.exists"],
              examples: [.passes(), .fails("glowcorp", edit: { s in
                  s.targetGroups = s.targetGroups?.map { var t = $0; t.vpcId = "vpc-0other"; return t }
              })]) { ctx in
            guard let lb = ctx.chain.loadBalancer, let tg = ctx.chain.targetGroup else { return [ctx.notChecked("ALB나 대상 그룹을 찾지 못했어요.")] }
            var out: [Finding] = []
            if tg.vpcId != lb.vpcId {
                out.append(ctx.problem("\(tg.name, .이가) 다른 VPC(\(tg.vpcId))에 있어요. ALB는 \(lb.vpcId)에 있어요.", location: tg.arn, expected: lb.vpcId, actual: tg.vpcId))
            }
            for i in ctx.chain.instances where i.vpcId != lb.vpcId {
                out.append(ctx.problem("\(i.label, .이가) ALB와 다른 VPC(\(i.vpcId))에 있어요.", location: i.id, expected: lb.vpcId, actual: i.vpcId))
            }
            return out.isEmpty ? [ctx.pass("ALB, 대상 그룹, 인스턴스가 모두 \(lb.vpcId)에 있어요.", location: lb.vpcId)] : out
        },
        Check(id: "chain.sg-alb-to-instance", hop: .chain, severity: .error,
              doc: "the instance security groups admit the target port and the health-check port from the ALB's security group",
              needs: [.loadBalancers, .targetGroups, .instances, .securityGroups], after: ["target-group.port"],
              examples: [.passes(), .passes("broken/instance-sg-open-to-world"),
                         .fails("glowcorp", edit: { s in
                             s.securityGroups = s.securityGroups?.map { g in
                                 guard g.name == "glowcorp-web-sg" else { return g }
                                 var g = g
                                 g.inbound = g.inbound.filter { $0.groupIds.isEmpty }
                                 g.inbound.append(.init(ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrs: ["10.0.1.0/24"], groupIds: []))
                                 return g
                             }
                         })]) { ctx in
            guard let lb = ctx.chain.loadBalancer, let tg = ctx.chain.targetGroup else { return [ctx.notChecked("ALB나 대상 그룹을 찾지 못했어요.")] }
            guard !ctx.chain.instances.isEmpty else { return [ctx.notChecked("인스턴스를 찾지 못했어요.")] }
            let ports = Set([tg.port, tg.effectiveHealthCheckPort]).sorted()
            let albBlocks = ctx.chain.albSubnets.compactMap { CIDRBlock($0.cidrBlock) }
            var out: [Finding] = []
            for instance in ctx.chain.instances {
                let groups = instance.securityGroupIds.compactMap(ctx.snapshot.securityGroup)
                for port in ports {
                    let fromALB = groups.contains { g in lb.securityGroups.contains { g.admits(port, fromGroup: $0) } }
                    // A CIDR rule works too when it covers every subnet the ALB has nodes in.
                    let fromCIDR = groups.contains { g in
                        g.inbound.contains { p in
                            p.admitsTCP(port) && p.cidrs.compactMap(CIDRBlock.init).contains { block in !albBlocks.isEmpty && albBlocks.allSatisfy(block.contains) }
                        }
                    }
                    if fromALB || fromCIDR {
                        out.append(ctx.pass("\(instance.label)의 보안 그룹이 ALB에서 오는 \(port, .을를) 받아요.", location: instance.id))
                    } else {
                        out.append(ctx.problem("\(instance.label)의 보안 그룹이 ALB에서 오는 \(port, .을를) 받지 않아요. 요청과 상태 검사가 시간 초과로 끝나요 (504, Target.Timeout).",
                                               hint: "인스턴스 보안 그룹에 인바운드 tcp \(port), 소스 \(lb.securityGroups.first ?? "ALB 보안 그룹", .을를) 더해요.",
                                               location: groups.map(\.id).joined(separator: ", "), expected: "tcp \(port) from \(lb.securityGroups.joined(separator: ", "))",
                                               actual: groups.flatMap { g in g.inbound.map { "\($0.ipProtocol) \($0.fromPort ?? 0) from \(($0.cidrs + $0.groupIds).joined(separator: ","))" } }.joined(separator: "; ")))
                    }
                }
            }
            return out
        },
        Check(id: "chain.target-az-enabled", hop: .chain, severity: .error, doc: "every target's Availability Zone is enabled on the ALB",
              needs: [.loadBalancers, .instances], after: ["alb.two-azs"],
              examples: [.passes(), .fails("broken/alb-in-one-az")]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            guard !ctx.chain.instances.isEmpty else { return [ctx.notChecked("인스턴스를 찾지 못했어요.")] }
            let zones = Set(lb.zones.map(\.zone))
            return ctx.chain.instances.map { i in
                zones.contains(i.availabilityZone)
                    ? ctx.pass("\(i.label)의 가용 영역 \(i.availabilityZone, .이가) ALB에 켜져 있어요.", location: i.id)
                    : ctx.problem("\(i.label, .이가) ALB에 켜져 있지 않은 \(i.availabilityZone)에 있어서 트래픽을 받지 못해요.",
                                  hint: "ALB에 \(i.availabilityZone)의 퍼블릭 서브넷을 추가해요 (aws elbv2 set-subnets).", location: i.id,
                                  expected: zones.sorted().joined(separator: ", "), actual: i.availabilityZone)
            }
        },
        Check(id: "chain.tg-port-nginx-listen", hop: .chain, severity: .error, doc: "the target group's port is a port nginx listens on",
              needs: [.targetGroups, .nginx], after: ["target-group.port", "nginx.listen"],
              examples: [.passes(), .fails("broken/nginx-on-8080"), .fails("broken/target-group-port-8080")]) { ctx in
            guard let tg = ctx.chain.targetGroup, let config = ctx.snapshot.nginx else { return [ctx.notChecked("대상 그룹이나 nginx 설정이 없어요.")] }
            let ports = ctx.nginxView(config).listenPorts
            if ports.contains(tg.port) { return [ctx.pass("대상 그룹이 :\(tg.port, .으로로) 보내고 nginx가 거기서 기다려요.", location: tg.arn)] }
            // Expected and actual as everywhere: what should hold, and what does (either side may be the one to fix).
            return [ctx.problem("대상 그룹은 :\(tg.port, .으로로) 보내는데 nginx는 \(ports.map { ":\($0)" }.joined(separator: ", "))에서 기다려요.",
                                hint: "둘을 맞춰요: 이 레슨에서는 둘 다 80.", location: tg.arn, expected: "대상 그룹의 포트 = nginx가 기다리는 포트",
                                actual: "대상 그룹 :\(tg.port), nginx \(ports.map { ":\($0)" }.joined(separator: ", "))")]
        },
        Check(id: "chain.health-check-path", hop: .chain, severity: .error,
              doc: "the target group's health-check path is answered with 200 by nginx's default server on the health-check port",
              needs: [.targetGroups, .nginx], after: ["target-group.health-check", "nginx.health-location", "nginx.listen", "target-group.port"],
              examples: [.passes(), .fails("broken/wrong-health-check-path"), .fails("broken/no-health-location")]) { ctx in
            guard let tg = ctx.chain.targetGroup, let config = ctx.snapshot.nginx else { return [ctx.notChecked("대상 그룹이나 nginx 설정이 없어요.")] }
            let view = ctx.nginxView(config)
            let path = tg.healthCheckPath ?? "/"
            guard let server = view.defaultServer(port: tg.effectiveHealthCheckPort) else {
                return [ctx.problem("상태 검사 포트 \(tg.effectiveHealthCheckPort)에서 기다리는 nginx server가 없어요.", location: tg.arn)]
            }
            if let loc = view.location(in: server, answering: path),
               loc.block?.contains(where: { $0.name == "return" && $0.args.first == "200" }) == true || loc.block?.contains(where: { $0.name == "proxy_pass" }) == true {
                return [ctx.pass("상태 검사 \(path)에 default server의 \(loc.args.joined(separator: " "), .이가) 답해요.", location: loc.location)]
            }
            return [ctx.problem("상태 검사가 \(path, .을를) 묻는데, default server(\(server.directive.location))에는 그 경로에 200으로 답하는 location이 없어요 (Target.ResponseCodeMismatch).",
                                hint: "대상 그룹의 경로와 nginx의 location = /health를 맞춰요.", location: server.directive.location,
                                expected: path, actual: server.locations.map { $0.args.joined(separator: " ") }.joined(separator: ", "))]
        },
        Check(id: "chain.proxy-pass-published-port", hop: .chain, severity: .error,
              doc: "every proxy_pass to the host goes to a port a running container publishes",
              needs: [.nginx, .docker], after: ["docker.running", "docker.published-port"],
              examples: [.passes(), .fails("broken/proxy-pass-port-mismatch"), .fails("broken/container-exited")]) { ctx in
            guard let config = ctx.snapshot.nginx, let containers = ctx.snapshot.containers else { return [ctx.notChecked("nginx 설정이나 도커 정보가 없어요.")] }
            let published = Dictionary(containers.filter(\.isRunning).flatMap { c in c.published.map { ($0.hostPort!, c.name) } }, uniquingKeysWith: { a, _ in a })
            var out: [Finding] = []
            for server in ctx.nginxView(config).servers {
                for d in server.all where d.name == "proxy_pass" {
                    guard let url = d.args.first else { continue }
                    let (host, port) = NginxView.proxyPort(url)
                    guard ["127.0.0.1", "localhost", "0.0.0.0", "[::1]"].contains(host), let port else { continue }
                    if let name = published[port] {
                        out.append(ctx.pass("\(server.names.first ?? "server", .이가) \(port, .으로로) 넘기고 \(name, .이가) 거기에 게시돼 있어요.", location: d.location))
                    } else {
                        out.append(ctx.problem("nginx가 \(url, .으로로) 넘기는데, \(port)에 게시된 running 컨테이너가 없어요. nginx가 502를 돌려줘요 (connection refused).",
                                               hint: "proxy_pass의 포트와 docker의 호스트 쪽 게시 포트를 맞춰요.", location: d.location,
                                               expected: String(port), actual: published.keys.sorted().map(String.init).joined(separator: ", ").nonEmpty ?? "게시된 포트 없음"))
                    }
                }
            }
            return out.isEmpty ? [ctx.notChecked("호스트로 가는 proxy_pass가 없어요.")] : out
        },
        Check(id: "chain.keepalive-idle-timeout", hop: .chain, severity: .warning,
              doc: "nginx's keepalive_timeout (default 75s) is longer than the ALB's idle timeout (default 60s)",
              needs: [.nginx, .loadBalancers],
              examples: [.passes(), .warns("broken/keepalive-below-idle-timeout"),
                         // The inner value decides: the server's 5s under http's 75s, and the other way round.
                         .warns("glowcorp", edit: { s in
                             s.nginx = Catalogue.nginx("http {\n  keepalive_timeout 75s;\n  server {\n    listen 80 default_server;\n    server_name app.glowcorp.io;\n    keepalive_timeout 5s;\n    location / { proxy_pass http://127.0.0.1:3000; }\n  }\n}\n")
                         }),
                         .passes("glowcorp", edit: { s in
                             s.nginx = Catalogue.nginx("http {\n  keepalive_timeout 30s;\n  server {\n    listen 80 default_server;\n    server_name app.glowcorp.io api.glowcorp.io;\n    location / { keepalive_timeout 75s; proxy_pass http://127.0.0.1:3000; }\n  }\n}\n")
                         })]) { ctx in
            guard let config = ctx.snapshot.nginx, let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("nginx 설정이나 ALB가 없어요.")] }
            let idle = ctx.snapshot.idleTimeout(lb)
            let view = ctx.nginxView(config)
            // The servers that take the ALB's connections: each record's on the target port, and the default
            // server there (health checks); each at its `/`. The effective value decides (a server's
            // `keepalive_timeout 5s` under http's 75s is 5s), and the shortest is what breaks.
            let port = ctx.chain.targetGroup?.port ?? 80
            var taking: [NginxView.Server] = []
            for server in ctx.chain.recordNames.compactMap({ view.server(host: $0, port: port) }) + [view.defaultServer(port: port)].compactMap({ $0 })
            where !taking.contains(where: { $0.directive.location == server.directive.location }) {
                taking.append(server)
            }
            let values = taking.map { (server: $0, value: view.keepalive(in: $0, at: view.location(in: $0, answering: "/"))) }
            guard let shortest = values.min(by: { $0.value.seconds < $1.value.seconds }) else {
                return [ctx.notChecked("\(port)에서 기다리는 server가 없어요.")]
            }
            let keepalive = shortest.value, name = shortest.server.names.first ?? "server"
            let whereSet = keepalive.location ?? shortest.server.directive.location
            if keepalive.seconds > idle {
                return [ctx.pass("nginx keepalive_timeout \(keepalive.seconds)초 > ALB 유휴 제한 시간 \(idle)초 (\(name)\(keepalive.location == nil ? ", nginx의 기본값" : "")).", location: whereSet)]
            }
            return [ctx.problem("\(name)의 nginx가 keep-alive 연결을 \(keepalive.seconds)초 뒤에 닫는데 ALB는 \(idle)초까지 다시 써요. 닫힌 연결로 간 요청이 가끔 502가 돼요.",
                                hint: "keepalive_timeout을 ALB 유휴 제한 시간보다 길게 (예: 75s). 안쪽(server, location)에 적힌 값이 http의 값보다 우선해요.", location: whereSet,
                                expected: "> \(idle)s", actual: "\(keepalive.seconds)s")]
        },
        Check(id: "chain.server-name-records", hop: .chain, severity: .warning, doc: "every record name has its own nginx server_name",
              parameters: [recordParameter], needs: [.nginx],
              examples: [.passes(), .warns("glowcorp", with: ["records": "app.glowcorp.io,www.glowcorp.io"])]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            let view = ctx.nginxView(config)
            let port = ctx.chain.targetGroup?.port ?? 80
            return records(ctx).map { name in
                if let s = view.servers.first(where: { $0.names.contains { $0.lowercased() == name } }) {
                    return ctx.pass("\(name, .은는) 자기 server 블록이 받아요.", location: s.directive.location)
                }
                return ctx.problem("\(name)에 맞는 server_name이 없어서 default server가 받아요 (앱이 아니라 404).",
                                   hint: "/etc/nginx/conf.d/\(name).conf에 server_name \(name);인 server 블록을 둬요.",
                                   location: view.defaultServer(port: port)?.directive.location, expected: "server_name \(name)", actual: "없음")
            }
        },
    ]
}

extension Catalogue {
    /// For examples: every listener gets a `host-header` rule forwarding to the target group that holds instances.
    static func addHostRuleToTheGroupWithInstances(_ s: inout Snapshot) {
        guard let holding = s.targetGroups?.first(where: { !($0.targets ?? []).isEmpty }) else { return }
        for listener in s.listeners.values.flatMap({ $0 }) {
            if let rule = hostRule(on: listener.arn, forwardingTo: holding.arn) { s.rules[listener.arn, default: []].append(rule) }
        }
    }
}
