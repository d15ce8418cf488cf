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
              examples: [.passes(), .fails("broken/no-record-for-api")]) { ctx in
            guard ctx.chain.zone != nil else { return [ctx.notChecked("호스팅 영역이 없어서 레코드를 볼 수 없어요.")] }
            return records(ctx).map { name in
                if let r = ctx.chain.records[name] {
                    return ctx.pass("\(name) 레코드가 있어요 (\(r.type)\(r.alias != nil ? " 별칭" : "")).", location: name)
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
    ]
}
