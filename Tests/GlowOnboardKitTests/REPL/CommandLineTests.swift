import JSON
import Checks
import Environment
import Glibc
import Testing
@testable import GlowOnboardKit

@Suite struct CommandParsingTests {
    @Test func aliasesAndArguments() {
        #expect(Command.parse("n") == Command(name: "next", argument: ""))
        #expect(Command.parse("  goto   vpc/cidr ") == Command(name: "goto", argument: "vpc/cidr"))
        #expect(Command.parse("start vpc") == Command(name: "goto", argument: "vpc"))
        #expect(Command.parse("도움말") == Command(name: "help", argument: ""))
        #expect(Command.parse("a 10.0.0.0/16") == Command(name: "answer", argument: "10.0.0.0/16"))
        #expect(Command.parse("10.0.0.0/16") == nil)
        #expect(Command.suggestion(for: "hlep") == "help")
        #expect(Command.suggestion(for: "lessns") == "lessons")
    }

    @Test func completion() {
        let table = CompletionTable(commands: Command.completionWords, lessonReferences: ["vpc", "vpc/cidr", "alb"], choices: ["인터넷 경계", "내부"])
        #expect(table.candidates(line: "he", wordStart: 0, word: "he") == ["help"])
        #expect(table.candidates(line: "goto v", wordStart: 5, word: "v") == ["vpc", "vpc/cidr"])
        #expect(table.candidates(line: "reset l", wordStart: 6, word: "l") == ["lesson"])
        #expect(table.candidates(line: "인터", wordStart: 0, word: "인터") == ["인터넷 경계"])
        #expect(table.candidates(line: "next x", wordStart: 5, word: "x").isEmpty)
        #expect(CompletionTable.commonPrefix(["vpc", "vpc/cidr"]) == "vpc")
    }
}

/// libedit crashes on a Korean prompt under the C locale; the REPL must force a UTF-8 LC_CTYPE.
extension LocaleSerialized {
@Suite struct LocaleSetupTests {
    @Test func forcesUTF8UnderTheCLocale() {
        let saved = String(cString: setlocale(LC_CTYPE, nil))
        defer { _ = setlocale(LC_CTYPE, saved) }
        setenv("LC_ALL", "C", 1)
        defer { unsetenv("LC_ALL") }
        _ = setlocale(LC_CTYPE, "C")
        #expect(LocaleSetup.currentCodeset() != "UTF-8")
        #expect(LocaleSetup.ensureUTF8CType() == "UTF-8")
        #expect(LocaleSetup.currentCodeset() == "UTF-8")
    }
}
}

@Suite struct QueryCompletionTests {
    @Test func completesKeysOfTheDocument() {
        let table = CompletionTable(document: FixtureCache.snapshot("glowcorp").document)
        #expect(table.candidates(line: "query Load", wordStart: 6, word: "Load") == ["LoadBalancers"])
        #expect(table.candidates(line: "query LoadBalancers[].Sch", wordStart: 6, word: "LoadBalancers[].Sch") == ["LoadBalancers[].Scheme"])
        #expect(table.candidates(line: "query docker.containers[0].Sta", wordStart: 6, word: "docker.containers[0].Sta") == ["docker.containers[0].State", "docker.containers[0].Status"])
        #expect(table.candidates(line: "query nope.x", wordStart: 6, word: "nope.x").isEmpty)
    }
}
