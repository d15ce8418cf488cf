import Checks
import Environment
import Foundation

/// A place in a lesson file, 1-based, as an editor shows it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// Where `needle` first appears on `line` of `lines` (column 1 when it does not).
    static func find(_ needle: String, line: Int, in lines: [Substring], file: String) -> SourceLocation {
        guard line >= 1, line <= lines.count, let r = lines[line - 1].range(of: needle) else { return SourceLocation(file: file, line: line) }
        return SourceLocation(file: file, line: line, column: lines[line - 1].distance(from: lines[line - 1].startIndex, to: r.lowerBound) + 1)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
