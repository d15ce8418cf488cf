/// One directive with its arguments, where it was written, and its block if it has one.
public struct NginxDirective: Sendable, Hashable {
    public var name: String
    public var args: [String]
    public var file: String
    public var line: Int
    /// nil for a simple directive (`listen 80;`), the children for a block (`server { … }`).
    public var block: [NginxDirective]?
    /// For `include`: the indices (in `NginxConfiguration.files`) of the files it included.
    public var includes: [Int]?

    public init(name: String, args: [String], file: String, line: Int, block: [NginxDirective]? = nil, includes: [Int]? = nil) {
        self.name = name
        self.args = args
        self.file = file
        self.line = line
        self.block = block
        self.includes = includes
    }

    /// `file:line`, as nginx reports places.
    public var location: String { "\(file):\(line)" }

    /// Direct children named `name`.
    public func children(_ name: String) -> [NginxDirective] { (block ?? []).filter { $0.name == name } }
}
