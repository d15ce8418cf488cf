import Checks
import Environment
/// The outcome of checking one answer.
public enum AnswerVerdict: Sendable, Hashable {
    /// Accepted; `note` says something about the particular answer given (e.g. "this is Amazon Linux 2").
    case correct(note: String?)
    /// Not accepted, but close: a typo, or the right value written in the wrong form. The message says which.
    case nearMiss(String)
    /// Not accepted. `feedback` is the author's word for a known mistake, or what was wrong with the form.
    case wrong(feedback: String?)
    /// Not an answer of the question's form (`바나나` to a choice question), or one that fits several
    /// choices: neither right nor "almost". The message says what was typed and what is expected.
    case unclear(String)

    public var isCorrect: Bool {
        if case .correct = self { return true }
        return false
    }
}
