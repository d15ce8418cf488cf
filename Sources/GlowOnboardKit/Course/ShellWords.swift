import Checks
import Environment
/// Splits a command line into words the way a POSIX shell does for simple commands: single quotes are
/// literal, double quotes allow `\"`, `\\`, `\$` and `` \` `` escapes, a backslash outside quotes escapes
/// the next character. Enough to compare `nginx -t` with `'nginx'  -t`; no expansion is performed.
public enum ShellWords {
    public enum Failure: Error, Equatable {
        case unterminatedQuote(Character)
        case trailingBackslash
    }

    public static func split(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = Array(line).makeIterator()
        while let c = iterator.next() {
            switch c {
            case "'":
                inWord = true
                var closed = false
                while let d = iterator.next() {
                    if d == "'" { closed = true; break }
                    current.append(d)
                }
                if !closed { throw .unterminatedQuote("'") }
            case "\"":
                inWord = true
                var closed = false
                while let d = iterator.next() {
                    if d == "\"" { closed = true; break }
                    if d == "\\" {
                        guard let e = iterator.next() else { throw .unterminatedQuote("\"") }
                        if !"\"\\$`".contains(e) { current.append("\\") }
                        current.append(e)
                    } else {
                        current.append(d)
                    }
                }
                if !closed { throw .unterminatedQuote("\"") }
            case "\\":
                guard let e = iterator.next() else { throw .trailingBackslash }
                inWord = true
                current.append(e)
            case _ where c.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
