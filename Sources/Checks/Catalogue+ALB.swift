import Foundation
import Environment
import JSON

extension Catalogue {
    static let alb: [Check] = [
        Check(id: "alb.exists", hop: .alb, severity: .error, doc: "the load balancer the records point at exists, is an ALB, and is active",
              needs: [.loadBalancers],
              examples: [.passes(), .fails("glowcorp", edit: { s in s.loadBalancers = [] })]) { ctx in
            guard let lb = ctx.chain.loadBalancer else {
                return [ctx.problem("glowcorp의 로드 밸런서를 찾지 못했어요.", hint: "EC2 화면 → 로드 밸런서 → 생성: Application Load Balancer.")]
            }
            if lb.type != "application" {
                return [ctx.problem("\(lb.name, .은는) \(lb.type) 로드 밸런서예요. 이 레슨은 Application Load Balancer를 써요.", location: lb.arn, expected: "application", actual: lb.type)]
            }
            if lb.state != "active" {
                return [ctx.problem("\(lb.name, .이가) 아직 \(lb.state) 상태예요.", hint: "몇 분 기다린 뒤 다시 verify 해요.", location: lb.arn, expected: "active", actual: lb.state)]
            }
            return [ctx.pass("\(lb.name, .은는) active인 Application Load Balancer예요.", location: lb.arn)]
        },
        Check(id: "alb.internet-facing", hop: .alb, severity: .error, doc: "the ALB's scheme is internet-facing",
              needs: [.loadBalancers], after: ["alb.exists"],
              examples: [.passes(), .fails("broken/internal-alb")]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            if lb.scheme == "internet-facing" { return [ctx.pass("\(lb.name, .은는) 인터넷 경계(internet-facing)예요.", location: lb.arn)] }
            return [ctx.problem("\(lb.name, .이가) 내부(internal) ALB예요. DNS 이름이 사설 IP로 풀려서 인터넷에서는 아무도 닿을 수 없어요.",
                                hint: "체계는 바꿀 수 없어요. 인터넷 경계 ALB를 새로 만들고 레코드가 그것을 가리키게 해요.",
                                location: lb.arn, expected: "internet-facing", actual: lb.scheme)]
        },
        Check(id: "alb.two-azs", hop: .alb, severity: .error, doc: "the ALB spans at least two Availability Zones",
              needs: [.loadBalancers], after: ["alb.exists"],
              examples: [.passes(), .fails("broken/alb-in-one-az")]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            let zones = Set(lb.zones.map(\.zone)).sorted()
            if zones.count >= 2 { return [ctx.pass("\(lb.name, .은는) 가용 영역 \(zones.joined(separator: ", "))에 있어요.", location: lb.arn)] }
            return [ctx.problem("\(lb.name, .이가) 가용 영역 \(zones.count)개(\(zones.joined(separator: ", ")))에만 있어요. ALB는 가용 영역 두 개 이상의 서브넷이 필요해요 (실제 AWS는 만들 때 거부해요).",
                                hint: "aws elbv2 set-subnets --load-balancer-arn … --subnets <2a 서브넷> <2c 서브넷>",
                                location: lb.arn, expected: "2개 이상", actual: "\(zones.count)개")]
        },
        Check(id: "alb.public-subnets", hop: .alb, severity: .error,
              doc: "every ALB subnet routes 0.0.0.0/0 to an internet gateway attached to the ALB's VPC",
              needs: [.loadBalancers, .subnets, .routeTables, .internetGateways],
              after: ["alb.exists", "network.subnet-routes", "network.default-route", "network.igw-attached"],
              examples: [.passes(), .fails("broken/subnet-on-main-route-table"), .fails("broken/igw-detached")]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            let attached = Set((ctx.snapshot.internetGateways ?? []).filter { $0.attachedVpcs.contains(lb.vpcId) }.map(\.id))
            var out: [Finding] = []
            for subnet in ctx.chain.albSubnets {
                let table = ctx.snapshot.effectiveRouteTable(for: subnet)
                if let igw = table?.defaultRouteGateway, attached.contains(igw) {
                    out.append(ctx.pass("ALB 노드가 있는 \(subnet.label, .은는) 퍼블릭 서브넷이에요.", location: subnet.id))
                } else {
                    out.append(ctx.problem("ALB 노드가 있는 \(subnet.label)에서 인터넷으로 가는 길이 없어요. 그 노드로 간 요청은 응답하지 못해요.",
                                           hint: "서브넷을 0.0.0.0/0 → (VPC에 연결된) igw 경로가 있는 라우팅 테이블에 연결해요.",
                                           location: subnet.id, expected: "퍼블릭 서브넷", actual: table.map { "테이블 \($0.label)에 유효한 0.0.0.0/0 경로 없음" } ?? "라우팅 테이블 없음"))
                }
            }
            return out.isEmpty ? [ctx.notChecked("ALB의 서브넷 정보가 없어요.")] : out
        },
        Check(id: "alb.sg-listener-open", hop: .alb, severity: .error,
              doc: "for every listener port, an ALB security group admits it from 0.0.0.0/0",
              needs: [.loadBalancers, .listeners, .securityGroups], after: ["alb.exists", "alb.listener"],
              examples: [.passes(), .fails("broken/alb-sg-without-80"), .fails("broken/alb-sg-without-443")]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            guard !ctx.chain.listeners.isEmpty else { return [ctx.notChecked("리스너가 없어요.")] }
            let groups = lb.securityGroups.compactMap(ctx.snapshot.securityGroup)
            return ctx.chain.listeners.sorted { $0.port < $1.port }.map { l in
                if let g = groups.first(where: { $0.openToWorld(l.port) }) {
                    return ctx.pass("\(g.label, .이가) \(l.port, .을를) 인터넷(0.0.0.0/0)에 열어요.", location: g.id)
                }
                return ctx.problem("ALB 보안 그룹이 \(l.port) 포트를 인터넷에서 받지 않아요. 브라우저는 기다리다 시간 초과가 나요.",
                                   hint: "aws ec2 authorize-security-group-ingress --group-id \(groups.first?.id ?? "<alb-sg>") --protocol tcp --port \(l.port) --cidr 0.0.0.0/0",
                                   location: groups.map(\.id).joined(separator: ", "), expected: "tcp \(l.port) from 0.0.0.0/0",
                                   actual: groups.flatMap { g in g.inbound.map { "\($0.ipProtocol) \($0.fromPort ?? 0)-\($0.toPort ?? 0)" } }.joined(separator: ", "))
            }
        },
        Check(id: "alb.listener", hop: .alb, severity: .error,
              doc: "a listener on `port` that forwards to a target group, or redirects to an existing HTTPS listener",
              parameters: [.init(name: "port", doc: "the listener port", defaultValue: "80")],
              needs: [.loadBalancers, .listeners], after: ["alb.exists"],
              examples: [.passes(), .passes(with: ["port": "443"]), .fails("broken/listener-missing"), .fails("glowcorp", with: ["port": "8443"]),
                         // A fixed-response default with a host rule that forwards; the same with the rules unread.
                         .passes("glowcorp", with: ["port": "443"], edit: { s in Self.forwardOnlyByRule(&s, port: 443, rulesRead: true) }),
                         .skips("glowcorp", with: ["port": "443"], edit: { s in Self.forwardOnlyByRule(&s, port: 443, rulesRead: false) })]) { ctx in
            guard let lb = ctx.chain.loadBalancer else { return [ctx.notChecked("로드 밸런서가 없어요.")] }
            guard ctx.snapshot.listeners[lb.arn] != nil else { return [ctx.notChecked("\(lb.name)의 리스너 정보가 없어요 (elbv2-describe-listeners.\(lb.name).json).")] }
            let port = ctx.intParameter("port")
            guard let l = ctx.chain.listeners.first(where: { $0.port == port }) else {
                return [ctx.problem("\(lb.name)에 \(port) 포트 리스너가 없어요. ALB가 연결을 거부해요.",
                                    hint: "aws elbv2 create-listener --load-balancer-arn … --protocol \(port == 443 ? "HTTPS" : "HTTP") --port \(port) --default-actions Type=forward,TargetGroupArn=…",
                                    location: lb.arn, expected: "리스너 :\(port)", actual: ctx.chain.listeners.map { ":\($0.port)" }.joined(separator: ", ").nonEmpty ?? "없음")]
            }
            if let r = l.redirect {
                let to = Int(r.port ?? "") ?? port
                guard r.proto == "HTTPS", ctx.chain.listeners.contains(where: { $0.port == to }) else {
                    return [ctx.problem(":\(port) 리스너가 \(r.proto ?? "?"):\(r.port ?? "?", .으로로) 리다이렉트하는데, 그 포트에는 리스너가 없어요.",
                                        hint: "443 HTTPS 리스너를 만들거나 리다이렉트 설정을 고쳐요.", location: l.arn)]
                }
                return [ctx.pass(":\(port) 리스너가 HTTPS:\(to, .으로로) 리다이렉트해요 (\(r.statusCode ?? "")).", location: l.arn)]
            }
            if l.forwardTargetGroups.isEmpty {
                // The default action does not forward; host or path rules may (a fixed 404 default is common).
                let rules = ctx.snapshot.rules[l.arn]
                if let rules, rules.contains(where: { !$0.isDefault && !$0.forwardTargetGroups.isEmpty }) {
                    return [ctx.pass(":\(port) \(l.proto) 리스너의 규칙이 대상 그룹으로 전달해요.", location: l.arn)]
                }
                if rules == nil {
                    return [ctx.notChecked(":\(port) 리스너의 기본 동작은 전달하지 않는데, 규칙을 읽지 못해서 규칙이 전달하는지 알 수 없어요 (elbv2-describe-rules.\(lb.name).\(port).json).", location: l.arn)]
                }
                return [ctx.problem(":\(port) 리스너가 아무 대상 그룹에도 전달하지 않아요.", location: l.arn, expected: "forward", actual: "없음")]
            }
            return [ctx.pass(":\(port) \(l.proto) 리스너가 대상 그룹으로 전달해요.", location: l.arn)]
        },
        Check(id: "alb.https-cert", hop: .alb, severity: .error,
              doc: "every HTTPS listener's certificate is ISSUED, does not expire within 30 days, and covers every record name that points at the ALB (a wildcard covers one label)",
              parameters: [recordParameter], needs: [.loadBalancers, .listeners, .certificates], after: ["alb.exists"],
              examples: [.passes(), .fails("broken/certificate-expiring"), .fails("broken/certificate-missing-name"),
                         .fails("glowcorp", edit: { s in s.certificates = s.certificates?.map { var c = $0; c.status = "PENDING_VALIDATION"; return c } }),
                         .fails("glowcorp", edit: { s in s.certificates = s.certificates?.map { var c = $0; c.subjectAlternativeNames = ["glowcorp.io"]; return c } }),
                         // Expiring in 10 days from when the snapshot was read; and already expired.
                         .fails("glowcorp", edit: { s in Self.expire(&s, inDays: 10) }),
                         .fails("glowcorp", edit: { s in Self.expire(&s, inDays: -3) }),
                         .passes("glowcorp", edit: { s in Self.expire(&s, inDays: 45) }),
                         // A third record name pointing at the ALB, two labels below the wildcard: not covered.
                         .fails("glowcorp", edit: { s in Self.addRecord(&s, "static.cdn.glowcorp.io") }),
                         .passes("glowcorp", edit: { s in Self.addRecord(&s, "www.glowcorp.io") })]) { ctx in
            let https = ctx.chain.listeners.filter { $0.proto == "HTTPS" }
            guard !https.isEmpty else { return [ctx.notChecked("HTTPS 리스너가 없어요.")] }
            let now = ctx.snapshot.capturedAt ?? Date()
            // The names browsers use for this ALB: the lesson's, and every record in the zone that points at it.
            var names = records(ctx)
            if let lb = ctx.chain.loadBalancer {
                for r in ctx.chain.zone?.records ?? [] where ["A", "AAAA", "CNAME"].contains(r.type) && r.target == DNSName.normalized(lb.dnsName) {
                    let n = DNSName.normalized(r.name)
                    if !names.contains(n) { names.append(n) }
                }
            }
            var out: [Finding] = []
            for l in https {
                for arn in l.certificateArns {
                    guard let cert = ctx.snapshot.certificates?.first(where: { $0.arn == arn }) else {
                        out.append(ctx.notChecked("인증서 \(arn)의 정보가 없어요 (acm-describe-certificate).", location: arn))
                        continue
                    }
                    let covered = cert.names.joined(separator: ", ")
                    if cert.status != "ISSUED" {
                        out.append(ctx.problem("HTTPS 인증서(\(cert.domainName))가 \(cert.status) 상태예요. 브라우저는 :\(l.port)에서 TLS 연결을 끝내지 못해요.",
                                               hint: cert.status == "PENDING_VALIDATION" ? "ACM이 준 CNAME을 \(ctx.chain.zoneName) 영역에 추가하고 기다려요: aws acm describe-certificate --certificate-arn \(arn) --query 'Certificate.DomainValidationOptions[].ResourceRecord'"
                                                   : "ACM에서 인증서를 새로 요청하고 리스너에 바꿔 달아요.",
                                               location: arn, expected: "ISSUED", actual: cert.status))
                        continue
                    }
                    if let end = cert.notAfter {
                        let days = Int((end.timeIntervalSince(now) / 86_400).rounded(.down))
                        if days < 0 {
                            out.append(ctx.problem("HTTPS 인증서(\(cert.domainName))가 \(Self.day(end))에 만료됐어요. 브라우저는 NET::ERR_CERT_DATE_INVALID를 보여 줘요.",
                                                   hint: "ACM에서 새 인증서를 요청하고(DNS 검증이면 ACM이 스스로 갱신해요) 리스너의 인증서를 바꿔요: aws elbv2 modify-listener --listener-arn \(l.arn) --certificates CertificateArn=<새 인증서 ARN>",
                                                   location: arn, expected: "만료 30일 이상 전", actual: "만료됨 (\(Self.day(end)))"))
                            continue
                        }
                        if days < 30 {
                            out.append(ctx.problem("HTTPS 인증서(\(cert.domainName))가 \(days)일 뒤(\(Self.day(end))) 만료돼요. ACM이 갱신하지 못하고 있다는 뜻이에요 (DNS 검증 CNAME이 없거나, 가져온 인증서예요).",
                                                   hint: "DNS 검증 CNAME이 \(ctx.chain.zoneName) 영역에 있는지 봐요. 가져온(imported) 인증서라면 새 인증서로 바꿔 달아요: aws elbv2 modify-listener --listener-arn \(l.arn) --certificates CertificateArn=<새 인증서 ARN>",
                                                   location: arn, expected: "만료 30일 이상 전", actual: "\(days)일 남음 (\(Self.day(end)))"))
                            continue
                        }
                    }
                    let missing = names.filter { !cert.covers($0) }
                    if missing.isEmpty {
                        out.append(ctx.pass("인증서(\(covered))가 ISSUED 상태이고 \(names.joined(separator: ", "), .을를) 덮어요\(cert.notAfter.map { " (만료 \(Self.day($0)))" } ?? "").", location: arn))
                    } else {
                        out.append(ctx.problem("인증서가 \(missing.joined(separator: ", "), .을를) 덮지 않아요 (NET::ERR_CERT_COMMON_NAME_INVALID). 와일드카드 *.\(ctx.chain.zoneName, .은는) 한 단계 아래 이름만 덮어요.",
                                               hint: "빠진 이름을 포함한 인증서를 요청해요: aws acm request-certificate --domain-name \(ctx.chain.zoneName) --subject-alternative-names \((["*." + ctx.chain.zoneName] + missing.filter { $0 != ctx.chain.zoneName && (!$0.hasSuffix("." + ctx.chain.zoneName) || $0.dropLast(ctx.chain.zoneName.count + 1).contains(".")) }).joined(separator: " ")) --validation-method DNS",
                                               location: arn, expected: missing.joined(separator: ", "), actual: covered))
                    }
                }
            }
            return out
        },
        Check(id: "alb.http-redirect", hop: .alb, severity: .warning,
              doc: "beside an HTTPS listener, the :80 listener redirects to HTTPS rather than serving plain HTTP",
              needs: [.loadBalancers, .listeners], after: ["alb.exists"],
              examples: [.passes(), .warns("broken/http-not-redirected"), .warns("glowcorp", edit: { s in Self.plainHTTP(&s) })]) { ctx in
            guard ctx.chain.listeners.contains(where: { $0.proto == "HTTPS" }) else { return [ctx.notChecked("HTTPS 리스너가 없어요.")] }
            guard let http = ctx.chain.listeners.first(where: { $0.port == 80 }) else { return [ctx.notChecked(":80 리스너가 없어요.")] }
            if let r = http.redirect, r.proto == "HTTPS" {
                return [ctx.pass(":80 리스너가 HTTPS로 리다이렉트해요 (\(r.statusCode ?? "")).", location: http.arn)]
            }
            return [ctx.problem(":80 리스너가 HTTPS 리스너 옆에서 평문 HTTP로 그대로 전달해요. http://로 들어온 사용자는 암호화되지 않은 채로 앱을 써요.",
                                hint: "aws elbv2 modify-listener --listener-arn \(http.arn) --default-actions '[{\"Type\":\"redirect\",\"RedirectConfig\":{\"Protocol\":\"HTTPS\",\"Port\":\"443\",\"StatusCode\":\"HTTP_301\"}}]'",
                                location: http.arn, expected: "redirect HTTPS:443", actual: http.forwardTargetGroups.isEmpty ? "리다이렉트 아님" : "forward")]
        },
    ]
}

extension Catalogue {
    /// `2027-11-25`, for messages.
    static func day(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.string(from: date)
    }

    /// For examples: every certificate expires `days` after the snapshot was read.
    static func expire(_ s: inout Snapshot, inDays days: Double) {
        let now = s.capturedAt ?? Date()
        s.certificates = s.certificates?.map { var c = $0; c.notAfter = now.addingTimeInterval(days * 86_400); return c }
    }

    /// For examples: another alias A record in the zone, pointing at the ALB the app record points at.
    static func addRecord(_ s: inout Snapshot, _ name: String) {
        s.hostedZones = s.hostedZones?.map { z in
            var z = z
            if let app = z.records?.first(where: { $0.name.hasPrefix("app.") }) {
                var r = app
                r.name = name + "."
                z.records?.append(r)
            }
            return z
        }
    }

    /// For examples: the :80 listener forwards to the target group the HTTPS listener forwards to.
    static func plainHTTP(_ s: inout Snapshot) {
        for (lb, listeners) in s.listeners {
            let group = listeners.first { $0.proto == "HTTPS" }?.forwardTargetGroups ?? []
            s.listeners[lb] = listeners.map { l in
                guard l.port == 80 else { return l }
                var l = l
                l.redirect = nil
                l.forwardTargetGroups = group
                return l
            }
        }
    }

    /// For examples: the listener on `port` answers a fixed 404 by default and forwards only through a
    /// `host-header` rule to the group it forwarded to; with `rulesRead` false, its rules were not read
    /// (elbv2:DescribeRules denied, say).
    static func forwardOnlyByRule(_ s: inout Snapshot, port: Int, rulesRead: Bool) {
        for (lb, listeners) in s.listeners {
            s.listeners[lb] = listeners.map { l in
                guard l.port == port else { return l }
                var fixed = l
                let groups = l.forwardTargetGroups
                fixed.forwardTargetGroups = []
                s.rules[l.arn] = rulesRead ? [hostRule(on: l.arn, forwardingTo: groups.first ?? "")].compactMap { $0 } : nil
                return fixed
            }
        }
    }

    /// A listener rule forwarding `app.glowcorp.io` and `api.glowcorp.io` to `targetGroup`, as describe-rules shows one.
    static func hostRule(on listenerArn: String, forwardingTo targetGroup: String) -> ListenerRule? {
        let rule = """
            {"RuleArn": "\(listenerArn)/rule/10", "Priority": "10", "IsDefault": false,
             "Conditions": [{"Field": "host-header", "HostHeaderConfig": {"Values": ["app.glowcorp.io", "api.glowcorp.io"]}}],
             "Actions": [{"Type": "forward", "TargetGroupArn": "\(targetGroup)"}]}
            """
        return (try? JSONParser.parse(rule)).flatMap(ListenerRule.init)
    }
}
