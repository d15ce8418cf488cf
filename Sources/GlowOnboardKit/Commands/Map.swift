import ArgumentParser
import Checks
import Environment
import Foundation

public struct Map: KitCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Draw the chain for app.glowcorp.io and api.glowcorp.io, each hop with its state from the checks.",
        discussion: "Exit status: 0 when no hop fails, 1 when one does, 2 for bad input.")

    @Argument(help: ArgumentHelp("One chain only: app, api, or a record name (default: every record's chain).", valueName: "CHAIN"))
    var chain: String?

    @OptionGroup(title: "Source") var source: SourceOptions

    @Flag(help: "Draw with ASCII only (also the default under TERM=dumb).")
    var ascii = false

    @Option(help: ArgumentHelp("Also write the map as a standalone SVG.", valueName: "FILE"), completion: .file(extensions: ["svg"]))
    var svg: String?

    public init() {}

    public func perform(_ context: any CommandContext) throws -> CommandOutput {
        let snapshot = try context.snapshot(source, caseStudy: source.isEmpty ? context.caseStudyHere : nil)
        let renderer = FlowMapRenderer(terminal: context.terminal.ascii(ascii), consoleRegion: ConsoleLink.region(of: snapshot))
        var maps = FlowMap.build(snapshot: snapshot)
        if let chain {
            let wanted = chain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let chosen = maps.filter { $0.record.lowercased() == wanted || $0.record.lowercased().hasPrefix(wanted + ".") }
            guard !chosen.isEmpty else {
                throw UserError("map에 '\(chain)' 흐름은 없어요. 고를 수 있는 것: \(maps.map { $0.record.split(separator: ".").first.map(String.init) ?? $0.record }.joined(separator: ", "))")
            }
            maps = chosen
        }
        if let svg {
            let text = FlowMapSVG.render(maps, title: "glowcorp 트래픽 흐름 — \(snapshot.source)", consoleRegion: ConsoleLink.region(of: snapshot))
            do { try ProgressStore.writeAtomically(Data(text.utf8), to: svg) } catch {
                if case .progressWriteFailed(_, let reason) = error { throw UserError("\(svg, .을를) 쓸 수 없어요: \(reason)") }
                throw UserError("\(svg, .을를) 쓸 수 없어요: \(error)")
            }
        }
        var out = CommandOutput([TextStyle.dim.apply("map: \(snapshot.source)", colour: context.terminal.colour)])
        for (i, map) in maps.enumerated() {
            if i > 0 { out.append("") }
            out.append(contentsOf: renderer.render(map))
            out.append(contentsOf: renderer.consoleLinks(map))
            if map.hops.contains(where: { $0.status == .fail }) { out.status = ExitStatus.failure }
        }
        return out
    }
}
