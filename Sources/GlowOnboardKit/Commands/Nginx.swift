import ArgumentParser
import Environment
import Foundation
import NginxConfig

public struct Nginx: ParsableCommand {
    nonisolated(unsafe) static var keptUntilExit: NginxConfiguration?

    public static let configuration = CommandConfiguration(
        abstract: "Read nginx configurations as nginx reads them.",
        subcommands: [Parse.self])

    public init() {}

    public struct Parse: KitCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Parse a configuration (a main file, a directory holding nginx.conf, or an `nginx -T` dump) with its includes.",
            discussion: """
            Errors read like nginx's (`… in FILE:LINE`); every file's errors are reported. Exit status 1 when
            there are errors. --json prints the JSON of `crossplane parse` (0.5.8).
            """)

        @Argument(help: ArgumentHelp("nginx.conf, a directory with nginx.conf, or a file holding `nginx -T` output.", valueName: "PATH"),
                  completion: .file())
        var path: String

        @Flag(help: "Print crossplane's JSON shape.")
        var json = false

        @Flag(help: "Print nothing but problems (like nginx -t -q).")
        var check = false

        @Option(help: ArgumentHelp("Read absolute paths (includes) under this directory, e.g. a copy of a host's /etc/nginx taken with its parents.", valueName: "DIR"))
        var root: String?

        public init() {}

        public func perform(_ context: any CommandContext) throws -> CommandOutput {
            let config = try NginxInput.load(path: path, root: root)
            var out = CommandOutput()
            if json {
                out.append(config.crossplaneJSON())
            } else if !check {
                for file in config.files {
                    out.append("# \(file.path)")
                    var lines: [String] = []
                    for directive in file.directives { directive.outline(indent: 0, into: &lines) }
                    out.append(lines.joined(separator: "\n"))
                }
            }
            for w in config.warnings { out.aside(w.description) }
            for e in config.errors { out.aside("nginx: [emerg] \(e)") }
            if !config.errors.isEmpty { out.status = ExitStatus.failure }
            // The process ends right after this: freeing a large tree node by node only costs time.
            Nginx.keptUntilExit = config
            return out
        }
    }
}

extension NginxDirective {
    /// The tree as indented lines, appended to one list: linear in what it prints, however deep the
    /// nesting (joining each block's text into its parent's copied it once per level).
    func outline(indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent * 4)
        let head = "\(pad)\(name)\(args.isEmpty ? "" : " " + args.joined(separator: " "))  (\(line))"
        guard let block else { return lines.append(head) }
        lines.append(head + " {")
        for child in block { child.outline(indent: indent + 1, into: &lines) }
        lines.append("\(pad)}")
    }
}
