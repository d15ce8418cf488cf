import Checks
import Environment
import Testing
@testable import GlowOnboardKit
import JMESPath
import JSON

@Suite struct JSONParserTests {
    @Test func parsesDocumentsKeepingKeyOrder() throws {
        let v = try JSONParser.parse(#"{"b": 1, "a": [true, null, -2.5e3, "\u00e9\ud83d\ude00\n"], "c": {}}"#)
        #expect(v.object?.keys == ["b", "a", "c"])
        #expect(v["a"]?.array == [.bool(true), .null, .number(-2500), .string("é😀\n")])
        #expect(JSONWriter.string(v, indent: nil) == #"{"b": 1, "a": [true, null, -2500, "é😀\n"], "c": {}}"#)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "1:9: expected a key in double quotes, found '}'"),
        ("[1, 2", "1:6: expected ',' or ']' in an array, found end of file"),
        ("{\"a\" 1}", "1:6: expected ':' after the key \"a\", found '1'"),
        ("\n\n  \"abc", "3:3: unterminated string (it starts here)"),
        ("01", "1:2: numbers must not have leading zeros"),
        ("", "1:1: the file is empty; expected a JSON value"),
        ("{} x", "1:4: expected the end of the document after the value, found 'x'"),
        ("[\"한글\", tru]", "1:8: expected 'true'"),
    ])
    func errorsSayWhereAndWhat(_ text: String, _ message: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.description == message) }
    }
}
