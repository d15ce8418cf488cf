import JSON
import Foundation
import Testing
@testable import NginxConfig
import Spawn

/// Our verdict and error message against Debian's `nginx -t` on edge cases of the grammar and on the
/// course's own configuration. Skipped, with a message, where nginx is not installed.
@Suite struct NginxVerdictTests {
    static let nginx = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let edgeCases = "\(CrossplaneDifferentialTests.repository)/Tests/Fixtures/nginx-edge"

    /// nginx's `[emerg]` message (without the "nginx: [emerg] " prefix), or nil when the test passed.
    static func nginxVerdict(_ config: String, prefix: String) throws -> String? {
        let run = try Spawn.run(
            [nginx!, "-t", "-q", "-c", config, "-p", prefix + "/", "-g", "pid \(prefix)/nginx.pid; error_log stderr;"],
            timeout: 30, stdout: .discard)
        let text = run.errors
        if run.status == 0 { return nil }
        guard let r = text.range(of: "[emerg] ") else { return text }
        var message = String(text[r.upperBound...].prefix { $0 != "\n" })
        // nginx prefixes "<pid>#<tid>: " when error_log is stderr.
        if let colon = message.range(of: ": "), message[..<colon.lowerBound].allSatisfy({ $0.isNumber || $0 == "#" }) {
            message = String(message[colon.upperBound...])
        }
        return message
    }

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "nginx-t-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: true)
        return dir
    }

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: edgeCases)) ?? []).filter { $0.hasSuffix(".conf") }.sorted()
    }

    @Test(arguments: cases)
    func edgeCaseMatchesNginx(_ name: String) throws {
        guard Self.nginx != nil else {
            print("NginxVerdictTests skipped: nginx is not installed (apt-get install nginx)")
            return
        }
        let prefix = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let path = "\(Self.edgeCases)/\(name)"
        let theirs = try Self.nginxVerdict(path, prefix: prefix)
        let ours = NginxConfiguration.load(main: path, from: FileSystemSource()).errors.first?.description
        #expect(ours == theirs, "\(name): nginx says \(theirs ?? "ok"), we say \(ours ?? "ok")")
        #expect((theirs == nil) == name.hasPrefix("ok-"), "\(name): the file name says what nginx should think of it")
    }

    @Test func tokenLimitMatchesNginx() throws {
        guard Self.nginx != nil else { return }
        let prefix = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        for length in [4096, 4097, 9000] {
            let path = "\(prefix)/long-\(length).conf"
            try "events {}\nhttp {\n    server_name \(String(repeating: "a", count: length));\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
            let theirs = try Self.nginxVerdict(path, prefix: prefix)
            let ours = NginxConfiguration.load(main: path, from: FileSystemSource()).errors.first?.description
            #expect(ours == theirs, "length \(length): nginx says \(theirs ?? "ok"), we say \(ours ?? "ok")")
        }
    }

    /// The course's nginx configuration (and every broken variant's) is valid to nginx, and to us.
    @Test(arguments: ["glowcorp", "broken/nginx-on-8080", "broken/proxy-pass-port-mismatch", "broken/scheme-redirect-loop",
                      "broken/no-health-location", "broken/keepalive-below-idle-timeout"])
    func courseConfigurationIsValid(_ fixture: String) throws {
        guard Self.nginx != nil else { return }
        let prefix = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let source = "\(CrossplaneDifferentialTests.repository)/Fixtures/\(fixture)/etc/nginx"
        // Move the host paths under the temporary prefix so nginx reads this copy, not the machine's.
        let fm = FileManager.default
        try fm.copyItem(atPath: source, toPath: "\(prefix)/etc-nginx")
        for file in fm.enumerator(atPath: "\(prefix)/etc-nginx")!.compactMap({ $0 as? String }) where file.hasSuffix(".conf") || file == "mime.types" {
            let path = "\(prefix)/etc-nginx/\(file)"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "/etc/nginx/", with: "\(prefix)/etc-nginx/")
                .replacingOccurrences(of: "user nginx;", with: "")
                .replacingOccurrences(of: "pid /run/nginx.pid;", with: "")
                .replacingOccurrences(of: "error_log /var/log/nginx/error.log notice;", with: "")
                .replacingOccurrences(of: "/var/log/nginx/", with: "\(prefix)/logs/")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let main = "\(prefix)/etc-nginx/nginx.conf"
        #expect(try Self.nginxVerdict(main, prefix: prefix) == nil)
        let ours = NginxConfiguration.load(main: main, from: FileSystemSource())
        #expect(ours.errors.isEmpty && ours.warnings.isEmpty, "\(ours.errors) \(ours.warnings)")
        #expect(ours.files.count == 5)
    }
}
