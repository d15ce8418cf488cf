import JSON
import Testing
@testable import NginxConfig

@Suite struct NginxParserTests {
    func parse(_ text: String) -> NginxParser.Result { NginxParser.parse(text, file: "t.conf") }
    func args(_ text: String) -> [[String]] { parse(text).directives.map { [$0.name] + $0.args } }

    @Test func directivesBlocksAndLines() {
        let r = parse("user nginx;\nhttp {\n  server {\n    listen 80;\n  }\n}\n")
        #expect(r.errors.isEmpty)
        #expect(r.directives.map(\.name) == ["user", "http"])
        let server = r.directives[1].block![0]
        #expect(server.line == 3 && server.block?.first?.args == ["80"] && server.block?.first?.line == 4)
    }

    @Test func quotesAndEscapes() {
        #expect(args(#"a "b c" 'd e' "f\"g" 'h\'i' j\ k "\t";"#) == [["a", "b c", "d e", "f\"g", "h'i", #"j\ k"#, "\t"]])
        #expect(args(#"return 200 "ok\n";"#) == [["return", "200", "ok\n"]])
        #expect(args(#"x "a\qb";"#) == [["x", #"a\qb"#]])
    }

    @Test func variablesWithBracesDoNotOpenBlocks() {
        #expect(args("set $a ${host}x;") == [["set", "$a", "${host}x"]])
    }

    @Test func hashAndBraceOnlyAtTokenStart() {
        #expect(args("a b#c d}e;") == [["a", "b#c", "d}e"]])
        #expect(args("a b #comment ;\n;") == [["a", "b"]])
        #expect(args("a b{c;}").isEmpty == false)
        let r = parse("location /x{ return 204; }")
        #expect(r.directives.first?.args == ["/x"] && r.directives.first?.block?.first?.name == "return")
    }

    @Test func ifArgumentsLoseTheirParentheses() {
        let r = parse("if ($scheme = http) { return 301 https://$host; }")
        #expect(r.directives.first?.args == ["$scheme", "=", "http"])
        #expect(parse("if ( $a ) { }").directives.first?.args == ["$a"])
    }

    @Test(arguments: [
        ("a;\n}", "unexpected \"}\" in t.conf:2"),
        ("a {\n b;\n", "unexpected end of file, expecting \"}\" in t.conf:3"),
        ("a b", "unexpected end of file, expecting \";\" or \"}\" in t.conf:1"),
        (";", "unexpected \";\" in t.conf:1"),
        ("a \"b\"c;", "unexpected \"c\" in t.conf:1"),
        ("a b }", "unexpected \"}\" in t.conf:1"),
        ("{", "unexpected \"{\" in t.conf:1"),
    ])
    func errorsReadLikeNginx(_ text: String, _ message: String) {
        #expect(parse(text).errors.map(\.description) == [message])
    }

    @Test func readingGoesOnAfterAnErrorSoEveryErrorIsReported() {
        let r = parse("a;\nb {\n c;\n}\n}\nd;")
        #expect(r.directives.map(\.name) == ["a", "b", "d"])
        #expect(r.errors.map(\.description) == ["unexpected \"}\" in t.conf:5"])
        let many = parse("http {\n  server {\n    listen 80 }\n    a \"b\"c;\n    ok;\n  }\n}\n}\n")
        #expect(many.errors.map(\.description) == ["unexpected \"}\" in t.conf:3", "unexpected \"c\" in t.conf:4", "unexpected \"}\" in t.conf:8"])
        #expect(many.directives.first?.block?.first?.block?.map(\.name) == ["ok"])
    }

    @Test func tokenLimit() {
        let long = String(repeating: "x", count: 4096)
        #expect(parse("a \(long);").errors.first?.description == "too long parameter \"xxxxxxxxxx...\" started in t.conf:1")
        #expect(parse("a \(String(repeating: "x", count: 4095));").errors.isEmpty)
        #expect(!parse("a \(String(repeating: "x", count: 4096));").errors.isEmpty)
    }

    @Test func missingSemicolonIsFlagged() {
        let r = parse("server {\n    server_name app.glowcorp.io\n    listen 80;\n}\n")
        #expect(r.errors.isEmpty)
        #expect(r.directives[0].block?[0].args == ["app.glowcorp.io", "listen", "80"])
        #expect(r.warnings.map(\.description) == ["t.conf:2: warning: 'listen' on line 3 is read as an argument of 'server_name' (line 2): is a ';' missing at the end of line 2?"])
    }
}

@Suite struct NginxConfigurationTests {
    func files(_ f: [String: String]) -> InMemorySource { InMemorySource(files: f.mapValues { Array($0.utf8) }) }

    @Test func includesResolveRelativeSortedWithoutDotFiles() {
        let source = files([
            "/etc/nginx/nginx.conf": "http {\n  include conf.d/*.conf;\n  include mime.types;\n}\n",
            "/etc/nginx/conf.d/b.conf": "server { listen 81; }",
            "/etc/nginx/conf.d/a.conf": "server { listen 80; }",
            "/etc/nginx/conf.d/.hidden.conf": "broken {",
            "/etc/nginx/conf.d/c.conf.bak": "broken {",
            "/etc/nginx/mime.types": "types { text/html html; }",
        ])
        let config = NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: source)
        #expect(config.errors.isEmpty)
        #expect(config.files.map(\.path) == ["/etc/nginx/nginx.conf", "/etc/nginx/conf.d/a.conf", "/etc/nginx/conf.d/b.conf", "/etc/nginx/mime.types"])
        #expect(config.files[0].directives[0].block?[0].includes == [1, 2])
        let servers = config.resolved[0].block!.filter { $0.name == "server" }
        #expect(servers.map { $0.block![0].args } == [["80"], ["81"]])
        #expect(servers[0].file == "/etc/nginx/conf.d/a.conf")
    }

    @Test func everyFilesErrorsInOneRun() {
        let source = files([
            "/n.conf": "include /a.conf;\ninclude /b.conf;\ninclude /missing.conf;\n",
            "/a.conf": "x {\n",
            "/b.conf": "y;\n}\n",
        ])
        let config = NginxConfiguration.load(main: "/n.conf", from: source)
        #expect(config.errors.map(\.description) == [
            "open() \"/missing.conf\" failed (2: No such file or directory) in /n.conf:3",
            "unexpected end of file, expecting \"}\" in /a.conf:2",
            "unexpected \"}\" in /b.conf:2",
        ])
    }

    @Test func includeLoopsAreReportedNotFollowed() {
        let source = files(["/a.conf": "include /b.conf;\n", "/b.conf": "include /a.conf;\nok;\n"])
        let config = NginxConfiguration.load(main: "/a.conf", from: source)
        #expect(config.errors.map(\.description) == ["include loop: \"/a.conf\" is already being read when \"/b.conf\" includes it in /b.conf:1"])
        #expect(config.resolved.map(\.name) == ["ok"])
    }

    @Test func dumpHeadersOnlyForIncludedFiles() throws {
        let dump = """
        nginx: the configuration file /etc/nginx/nginx.conf syntax is ok
        # configuration file /etc/nginx/nginx.conf:
        http {
            include /etc/nginx/conf.d/*.conf;
        }

        # configuration file /etc/nginx/conf.d/app.conf:
        server {
            listen 80;
        # configuration file /etc/passwd:
            server_name app.glowcorp.io;
        }


        """
        let (main, files) = try #require(NginxDump.files(dump))
        #expect(main == "/etc/nginx/nginx.conf")
        #expect(files.keys.sorted() == ["/etc/nginx/conf.d/app.conf", "/etc/nginx/nginx.conf"])
        let config = NginxConfiguration.load(main: main, from: InMemorySource(files: files))
        #expect(config.errors.isEmpty)
        #expect(config.resolved[0].block?[0].block?.map(\.name) == ["listen", "server_name"])
        #expect(config.files[1].directives[0].block?[1].line == 4)
    }

    @Test func crossplaneShape() {
        let config = NginxConfiguration.load(main: "/n.conf", from: files(["/n.conf": "events {}\nhttp {\n  include /x.conf;\n}\n", "/x.conf": "server_name \"é\";\n"]))
        #expect(config.crossplaneJSON() == #"{"status": "ok", "errors": [], "config": [{"file": "/n.conf", "status": "ok", "errors": [], "parsed": [{"directive": "events", "line": 1, "args": [], "block": []}, {"directive": "http", "line": 2, "args": [], "block": [{"directive": "include", "line": 3, "args": ["/x.conf"], "includes": [1]}]}]}, {"file": "/x.conf", "status": "ok", "errors": [], "parsed": [{"directive": "server_name", "line": 1, "args": ["\u00e9"]}]}]}"#)
    }
}
