import Foundation
import GlowOnboardKit
import JSON
import Testing

/// The REPL and the command line are one command surface: the REPL's `verify` is parsed by the command
/// line's own definition, so an option added there reaches the REPL with no second edit.
@Suite struct CommandSurfaceTests {
    /// The options the built program's `verify` takes, as ArgumentParser describes them.
    func commandLineOptions(_ command: String) throws -> Set<String> {
        let h = Harness()
        defer { h.cleanUp() }
        let dump = try JSONParser.parse(try h.run([command, "--experimental-dump-help"]).stdout)
        var names = Set<String>()
        for argument in dump["command"]?["arguments"]?.elements ?? []
        where argument["kind"]?.string != "positional" && argument["shouldDisplay"]?.bool != false {
            for name in argument["names"]?.elements ?? [] {
                names.insert((name["kind"]?.string == "short" ? "-" : "--") + (name["name"]?.string ?? ""))
            }
        }
        return names
    }

    @Test(arguments: ["verify", "query", "map", "trace"])
    func everyCommandLineOptionIsOfferedInTheREPL(_ command: String) throws {
        let cli = try commandLineOptions(command).subtracting(["--help", "-h", "--version", "--lessons", "--progress"])
        let line = "\(command) -"
        let offered = Set(CompletionTable().candidates(line: line, wordStart: line.count - 1, word: "-"))
        #expect(!cli.isEmpty)
        #expect(offered == cli, "REPL offers \(offered.sorted()), the command line takes \(cli.sorted())")
    }

    /// Options the REPL never had before it parsed with the command line's definition: --json, --fixture,
    /// --lesson and --step all work inside a session.
    @Test func theREPLTakesTheCommandLinesOptions() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let session = "verify --json --fixture Fixtures/broken/igw-detached --lesson internet-gateway\nquit\n"
        let out = try h.run([], input: session)
        let start = try #require(out.stdout.range(of: "\n[\n"), "\(out.stdout)")
        let end = try #require(out.stdout.range(of: "\n]\n", range: start.upperBound..<out.stdout.endIndex))
        let findings = try JSONParser.parse(String(out.stdout[start.lowerBound..<end.upperBound])).elements
        #expect(findings.contains { $0["check"]?.string == "network.igw-attached" && $0["status"]?.string == "fail" })
    }

    /// TERM=dumb is decided in one place: verify, map and trace draw ASCII under it, on the command line
    /// and in the REPL alike (verify used to print ✔ whatever the terminal).
    @Test func aDumbTerminalGetsASCIIEverywhere() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let dumb = ["TERM": "dumb"]
        let verify = try h.run(["verify", "--lesson", "vpc"], environment: dumb)
        #expect(verify.stdout.contains("OK network.vpc-cidr") && !verify.stdout.contains("✔"), "\(verify.stdout)")
        let broken = try h.run(["verify", "--fixture", "Fixtures/broken/igw-detached"], environment: dumb)
        #expect(broken.stdout.contains("XX network.igw-attached") && broken.stdout.contains("hint: aws ec2 attach-internet-gateway"), "\(broken.stdout)")
        #expect(!broken.stdout.contains("✘") && !broken.stdout.contains("💡") && !broken.stdout.contains("↳"))
        let map = try h.run(["map"], environment: dumb)
        #expect(!map.stdout.contains("┌") && map.stdout.contains("+-"), "\(map.stdout.prefix(300))")
        let repl = try h.run([], input: "map\nverify all\nquit\n", environment: dumb)
        #expect(!repl.stdout.contains("┌") && !repl.stdout.contains("✔ network"), "\(repl.stdout.prefix(300))")
        #expect(repl.stdout.contains("OK network.vpc-cidr"))
    }
}

