import Checks
import Environment
/// How a question's answer is compared. Each kind has a matcher that forgives what does not change the
/// meaning (case, spacing, a trailing dot…) and names a near miss instead of just saying "wrong".
public enum AnswerKind: String, Sendable, Hashable, CaseIterable {
    case choice
    case text
    case regex
    case number
    case port
    case cidr
    case cidrWithin = "cidr-within"
    case ipInCidr = "ip-in-cidr"
    case dns
    case command

    public var summary: String {
        switch self {
        case .choice: return "one of `choices`, answered by its number or its text"
        case .text: return "free text; case, spacing and listed aliases forgiven"
        case .regex: return "the whole answer matches one of the `answer` patterns"
        case .number: return "a number, optionally followed by one of `units`"
        case .port: return "a TCP port 1–65535 (\"80\", \":80\", \"80/tcp\")"
        case .cidr: return "an IPv4 CIDR block, equal after canonicalisation"
        case .cidrWithin: return "a CIDR block inside `within` (and of length `prefix`, if set)"
        case .ipInCidr: return "an IPv4 address inside `within`"
        case .dns: return "a DNS name; case, trailing dot and `dualstack.` forgiven"
        case .command: return "a shell command; whitespace, quoting and a leading `sudo` forgiven"
        }
    }
}
