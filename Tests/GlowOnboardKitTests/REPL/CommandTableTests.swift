import Environment
import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

/// One table drives the REPL: what `help` lists, what Tab offers and what a line runs.
@Suite struct CommandTableTests {
    func tutor() throws -> Tutor {
        let lessons = Paths.fixture("lessons-good")
        let result = try LessonLinter.lint(path: lessons)
        return Tutor(course: Course(lessons: result.lessons, directory: lessons), store: ProgressStore(path: Paths.temporaryDirectory() + "/p.json"),
                     terminal: .plain, source: "\(Paths.repository)/Fixtures/glowcorp", environment: fixedLearner)
    }

    @Test func namesAliasesAndSuggestions() {
        #expect(ReplCommand.named("n")?.name == "next")
        #expect(ReplCommand.named("START")?.name == "goto")
        #expect(ReplCommand.named("도움말")?.name == "help")
        #expect(ReplCommand.named("a")?.name == "answer")
        #expect(ReplCommand.named("10.0.0.0/16") == nil)
        #expect(ReplCommand.suggestion(for: "hlep") == "help")
        #expect(ReplCommand.suggestion(for: "lessns") == "lessons")
    }

    /// Every command of the table is in help, is offered by Tab as a first word, and runs when typed.
    @Test func helpCompletionAndDispatchAgree() throws {
        let t = try tutor()
        _ = t.start()
        let help = t.handle("help").joined(separator: "\n")
        let firstWords = t.completions.candidates(line: "", wordStart: 0, word: "")
        for command in ReplCommand.all {
            #expect(help.contains(command.usage), "help does not list \(command.name)")
            #expect(firstWords.contains(command.name), "Tab does not offer \(command.name)")
            if command.name == "quit" || command.name == "reset" { continue }
            let out = t.handle(command.name).joined(separator: "\n")
            #expect(!out.contains("알 수 없는 명령"), "\(command.name) is not dispatched: \(out)")
        }
        #expect(t.handle("reset") == ["정말 단계 basics/first의 진도 지우기를 할까요? 되돌릴 수 없어요. (y/N)"])
        #expect(t.handle("n") == ["취소했어요: 단계 basics/first의 진도 지우기"])
    }

    /// What Tab offers after a command comes from that command: its words, and the options of the
    /// command-line command that parses it.
    @Test func completionAfterACommand() throws {
        let table = CompletionTable(context: CompletionContext(lessonReferences: ["vpc", "vpc/cidr", "alb"], choices: ["인터넷 경계", "내부"]))
        #expect(table.candidates(line: "he", wordStart: 0, word: "he") == ["help"])
        #expect(table.candidates(line: "goto v", wordStart: 5, word: "v") == ["vpc", "vpc/cidr"])
        #expect(table.candidates(line: "reset l", wordStart: 6, word: "l") == ["lesson"])
        #expect(table.candidates(line: "인터", wordStart: 0, word: "인터") == ["인터넷 경계"])
        #expect(table.candidates(line: "next x", wordStart: 5, word: "x").isEmpty)
        #expect(table.candidates(line: "progress ex", wordStart: 9, word: "ex") == ["export"])
        #expect(table.candidates(line: "verify --re", wordStart: 7, word: "--re") == ["--refresh", "--region"])
        #expect(table.candidates(line: "trace https://x --conn", wordStart: 16, word: "--conn") == ["--connect-to"])
        #expect(CompletionTable.commonPrefix(["vpc", "vpc/cidr"]) == "vpc")
    }

    /// `progress export` and `progress import`, which Tab offered before the REPL knew them, now run:
    /// the command line's own subcommands.
    @Test func progressSubcommandsRun() throws {
        let t = try tutor()
        _ = t.start()
        _ = t.handle("1")
        let file = Paths.temporaryDirectory() + "/out.json"
        let exported = t.handle("progress export -o \(file)").joined(separator: "\n")
        #expect(exported.contains("진도를 \(file)에 내보냈어요."), "\(exported)")
        let written = try #require(FileManager.default.contents(atPath: file))
        #expect(String(decoding: written, as: UTF8.self).contains("\"pick\""))
        #expect(t.handle("progress path") == [t.session.store!.path])
        #expect(t.handle("progress --lessons x").joined().contains("REPL에서는 --lessons와 --progress를 쓰지 않아요"))
    }

    @Test func badArgumentsAreSaidInKorean() throws {
        let t = try tutor()
        _ = t.start()
        #expect(t.handle("verify --bogus").first == "✘ verify: 모르는 옵션이에요: --bogus")
        #expect(t.handle("trace").first == "✘ trace: <URL>을 적어 주세요")
        #expect(t.handle("verify --step x").first == "✘ verify: --step은 --lesson과 함께 써요.")
        #expect(t.handle("trace 'https://x").first == "✘ trace: 따옴표가 닫히지 않았어요.")
    }

    @Test func queryKeepsTheExpressionAsTyped() {
        #expect(Tutor.queryWords("Vpcs[?IsDefault == `false`].CidrBlock") == ["Vpcs[?IsDefault == `false`].CidrBlock"])
        #expect(Tutor.queryWords("Vpcs[?Tags[?Key == 'Name']].VpcId --output text") == ["Vpcs[?Tags[?Key == 'Name']].VpcId", "--output", "text"])
        #expect(Tutor.queryWords("LoadBalancers[0] -i 'my file.json'") == ["LoadBalancers[0]", "-i", "my file.json"])
        #expect(Tutor.queryWords("") == [])
    }
}

@Suite struct QueryCompletionTests {
    @Test func completesKeysOfTheDocument() {
        let table = CompletionTable(context: CompletionContext(document: FixtureCache.snapshot("glowcorp").document))
        #expect(table.candidates(line: "query Load", wordStart: 6, word: "Load") == ["LoadBalancers"])
        #expect(table.candidates(line: "query LoadBalancers[].Sch", wordStart: 6, word: "LoadBalancers[].Sch") == ["LoadBalancers[].Scheme"])
        #expect(table.candidates(line: "query docker.containers[0].Sta", wordStart: 6, word: "docker.containers[0].Sta") == ["docker.containers[0].State", "docker.containers[0].Status"])
        #expect(table.candidates(line: "query nope.x", wordStart: 6, word: "nope.x").isEmpty)
    }
}
