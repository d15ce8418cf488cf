import Glibc
import Testing
@testable import GlowOnboardKit

/// libedit crashes on a Korean prompt under the C locale; the REPL must force a UTF-8 LC_CTYPE.
extension LocaleSerialized {
@Suite struct LocaleSetupTests {
    @Test func forcesUTF8UnderTheCLocale() {
        let saved = String(cString: setlocale(LC_CTYPE, nil))
        defer { _ = setlocale(LC_CTYPE, saved) }
        setenv("LC_ALL", "C", 1)
        defer { unsetenv("LC_ALL") }
        _ = setlocale(LC_CTYPE, "C")
        #expect(LocaleSetup.currentCodeset() != "UTF-8")
        #expect(LocaleSetup.ensureUTF8CType() == "UTF-8")
        #expect(LocaleSetup.currentCodeset() == "UTF-8")
    }
}
}
