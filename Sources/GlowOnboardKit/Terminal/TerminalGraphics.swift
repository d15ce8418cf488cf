import Environment
import Foundation
import Spawn

/// Pictures in the terminal, where it can show them: kitty's graphics protocol (kitty, and terminals that
/// say they speak it), iTerm2's inline images (iTerm2, WezTerm), or sixel (foot, mlterm, contour, or
/// `GLOW_IMAGES=sixel` for another sixel terminal; drawn by Debian's `img2sixel`, libsixel-bin). Elsewhere
/// the learner is told how to open the file in a window. The escape codes are built from the image
/// file's own bytes (PNG, base64, or img2sixel's output), never from text, and written straight to the
/// terminal.
public enum TerminalGraphics: Sendable, Equatable {
    case kitty, iterm2, sixel

    static let sixelTerminals: Set<String> = ["foot", "foot-extra", "mlterm", "contour", "yaft-256color", "xterm-sixel"]

    public static func detect(environment: [String: String]) -> TerminalGraphics? {
        if environment["TERM"] == "dumb" { return nil }
        switch environment["GLOW_IMAGES"] {
        case "kitty": return .kitty
        case "iterm2": return .iterm2
        case "sixel": return .sixel
        case "none": return nil
        default: break
        }
        if environment["TERM"] == "xterm-kitty" || environment["KITTY_WINDOW_ID"] != nil { return .kitty }
        if ["iTerm.app", "WezTerm"].contains(environment["TERM_PROGRAM"] ?? "") || environment["LC_TERMINAL"] == "iTerm2" { return .iterm2 }
        if sixelTerminals.contains(environment["TERM"] ?? "") { return .sixel }
        return nil
    }

    /// How a learner opens a picture in a window on this system.
    public static var openCommand: String {
        #if os(macOS)
        return "open"
        #else
        return "xdg-open"
        #endif
    }

    /// The largest picture sent to the terminal.
    public static let maximumSize = 8 << 20

    /// The bytes that show the PNG at `path` (nil when it cannot be read or is too large).
    public func escape(forImageAt path: String) -> [UInt8]? {
        guard let data = try? BoundedRead.file(path, limit: Self.maximumSize), !data.isEmpty else { return nil }
        let payload = Array(data.base64EncodedString().utf8)
        switch self {
        case .kitty:
            // Chunks of at most 4096 base64 bytes; `m=1` while more follow.
            var out: [UInt8] = []
            var offset = 0
            while offset < payload.count {
                let end = min(offset + 4096, payload.count)
                let more = end < payload.count ? 1 : 0
                let keys = offset == 0 ? "a=T,f=100,m=\(more)" : "m=\(more)"
                out += Array("\u{1B}_G\(keys);".utf8) + payload[offset..<end] + Array("\u{1B}\\".utf8)
                offset = end
            }
            return out + Array("\n".utf8)
        case .iterm2:
            let name = Data((path as NSString).lastPathComponent.utf8).base64EncodedString()
            return Array("\u{1B}]1337;File=inline=1;size=\(data.count);name=\(name):".utf8) + payload + Array("\u{07}\n".utf8)
        case .sixel:
            // Only a DCS sixel image (ESC P … q … ESC \) from img2sixel is written; anything else is not.
            guard let run = try? Spawn.run(["img2sixel", "--width=640", path], timeout: 20, stderr: .discard), run.status == 0,
                  run.stdout.starts(with: Array("\u{1B}P".utf8)), run.stdout.suffix(2) == Array("\u{1B}\\".utf8) else { return nil }
            return run.stdout + Array("\n".utf8)
        }
    }
}
