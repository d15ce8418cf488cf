import JMESPath
import JSON

/// JMESPath: the first line is the expression, the rest the document. Lexer, parser and evaluation
/// never trap, whatever the expression and the document.
func fuzzJMESPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let newline = bytes.firstIndex(of: 10) ?? bytes.count
    let expression = String(decoding: bytes[..<newline], as: UTF8.self)
    let document = newline < bytes.count ? (try? JSONParser.parse(bytes: Array(bytes[(newline + 1)...]))) ?? .null : .null
    guard let compiled = try? JMESPathExpression(expression) else { return 0 }
    if let result = try? compiled.evaluate(document) { _ = JSONWriter.string(result) }
    return 0
}
