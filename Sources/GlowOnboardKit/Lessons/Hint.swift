import Checks
import Environment
/// A ```hint block: markdown shown only when the learner asks for a hint.
public struct Hint: Sendable, Hashable {
    public var blocks: [Block]
    public var line: Int

    public init(blocks: [Block], line: Int) {
        self.blocks = blocks
        self.line = line
    }
}
