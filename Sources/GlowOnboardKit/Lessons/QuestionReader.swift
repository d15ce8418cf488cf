import Checks
import Environment
import JMESPath
import JSON
import Yams

/// Reads and validates the YAML body of a ```question block. Every accepted answer must itself pass the
/// question's matcher, so a question that nobody could answer correctly cannot ship.
struct QuestionReader {
    let section: YAMLSection
    let line: Int
    var proveAnswers = true

    /// Fields that only make sense for some kinds.
    static let kindOnlyFields: [String: Set<AnswerKind>] = [
        "choices": [.choice],
        "within": [.cidrWithin, .ipInCidr],
        "prefix": [.cidrWithin],
        "units": [.number],
    ]

    func read(_ text: String) -> Question? {
        guard let node = section.compose(text, what: "question block") else {
            if section.diagnostics.isEmpty { section.error(nil, "empty question block: it needs id, kind, prompt and answer") }
            return nil
        }
        guard let f = section.fields(node, what: "question block", known: LessonParser.questionFields) else { return nil }
        let before = section.diagnostics.count

        let id = f.string("id", required: true)
        if let id, !LessonParser.isValidId(id) {
            section.error(f.valueMark("id"), "question id '\(id)' must be lowercase letters, digits and '-'")
        }
        var kind: AnswerKind?
        if let raw = f.string("kind", required: true) {
            kind = AnswerKind(rawValue: raw.trimmingWhitespace)
            if kind == nil {
                let all = AnswerKind.allCases.map(\.rawValue)
                let suggestion = raw.closest(in: all).map { "did you mean '\($0)'? " } ?? ""
                section.error(f.valueMark("kind"), "unknown answer kind '\(raw)': \(suggestion)kinds are \(all.joined(separator: ", "))")
            }
        }
        let prompt = f.string("prompt", required: true)
        var question = Question(id: id ?? "", kind: kind ?? .text, prompt: prompt ?? "", line: line)
        question.choices = f.strings("choices").map { $0.0.trimmingWhitespace }
        question.example = f.string("example")
        question.within = f.string("within")?.trimmingWhitespace
        question.prefix = f.int("prefix", in: 0...32)
        question.units = f.strings("units").map(\.0)
        question.hints = f.strings("hints").map(\.0)
        question.explain = f.string("explain")
        let answerMarks = readAnswers(f, into: &question)
        if let query = f.string("answer-query") {
            question.answerQuery = query.trimmingWhitespace
            do { _ = try JMESPathExpression(query) } catch {
                section.error(at: section.location(inside: f.node("answer-query"), column: error.column),
                              "invalid answer-query: \(YAMLSection.jmespathProblem(error))")
            }
        }
        question.mistakes = readMistakes(f)

        guard let kind, section.diagnostics.count == before else { return nil }
        for (field, kinds) in Self.kindOnlyFields where f.has(field) && !kinds.contains(kind) {
            section.error(f.keyMark(field), "field '\(field)' is not used by kind '\(kind.rawValue)' (only by \(kinds.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        validate(question, f, answerMarks)
        return section.diagnostics.count == before ? question : nil
    }

    /// `answer` is a value, a list of values, or a list of `{value, note}` mappings.
    private func readAnswers(_ f: YAMLSection.Fields, into q: inout Question) -> [Mark?] {
        guard let node = f.node("answer") else { return [] }
        var marks: [Mark?] = []
        let items: [Node]
        if case .sequence(let seq) = node { items = Array(seq) } else { items = [node] }
        for item in items {
            switch item {
            case .scalar(let s):
                q.answers.append(s.string.trimmingWhitespace)
                marks.append(s.mark)
            case .mapping:
                guard let a = section.fields(item, what: "answer", known: ["value", "note"]),
                      let value = a.string("value", required: true) else { continue }
                q.answers.append(value.trimmingWhitespace)
                marks.append(a.valueMark("value"))
                if let note = a.string("note") { q.answerNotes[value.trimmingWhitespace] = note }
            default:
                section.error(item.mark, "'answer' must be a value, a list of values, or a list of {value, note}")
            }
        }
        return marks
    }

    private func readMistakes(_ f: YAMLSection.Fields) -> [Question.Mistake] {
        guard let node = f.node("mistakes") else { return [] }
        guard case .sequence(let seq) = node else {
            section.error(node.mark, "'mistakes' must be a list of {answer, say}")
            return []
        }
        return seq.compactMap { item in
            guard let m = section.fields(item, what: "mistake", known: ["answer", "say"]),
                  let answer = m.string("answer", required: true), let say = m.string("say", required: true)
            else { return nil }
            return Question.Mistake(answer: answer, say: say)
        }
    }

    private func validate(_ q: Question, _ f: YAMLSection.Fields, _ marks: [Mark?]) {
        let needsAnswer = ![.cidrWithin, .ipInCidr].contains(q.kind) && q.answerQuery == nil
        if needsAnswer && q.answers.isEmpty {
            section.error(f.mark, "question '\(q.id)' has no accepted answer: add 'answer:' (or 'answer-query:')")
            return
        }
        if q.answerQuery != nil && q.kind == .choice {
            section.error(f.keyMark("answer-query"), "a choice question's answer must be among its choices; use 'answer'")
        }
        if !needsAnswer && f.has("answer") {
            section.error(f.keyMark("answer"), "kind '\(q.kind.rawValue)' accepts any block inside 'within'; use 'example' for the answer to show")
        }
        switch q.kind {
        case .choice:
            if q.choices.count < 2 {
                section.error(f.valueMark("choices"), "a choice question needs at least two 'choices'")
                return
            }
            for (i, c) in q.choices.enumerated() where q.choices[..<i].contains(c) {
                section.error(f.valueMark("choices"), "choice '\(c)' is listed twice")
            }
            for (answer, mark) in zip(q.answers, marks) where !q.choices.contains(answer) {
                let byNumber = Int(answer).flatMap { (1...q.choices.count).contains($0) ? q.choices[$0 - 1] : nil }
                let hint = byNumber.map { " (write the choice's text, '\($0)', not its number)" } ?? ""
                section.error(mark, "answer '\(answer)' is not among the choices\(hint)")
            }
            for mistake in q.mistakes where !q.choices.contains(mistake.answer) {
                section.error(f.valueMark("mistakes"), "mistake '\(mistake.answer)' is not among the choices")
            }
        case .regex:
            if q.example == nil { section.error(f.mark, "a regex question needs an 'example' answer to show the learner") }
            // Compiled once here, as part of the proof: each pattern must be valid, and the example must
            // match one of them.
            guard proveAnswers else { return }
            var exampleMatches = false
            for (pattern, mark) in zip(q.answers, marks) {
                do {
                    let compiled = try LinearRegex(pattern)
                    if let example = q.example, compiled.wholeMatch(example.trimmingWhitespace) { exampleMatches = true }
                } catch {
                    section.error(mark, "answer '\(pattern)' is not a regular expression the answer matcher takes: \(error)")
                }
            }
            if let example = q.example, section.diagnostics.isEmpty, !exampleMatches {
                section.error(f.valueMark("example"), "'\(example)' would not be accepted by this regex question")
            }
            return
        case .number:
            for (answer, mark) in zip(q.answers, marks) where Double(answer) == nil {
                section.error(mark, "answer '\(answer)' is not a number")
            }
        case .port:
            for (answer, mark) in zip(q.answers, marks) {
                if let p = Int(answer), (1...65535).contains(p) { continue }
                section.error(mark, "answer '\(answer)' is not a port number 1–65535")
            }
        case .cidr:
            for (answer, mark) in zip(q.answers, marks) {
                switch CIDRBlock.parse(answer) {
                case .canonical: break
                case .hostBitsSet(let block):
                    section.error(mark, "answer '\(answer)' has host bits set; the block is \(block)")
                default:
                    section.error(mark, "answer '\(answer)' is not an IPv4 CIDR block like 10.0.0.0/16")
                }
            }
        case .cidrWithin, .ipInCidr:
            guard let within = q.within else {
                section.error(f.mark, "kind '\(q.kind.rawValue)' needs 'within', the CIDR block answers must lie in")
                return
            }
            guard let outer = CIDRBlock(within) else {
                section.error(f.valueMark("within"), "'within' must be a canonical IPv4 CIDR block like 10.0.0.0/16, not '\(within)'")
                return
            }
            if let prefix = q.prefix, !(outer.prefix...32).contains(prefix) {
                section.error(f.valueMark("prefix"), "'prefix' must be between \(outer.prefix) and 32 to fit inside \(outer)")
            }
        case .dns:
            for (answer, mark) in zip(q.answers, marks) where answer.wholeMatch(of: #/(?i)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?/#) == nil {
                section.error(mark, "answer '\(answer)' is not a DNS name")
            }
        case .command:
            for (answer, mark) in zip(q.answers, marks) where AnswerMatcher.commandWords(answer)?.isEmpty ?? true {
                section.error(mark, "answer '\(answer)' is not a command (empty, or an unclosed quote)")
            }
        case .text:
            break
        }
        guard proveAnswers, section.diagnostics.isEmpty, q.answerQuery == nil else { return }
        // Proof: every accepted answer and the example pass the matcher; no listed mistake does.
        // (An answer from the environment is proved by `lessons lint --fixture DIR`.)
        let samples = (q.kind == .regex ? [] : zip(q.answers, marks).map { ($0, $1) }) + (q.example.map { [($0, f.valueMark("example"))] } ?? [])
        for (sample, mark) in samples where !AnswerMatcher.check(sample, against: q).isCorrect {
            section.error(mark, "'\(sample)' would not be accepted by this \(q.kind.rawValue) question\(Self.whyRefused(sample, q))")
        }
        // A listed mistake is checked before the answers, so one equal to an answer would make it unreachable.
        for mistake in q.mistakes where (q.answers + [q.example].compactMap { $0 }).contains(where: {
            AnswerMatcher.sameValue(mistake.answer, $0, kind: q.kind)
        }) {
            section.error(f.valueMark("mistakes"), "mistake '\(mistake.answer)' is also listed as an accepted answer or the example")
        }
    }

    /// Why an answer the author wrote is refused, where the kind can say: for addresses and blocks the
    /// reason (outside, a wrong prefix, host bits set, an address AWS reserves), else what the learner hears.
    static func whyRefused(_ sample: String, _ q: Question) -> String {
        let outer = q.within.flatMap(CIDRBlock.init)
        switch q.kind {
        case .ipInCidr:
            guard let outer else { break }
            let text = sample.trimmingWhitespace
            guard let address = IPv4Address(text.hasSuffix("/32") ? String(text.dropLast(3)) : text) else { return ": not an IPv4 address" }
            if !outer.contains(address) { return ": \(address) is outside \(outer)" }
            if text.hasSuffix("/32") { return ": written with /32; the question takes the address alone" }
            return ": \(address) is one of the five addresses AWS reserves in \(outer) (the first four and the last)"
        case .cidrWithin:
            guard let outer else { break }
            switch CIDRBlock.parse(sample) {
            case .canonical(let block), .netmask(let block), .hostBitsSet(let block):
                if case .hostBitsSet = CIDRBlock.parse(sample), outer.contains(block), q.prefix.map({ $0 == block.prefix }) ?? true {
                    return ": host bits set; the block is \(block)"
                }
                if !outer.contains(block) { return ": \(block) is not inside \(outer)" }
                if let prefix = q.prefix, block.prefix != prefix { return ": its prefix is /\(block.prefix), the question asks for /\(prefix)" }
                if case .netmask = CIDRBlock.parse(sample) { return ": written with a netmask; write \(block)" }
            case .missingPrefix: return ": no prefix length (/N)"
            case .invalid: return ": not a CIDR block"
            }
        default:
            break
        }
        if case .wrong(let feedback?) = AnswerMatcher.check(sample, against: q) { return " (the learner hears: \(feedback))" }
        if case .nearMiss(let message) = AnswerMatcher.check(sample, against: q) { return " (the learner hears: \(message))" }
        return ""
    }
}
