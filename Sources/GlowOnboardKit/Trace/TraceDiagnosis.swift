import Checks
import Environment
/// What a failed trace usually means, at which hop, and the checks that explain it.
public struct TraceDiagnosis: Sendable, Equatable {
    /// DNS, TCP, TLS, HTTP or 리다이렉트.
    public var stage: String
    public var summary: String
    public var meaning: String
    public var checks: [String]

    public static func of(_ result: TraceResult) -> TraceDiagnosis? {
        guard let problem = result.problem else { return nil }
        let last = result.hops.last
        let host = last?.url.host ?? ""
        let port = last?.url.port ?? 0
        let at = last?.destination ?? "\(host):\(port)"
        switch problem {
        case .dns:
            return TraceDiagnosis(stage: "DNS", summary: "\(host)의 주소를 찾지 못했어요.",
                                  meaning: "Route53에 이 이름의 레코드가 없거나, 호스팅 영역이 도메인에 위임되지 않았거나, 이름을 잘못 썼어요.",
                                  checks: ["dns.zone", "dns.record", "dns.alias"])
        case .refused:
            return TraceDiagnosis(stage: "TCP", summary: "\(at)에서 연결을 거부했어요 (connection refused).",
                                  meaning: "그 주소에서 포트 \(port, .을를) 듣는 것이 없어요. ALB라면 이 포트의 리스너가 없고, 인스턴스라면 nginx가 멈췄거나 다른 포트를 들어요.",
                                  checks: ["alb.listener", "nginx.listen", "chain.tg-port-nginx-listen"])
        case .connectTimeout:
            return TraceDiagnosis(stage: "TCP", summary: "\(at)에 연결하지 못하고 시간이 끝났어요.",
                                  meaning: "패킷이 버려지고 있어요: 보안 그룹이나 네트워크 ACL이 이 포트(또는 응답의 임시 포트)를 막았거나, 서브넷에 인터넷 게이트웨이로 가는 경로가 없거나, 로드 밸런서가 internal이에요.",
                                  checks: ["alb.sg-listener-open", "network.acl", "alb.internet-facing", "network.default-route", "network.igw-attached"])
        case .responseTimeout:
            return TraceDiagnosis(stage: "HTTP", summary: "연결은 됐지만 응답이 시간 안에 오지 않았어요.",
                                  meaning: "요청이 뒤쪽 어딘가에서 멈췄어요: ALB가 인스턴스에 닿지 못하거나(보안 그룹, 네트워크 ACL), 앱이 응답하지 않아요.",
                                  checks: ["chain.sg-alb-to-instance", "network.acl", "target-group.health", "docker.running"])
        case .tls(let message):
            return TraceDiagnosis(stage: "TLS", summary: "TLS 연결이 실패했어요: \(message)",
                                  meaning: "HTTPS 리스너의 인증서가 이 이름(\(host))을 포함하지 않거나, 아직 발급(ISSUED)되지 않았거나, 만료됐거나, 신뢰할 수 없어요.",
                                  checks: ["alb.https-cert", "alb.sg-listener-open"])
        case .other(let message):
            return TraceDiagnosis(stage: "HTTP", summary: message, meaning: "요청을 끝내지 못했어요.", checks: [])
        case .notMapped(let url):
            return TraceDiagnosis(stage: "DNS", summary: "\(url, .은는) --resolve/--connect-to에 없어서 보내지 않았어요 (--mapped-only).",
                                  meaning: "리다이렉트가 다른 이름이나 포트로 보내요. 그곳도 따라가려면 매핑을 더해요.", checks: [])
        case .linkLocalRedirect(let url):
            return TraceDiagnosis(stage: "리다이렉트", summary: "\(url, .으로로) 가는 리다이렉트는 따라가지 않았어요: 링크 로컬(메타데이터) 주소예요.",
                                  meaning: "169.254.169.254 같은 주소는 인스턴스 메타데이터(역할의 자격 증명까지)를 내줘요. 서비스가 그쪽으로 리다이렉트하면 요청을 내부로 돌리는 공격(SSRF)일 수 있어요. 정말 따라가려면 --allow-link-local.",
                                  checks: [])
        case .tooManyRedirects(let n):
            return TraceDiagnosis(stage: "리다이렉트", summary: "리다이렉트가 \(n)번을 넘었어요.",
                                  meaning: "리다이렉트가 끝나지 않아요. 규칙이 서로를 가리키는지 봐요.", checks: ["nginx.no-scheme-redirect", "alb.listener"])
        case .redirectLoop(let urls):
            return TraceDiagnosis(stage: "리다이렉트", summary: "리다이렉트가 돌고 있어요: \(urls.joined(separator: " → "))",
                                  meaning: "ALB가 HTTPS를 끝내고 nginx에는 HTTP로 보내요. nginx가 $scheme(ALB 뒤에서는 늘 http)을 보고 https로 보내면 같은 곳으로 끝없이 돌아와요. X-Forwarded-Proto를 봐야 해요.",
                                  checks: ["nginx.no-scheme-redirect", "alb.listener"])
        case .http(let status, let server):
            let byALB = server.lowercased().contains("awselb")
            let byNginx = server.lowercased().contains("nginx")
            let who = byALB ? "ALB" : byNginx ? "nginx" : server.isEmpty ? "서버" : server
            switch status {
            case 502:
                return TraceDiagnosis(stage: "HTTP", summary: "502 Bad Gateway (\(who)).",
                                      meaning: byALB ? "ALB가 대상에게서 올바른 응답을 받지 못했어요: 대상이 연결을 끊었거나(keepalive가 ALB의 유휴 시간보다 짧음) nginx가 잘못 응답했어요."
                                          : "nginx가 앱(proxy_pass)에 연결하지 못했어요: 앱 컨테이너가 멈췄거나, proxy_pass 포트가 컨테이너가 게시한 포트와 달라요.",
                                      checks: byALB ? ["chain.keepalive-idle-timeout", "nginx.listen", "target-group.health"]
                                          : ["docker.running", "docker.published-port", "chain.proxy-pass-published-port"])
            case 503:
                return TraceDiagnosis(stage: "HTTP", summary: "503 Service Unavailable (\(who)).",
                                      meaning: byALB || !byNginx ? "ALB가 보낼 정상(healthy) 대상이 없어요: 대상이 등록되지 않았거나, 상태 검사가 실패하거나, 리스너가 대상이 없는 그룹으로 전달해요."
                                          : "nginx가 요청을 받지 않았어요 (limit이나 upstream 설정).",
                                      checks: ["target-group.targets-registered", "target-group.health", "chain.listener-target-group", "chain.health-check-path"])
            case 504:
                return TraceDiagnosis(stage: "HTTP", summary: "504 Gateway Timeout (\(who)).",
                                      meaning: byNginx ? "nginx가 앱의 응답을 기다리다 시간이 끝났어요 (proxy_read_timeout): 앱이 느리거나 멈췄어요."
                                          : "ALB가 대상의 응답을 기다리다 시간이 끝났어요: 인스턴스 보안 그룹이나 네트워크 ACL(응답의 임시 포트)이 막았거나 nginx/앱이 느려요.",
                                      checks: byNginx ? ["docker.running", "chain.proxy-pass-published-port"] : ["chain.sg-alb-to-instance", "network.acl", "target-group.health"])
            case 404 where byNginx:
                return TraceDiagnosis(stage: "HTTP", summary: "404 Not Found (nginx).",
                                      meaning: "Host(\(host))를 받는 server가 없으면 기본 server가 답해요(여기서는 404). server_name과 레코드 이름이 맞는지 봐요.",
                                      checks: ["chain.server-name-records"])
            default:
                return TraceDiagnosis(stage: "HTTP", summary: "\(status) (\(who)).", meaning: "요청은 도착했지만 \(who, .이가) 오류로 답했어요.", checks: [])
            }
        }
    }
}
