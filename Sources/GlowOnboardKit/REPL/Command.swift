import Checks
import Environment
/// A REPL command as typed: its canonical name and the rest of the line.
public struct Command: Sendable, Equatable {
    public struct Spec: Sendable {
        public var name: String
        public var aliases: [String]
        public var usage: String
        public var help: String
    }

    /// Every command, in the order `help` lists them. Aliases follow rustlings (h hint, n next, l list,
    /// q quit) and what shells and debuggers use.
    public static let specs: [Spec] = [
        Spec(name: "help", aliases: ["?", "도움말"], usage: "help", help: "명령 목록"),
        Spec(name: "lessons", aliases: ["l", "ls", "list", "목록"], usage: "lessons", help: "레슨 목록과 진도"),
        Spec(name: "goto", aliases: ["start", "go", "g"], usage: "goto LESSON[/STEP]", help: "레슨(또는 단계)으로 이동. 번호도 돼요: goto 3, goto vpc/cidr"),
        Spec(name: "next", aliases: ["n", "다음"], usage: "next", help: "다음 단계"),
        Spec(name: "back", aliases: ["b", "prev", "이전"], usage: "back", help: "이전 단계"),
        Spec(name: "show", aliases: ["s", "보기"], usage: "show", help: "지금 단계를 다시 보여 줘요"),
        Spec(name: "hint", aliases: ["h", "힌트"], usage: "hint", help: "힌트를 하나씩 더 보여 줘요"),
        Spec(name: "answer", aliases: ["a", "답"], usage: "answer TEXT", help: "질문에 답해요 (질문이 열려 있으면 그냥 입력해도 돼요)"),
        Spec(name: "skip", aliases: ["건너뛰기"], usage: "skip", help: "이 질문을 건너뛰고 답과 설명을 봐요"),
        Spec(name: "verify", aliases: ["v", "확인"], usage: "verify [all] [--refresh]", help: "이 단계가 기대하는 상태를 환경에서 확인해요 (all: 모든 레슨, --refresh: 실제 환경을 다시 읽기)"),
        Spec(name: "source", aliases: [], usage: "source [WHERE]", help: "verify가 읽는 환경을 보여 주거나 바꿔요: fixture DIR, aws [--profile P] [--region R], host local, default"),
        Spec(name: "map", aliases: ["지도"], usage: "map", help: "app과 api의 흐름을 구간마다 상태와 함께 그려요"),
        Spec(name: "trace", aliases: [], usage: "trace URL [OPTIONS]", help: "실제 요청 하나를 구간마다(DNS, TCP, TLS, 응답, 리다이렉트) 시간과 함께 따라가고 스냅샷의 예상과 견줘요. 옵션: --resolve, --connect-to, -H, --cacert"),
        Spec(name: "query", aliases: [], usage: "query EXPR", help: "환경에 JMESPath 질의를 해요. 예: query Vpcs[].CidrBlock"),
        Spec(name: "reset", aliases: [], usage: "reset [step|lesson|all]", help: "진도를 지워요 (확인을 물어요)"),
        Spec(name: "progress", aliases: ["p", "진도"], usage: "progress", help: "전체 진도"),
        Spec(name: "reload", aliases: [], usage: "reload", help: "Lessons/를 다시 읽어요 (레슨 작성자용)"),
        Spec(name: "quit", aliases: ["q", "exit", "종료"], usage: "quit", help: "저장하고 끝내요 (Ctrl-D도 돼요)"),
    ]

    public var name: String
    public var argument: String

    /// The canonical name for a command word or alias, or nil.
    public static func canonicalName(_ word: String) -> String? {
        let w = word.lowercased()
        return specs.first { $0.name == w || $0.aliases.contains(w) }?.name
    }

    /// Parses a line whose first word is a command; nil when it is not one (it may be an answer).
    public static func parse(_ line: String) -> Command? {
        let trimmed = line.trimmingWhitespace
        guard let space = trimmed.firstIndex(where: \.isWhitespace) else {
            return canonicalName(trimmed).map { Command(name: $0, argument: "") }
        }
        guard let name = canonicalName(String(trimmed[..<space])) else { return nil }
        return Command(name: name, argument: String(trimmed[space...]).trimmingWhitespace)
    }

    /// The command a mistyped word most likely meant.
    public static func suggestion(for word: String) -> String? {
        let names = specs.flatMap { [$0.name] + $0.aliases.filter { $0.count > 1 } }
        return word.closest(in: names, maxDistance: 2).flatMap(canonicalName)
    }

    /// Words Tab completes first (names, not one-letter aliases).
    public static var completionWords: [String] { specs.map(\.name) }
}
