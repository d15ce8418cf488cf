import Environment
extension Catalogue {
    static let network: [Check] = [
        Check(id: "network.vpc-cidr", hop: .network, severity: .error, doc: "the VPC the ALB is in has the lesson's IPv4 CIDR",
              parameters: [.init(name: "cidr", doc: "the VPC's IPv4 CIDR block", defaultValue: "10.0.0.0/16")],
              needs: [.vpcs],
              examples: [.passes(), .fails("glowcorp", with: ["cidr": "10.1.0.0/16"])]) { ctx in
            guard let vpc = ctx.chain.vpc else {
                return [ctx.problem("glowcorp의 VPC를 찾지 못했어요 (ALB도, glowcorp- 이름의 VPC도 없어요).",
                                    hint: "VPC를 만들고 이름 태그를 glowcorp-vpc로 달아요.")]
            }
            let want = ctx.parameter("cidr")
            if CIDRBlock(vpc.cidrBlock) == CIDRBlock(want) { return [ctx.pass("\(vpc.label)의 CIDR은 \(vpc.cidrBlock, .이에요예요).", location: vpc.id)] }
            return [ctx.problem("\(vpc.label)의 CIDR이 \(vpc.cidrBlock, .이에요예요).", hint: "이 레슨의 VPC는 \(want, .을를) 써요. CIDR은 만든 뒤 바꿀 수 없으니 새 VPC를 만들어요.",
                                location: vpc.id, expected: want, actual: vpc.cidrBlock)]
        },
        Check(id: "network.subnets", hop: .network, severity: .error,
              doc: "the VPC's subnets: at least `count`, in different AZs, inside `within`, not overlapping",
              parameters: [.init(name: "count", doc: "how many subnets", defaultValue: "2"),
                           .init(name: "within", doc: "the VPC CIDR they must lie in", defaultValue: "10.0.0.0/16")],
              needs: [.subnets, .vpcs],
              examples: [.passes(), .passes("broken/alb-in-one-az"), .fails("glowcorp", with: ["within": "10.9.0.0/16"]),
                         .fails("glowcorp", edit: { s in s.subnets = s.subnets?.filter { $0.availabilityZone != "ap-northeast-2c" } })]) { ctx in
            guard let vpc = ctx.chain.vpc else { return [ctx.notChecked("VPC를 찾지 못했어요.")] }
            let subnets = (ctx.snapshot.subnets ?? []).filter { $0.vpcId == vpc.id }
            let count = ctx.intParameter("count")
            let within = CIDRBlock(ctx.parameter("within"))
            var problems: [String] = []
            let zones = Set(subnets.map(\.availabilityZone))
            if subnets.count < count || zones.count < count {
                problems.append("가용 영역이 다른 서브넷이 \(count)개 필요한데 \(zones.count)개예요")
            }
            for s in subnets {
                guard let block = CIDRBlock(s.cidrBlock) else { continue }
                if let within, !within.contains(block) { problems.append("\(s.label)의 \(s.cidrBlock, .이가) \(within) 밖이에요") }
            }
            for (i, a) in subnets.enumerated() {
                for b in subnets[(i + 1)...] {
                    if let x = CIDRBlock(a.cidrBlock), let y = CIDRBlock(b.cidrBlock), x.contains(y.network) || y.contains(x.network) {
                        problems.append("\(a.label, .과와) \(b.label)의 CIDR이 겹쳐요")
                    }
                }
            }
            let actual = subnets.map { "\($0.cidrBlock) (\($0.availabilityZone))" }.joined(separator: ", ")
            if problems.isEmpty { return [ctx.pass("서브넷 \(subnets.count)개: \(actual).", location: subnets.map(\.id).joined(separator: ", "))] }
            return [ctx.problem(problems.joined(separator: "; ") + ".", hint: "ALB에는 가용 영역이 다른 퍼블릭 서브넷이 두 개 이상 있어야 해요.",
                                location: subnets.map(\.id).joined(separator: ", "),
                                expected: "\(count)개, 서로 다른 가용 영역, \(within?.description ?? "") 안", actual: actual.isEmpty ? "없음" : actual)]
        },
        Check(id: "network.igw-attached", hop: .network, severity: .error, doc: "an internet gateway is attached to the VPC",
              needs: [.vpcs, .internetGateways],
              examples: [.passes(), .fails("broken/igw-detached")]) { ctx in
            guard let vpc = ctx.chain.vpc else { return [ctx.notChecked("VPC를 찾지 못했어요.")] }
            if let igw = ctx.snapshot.internetGateways?.first(where: { $0.attachedVpcs.contains(vpc.id) }) {
                return [ctx.pass("\(igw.label, .이가) \(vpc.label)에 연결(attached)되어 있어요.", location: igw.id)]
            }
            let detached = ctx.snapshot.internetGateways?.first { $0.attachedVpcs.isEmpty && ($0.name ?? "").hasPrefix("glowcorp") }
            return [ctx.problem("\(vpc.label)에 연결된 인터넷 게이트웨이가 없어요\(detached.map { ". \($0.label, .은는) 만들어졌지만 detached 상태예요" } ?? ""). VPC가 인터넷과 통신할 수 없어요.",
                                hint: "aws ec2 attach-internet-gateway --internet-gateway-id \(detached?.id ?? "igw-…") --vpc-id \(vpc.id)",
                                location: detached?.id ?? vpc.id, expected: "attached (State: available)", actual: detached == nil ? "없음" : "detached")]
        },
        Check(id: "network.default-route", hop: .network, severity: .error,
              doc: "a route table of the VPC sends 0.0.0.0/0 to its attached internet gateway",
              needs: [.vpcs, .routeTables, .internetGateways], after: ["network.igw-attached"],
              examples: [.passes(), .fails("broken/no-default-route")]) { ctx in
            guard let vpc = ctx.chain.vpc else { return [ctx.notChecked("VPC를 찾지 못했어요.")] }
            let attached = Set((ctx.snapshot.internetGateways ?? []).filter { $0.attachedVpcs.contains(vpc.id) }.map(\.id))
            let tables = (ctx.snapshot.routeTables ?? []).filter { $0.vpcId == vpc.id }
            if let t = tables.first(where: { $0.defaultRouteGateway.map(attached.contains) ?? false }) {
                return [ctx.pass("\(t.label)에 0.0.0.0/0 → \(t.defaultRouteGateway!) 경로가 있어요.", location: t.id)]
            }
            if let t = tables.first(where: { $0.defaultRouteGateway != nil }) {
                return [ctx.problem("\(t.label)의 0.0.0.0/0 경로가 VPC에 연결되지 않은 \(t.defaultRouteGateway!, .을를) 가리켜요 (실제 AWS에서는 blackhole 상태예요).",
                                    hint: "인터넷 게이트웨이를 VPC에 연결해요.", location: t.id, expected: "연결된 IGW", actual: t.defaultRouteGateway)]
            }
            return [ctx.problem("\(vpc.label)의 어떤 라우팅 테이블도 0.0.0.0/0을 인터넷 게이트웨이로 보내지 않아요.",
                                hint: "aws ec2 create-route --route-table-id <rtb> --destination-cidr-block 0.0.0.0/0 --gateway-id <igw>",
                                location: vpc.id, expected: "0.0.0.0/0 → igw-…", actual: "없음")]
        },
        Check(id: "network.subnet-routes", hop: .network, severity: .error,
              doc: "every ALB subnet's effective route table has the 0.0.0.0/0 route (explicit association, else the main table); before there is an ALB, glowcorp's subnets",
              needs: [.subnets, .routeTables], after: ["network.default-route", "network.igw-attached"],
              examples: [.passes(), .fails("broken/subnet-on-main-route-table"),
                         .fails("broken/subnet-on-main-route-table", edit: { s in s.loadBalancers = [] })]) { ctx in
            guard !ctx.chain.publicSubnets.isEmpty else { return [ctx.notChecked("ALB의 서브넷도 glowcorp-의 서브넷도 찾지 못했어요.")] }
            return ctx.chain.publicSubnets.map { subnet in
                guard let table = ctx.snapshot.effectiveRouteTable(for: subnet) else {
                    return ctx.problem("\(subnet.label, .이가) 쓰는 라우팅 테이블을 찾지 못했어요.", location: subnet.id)
                }
                let how = table.subnetIds.contains(subnet.id) ? "연결된" : "기본(main)"
                if let igw = table.defaultRouteGateway {
                    return ctx.pass("\(subnet.label, .은는) \(how) 테이블 \(table.label, .으로로) 0.0.0.0/0 → \(igw, .을를) 써요.", location: subnet.id)
                }
                return ctx.problem("\(subnet.label, .이가) \(how) 라우팅 테이블 \(table.label, .을를) 쓰는데, 거기에는 인터넷으로 가는 경로가 없어요. 이 서브넷의 ALB 노드는 응답하지 못해요 (가끔씩 시간 초과).",
                                   hint: "이 서브넷을 0.0.0.0/0 → igw 경로가 있는 테이블에 연결해요: aws ec2 associate-route-table --route-table-id <rtb> --subnet-id \(subnet.id)",
                                   location: subnet.id, expected: "0.0.0.0/0 → igw-…", actual: "\(table.label): " + table.routes.map { $0.destination + " → " + ($0.gatewayId ?? "?") }.joined(separator: ", "))
            }
        },
        Check(id: "network.public-ip", hop: .network, severity: .warning, doc: "the subnets assign public IPv4 addresses on launch",
              needs: [.subnets],
              examples: [.passes(), .warns("glowcorp", edit: { s in s.subnets = s.subnets?.map { var x = $0; x.mapPublicIpOnLaunch = false; return x } }),
                         .warns("broken/subnet-no-public-ip", edit: { s in s.loadBalancers = [] })]) { ctx in
            let subnets = ctx.chain.publicSubnets
            guard !subnets.isEmpty else { return [ctx.notChecked("ALB의 서브넷도 glowcorp-의 서브넷도 찾지 못했어요.")] }
            return subnets.map { s in
                s.mapPublicIpOnLaunch
                    ? ctx.pass("\(s.label, .은는) 퍼블릭 IPv4 주소를 자동으로 할당해요.", location: s.id)
                    : ctx.problem("\(s.label)의 인스턴스는 공인 IP를 받지 않아서, NAT 없이는 사용자 데이터의 dnf install이 저장소에 닿지 못해요.",
                                  hint: "aws ec2 modify-subnet-attribute --subnet-id \(s.id) --map-public-ip-on-launch", location: s.id,
                                  expected: "MapPublicIpOnLaunch: true", actual: "false")
            }
        },
    ]
}
