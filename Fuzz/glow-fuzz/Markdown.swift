import GlowOnboardKit

/// The markdown reader and the terminal renderer never trap, at a narrow and a wide width, with and
/// without colour.
func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let blocks = MarkdownParser.parse(text)
    _ = MarkdownRenderer(terminal: Terminal(colour: true, width: 20, unicode: true)).render(blocks)
    _ = MarkdownRenderer(terminal: Terminal(colour: false, width: 100, unicode: false)).render(blocks)
    return 0
}
