import JSON
import Foundation
import TestPaths
import Testing
@testable import AWSRead

/// The AWS CLI's rules for finding credentials and settings, on files in a temporary HOME.
@Suite struct CredentialsTests {
    struct Home {
        let path = Paths.temporaryDirectory()
        func write(_ name: String, _ text: String) {
            try? FileManager.default.createDirectory(atPath: "\(path)/.aws", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: "\(path)/.aws/\(name)", contents: Data(text.utf8))
        }
        var env: [String: String] { ["HOME": path, "PATH": "/usr/bin:/bin"] }
    }

    func resolve(_ options: AWSSettings.Options = .init(), _ env: [String: String]) -> Result<AWSSettings, AWSError> {
        do { return .success(try AWSSettings.resolve(options, environment: env)) } catch { return .failure(error) }
    }

    @Test func environmentFirstUnlessAProfileIsNamed() throws {
        let home = Home()
        home.write("credentials", "[default]\naws_access_key_id = AKIAFILEDEFAULT\naws_secret_access_key = filesecret\n[dev]\naws_access_key_id=AKIAFILEDEV\naws_secret_access_key=devsecret\n")
        home.write("config", "[default]\nregion = ap-northeast-2\n[profile dev]\nregion = us-west-2\n")
        var env = home.env
        env["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT"
        env["AWS_SECRET_ACCESS_KEY"] = "envsecret"
        let fromEnv = try resolve(.init(), env).get()
        #expect(fromEnv.credentials.accessKeyId == "AKIAENVIRONMENT")
        #expect(fromEnv.region == "ap-northeast-2")
        let dev = try resolve(.init(profile: "dev"), env).get()
        #expect(dev.credentials.accessKeyId == "AKIAFILEDEV")
        #expect(dev.region == "us-west-2")
        #expect(dev.credentials.source == .sharedFile(profile: "dev", path: "~/.aws/credentials"))
        let flagged = try resolve(.init(profile: "dev", region: "eu-west-1"), env).get()
        #expect(flagged.region == "eu-west-1")
    }

    /// --endpoint-url, then AWS_ENDPOINT_URL_<SERVICE ID>, then AWS_ENDPOINT_URL, as the AWS CLI orders them.
    @Test func endpointsPerService() throws {
        var env = Home().env
        env["AWS_ACCESS_KEY_ID"] = "AKIAX"
        env["AWS_SECRET_ACCESS_KEY"] = "s"
        env["AWS_REGION"] = "ap-northeast-2"
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1"
        env["AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"] = "http://127.0.0.1:2"
        env["AWS_ENDPOINT_URL_ROUTE_53"] = "http://127.0.0.1:3"
        let settings = try resolve(.init(), env).get()
        #expect(settings.endpointURL(for: "elbv2") == "http://127.0.0.1:2")
        #expect(settings.endpointURL(for: "route53") == "http://127.0.0.1:3")
        #expect(settings.endpointURL(for: "ec2") == "http://127.0.0.1:1")
        let flagged = try resolve(.init(endpointURL: "http://127.0.0.1:9"), env).get()
        #expect(flagged.endpointURL(for: "elbv2") == "http://127.0.0.1:9")
    }

    @Test func credentialProcessAndItsExpiry() throws {
        let home = Home()
        let script = "\(home.path)/creds.sh"
        FileManager.default.createFile(atPath: script, contents: Data("""
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "processsecret", "SessionToken": "tok", "Expiration": "'"$1"'"}'
            """.utf8), attributes: [.posixPermissions: 0o755])
        home.write("config", "[profile ok]\nregion = ap-northeast-2\ncredential_process = \(script) 2999-01-01T00:00:00Z\n"
                   + "[profile old]\nregion = ap-northeast-2\ncredential_process = \(script) 2001-01-01T00:00:00Z\n")
        let ok = try resolve(.init(profile: "ok"), home.env).get()
        #expect(ok.credentials.accessKeyId == "AKIAPROCESS")
        #expect(ok.credentials.sessionToken == "tok")
        guard case .failure(let error) = resolve(.init(profile: "old"), home.env) else {
            Issue.record("expired credentials were accepted")
            return
        }
        guard case .credentialsExpired(.credentialProcess(profile: "old"), _, "old", .plain) = error else {
            Issue.record("not an expiry: \(error)")
            return
        }
    }

    @Test func whatIsMissingIsNamed() {
        let home = Home()
        home.write("credentials", "[default]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n")
        guard case .failure(let noRegion) = resolve(.init(), home.env) else { Issue.record("no region accepted"); return }
        #expect(noRegion == .noRegion(profile: "default", configFile: "~/.aws/config"))
        guard case .failure(let noProfile) = resolve(.init(profile: "nosuch", region: "ap-northeast-2"), home.env) else {
            Issue.record("unknown profile accepted")
            return
        }
        #expect(noProfile == .unknownProfile(profile: "nosuch", credentialsFile: "~/.aws/credentials", configFile: "~/.aws/config"))
        // No keys anywhere and no AWS CLI on PATH to ask.
        let empty = Home()
        var env = empty.env
        env["PATH"] = empty.path
        guard case .failure(let none) = resolve(.init(region: "ap-northeast-2"), env) else { Issue.record("no credentials accepted"); return }
        #expect(none == .noCredentials(profile: "default", kind: .plain, awsCLIMissing: true))
    }

    @Test func secretsNeverShow() throws {
        let home = Home()
        var env = home.env
        env["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE"
        env["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        env["AWS_SESSION_TOKEN"] = "SESSIONTOKENVALUE"
        env["AWS_REGION"] = "ap-northeast-2"
        let settings = try resolve(.init(), env).get()
        let shown = "\(settings.credentials) \(settings)"
        #expect(!shown.contains("wJalrXUtnFEMI"))
        #expect(!shown.contains("SESSIONTOKENVALUE"))
        #expect(!shown.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(settings.credentials.description == "access key ****MPLE from environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
    }

    /// A failing credential process's last stderr line is shown, unless it could hold a key or token.
    @Test func aFailingCredentialProcessShowsItsReasonButNoSecret() {
        let home = Home()
        home.write("config", """
            [profile said]
            region = ap-northeast-2
            credential_process = sh -c 'echo "the token for glowcorp has expired; log in again" >&2; exit 1'
            [profile leaky]
            region = ap-northeast-2
            credential_process = sh -c 'echo "bad: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" >&2; exit 1'

            """)
        guard case .failure(let said) = resolve(.init(profile: "said"), home.env),
              case .failure(let leaky) = resolve(.init(profile: "leaky"), home.env) else {
            Issue.record("a failing credential_process was accepted")
            return
        }
        #expect(said == .credentialProcess(source: .credentialProcess(profile: "said"), failure: .exited(1, lastLine: "the token for glowcorp has expired; log in again"), profile: nil, kind: nil))
        #expect(leaky == .credentialProcess(source: .credentialProcess(profile: "leaky"), failure: .exited(1, lastLine: nil), profile: nil, kind: nil))
        #expect(said.description == "credential_process of profile said failed (exit 1): the token for glowcorp has expired; log in again")
    }
}
