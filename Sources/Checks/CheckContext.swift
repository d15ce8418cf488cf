import Environment
import NginxConfig

/// What a check sees while it runs: the snapshot, the resolved chain, its parameters, and helpers that
/// make findings in the check's name.
public struct CheckContext: Sendable {
    public var snapshot: Snapshot
    public var chain: Chain
    public var parameters: [String: String]
    let check: Check

    public func parameter(_ name: String) -> String {
        parameters[name] ?? check.parameters.first { $0.name == name }?.defaultValue ?? ""
    }

    public func intParameter(_ name: String) -> Int { Int(parameter(name)) ?? 0 }

    /// The chain's view of nginx (built once per run); `config` is the snapshot's, which the caller checked.
    func nginxView(_ config: NginxConfiguration) -> NginxView { chain.nginx ?? NginxView(config) }

    public func pass(_ message: String, location: String? = nil, expected: String? = nil, actual: String? = nil) -> Finding {
        Finding(check: check.id, hop: check.hop, severity: check.severity, status: .pass, message: message,
                hint: nil, expected: expected, actual: actual, location: location)
    }

    /// A problem: `fail` for an error check, `warn` for a warning check.
    public func problem(_ message: String, hint: String? = nil, location: String? = nil, expected: String? = nil, actual: String? = nil) -> Finding {
        Finding(check: check.id, hop: check.hop, severity: check.severity, status: check.severity == .error ? .fail : .warn,
                message: message, hint: hint, expected: expected, actual: actual, location: location)
    }

    public func notChecked(_ message: String, location: String? = nil) -> Finding {
        Finding(check: check.id, hop: check.hop, severity: check.severity, status: .notChecked, message: message,
                hint: nil, expected: nil, actual: nil, location: location)
    }
}
