import GlowOnboardKit

/// The answer matchers: every kind, with any accepted answer (for regex, any pattern) and any learner
/// input, never traps and never takes long. Input: a kind byte, then NUL-separated fields: the
/// accepted answer, the learner's input, `within`, and the choices.
func fuzzAnswer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let kinds = AnswerKind.allCases
    let kind = kinds[Int(first) % kinds.count]
    let fields = bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
    let choices = fields.count > 3 ? Array(fields[3...].prefix(8)) : ["a", "b"]
    let question = Question(id: "q", kind: kind, prompt: "?", choices: choices, answers: [field(0)],
                            within: fields.count > 2 ? field(2) : nil, prefix: 24, units: ["초", "s"])
    _ = AnswerMatcher.check(field(1), against: question)
    return 0
}
