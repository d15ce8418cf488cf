import ArgumentParser
import Environment
import JSON

/// One REPL command: its names, its help line, how its arguments are read, what Tab offers after it,
/// and what it does. `help`, Tab completion and dispatch all read the same table (`ReplCommand.all`).
public struct ReplCommand: Sendable {
    public enum Grammar: Sendable {
        /// Nothing after the name (anything typed there is ignored).
        case none
        /// The rest of the line as typed (an answer).
        case text
        /// Shell words (quotes and backslashes as a shell reads them).
        case words
        /// Shell words parsed by this command-line command's own ArgumentParser definition.
        case arguments(any ParsableCommand.Type)
    }

    public var name: String
    public var aliases: [String]
    public var usage: String
    public var help: String
    public var grammar: Grammar
    /// Completions for the word being typed (`words` are the ones before it, after the command name).
    var complete: @Sendable (CompletionContext, _ words: [String], _ word: String) -> [String]
    var run: @Sendable (Tutor, Invocation) -> [String]

    /// What the dispatcher hands a command: the text after its name, and its words when it takes them.
    struct Invocation {
        var text: String
        var words: [String]
        /// Set for `.arguments`: the parsed command.
        var parsed: (any ParsableCommand)?
    }

    init(_ name: String, aliases: [String] = [], usage: String? = nil, help: String, grammar: Grammar = .none,
         complete: @escaping @Sendable (CompletionContext, [String], String) -> [String] = { _, _, _ in [] },
         run: @escaping @Sendable (Tutor, Invocation) -> [String]) {
        self.name = name
        self.aliases = aliases
        self.usage = usage ?? name
        self.help = help
        self.grammar = grammar
        self.complete = complete
        self.run = run
    }

    /// A command whose arguments the command line's `C` parses; `then` receives the parsed value.
    static func parsed<C: ParsableCommand>(
        _ type: C.Type, _ name: String, aliases: [String] = [], usage: String, help: String,
        complete: @escaping @Sendable (CompletionContext, [String], String) -> [String] = { _, _, _ in [] },
        then: @escaping @Sendable (Tutor, C) -> [String]
    ) -> ReplCommand {
        ReplCommand(name, aliases: aliases, usage: usage, help: help, grammar: .arguments(type),
                    complete: { context, words, word in
                        complete(context, words, word) + ArgumentNames.of(type).filter { word.hasPrefix("-") && $0.hasPrefix(word) }
                    },
                    run: { tutor, invocation in
                        guard let command = invocation.parsed as? C else { return [] }
                        return then(tutor, command)
                    })
    }

    /// The subcommands of a command-line group, by the names the command line takes.
    static func subcommandNames(_ group: any ParsableCommand.Type) -> [String] {
        group.configuration.subcommands.map { $0._commandName }
    }

    // MARK: looking commands up

    /// The command a word names (a name or an alias, any case), or nil.
    public static func named(_ word: String) -> ReplCommand? {
        let w = word.lowercased()
        return all.first { $0.name == w || $0.aliases.contains(w) }
    }

    /// The command a mistyped word most likely meant.
    /// The command a mistyped word most likely meant. A word with no letter (`80`, `10.0.0.0/16`) is no
    /// command, and a short word is held to one edit (`ls` is not two edits from `80`).
    public static func suggestion(for word: String) -> String? {
        guard word.contains(where: \.isLetter) else { return nil }
        let names = all.flatMap { [$0.name] + $0.aliases.filter { $0.count > 1 } }
        return word.closest(in: names, maxDistance: word.count < 4 ? 1 : 2).flatMap { named($0)?.name }
    }
}

/// The option names of a command-line command, from its own definition (ArgumentParser's help dump), for
/// Tab completion in the REPL.
enum ArgumentNames {
    /// The command line's own: help and version, and the course options (the REPL has its course).
    static let notInTheREPL: Set<String> = ["--help", "-h", "--version", "--lessons", "--progress"]

    static func of(_ type: any ParsableCommand.Type) -> [String] {
        guard let dump = try? JSONParser.parse(type._dumpHelp()) else { return [] }
        return (dump["command"]?["arguments"]?.elements ?? []).flatMap { argument -> [String] in
            guard argument["shouldDisplay"]?.bool != false, argument["kind"]?.string != "positional" else { return [] }
            return (argument["names"]?.elements ?? []).compactMap { name in
                guard let n = name["name"]?.string else { return nil }
                return name["kind"]?.string == "short" ? "-" + n : "--" + n
            }
        }.filter { !notInTheREPL.contains($0) }
    }
}
