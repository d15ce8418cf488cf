import JSON

/// JSON: the parser never traps, and what it accepts the writer writes back to the same value.
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes: bytes) else { return 0 }
    for compact in [false, true] {
        let text = JSONWriter.string(value, compact: compact)
        guard let again = try? JSONParser.parse(text) else { fatalError("the writer wrote JSON its parser refuses: \(text.prefix(200))") }
        if again != value { fatalError("write then parse changed the value: \(text.prefix(200))") }
    }
    return 0
}
