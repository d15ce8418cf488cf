import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

@Suite struct NetworkValuesTests {
    @Test func ipv4Parsing() {
        #expect(IPv4Address("10.0.1.2")?.description == "10.0.1.2")
        #expect(IPv4Address("255.255.255.255")?.value == UInt32.max)
        for bad in ["10.0.1", "10.0.1.256", "10.0.01.2", "a.b.c.d", "10..1.2", "", " 10.0.0.1"] { #expect(IPv4Address(bad) == nil, "\(bad)") }
    }

    @Test func cidrParsingKinds() {
        #expect(CIDRBlock.parse("10.0.0.0/16") == .canonical(CIDRBlock(network: IPv4Address("10.0.0.0")!, prefix: 16)))
        #expect(CIDRBlock.parse("10.0.5.5/16") == .hostBitsSet(CIDRBlock(network: IPv4Address("10.0.0.0")!, prefix: 16)))
        #expect(CIDRBlock.parse("10.0.0.0") == .missingPrefix(IPv4Address("10.0.0.0")!))
        #expect(CIDRBlock.parse("10.0.0.0 255.255.255.0") == .netmask(CIDRBlock("10.0.0.0/24")!))
        #expect(CIDRBlock.parse("10.0.0.0 255.0.255.0") == .invalid)
        #expect(CIDRBlock.parse("0.0.0.0/0") == .canonical(CIDRBlock("0.0.0.0/0")!))
        for bad in ["10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/1.5", "x/8"] { #expect(CIDRBlock.parse(bad) == .invalid, "\(bad)") }
    }

    @Test func containment() {
        let vpc = CIDRBlock("10.0.0.0/16")!
        #expect(vpc.contains(CIDRBlock("10.0.1.0/24")!))
        #expect(!vpc.contains(CIDRBlock("10.1.0.0/24")!))
        #expect(!CIDRBlock("10.0.1.0/24")!.contains(vpc))
        #expect(vpc.contains(IPv4Address("10.0.255.255")!))
        #expect(vpc.last.description == "10.0.255.255")
        #expect(CIDRBlock("0.0.0.0/0")!.contains(vpc))
    }

    @Test func shellWords() throws {
        #expect(try ShellWords.split("aws  ec2 'describe vpcs' \"a \\\"b\\\"\" c\\ d") == ["aws", "ec2", "describe vpcs", "a \"b\"", "c d"])
        #expect(try ShellWords.split("echo ''") == ["echo", ""])
        #expect(throws: ShellWords.Failure.unterminatedQuote("'")) { try ShellWords.split("echo 'x") }
        #expect(throws: ShellWords.Failure.trailingBackslash) { try ShellWords.split("echo \\") }
    }

    @Test func editDistanceCountsHangulSyllablesAndTranspositions() {
        #expect("게이트웨이".editDistance(to: "게이트웨어") == 1)
        #expect("nginx".editDistance(to: "ngnix") == 1)
        #expect("".editDistance(to: "abc") == 3)
        #expect("hlep".closest(in: ["help", "hint", "next"]) == "help")
        #expect("zzzz".closest(in: ["help"]) == nil)
    }
}
