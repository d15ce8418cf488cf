import Checks
import Environment
#if canImport(Glibc)
import Glibc
#endif

/// libedit needs a UTF-8 `LC_CTYPE`: under the C locale a Korean prompt crashes it (NULL dereference
/// inside libedit before the first key) and Korean keystrokes are dropped. Keep the user's locale when
/// it is UTF-8, otherwise fall back to C.UTF-8, which Debian's glibc always has.
public enum LocaleSetup {
    @discardableResult
    public static func ensureUTF8CType() -> String {
        _ = setlocale(LC_CTYPE, "")
        if currentCodeset() == "UTF-8" { return "UTF-8" }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            if currentCodeset() == "UTF-8" { break }
        }
        return currentCodeset()
    }

    public static func currentCodeset() -> String {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: codeset)
    }
}
