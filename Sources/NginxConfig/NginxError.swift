/// A problem in a configuration, worded like nginx's own `[emerg]` messages: `… in FILE:LINE`.
public struct NginxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var file: String
    public var line: Int?

    public init(_ message: String, file: String, line: Int?) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { line.map { "\(message) in \(file):\($0)" } ?? "\(message) in \(file)" }
}

/// Something nginx accepts but that is almost surely a mistake (a missing `;` that turns the next line
/// into arguments).
public struct NginxWarning: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var file: String
    public var line: Int

    public var description: String { "\(file):\(line): warning: \(message)" }
}
