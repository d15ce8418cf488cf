import Environment
import Foundation

/// Lint for questions that can be passed without knowing the answer: the answer stands in the text above
/// the question or in its prompt, a choice question has two choices (a coin toss), and, course-wide, the
/// right choice sits in one position or is the longest choice clearly more often than chance.
extension LessonLinter {
    static func guessingProblems(_ lesson: Lesson, text: String) -> [Diagnostic] {
        var lines: [Substring]?
        /// The value of `field` in the question block that starts on `line` (the key's column when the
        /// value is on the lines below).
        func location(_ q: Question, _ field: String) -> SourceLocation {
            if lines == nil { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }
            var n = max(q.line, 1)
            while n <= lines!.count, n == q.line || !lines![n - 1].hasPrefix("```") {
                let line = lines![n - 1]
                if line.hasPrefix(field + ":") {
                    let rest = line.dropFirst(field.count + 1)
                    let value = rest.drop { $0 == " " }
                    return SourceLocation(file: lesson.file, line: n, column: value.isEmpty ? 1 : line.count - value.count + 1)
                }
                n += 1
            }
            return SourceLocation(file: lesson.file, line: q.line)
        }
        var out: [Diagnostic] = []
        for step in lesson.steps {
            // The REPL shows a step's whole text before its first question, and each explanation after
            // its question: that is what a learner can read off.
            var shown = step.parts.compactMap { part -> String? in
                if case .prose(let block) = part { return block.searchableText } else { return nil }
            }.joined(separator: "\n").lowercased()
            for q in step.questions {
                if q.kind == .choice && q.choices.count == 2 {
                    out.append(.warning(location(q, "choices"), "question '\(q.id)' has only two choices: a guess is right half the time; add a plausible wrong choice or ask it another way"))
                }
                if let found = giveaway(q, shown: Array(shown.unicodeScalars)) {
                    out.append(.warning(location(q, found.place == "in the prompt" ? "prompt" : "answer"), "question '\(q.id)': its answer '\(found.answer)' stands \(found.place); ask it so that the learner works it out or looks it up"))
                }
                shown += "\n" + (q.explain ?? "").lowercased()
            }
        }
        return out
    }

    /// Control characters in a lesson (an ESC pasted from a terminal, a bidi override): the learner would
    /// see them escaped (`\e`), never obeyed, but they are never what the author meant.
    static func controlCharacterProblems(_ lesson: Lesson, text: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var column = 0
            for scalar in line.unicodeScalars {
                column += 1
                if TerminalText.needsEscape(scalar) && scalar != "\r" {
                    out.append(.warning(SourceLocation(file: lesson.file, line: n + 1, column: column),
                                        "control character \(TerminalText.visible(scalar)) in the text; the learner would see it as that escape"))
                    break
                }
            }
        }
        return out
    }

    /// Korean particles after names and numbers in the lesson's text (prose and the question, hint and
    /// verify blocks; not code), in the form the word's final sound takes: `80을`, `nginx는`.
    static func particleProblems(_ lesson: Lesson, text: String) -> [Diagnostic] {
        // The text with code blocks blanked, line for line, so that a word and its particle may sit on two
        // lines (a wrapped aside) and offsets still map to lines.
        var kept: [Substring] = []
        var fence: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = String(line.drop { $0 == " " })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                if fence == nil { fence = String(trimmed.dropFirst(3).prefix { $0 != " " }) } else if trimmed.trimmingWhitespace.count <= 4 { fence = nil }
                kept.append("")
                continue
            }
            kept.append(fence.map { ["question", "hint", "verify"].contains($0) } ?? true ? line : "")
        }
        let starts = kept.reduce(into: [0]) { $0.append($0.last! + $1.unicodeScalars.count + 1) }
        return Korean.particleProblems(in: kept.joined(separator: "\n")).map { p in
            let line = (starts.lastIndex { $0 <= p.offset } ?? 0)
            return .warning(SourceLocation(file: lesson.file, line: line + 1, column: p.offset - starts[line] + 1),
                            "particle after '\(p.word)': write '\(p.word)\(p.expected)', not '\(p.word)\(p.written)' (it follows how the word ends when read aloud)")
        }
    }

    /// An accepted answer that appears literally (as a whole word, case forgiven) in the prompt or in what
    /// the step shows before the question (`shown`, lowercased). A choice answer counts only when no wrong
    /// choice appears there too.
    static func giveaway(_ q: Question, shown: [Unicode.Scalar]) -> (answer: String, place: String)? {
        guard q.kind != .regex, q.answerQuery == nil else { return nil }
        let prompt = Array(q.prompt.lowercased().unicodeScalars)
        let wrong = q.choices.filter { c in !q.answers.contains(c) }.map { $0.lowercased() }
        for answer in q.answers where answer.count >= 2 || q.kind == .number || q.kind == .port {
            let needle = answer.lowercased()
            for (place, haystack) in [("in the prompt", prompt), ("in the step's text, shown before the question", shown)] {
                guard containsWord(haystack, needle) else { continue }
                if q.kind == .choice && wrong.contains(where: { containsWord(haystack, $0) }) { continue }
                return (answer, place)
            }
        }
        return nil
    }

    /// `needle` in `haystack` (both lowercased) with no Latin letter or digit glued to either side
    /// (Korean particles may follow: `8080을`).
    static func containsWord(_ text: [Unicode.Scalar], _ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        let word = Array(needle.unicodeScalars)
        guard word.count <= text.count else { return false }
        let glued = { (c: Unicode.Scalar) in c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
        var i = 0
        while i + word.count <= text.count {
            if text[i] == word[0], text[i..<i + word.count].elementsEqual(word),
               i == 0 || !glued(text[i - 1]), i + word.count == text.count || !glued(text[i + word.count]) {
                return true
            }
            i += 1
        }
        return false
    }

    /// Course-wide: where the right choice is, and whether it is the longest, against what chance gives.
    /// A position (as written in the files) or "the longest" that wins above chance with 99 % confidence
    /// is a warning at the first question it wins.
    static func choiceBiasProblems(_ lessons: [Lesson]) -> [Diagnostic] {
        let questions = lessons.flatMap { lesson in
            lesson.steps.flatMap(\.questions).filter { $0.kind == .choice && $0.choices.count >= 2 }.map { (lesson, $0) }
        }
        guard questions.count >= 8 else { return [] }
        var out: [Diagnostic] = []
        func judge(_ what: String, _ wins: [(Lesson, Question)], _ chances: [Double], advice: String) {
            let expected = chances.reduce(0, +)
            let spread = chances.map { $0 * (1 - $0) }.reduce(0, +).squareRoot()
            guard wins.count >= 4, Double(wins.count) > expected + 2.33 * spread, let (lesson, first) = wins.first else { return }
            out.append(.warning(SourceLocation(file: lesson.file, line: first.line), String(format: "%@ in %d of %d choice questions (chance: about %.1f); %@", what, wins.count, questions.count, expected, advice)))
        }
        let longestPosition = questions.map(\.1.choices.count).max() ?? 0
        for position in 0..<longestPosition {
            let wins = questions.filter { _, q in q.choices.indices.contains(position) && q.answers.contains(q.choices[position]) }
            let chances = questions.map { _, q in q.choices.count > position ? 1 / Double(q.choices.count) : 0 }
            judge("the right answer is choice \(position + 1)", wins, chances, advice: "learners see the choices shuffled, but vary the order in the files too")
        }
        let longest = questions.filter { _, q in
            let widths = q.choices.map { DisplayWidth.of($0) }
            guard let top = widths.max(), widths.filter({ $0 == top }).count == 1, let i = widths.firstIndex(of: top) else { return false }
            return q.answers.contains(q.choices[i])
        }
        judge("the right answer is the longest choice", longest, questions.map { 1 / Double($0.1.choices.count) },
              advice: "make the wrong choices as specific as the right one")
        return out
    }
}

extension Block {
    /// The block's words as the learner reads them, code included.
    var searchableText: String {
        switch self {
        case .code(_, let text, _, _): return text
        case .html(let text, _): return text
        case .list(let list, _): return list.items.flatMap(\.blocks).map(\.searchableText).joined(separator: "\n")
        case .quote(let blocks, _): return blocks.map(\.searchableText).joined(separator: "\n")
        default: return inlines.plainText
        }
    }
}
