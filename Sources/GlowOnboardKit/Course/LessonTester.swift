import Checks
import Environment
import Foundation
import JMESPath
import JSON

/// `lessons test`: proves that each lesson works end to end, as a learner will meet it. Every question is
/// played with each of its accepted answers, its `example` and each of its `mistakes` through the real
/// matcher; every `answer-query` is run on the environment its step reads and each of its values must be
/// an answer of the question's own kind; every verify block runs where it is meant to pass (the
/// reference, and the lab's built state when given) or, for a case study, on its broken fixture, where it
/// must fail with the root cause the lesson's answer names.
public struct LessonTester {
    public struct Report: Sendable {
        public var lesson: Lesson
        public var questions = 0
        public var verifyBlocks = 0
        public var caseStudies = 0
        public var failures: [Diagnostic] = []

        /// `✔ vpc: 6 questions, 2 verify blocks, 1 case study`
        public var summary: String {
            func count(_ n: Int, _ word: String, _ plural: String) -> String { "\(n) \(n == 1 ? word : plural)" }
            let parts = [count(questions, "question", "questions"), count(verifyBlocks, "verify block", "verify blocks"),
                         count(caseStudies, "case study", "case studies")]
            let failed = failures.isEmpty ? "" : " — \(count(failures.count, "failure", "failures"))"
            return "\(failures.isEmpty ? "✔" : "✘") \(lesson.id): \(parts.joined(separator: ", "))\(failed)"
        }
    }

    /// The environment build and exploration steps are written for: glowcorp's bundled reference.
    public var reference: String
    /// The lab's built state (a snapshot of the sandbox after every build step), if given: build and
    /// exploration verify blocks must pass there too.
    public var lab: String?
    public var environment: [String: String]
    private var loaded: [String: Snapshot] = [:]

    public init(reference: String, lab: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.reference = reference
        self.lab = lab
        self.environment = environment
    }

    /// An answer no question should accept: a question that takes it takes anything.
    static let nonsense = "glow-onboard lessons test: not an answer"

    public mutating func test(_ lesson: Lesson) -> Report {
        var report = Report(lesson: lesson)
        for step in lesson.steps {
            let spec = step.verify
            let caseStudy = spec?.fixture.map { Lesson.collapsingParents(lesson.resolveFixture($0, environment: environment)) }
            let stepEnvironment = caseStudy ?? reference
            for question in step.questions {
                report.questions += 1
                report.failures += play(question, lesson: lesson, on: stepEnvironment)
            }
            guard let spec else { continue }
            let at = SourceLocation(file: lesson.file, line: spec.line)
            if let caseStudy {
                report.caseStudies += 1
                report.failures += caseStudyProblems(spec, step: step, fixture: caseStudy, at: at)
                // A break-and-fix step ends when the learner's environment is whole again.
                if spec.practice != nil {
                    report.failures += passProblems(spec, on: reference, what: "after the fix (the reference)", at: at, warningsFail: true)
                }
            } else {
                report.verifyBlocks += 1
                report.failures += passProblems(spec, on: reference, what: "the reference", at: at)
                if let lab { report.failures += passProblems(spec, on: lab, what: "the lab's built state", at: at) }
            }
        }
        return report
    }

    mutating func snapshot(_ directory: String) -> Snapshot {
        if let s = loaded[directory] { return s }
        let s = FixtureSource.load(directory: directory)
        loaded[directory] = s
        return s
    }

    /// Reading problems of an environment, said as a failure (a verify there proves nothing).
    mutating func unreadable(_ directory: String, at: SourceLocation) -> [Diagnostic] {
        let errors = snapshot(directory).issues.filter { $0.kind == .error }
        return errors.isEmpty ? [] : [.error(at, "cannot read \(directory) whole: \(errors.map(\.message).joined(separator: "; "))")]
    }

    // MARK: questions

    mutating func play(_ q: Question, lesson: Lesson, on environment: String) -> [Diagnostic] {
        let at = SourceLocation(file: lesson.file, line: q.line)
        let name = "question '\(q.id)'"
        var out: [Diagnostic] = []
        var resolved = q
        if let query = q.answerQuery {
            if let problem = unreadable(environment, at: at).first { return [problem] }
            switch Self.answerQueryValues(query, on: snapshot(environment).document) {
            case .failure(let message):
                return [.error(at, "\(name): answer-query '\(query)' fails on \(environment): \(message)")]
            case .success(let values) where values.isEmpty:
                return [.error(at, "\(name): answer-query '\(query)' gives no answer on \(environment), so no answer can be right")]
            case .success(let values):
                resolved = q.answeredBy(values)
                for value in values {
                    let verdict = AnswerMatcher.check(value, against: resolved)
                    if !verdict.isCorrect {
                        out.append(.error(at, "\(name): answer-query gives '\(value)' on \(environment), which a \(q.kind.rawValue) question does not accept (\(Self.describe(verdict))); no learner could answer it"))
                    }
                }
            }
        } else if q.kind != .regex {
            for answer in q.answers {
                let verdict = AnswerMatcher.check(answer, against: q)
                if !verdict.isCorrect { out.append(.error(at, "\(name): its answer '\(answer)' is not accepted (\(Self.describe(verdict)))")) }
            }
        }
        if q.kind == .choice {
            // By number, as the learner may answer (in the author's order here; learners see their own).
            for answer in resolved.answers {
                guard let i = q.choices.firstIndex(where: { AnswerMatcher.compactText($0) == AnswerMatcher.compactText(answer) }) else {
                    out.append(.error(at, "\(name): answer '\(answer)' is not one of its choices"))
                    continue
                }
                if !AnswerMatcher.check("\(i + 1)", against: resolved).isCorrect {
                    out.append(.error(at, "\(name): choice \(i + 1) ('\(answer)') is not accepted by its number"))
                }
            }
        }
        if let example = q.example {
            // An answer-query's example shows the form of an answer (another environment's value): it must
            // be an answer of the question's kind. Otherwise it is what is shown as the answer: it must be one.
            let verdict = AnswerMatcher.check(example, against: q.answerQuery != nil ? q.answeredBy([example]) : resolved)
            if !verdict.isCorrect {
                out.append(.error(at, "\(name): its example '\(example)' is not " + (q.answerQuery != nil ? "an answer of kind \(q.kind.rawValue)" : "accepted") + " (\(Self.describe(verdict)))"))
            }
        } else if q.kind == .regex || q.kind == .cidrWithin || q.kind == .ipInCidr, q.answerQuery == nil {
            out.append(.error(at, "\(name): a \(q.kind.rawValue) question needs an `example`: a correct answer to show and to test"))
        }
        for (i, mistake) in q.mistakes.enumerated() {
            let verdict = AnswerMatcher.check(mistake.answer, against: resolved)
            switch verdict {
            case .correct:
                out.append(.error(at, "\(name): mistake '\(mistake.answer)' is accepted as correct"))
            case .wrong(let feedback?) where feedback == mistake.say:
                break
            default:
                let earlier = q.mistakes[..<i].first { AnswerMatcher.sameValue($0.answer, mistake.answer, kind: q.kind) }
                out.append(.error(at, "\(name): mistake '\(mistake.answer)' is never said" + (earlier.map { " (the earlier mistake '\($0.answer)' is the same answer)" } ?? " (\(Self.describe(verdict)))")))
            }
        }
        if AnswerMatcher.check(Self.nonsense, against: resolved).isCorrect {
            out.append(.error(at, "\(name): accepts any answer (it took '\(Self.nonsense)')"))
        }
        return out
    }

    /// The values of an answer-query on a document, as text (strings, numbers and booleans).
    public static func answerQueryValues(_ query: String, on document: JSONValue) -> Result<[String], QueryFailure> {
        let result: JSONValue
        do { result = try JMESPathExpression(query).evaluate(document) } catch { return .failure(QueryFailure(message: "\(error)")) }
        return .success((result.array ?? [result]).compactMap { v -> String? in
            switch v {
            case .string(let s): return s
            case .number, .bool: return JSONWriter.string(v, indent: nil)
            default: return nil
            }
        })
    }

    public struct QueryFailure: Error, Sendable { public var message: String }

    static func describe(_ verdict: AnswerVerdict) -> String {
        switch verdict {
        case .correct: return "accepted"
        case .nearMiss(let m): return "the learner hears: 거의 맞았어요. \(m)"
        case .wrong(let f?): return "the learner hears: \(f)"
        case .wrong(nil): return "the learner hears: 아니에요"
        case .unclear(let m): return "the learner hears: ? \(m)"
        }
    }

    // MARK: verify blocks

    /// `warningsFail`: for a break-and-fix step, whose defect may be a warning, fixed only when it is gone.
    mutating func passProblems(_ spec: VerifySpec, on directory: String, what: String, at: SourceLocation, warningsFail: Bool = false) -> [Diagnostic] {
        if let problem = unreadable(directory, at: at).first { return [problem] }
        let findings = Verifier.run(spec.requests, on: snapshot(directory))
        var out = findings.filter { $0.status == .fail || (warningsFail && $0.status == .warn) }.map {
            Diagnostic.error(at, "verify fails on \(what) (\(directory)): \($0.status == .fail ? "✘" : "⚠") \($0.check): \($0.message)")
        }
        // A state the learner builds is there only when every check could look (as the REPL counts it).
        if spec.build {
            out += findings.filter { $0.status == .notChecked }.map {
                Diagnostic.error(at, "build step's verify could not check \($0.check) on \(what) (\(directory)): \($0.message)")
            }
        }
        return out
    }

    mutating func caseStudyProblems(_ spec: VerifySpec, step: Step, fixture: String, at: SourceLocation) -> [Diagnostic] {
        if let problem = unreadable(fixture, at: at).first { return [problem] }
        let findings = Verifier.run(spec.requests, on: snapshot(fixture))
        // What the learner finds is the first ✘, or the first ⚠ where the defect is a warning.
        guard let top = findings.first(where: { $0.status == .fail }) ?? findings.first(where: { $0.status == .warn }) else {
            return [.error(at, "case study's verify passes on its fixture \(fixture): the learner has nothing to find")]
        }
        // The root cause the lesson names: a question of the step whose answer is a check's id.
        for q in step.questions {
            guard let named = q.answers.first(where: { answer in Catalogue.check(answer) != nil || spec.checks.contains { $0.id == answer } }) else { continue }
            if top.check != named {
                return [.error(SourceLocation(file: at.file, line: q.line),
                               "case study's first \(top.status == .fail ? "✘" : "⚠") on \(fixture) is \(top.check), but question '\(q.id)' says the root cause is \(named)")]
            }
        }
        return []
    }
}

extension Question {
    /// This question with the values its answer-query gave as its accepted answers (first, so the one
    /// shown is what the environment holds, not the author's `example`).
    func answeredBy(_ values: [String]) -> Question {
        var copy = self
        copy.answers = values + answers
        copy.example = nil
        return copy
    }
}
