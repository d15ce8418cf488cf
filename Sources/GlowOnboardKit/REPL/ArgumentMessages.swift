import Environment
import ArgumentParser

/// ArgumentParser's messages about a command's arguments, as the REPL says them: in Korean where the
/// message is one of its usual ones, with the command's usage; `--help` shows the command's own help.
enum ArgumentMessages {
    static func korean(_ error: any Error, for type: any ParsableCommand.Type, command: ReplCommand) -> [String] {
        if type.exitCode(for: error) == .success {
            return type.fullMessage(for: error, columns: 80).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let message = type.message(for: error)
        return ["✘ \(command.name): \(translate(message))", "쓰는 법: \(command.usage)  (자세히: \(command.name) --help)"]
    }

    static let patterns: [(prefix: String, suffix: String, korean: @Sendable (String) -> String)] = [
        ("Unknown option '", "'", { "모르는 옵션이에요: \($0)" }),
        ("Unexpected argument '", "'", { "예상하지 못한 인자예요: \($0)" }),
        ("Missing value for '", "'", { "\($0)에 값이 필요해요" }),
        ("Missing expected argument '", "'", { "\($0, .을를) 적어 주세요" }),
    ]

    static func translate(_ message: String) -> String {
        for p in patterns where message.hasPrefix(p.prefix) {
            let rest = message.dropFirst(p.prefix.count)
            if let end = rest.range(of: p.suffix) { return p.korean(String(rest[..<end.lowerBound])) }
        }
        if message.hasPrefix("Unexpected arguments: ") { return "예상하지 못한 인자예요: " + message.dropFirst("Unexpected arguments: ".count) }
        return message
    }
}
