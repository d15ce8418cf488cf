import Foundation
import JMESPath
import JSON
import Spawn
import TestPaths
import Testing
@testable import AWSRead

/// Retries and pagination against an HTTP server that throttles as EC2 does
/// (scripts/loopback-aws-faults.py, on loopback): what the client sends, how often, and how long it waits.
@Suite struct RetryTests {
    struct FaultyEC2 {
        let server: LoopbackServer
        var port: Int { server.port }

        init(_ mode: String) throws {
            server = try LoopbackServer(["python3", "\(Paths.repository)/scripts/loopback-aws-faults.py", "{port-file}", mode])
        }

        var settings: AWSSettings {
            AWSSettings(profile: "test", region: "ap-northeast-2",
                        credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: .environment),
                        endpointURL: server.url, caBundle: nil)
        }

        struct Entry { var time: Double; var token: String?; var answer: String }

        func log() throws -> [Entry] {
            try server.get("/log").split(separator: "\n").map { line in
                let j = try JSONParser.parse(String(line))
                return Entry(time: j["time"]?.number ?? 0, token: j["nextToken"]?.string, answer: j["answer"]?.string ?? "")
            }
        }

        func stop() { server.stop() }
    }

    /// Each page is throttled twice, then answered: three attempts per page, the two pages merged as the
    /// AWS CLI merges them, and the waits between attempts are backoff, not a hammering loop.
    @Test func throttledPagesAreRetriedAndMerged() throws {
        let server = try FaultyEC2("throttle-2")
        defer { server.stop() }
        let results = AWSClient(settings: server.settings, timeout: 5, maxAttempts: 4).read([AWSCall("ec2", "DescribeVpcs")])
        guard case .success(let json) = results[0] else {
            Issue.record("DescribeVpcs failed: \(results[0])")
            return
        }
        #expect(json["Vpcs"]?.elements.compactMap { $0["VpcId"]?.string } == ["vpc-11111111", "vpc-22222222"])
        #expect(json["NextToken"] == nil)
        let log = try server.log()
        #expect(log.map(\.answer) == ["throttled", "throttled", "page", "throttled", "throttled", "page"])
        #expect(log.map { $0.token ?? "-" } == ["-", "-", "-", "page-2", "page-2", "page-2"])
        // Full jitter draws each wait from [0, 0.1·2^(n-1)] s: never more, and all six together are not instant
        // only by chance, so the bound is what is checked.
        let firstPage = log[0...2].map(\.time), secondPage = log[3...5].map(\.time)
        for attempts in [firstPage, secondPage] {
            #expect(attempts[1] - attempts[0] < 0.1 + 0.5)
            #expect(attempts[2] - attempts[1] < 0.2 + 0.5)
        }
    }

    /// Throttled every time: after maxAttempts the error names the action and AWS's code, and nothing more is sent.
    @Test func endlessThrottlingGivesUpWithTheCode() throws {
        let server = try FaultyEC2("throttle-always")
        defer { server.stop() }
        let results = AWSClient(settings: server.settings, timeout: 5, maxAttempts: 3).read([AWSCall("ec2", "DescribeVpcs")])
        guard case .failure(let error) = results[0] else {
            Issue.record("DescribeVpcs passed on a server that always throttles")
            return
        }
        #expect(error.description.contains("ec2:DescribeVpcs"), "\(error)")
        #expect(error.description.contains("RequestLimitExceeded"), "\(error)")
        #expect(try server.log().count == 3)
    }

    /// A 500 is retried once and then the page is read; a 400 that is not throttling is not retried.
    @Test func serverErrorsAreRetriedClientErrorsAreNot() throws {
        let server = try FaultyEC2("server-error-1")
        defer { server.stop() }
        let results = AWSClient(settings: server.settings, timeout: 5, maxAttempts: 4)
            .read([AWSCall("ec2", "DescribeVpcs"), AWSCall("ec2", "DescribeSubnets")])
        if case .failure(let error) = results[0] { Issue.record("DescribeVpcs: \(error)") }
        guard case .failure(let refused) = results[1] else {
            Issue.record("DescribeSubnets passed on a server that does not serve it")
            return
        }
        #expect(refused.description.contains("InvalidAction"), "\(refused)")
        let log = try server.log()
        #expect(log.map(\.answer).filter { $0 == "500" }.count == 3, "\(log.map(\.answer))")  // one per page, one for DescribeSubnets
        #expect(log.map(\.answer).filter { $0 == "400" }.count == 1)
    }

    /// An endpoint that sends without end (a 2 GB body, or header lines for ever) is cut off at the cap
    /// with a message, not read into memory, and not asked again (issue 13 §4).
    @Test(arguments: ["endless-body", "endless-headers"]) func endlessResponsesAreCutOff(mode: String) throws {
        let server = try FaultyEC2(mode)
        defer { server.stop() }
        let results = AWSClient(settings: server.settings, timeout: 60, maxAttempts: 4).read([AWSCall("ec2", "DescribeVpcs")])
        guard case .failure(let error) = results[0] else {
            Issue.record("DescribeVpcs passed on an endless response")
            return
        }
        guard case .transport(.tooLarge, let text) = error else {
            Issue.record("not said to be too large: \(error)")
            return
        }
        #expect(text.contains(mode == "endless-body" ? "larger than 64 MiB" : "headers were larger than 256 KiB"), "\(text)")
        #expect(try server.log().count == 1, "retried")
        // How much memory that took: the process's peak, far below the 2 GB sent.
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
            #expect(kb < 1_500_000, "peak resident memory \(kb) kB")
        }
    }
}
