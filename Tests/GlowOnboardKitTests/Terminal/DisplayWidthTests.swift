import JSON
import Checks
import Environment
import CTestSupport
import Glibc
import Testing
@testable import GlowOnboardKit

extension LocaleSerialized {
@Suite struct DisplayWidthTests {
    @Test func knownStrings() {
        #expect("한글".displayWidth == 4)
        #expect("안녕하세요, 세계!".displayWidth == 17)
        #expect("ㄱㄴㄷ".displayWidth == 6)
        #expect("\u{1100}\u{1161}\u{11A8}".displayWidth == 2)   // conjoining jamo 각
        #expect("。、「」".displayWidth == 8)
        #expect("ＡＢＣ".displayWidth == 6)
        #expect("😀".displayWidth == 2)
        #expect("─│┌┐".displayWidth == 4)
        #expect("\u{1B}[1;36m색\u{1B}[0m".displayWidth == 2)     // escape codes take no columns
        #expect("é".displayWidth == 1 && "e\u{301}".displayWidth == 1)
    }

    /// Our pure-Swift table must agree with glibc's wcwidth (under a UTF-8 locale) on Hangul and CJK.
    @Test func agreesWithGlibcOnHangulAndCJK() throws {
        let saved = String(cString: setlocale(LC_CTYPE, nil))
        defer { _ = setlocale(LC_CTYPE, saved) }
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil, "C.UTF-8 locale is missing")
        let ranges: [ClosedRange<UInt32>] = [
            0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xD7B0...0xD7FF,  // Hangul
            0x3000...0x303F, 0x3040...0x30FF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF,  // CJK
        ]
        var mismatches: [String] = []
        var checked = 0
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned else { continue }
                let glibc = glow_test_wcwidth(value)
                guard glibc >= 0 else { continue }
                checked += 1
                if DisplayWidth.of(scalar) != Int(glibc) {
                    mismatches.append(String(format: "U+%04X ours %d glibc %d", value, DisplayWidth.of(scalar), glibc))
                }
            }
        }
        #expect(checked > 30000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}
}
