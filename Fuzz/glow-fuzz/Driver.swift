#if canImport(Glibc)
import Glibc
#endif

/// One executable for every harness: `glow-fuzz NAME [libFuzzer's arguments…]`.
typealias Harness = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

let harnesses: [(name: String, run: Harness)] = [
    ("json", fuzzJSON), ("jmespath", fuzzJMESPath), ("nginx", fuzzNginx), ("xml", fuzzXML),
    ("lesson", fuzzLesson), ("markdown", fuzzMarkdown), ("progress", fuzzProgress), ("answer", fuzzAnswer),
]

/// The harness the command line chose (set once, before libFuzzer starts calling).
nonisolated(unsafe) var chosen: Harness?

/// libFuzzer's archive references this symbol (its own `main` does), so it is defined, and it runs the
/// chosen harness.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { chosen?(data, size) ?? 0 }

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: Harness) -> CInt

// SwiftPM links an executable's entry point as `<module>_main` (so libFuzzer's own `main` is not used):
// this one picks the harness named by the first argument and hands the rest to libFuzzer's driver.
@_cdecl("glow_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    let name = argc > 1 ? argv[1].map { String(cString: $0) } ?? "" : ""
    guard let harness = harnesses.first(where: { $0.name == name }) else {
        let usage = "usage: glow-fuzz \(harnesses.map(\.name).joined(separator: "|")) [libFuzzer options] [corpus]\n"
        _ = usage.withCString { write(2, $0, strlen($0)) }
        return 2
    }
    // libFuzzer sees the program name and the rest (it re-runs argv[0] for some modes, so keep the name).
    argv[1] = argv[0]
    var count = argc - 1
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv + 1
    chosen = harness.run
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzOne)
}
