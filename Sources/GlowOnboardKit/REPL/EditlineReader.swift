import Checks
import Environment
import CEditline
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the C completion callback reads; it cannot capture context, so it lives here.
let completionTable = Mutex(CompletionTable())
/// Set by the SIGINT handler so a NULL from readline() can be told apart from Ctrl-D.
let sigintReceived = Atomic<Bool>(false)

private func onSIGINT(_: Int32) {
    sigintReceived.store(true, ordering: .relaxed)
}

private func completeWord(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    glow_rl_set_completion_over(1)  // never fall back to file names
    let word = text.map { String(cString: $0) } ?? ""
    let line = glow_rl_line_buffer().map { String(cString: $0) } ?? ""
    // `start` is a byte offset; turn it into a character offset.
    let prefixBytes = Array(line.utf8.prefix(Int(start)))
    let wordStart = String(decoding: prefixBytes, as: UTF8.self).count
    let matches = completionTable.withLock { $0.candidates(line: line, wordStart: wordStart, word: word) }
    guard !matches.isEmpty else { return nil }
    let head = matches.count == 1 ? matches[0] : CompletionTable.commonPrefix(matches)
    // libedit frees the array and each string with free(), so they must come from malloc.
    guard let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 2)) else { return nil }
    let result = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: matches.count + 2)
    result[0] = strdup(head)
    for (i, m) in matches.enumerated() { result[i + 1] = strdup(m) }
    result[matches.count + 1] = nil
    return result
}

/// The interactive reader: libedit line editing, history across runs, Tab completion, Ctrl-C cancels
/// the line, Ctrl-D ends. Used only when both stdin and stdout are terminals.
public struct EditlineReader: LineReader {
    let historyPath: String?

    public init(historyPath: String?) {
        self.historyPath = historyPath
        glow_rl_set_readline_name("glow-onboard")
        glow_rl_set_attempted_completion(completeWord)
        glow_rl_set_append_character(Int32(UInt8(ascii: " ")))
        using_history()
        stifle_history(1000)
        if let historyPath { _ = read_history(historyPath) }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = onSIGINT
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: readline() must return on Ctrl-C
        sigaction(SIGINT, &action, nil)
        // A parent may hand us SIGINT blocked (sandboxes and some terminal multiplexers do); then Ctrl-C
        // would never reach the handler, so unblock it explicitly.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    public static func setCompletions(_ table: CompletionTable) {
        completionTable.withLock { $0 = table }
    }

    public mutating func read(prompt: String) -> LineInput {
        sigintReceived.store(false, ordering: .relaxed)
        guard let raw = readline(prompt) else {
            if sigintReceived.load(ordering: .relaxed) {
                print("")
                return .interrupted
            }
            print("")  // the terminal shows ^D without a newline
            return .endOfFile
        }
        defer { free(raw) }
        let line = String(cString: raw)
        if sigintReceived.load(ordering: .relaxed) { return .interrupted }
        if !line.trimmingWhitespace.isEmpty { add_history(line) }
        return .line(line)
    }

    public mutating func close() {
        guard let historyPath else { return }
        let directory = (historyPath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        _ = write_history(historyPath)
    }
}
