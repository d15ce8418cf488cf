import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the chain for app.glowcorp.io and api.glowcorp.io, each hop with its state from the checks.",
        discussion: "Exit status: 0 when no hop fails, 1 when one does, 2 for bad input.")

    @OptionGroup(title: "Source") var source: SourceOptions

    @Flag(help: "Draw with ASCII only (also the default under TERM=dumb).")
    var ascii = false

    @Option(help: ArgumentHelp("Also write the map as a standalone SVG.", valueName: "FILE"), completion: .file(extensions: ["svg"]))
    var svg: String?

    func run() throws {
        var failed = false
        try reporting {
            let snapshot = try source.load(progress: true)
            var terminal = Terminal.forStandardOutput(environment: Environment.variables)
            if ascii || Environment.variables["TERM"] == "dumb" { terminal.unicode = false }
            let renderer = FlowMapRenderer(terminal: terminal)
            let maps = FlowMap.build(snapshot: snapshot)
            if let svg {
                let text = FlowMapSVG.render(maps, title: "glowcorp 트래픽 흐름 — \(snapshot.source)")
                guard FileManager.default.createFile(atPath: svg, contents: Data(text.utf8)) else { throw Failure("cannot write \(svg)") }
            }
            print("map: \(snapshot.source)")
            for (i, map) in maps.enumerated() {
                if i > 0 { print("") }
                for line in renderer.render(map) { print(line) }
                failed = failed || map.hops.contains { $0.status == .fail }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
