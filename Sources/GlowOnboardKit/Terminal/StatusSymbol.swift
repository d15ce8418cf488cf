import Checks
import Environment
extension Finding.Status {
    /// The status's symbol, or its ASCII stand-in where the terminal cannot draw it (`--ascii`, TERM=dumb).
    public func symbol(unicode: Bool) -> String {
        unicode ? [.pass: "✔", .fail: "✘", .warn: "⚠", .notChecked: "–"][self]! : [.pass: "OK", .fail: "XX", .warn: "!!", .notChecked: "--"][self]!
    }

    /// The colour the symbol is drawn in.
    public var style: TextStyle {
        switch self {
        case .pass: return .green
        case .fail: return .red
        case .warn: return .yellow
        case .notChecked: return .dim
        }
    }
}
