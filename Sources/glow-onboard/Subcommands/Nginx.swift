import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit
import NginxConfig

struct Nginx: ParsableCommand {
    nonisolated(unsafe) static var keptUntilExit: NginxConfiguration?

    static let configuration = CommandConfiguration(
        abstract: "Read nginx configurations as nginx reads them.",
        subcommands: [Parse.self])

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        func run() throws {
            var failed = false
            try reporting {
                let config: NginxConfiguration
                do { config = try NginxInput.load(path: path, root: root) } catch { throw Failure("\(error)") }
                if json {
                    print(config.crossplaneJSON())
                } else if !check {
                    for file in config.files {
                        print("# \(file.path)")
                        print(file.directives.map { $0.outline(indent: "") }.joined(separator: "\n"))
                    }
                }
                for w in config.warnings { printError(w.description) }
                for e in config.errors { printError("nginx: [emerg] \(e)") }
                failed = !config.errors.isEmpty
                // The process ends right after this: freeing a large tree node by node only costs time.
                Nginx.keptUntilExit = config
            }
            if failed { throw ExitCode(1) }
        }
    }
}

extension NginxDirective {
    func outline(indent: String) -> String {
        let head = "\(indent)\(name)\(args.isEmpty ? "" : " " + args.joined(separator: " "))  (\(line))"
        guard let block else { return head }
        return ([head + " {"] + block.map { $0.outline(indent: indent + "    ") } + ["\(indent)}"]).joined(separator: "\n")
    }
}
