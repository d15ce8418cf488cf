import Testing
@testable import AWSRead

/// A reply nested without end (50,000 items) is refused with a message, not a crash.
@Suite struct XMLDepthTests {
    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "<item>", count: 50_000) + String(repeating: "</item>", count: 50_000)
        #expect(throws: XMLFailure.self) { try XMLReader.parse(Array(deep.utf8)) }
        do { _ = try XMLReader.parse(Array(deep.utf8)) } catch {
            #expect(error.description.contains("nested deeper than 64"), "\(error)")
        }
        // AWS's own depth is fine.
        let ok = "<R>" + String(repeating: "<a>", count: 30) + "x" + String(repeating: "</a>", count: 30) + "</R>"
        #expect((try? XMLReader.parse(Array(ok.utf8))) != nil)
    }
}
