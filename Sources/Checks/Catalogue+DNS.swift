import Environment
extension Catalogue {
    static let dns: [Check] = [
        Check(id: "dns.zone", hop: .dns, severity: .error, doc: "a public hosted zone for the domain exists",
              parameters: [zoneParameter], needs: [.hostedZones],
              examples: [.passes(), .fails("glowcorp", edit: { s in s.hostedZones = [] })]) { ctx in
            let name = DNSName.normalized(ctx.parameter("zone"))
            let zones = (ctx.snapshot.hostedZones ?? []).filter { DNSName.normalized($0.name) == name }
            if let zone = zones.first(where: { !$0.isPrivate }) {
                return [ctx.pass("\(name)의 퍼블릭 호스팅 영역이 있어요.", location: zone.id)]
            }
            if let zone = zones.first {
                return [ctx.problem("\(name) 호스팅 영역이 프라이빗이에요. 인터넷의 질의에는 답하지 않아요.",
                                    hint: "퍼블릭 호스팅 영역을 만들어요: aws route53 create-hosted-zone --name \(name) --caller-reference …",
                                    location: zone.id, expected: "퍼블릭", actual: "프라이빗")]
            }
            return [ctx.problem("\(name)의 퍼블릭 호스팅 영역이 없어요.",
                                hint: "aws route53 create-hosted-zone --name \(name) --caller-reference <아무 고유 문자열>",
                                expected: "호스팅 영역 \(name).", actual: "없음")]
        },
        Check(id: "dns.record", hop: .dns, severity: .error, doc: "every record name (app, api) has an A/AAAA alias or CNAME record",
              parameters: [recordParameter, zoneParameter], needs: [.hostedZones, .records], after: ["dns.zone"],
              examples: [.passes(), .fails("broken/no-record-for-api"),
                         // The records in a second zone of the same name, which the registrar does not name.
                         .fails("glowcorp", edit: { s in Self.recordsInTwinZone(&s) })]) { ctx in
            guard ctx.chain.zone != nil else { return [ctx.notChecked("호스팅 영역이 없어서 레코드를 볼 수 없어요.")] }
            return records(ctx).map { name in
                if let r = ctx.chain.records[name] {
                    return ctx.pass("\(name) 레코드가 있어요 (\(r.type)\(r.alias != nil ? " 별칭" : "")).", location: name)
                }
                if let other = Self.otherZones(ctx).first(where: { z in (z.records ?? []).contains { DNSName.normalized($0.name) == name } }) {
                    return ctx.problem("\(name) 레코드가 같은 이름의 다른 호스팅 영역 \(other.id)에만 있어요. 등록 대행자가 가리키는 영역은 \(ctx.chain.zone?.id ?? "", .이라라), 그 레코드는 아무도 묻지 않아요 (NXDOMAIN).",
                                       hint: "레코드를 \(ctx.chain.zone?.id ?? "등록 대행자가 가리키는 영역")에 만들어요 (change-resource-record-sets --hosted-zone-id \(ctx.chain.zone?.id ?? "…")), 쓰지 않는 영역은 지워요.",
                                       location: name, expected: "\(ctx.chain.zone?.id ?? "")에 A (별칭) 레코드", actual: "\(other.id)에만 있음")
                }
                return ctx.problem("\(name)에 레코드가 없어서 브라우저는 NXDOMAIN을 받아요.",
                                   hint: "ALB를 가리키는 별칭 A 레코드를 만들어요 (UPSERT).", location: name,
                                   expected: "A (별칭) 레코드", actual: "없음")
            }
        },
        Check(id: "dns.alias", hop: .dns, severity: .warning, doc: "the records are alias A records, not CNAMEs",
              parameters: [recordParameter, zoneParameter], needs: [.hostedZones, .records], after: ["dns.record"],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  s.hostedZones = s.hostedZones?.map { z in
                      var z = z
                      z.records = z.records?.map { r in
                          guard r.name.hasPrefix("app.") else { return r }
                          var c = r
                          c.type = "CNAME"
                          c.values = [r.alias!.dnsName]
                          c.alias = nil
                          return c
                      }
                      return z
                  }
              })]) { ctx in
            records(ctx).compactMap { name in
                guard let r = ctx.chain.records[name] else { return nil }
                if r.type == "A" || r.type == "AAAA", r.alias != nil { return ctx.pass("\(name, .은는) 별칭 \(r.type) 레코드예요.", location: name) }
                return ctx.problem("\(name, .이가) \(r.type) 레코드예요. 동작은 하지만 이 레슨은 별칭 A 레코드를 써요: AWS 리소스를 가리키는 별칭 질의는 무료이고, apex에도 쓸 수 있고, 대상 상태를 평가할 수 있어요.",
                                   hint: "유형 A, 별칭 켬, 대상은 ALB로 다시 만들어요.", location: name, expected: "A (별칭)", actual: r.type)
            }
        },
        Check(id: "dns.no-apex-cname", hop: .dns, severity: .error, doc: "no CNAME at the zone apex",
              parameters: [zoneParameter], needs: [.hostedZones, .records], after: ["dns.zone"],
              examples: [.passes(), .fails("broken/cname-at-apex")]) { ctx in
            guard let zone = ctx.chain.zone else { return [ctx.notChecked("호스팅 영역이 없어요.")] }
            if let cname = zone.records?.first(where: { $0.type == "CNAME" && DNSName.normalized($0.name) == ctx.chain.zoneName }) {
                return [ctx.problem("영역의 꼭대기(apex) \(ctx.chain.zoneName)에 CNAME이 있어요. DNS는 apex의 CNAME을 허용하지 않아요 (실제 Route 53은 'is not permitted at apex'로 거부해요).",
                                    hint: "apex에는 ALB를 가리키는 별칭 A 레코드를 써요.", location: ctx.chain.zoneName,
                                    expected: "CNAME 없음", actual: "CNAME → \(cname.values.first ?? "")")]
            }
            return [ctx.pass("apex에 CNAME이 없어요.", location: ctx.chain.zoneName)]
        },
        Check(id: "dns.evaluate-health", hop: .dns, severity: .warning, doc: "alias records evaluate target health",
              parameters: [recordParameter, zoneParameter], needs: [.hostedZones, .records], after: ["dns.record"],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  s.hostedZones = s.hostedZones?.map { z in
                      var z = z
                      z.records = z.records?.map { r in var r = r; r.alias?.evaluateTargetHealth = false; return r }
                      return z
                  }
              })]) { ctx in
            records(ctx).compactMap { name in
                guard let alias = ctx.chain.records[name]?.alias else { return nil }
                if alias.evaluateTargetHealth { return ctx.pass("\(name, .은는) 대상 상태를 평가해요.", location: name) }
                return ctx.problem("\(name, .이가) 대상 상태를 평가하지 않아서, ALB에 건강한 대상이 없어도 Route 53은 알지 못해요.",
                                   hint: "레코드에서 '대상 상태 평가'를 켜요 (EvaluateTargetHealth: true).", location: name,
                                   expected: "true", actual: "false")
            }
        },
        Check(id: "dns.delegation", hop: .dns, severity: .error,
              doc: "the registered domain's name servers (route53domains) are the hosted zone's NS record",
              parameters: [zoneParameter], needs: [.hostedZones, .records], after: ["dns.zone"],
              examples: [.passes(), .fails("broken/registrar-other-name-servers"),
                         .fails("glowcorp", edit: { s in s.domains = s.domains.mapValues { var d = $0; d.nameServers = ["ns1.old-dns-host.example.net", "ns2.old-dns-host.example.net"]; return d } }),
                         // Registered elsewhere (or not read): not checked, with how to compare by hand.
                         .skips("glowcorp", edit: { s in s.domains = [:] })]) { ctx in
            guard let zone = ctx.chain.zone, !zone.isPrivate else { return [ctx.notChecked("퍼블릭 호스팅 영역이 없어요.")] }
            let name = ctx.chain.zoneName
            let zoneNS = zone.nameServers ?? []
            guard let domain = ctx.snapshot.domains[name] else {
                return [ctx.notChecked("\(name)의 도메인 등록 정보(route53domains get-domain-detail)가 없어요: 다른 등록 대행자나 다른 계정에 등록된 도메인이면 그래요. `dig NS \(name) +short`의 답이 이 영역의 NS 레코드(\(zoneNS.joined(separator: ", ")))와 같은지 직접 비교해 보세요.", location: zone.id)]
            }
            let registrar = domain.normalizedNameServers
            if registrar == zoneNS, !zoneNS.isEmpty {
                return [ctx.pass("등록된 도메인 \(name)의 네임 서버가 호스팅 영역 \(zone.id)의 NS 레코드와 같아요.", location: zone.id)]
            }
            let delegated = Self.otherZones(ctx).first { $0.nameServers == registrar }
            let elsewhere = delegated.map { "같은 이름의 다른 호스팅 영역 \($0.id)의 것이에요" } ?? (registrar.isEmpty ? "비어 있어요" : "Route 53 영역의 것이 아니에요")
            return [ctx.problem("등록된 도메인 \(name)의 네임 서버가 호스팅 영역 \(zone.id)의 NS 레코드와 달라요 (\(elsewhere)). 인터넷의 리졸버는 이 영역에 묻지 않으니, 레코드를 만들어도 풀리지 않아요.",
                                hint: "aws route53domains update-domain-nameservers --region us-east-1 --domain-name \(name) --nameservers \(zoneNS.map { "Name=\($0)" }.joined(separator: " "))",
                                location: zone.id, expected: zoneNS.joined(separator: ", "), actual: registrar.isEmpty ? "없음" : registrar.joined(separator: ", "))]
        },
        Check(id: "dns.zone-unique", hop: .dns, severity: .warning,
              doc: "one public hosted zone has the domain's name (a second one is never asked, and edits to it do nothing)",
              parameters: [zoneParameter], needs: [.hostedZones], after: ["dns.zone"],
              examples: [.passes(), .warns("broken/duplicate-hosted-zone"), .warns("glowcorp", edit: { s in
                  guard var twin = s.hostedZones?.first else { return }
                  twin.id = "/hostedzone/Z0TWIN0000000000000"
                  twin.records = twin.records?.map { r in var r = r; if r.type == "NS" { r.values = r.values.map { "x" + $0 } }; return r }
                  s.hostedZones?.append(twin)
              })]) { ctx in
            let name = ctx.chain.zoneName
            let publics = (ctx.snapshot.hostedZones ?? []).filter { !$0.isPrivate && DNSName.normalized($0.name) == name }
            guard publics.count > 1 else {
                return publics.isEmpty ? [ctx.notChecked("\(name) 퍼블릭 호스팅 영역이 없어요.")] : [ctx.pass("\(name) 퍼블릭 호스팅 영역은 하나예요 (\(publics[0].id)).", location: publics[0].id)]
            }
            let ids = publics.map(\.id).joined(separator: ", ")
            let used: String
            let registrar = ctx.snapshot.domains[name]?.normalizedNameServers
            let named = publics.filter { registrar != nil && $0.nameServers == registrar }
            if named.count == 1 {
                used = "등록 대행자가 쓰는 것은 \(named[0].id, .이에요예요)"
            } else if named.count > 1 {
                // Real Route 53 gives each zone of a name its own name servers; moto gives every zone the same.
                used = "영역들의 NS 레코드가 같아서 등록 대행자가 어느 것을 쓰는지 NS로는 알 수 없어요"
            } else {
                used = "어느 것을 쓰는지는 `dig NS \(name) +short`의 답과 각 영역의 NS 레코드를 비교해 알 수 있어요"
            }
            return [ctx.problem("\(name) 퍼블릭 호스팅 영역이 \(publics.count)개예요 (\(ids)). \(used). 나머지 영역의 레코드는 아무도 묻지 않아요.",
                                hint: "쓰지 않는 영역의 레코드를 옮기고 그 영역을 지워요 (aws route53 delete-hosted-zone --id …). 레슨 9의 create-hosted-zone을 이미 영역이 있는 계정에서 실행하면 이렇게 돼요.",
                                location: ids, expected: "1개", actual: "\(publics.count)개")]
        },
    ]

    /// For examples: a second public zone glowcorp.io with its own name servers holds the records; the
    /// registered domain still names the first zone's, which keeps only its NS and SOA.
    static func recordsInTwinZone(_ s: inout Snapshot) {
        guard var original = s.hostedZones?.first else { return }
        var twin = original
        twin.id = "/hostedzone/Z0TWIN0000000000000"
        twin.records = twin.records?.map { r in var r = r; if r.type == "NS" { r.values = r.values.map { "x" + $0 } }; return r }
        original.records = original.records?.filter { ["NS", "SOA"].contains($0.type) }
        s.hostedZones = [original, twin]
    }

    /// Public zones with the chain's zone name other than the one the chain uses.
    static func otherZones(_ ctx: CheckContext) -> [HostedZone] {
        (ctx.snapshot.hostedZones ?? []).filter { !$0.isPrivate && DNSName.normalized($0.name) == ctx.chain.zoneName && $0.id != ctx.chain.zone?.id }
    }
}
