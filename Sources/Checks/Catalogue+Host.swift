import Environment
import NginxConfig

extension Catalogue {
    static let nginx: [Check] = [
        Check(id: "nginx.config-valid", hop: .nginx, severity: .error, doc: "the configuration parses as nginx would (every file, every include)",
              needs: [.nginx],
              examples: [.passes(), .fails("glowcorp", edit: { s in
                  s.nginx = NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: InMemorySource(files: ["/etc/nginx/nginx.conf": Array("http {\n  server {\n    listen 80\n  }\n".utf8)]))
              })]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            let errors = config.errors
            var out = errors.map { e in
                ctx.problem("nginx 설정 오류: \(e.message). nginx -t가 실패하고, restart하면 nginx가 멈춘 채로 남아요.",
                            hint: "sudo nginx -t로 확인하고 고친 뒤 reload해요.", location: e.line.map { "\(e.file):\($0)" } ?? e.file)
            }
            out += config.warnings.map { w in ctx.problem(w.message, hint: "그 줄 끝에 ';'을 붙여요.", location: "\(w.file):\(w.line)") }
            return out.isEmpty ? [ctx.pass("nginx 설정 파일 \(config.files.count)개를 오류 없이 읽었어요.", location: config.files.first?.path)] : out
        },
        Check(id: "nginx.listen", hop: .nginx, severity: .error, doc: "a server listens on `port`",
              parameters: [.init(name: "port", doc: "the port", defaultValue: "80")], needs: [.nginx],
              examples: [.passes(), .fails("broken/nginx-on-8080")]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            let view = ctx.nginxView(config)
            let port = ctx.intParameter("port")
            if let s = view.servers.first(where: { $0.ports.contains(port) }) {
                return [ctx.pass("nginx가 \(port)에서 기다려요.", location: s.directive.location)]
            }
            return [ctx.problem("nginx가 \(port)에서 기다리지 않아요 (listen: \(view.listenPorts.map(String.init).joined(separator: ", "))).",
                                hint: "server 블록의 listen을 \(port, .으로로) 바꾸고 sudo nginx -t && sudo systemctl reload nginx.",
                                location: view.servers.first?.directive.location, expected: String(port),
                                actual: view.listenPorts.map(String.init).joined(separator: ", "))]
        },
        Check(id: "nginx.health-location", hop: .nginx, severity: .error,
              doc: "the default server on `port` answers `path` itself (ALB health checks carry the instance IP as Host)",
              parameters: [.init(name: "path", doc: "the health-check path", defaultValue: "/health"),
                           .init(name: "port", doc: "the port health checks use", defaultValue: "80")],
              needs: [.nginx], after: ["nginx.listen", "nginx.config-valid"],
              examples: [.passes(), .fails("broken/no-health-location")]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            let view = ctx.nginxView(config)
            let path = ctx.parameter("path"), port = ctx.intParameter("port")
            guard let server = view.defaultServer(port: port) else { return [ctx.notChecked("\(port)에서 기다리는 server가 없어요.")] }
            if let loc = view.location(in: server, answering: path),
               loc.block?.contains(where: { $0.name == "return" && $0.args.first == "200" }) == true {
                return [ctx.pass("default server가 \(path)에 직접 200으로 답해요.", location: loc.location)]
            }
            return [ctx.problem("상태 검사는 Host에 app.glowcorp.io가 아니라 인스턴스 IP를 담아 와서 default server가 받아요. 그런데 그 server에 200으로 답하는 \(path, .이가) 없어요.",
                                hint: "default_server 블록에: location = \(path) { access_log off; return 200 \"ok\\n\"; }",
                                location: server.directive.location, expected: "location = \(path) { return 200 … }", actual: "없음")]
        },
        Check(id: "nginx.no-scheme-redirect", hop: .nginx, severity: .error,
              doc: "no `if ($scheme = http) { return 301 https://… }`: behind a TLS-terminating ALB it loops",
              needs: [.nginx], after: ["nginx.config-valid"],
              examples: [.passes(), .fails("broken/scheme-redirect-loop")]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            let view = ctx.nginxView(config)
            for server in view.servers {
                for d in server.all where d.name == "if" && d.args.first == "$scheme" {
                    if d.block?.contains(where: { ($0.name == "return" || $0.name == "rewrite") && $0.args.contains { $0.contains("https://") } }) == true {
                        return [ctx.problem("ALB 뒤의 nginx에게 $scheme은 언제나 http예요 (TLS는 ALB에서 끝나요). 그래서 이 리다이렉트는 끝없이 반복돼요: ERR_TOO_MANY_REDIRECTS.",
                                            hint: "리다이렉트는 ALB의 80 리스너에서 하거나, $http_x_forwarded_proto를 보세요.",
                                            location: d.location, expected: "$scheme 리다이렉트 없음", actual: "if (\(d.args.joined(separator: " ")))")]
                    }
                }
            }
            return [ctx.pass("$scheme으로 HTTPS를 강제하는 리다이렉트가 없어요.", location: config.files.first?.path)]
        },
        Check(id: "nginx.real-ip", hop: .nginx, severity: .warning,
              doc: "servers take the client address from X-Forwarded-For sent by the VPC (set_real_ip_from + real_ip_header)",
              needs: [.nginx],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  s.nginx = Catalogue.nginx("http {\n  server {\n    listen 80;\n    server_name app.glowcorp.io;\n  }\n}\n")
              }),
              // The inner value decides: http reads X-Forwarded-For, but this server's own real_ip_header
              // names a header the ALB does not send.
              .warns("glowcorp", edit: { s in
                  s.nginx = Catalogue.nginx("http {\n  set_real_ip_from 10.0.0.0/16;\n  real_ip_header X-Forwarded-For;\n  server {\n    listen 80;\n    server_name app.glowcorp.io;\n    real_ip_header X-Real-IP;\n  }\n}\n")
              }),
              .passes("glowcorp", edit: { s in
                  s.nginx = Catalogue.nginx("http {\n  set_real_ip_from 10.0.0.0/16;\n  real_ip_header X-Forwarded-For;\n  server {\n    listen 80;\n    server_name app.glowcorp.io;\n  }\n}\n")
              })]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            let view = ctx.nginxView(config)
            return view.servers.filter { !$0.names.contains("_") }.map { s in
                // Effective at the server's `/`: the innermost real_ip_header and set_real_ip_from.
                let at = view.location(in: s, answering: "/")
                let header = view.effective("real_ip_header", in: s, at: at).last
                let trusted = view.effective("set_real_ip_from", in: s, at: at)
                let name = s.names.first ?? "server"
                if header?.args.first?.lowercased() == "x-forwarded-for", !trusted.isEmpty {
                    return ctx.pass("\(name, .은는) X-Forwarded-For에서 클라이언트 주소를 읽어요 (\(trusted.flatMap(\.args).joined(separator: ", "), .을를) 믿어요).", location: header?.location ?? s.directive.location)
                }
                let actual = header.map { "real_ip_header \($0.args.joined(separator: " "))" } ?? (trusted.isEmpty ? "없음" : "real_ip_header 없음")
                return ctx.problem("\(name)의 접근 로그에 클라이언트 대신 ALB 노드의 10.0.x.x가 남아요.",
                                   hint: "set_real_ip_from 10.0.0.0/16; real_ip_header X-Forwarded-For; real_ip_recursive on; (안쪽 블록에 적힌 값이 바깥 값보다 우선해요)",
                                   location: header?.location ?? s.directive.location, expected: "real_ip_header X-Forwarded-For + set_real_ip_from", actual: actual)
            }
        },
        Check(id: "nginx.forwarded-headers", hop: .nginx, severity: .warning,
              doc: "proxied locations pass X-Forwarded-For ($proxy_add_x_forwarded_for) and X-Forwarded-Proto ($http_x_forwarded_proto, not $scheme)",
              needs: [.nginx],
              examples: [.passes(), .warns("glowcorp", edit: { s in
                  s.nginx = Catalogue.nginx("http {\n  server {\n    listen 80;\n    server_name app.glowcorp.io;\n    location / {\n      proxy_pass http://127.0.0.1:3000;\n      proxy_set_header X-Forwarded-Proto $scheme;\n    }\n  }\n}\n")
              }),
              // The inner level decides: the server sets both headers, but a location with a
              // proxy_set_header of its own inherits none of them (nginx's merge of array directives).
              .warns("glowcorp", edit: { s in
                  s.nginx = Catalogue.nginx("http {\n  server {\n    listen 80;\n    server_name app.glowcorp.io;\n    proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\n    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    location / {\n      proxy_pass http://127.0.0.1:3000;\n      proxy_set_header Host $host;\n    }\n  }\n}\n")
              }),
              .passes("glowcorp", edit: { s in
                  s.nginx = Catalogue.nginx("http {\n  proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;\n  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n  server {\n    listen 80;\n    server_name app.glowcorp.io;\n    location / { proxy_pass http://127.0.0.1:3000; }\n  }\n}\n")
              })]) { ctx in
            guard let config = ctx.snapshot.nginx else { return [ctx.notChecked("nginx 설정이 없어요.")] }
            var out: [Finding] = []
            let view = ctx.nginxView(config)
            for server in view.servers {
                for loc in server.locations where loc.block?.contains(where: { $0.name == "proxy_pass" }) == true {
                    // What nginx sends from this location: the innermost level's proxy_set_header lines only.
                    let headers = view.effective("proxy_set_header", in: server, at: loc)
                    func value(_ name: String) -> String? { headers.first { $0.args.first?.lowercased() == name.lowercased() }?.args.dropFirst().first }
                    let proto = value("X-Forwarded-Proto"), xff = value("X-Forwarded-For")
                    if proto == "$http_x_forwarded_proto" && xff == "$proxy_add_x_forwarded_for" {
                        out.append(ctx.pass("\(server.names.first ?? "server") \(loc.args.joined(separator: " "), .이가) X-Forwarded-For와 X-Forwarded-Proto를 앱에 넘겨요.", location: loc.location))
                    } else {
                        out.append(ctx.problem("\(server.names.first ?? "server") \(loc.args.joined(separator: " ")): 앱이 받는 X-Forwarded-Proto가 \(proto ?? "없음"), X-Forwarded-For가 \(xff ?? "없음", .이에요예요). 앱은 모든 요청이 http라고 생각하고 http:// 링크를 만들어요.",
                                               hint: "proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                                               location: loc.location, expected: "$http_x_forwarded_proto / $proxy_add_x_forwarded_for",
                                               actual: "\(proto ?? "없음") / \(xff ?? "없음")"))
                    }
                }
            }
            return out.isEmpty ? [ctx.notChecked("proxy_pass가 있는 location이 없어요.")] : out
        },
    ]

    static let docker: [Check] = [
        Check(id: "docker.running", hop: .docker, severity: .error, doc: "the app containers nginx proxies to are running",
              needs: [.docker],
              examples: [.passes(), .fails("broken/container-exited")]) { ctx in
            guard let containers = ctx.snapshot.containers else { return [ctx.notChecked("도커 정보가 없어요.")] }
            guard !containers.isEmpty else { return [ctx.problem("컨테이너가 하나도 없어요.", hint: "docker run -d --name glow-app -p 127.0.0.1:3000:3000 …")] }
            return containers.map { c in
                c.isRunning ? ctx.pass("\("\(c.name) (\(c.image))", .이가) 돌고 있어요: \(c.status).", location: c.name)
                    : ctx.problem("\(c.name, .이가) 멈췄어요 (\(c.status)). nginx가 502를 돌려줘요 (connect() failed (111: Connection refused)).",
                                  hint: "docker logs \(c.name, .으로로) 이유를 보고, docker start \(c.name).", location: c.name,
                                  expected: "running", actual: c.status)
            }
        },
        Check(id: "docker.published-port", hop: .docker, severity: .error, doc: "every running app container publishes a host port",
              needs: [.docker], after: ["docker.running"],
              examples: [.passes(), .fails("broken/port-not-published")]) { ctx in
            guard let containers = ctx.snapshot.containers else { return [ctx.notChecked("도커 정보가 없어요.")] }
            return containers.filter(\.isRunning).map { c in
                if let p = c.published.first {
                    return ctx.pass("\(c.name, .은는) \(p.hostIp ?? "0.0.0.0"):\(p.hostPort!)->\(p.containerPort)/\(p.proto, .으로로) 게시돼요.", location: c.name)
                }
                return ctx.problem("\(c.name, .이가) 호스트 포트를 게시하지 않아서, 호스트의 nginx가 닿을 수 없어요.",
                                   hint: "docker run … -p 127.0.0.1:\(c.ports.first?.containerPort ?? 3000):\(c.ports.first?.containerPort ?? 3000) …로 다시 띄워요.",
                                   location: c.name, expected: "127.0.0.1:PORT->PORT/tcp", actual: c.ports.map { "\($0.containerPort)/\($0.proto)" }.joined(separator: ", ").nonEmpty ?? "없음")
            }
        },
    ]
}
