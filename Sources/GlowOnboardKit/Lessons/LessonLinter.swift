import Sandbox
import Checks
import Environment
import Foundation
import JMESPath
import JSON

/// Reads every lesson file under a path and reports every problem in one run: what each file says about
/// itself (`LessonParser`) and what only the whole set can tell (duplicate ids, unknown `requires`,
/// missing images).
public enum LessonLinter {
    public struct Result: Sendable {
        public var lessons: [Lesson]
        public var diagnostics: [Diagnostic]
        public var files: [String]
        /// For a directory (a course): the catalogue checks no lesson's verify block uses. `verify` runs
        /// them all the same; the shipped course uses every one (a test holds it to that).
        public var unusedChecks: [String] = []

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Lesson files under `path` (a directory or one file): `*.md`, sorted, without `README.md`.
    public static func lessonFiles(at path: String) throws(CourseError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .lessonsNotFound(path)
        }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .unreadable(path, error.localizedDescription)
        }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }
            .sorted()
            .map { "\(base)/\($0)" }
    }

    /// The largest lesson file read (the biggest shipped lesson is about 50 KB).
    public static let maximumLessonSize = 1 << 20

    /// The `id:` a lesson file's frontmatter declares, read without parsing the lesson (a file with errors
    /// still holds its id); nil when the file or its frontmatter cannot be read.
    public static func declaredId(ofFile file: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 4096), let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(30)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        for line in lines.dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { break }
            if line.hasPrefix("id:") {
                return String(line.dropFirst(3).split(separator: "#").first ?? "").trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// `authoring`: also what only an author needs (the proof that every answer passes its own matcher,
    /// answers that can be read off or guessed, particles in the text); loading the course for a learner
    /// leaves it out. The shipped course passes it (a test), and `reload` and `lessons lint` run it.
    public static func lint(path: String, authoring: Bool = true) throws(CourseError) -> Result {
        let files = try lessonFiles(at: path)
        var result = Result(lessons: [], diagnostics: [], files: files)
        var texts: [String: String] = [:]
        for file in files {
            // A FIFO or device named like a lesson would hang the read: regular files only (links followed).
            let data: Data
            do { data = try BoundedRead.file(file, limit: maximumLessonSize) } catch {
                let message: String
                switch error.reason {
                case .directory, .fifo, .special: message = "not a regular file"
                case .tooLarge(let size): message = "lesson file is \(size) bytes; a lesson may be at most \(maximumLessonSize / 1024) KiB"
                case .missing, .unreadable, .grewWhileRead: message = "cannot read file"
                }
                result.diagnostics.append(.error(SourceLocation(file: file, line: 1), message))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                result.diagnostics.append(.error(SourceLocation(file: file, line: 1), "file is not valid UTF-8"))
                continue
            }
            texts[file] = text
            let (lesson, diagnostics) = LessonParser.parse(text, file: file, proveAnswers: authoring)
            result.diagnostics += diagnostics
            if let lesson {
                result.diagnostics += imageProblems(lesson)
                result.diagnostics += checkProblems(lesson, text: text)
                if authoring {
                    result.diagnostics += guessingProblems(lesson, text: text)
                    result.diagnostics += particleProblems(lesson, text: text)
                    result.diagnostics += controlCharacterProblems(lesson, text: text)
                    result.diagnostics += markdownProblems(lesson, text: text)
                }
                result.lessons.append(lesson)
            }
        }
        // One file linted alone still has its course around it: its `requires` resolve against the other
        // lessons of its directory (read for their ids and order only; their own problems are not this lint's).
        var isFile: ObjCBool = false
        var context: [Lesson] = []
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFile), !isFile.boolValue {
            let directory = (path as NSString).deletingLastPathComponent
            let own = Set(files.map { ($0 as NSString).standardizingPath })
            for sibling in (try? lessonFiles(at: directory.isEmpty ? "." : directory)) ?? [] where !own.contains((sibling as NSString).standardizingPath) {
                guard let data = try? BoundedRead.file(sibling, limit: maximumLessonSize), let text = String(data: data, encoding: .utf8),
                      let lesson = LessonParser.parse(text, file: sibling, proveAnswers: false).0 else { continue }
                context.append(lesson)
            }
        }
        result.diagnostics += crossLessonProblems(result.lessons, texts: texts, context: context)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            result.unusedChecks = unusedChecks(result.lessons)
            result.diagnostics += Glossary.load(directory: path).diagnostics
        }
        if authoring { result.diagnostics += choiceBiasProblems(result.lessons) }
        // Lessons involved in a cross-file error are not taken.
        let broken = Set(result.diagnostics.filter { $0.severity == .error }.map(\.location.file))
        result.lessons.removeAll { broken.contains($0.file) }
        result.lessons.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        result.diagnostics.sort { $0.location < $1.location }
        return result
    }

    static func imageProblems(_ lesson: Lesson) -> [Diagnostic] {
        lesson.images.compactMap { image in
            if image.path.isEmpty { return .error(image.location, "image has no path") }
            if image.path.contains("://") { return nil }
            let resolved = lesson.resolve(image.path)
            if FileManager.default.fileExists(atPath: resolved) { return nil }
            // A missing picture is a warning: the lesson still teaches without it.
            return .warning(image.location, "image '\(image.path)' does not exist (looked for \(resolved)); the lesson is shown without it")
        }
    }

    /// Verify blocks may name only checks of the catalogue, with parameters those checks have.
    static func checkProblems(_ lesson: Lesson, text: String) -> [Diagnostic] {
        // Split only when there is something to report (most lessons have nothing).
        var lines: [Substring]?
        func location(_ line: Int, _ needle: String) -> SourceLocation {
            if lines == nil { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }
            return .find(needle, line: line, in: lines!, file: lesson.file)
        }
        var out: [Diagnostic] = []
        for (_, spec) in lesson.verifications {
            if let fixture = spec.fixture {
                let resolved = lesson.resolveFixture(fixture)
                if !FileManager.default.fileExists(atPath: resolved) {
                    out.append(.error(location(spec.line + 1, "fixture"), "fixture '\(fixture)' does not exist (looked for \(resolved))"))
                }
            }
            if let defect = spec.practice, Defect.named(defect) == nil {
                let suggestion = defect.closest(in: Defect.all.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
                out.append(.error(location(spec.line + 1, "break"), "unknown sandbox defect '\(defect)'\(suggestion); 'glow-onboard sandbox break' lists them"))
            }
            // A query check named like a catalogue check: findings and `verify --check` could not tell them apart.
            for ref in spec.checks where ref.query != nil && Catalogue.check(ref.id) != nil {
                out.append(.warning(location(ref.line, ref.id), "query check id '\(ref.id)' is also a catalogue check's id: findings would not say which one spoke; give the query its own id"))
            }
            for ref in spec.checks where ref.query == nil {
                guard let check = Catalogue.check(ref.id) else {
                    let suggestion = ref.id.closest(in: Catalogue.checks.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
                    out.append(.error(location(ref.line, ref.id), "unknown check '\(ref.id)'\(suggestion); 'glow-onboard checks' lists them"))
                    continue
                }
                let known = check.parameters.map(\.name)
                for name in ref.params.keys.sorted() where !known.contains(name) {
                    let list = known.isEmpty ? "it takes none" : "its parameters: " + known.joined(separator: ", ")
                    out.append(.error(location(ref.line + 1, name), "check '\(ref.id)' has no parameter '\(name)' (\(list))"))
                }
                for parameter in check.parameters {
                    guard let value = ref.params[parameter.name], let problem = Self.parameterTypeProblem(value, like: parameter.defaultValue) else { continue }
                    out.append(.warning(location(ref.line + 1, parameter.name),
                                        "parameter '\(parameter.name)' of check '\(ref.id)' is \(problem), not '\(value)' (its default is \(parameter.defaultValue): \(parameter.doc))"))
                }
            }
        }
        return out
    }

    /// What a parameter's value should look like, read off its default (the catalogue's parameters are
    /// strings the check interprets): a whole number, a CIDR block, a path; nil when the value fits.
    static func parameterTypeProblem(_ value: String, like example: String) -> String? {
        let v = value.trimmingWhitespace
        if !example.isEmpty, example.allSatisfy(\.isASCIIDigit) {
            return v.allSatisfy(\.isASCIIDigit) && !v.isEmpty && v.count <= 9 ? nil : "a whole number"
        }
        if CIDRBlock(example) != nil {
            return CIDRBlock(v) != nil ? nil : "a CIDR block such as \(example)"
        }
        if example.hasPrefix("/") {
            return v.hasPrefix("/") ? nil : "a path starting with '/'"
        }
        return nil
    }

    /// With a fixture: every query of every lesson (verify query checks and answers from the environment)
    /// must evaluate to something there, and an answer from the environment must pass its own matcher.
    public static func queryProblems(_ lessons: [Lesson], snapshot: Snapshot, fixture: String) -> [Diagnostic] {
        let document = snapshot.document
        var out: [Diagnostic] = []
        for lesson in lessons {
            for step in lesson.steps {
                // An expectation the fixture does not meet: a build or exploration step is written for
                // the reference, so a verify block failing there says the lesson and the environment disagree.
                if let spec = step.verify, spec.fixture == nil {
                    let failing = Verifier.run(spec.requests, on: snapshot).filter { $0.status == .fail }
                    if let first = failing.first {
                        out.append(.warning(SourceLocation(file: lesson.file, line: spec.line),
                                            "verify of step '\(step.id)' fails on \(fixture): ✘ \(first.check): \(first.message)\(failing.count > 1 ? " (and \(failing.count - 1) more)" : "")"))
                    }
                }
                for ref in step.verify?.checks ?? [] {
                    guard let q = ref.query else { continue }
                    do {
                        if try JMESPathExpression(q.expression).evaluate(document) == .null {
                            out.append(.error(SourceLocation(file: lesson.file, line: ref.line), "query '\(q.expression)' gives null on \(fixture)"))
                        }
                    } catch {
                        out.append(.error(SourceLocation(file: lesson.file, line: ref.line), "query '\(q.expression)' fails on \(fixture): \(error)"))
                    }
                }
                for question in step.questions {
                    guard let query = question.answerQuery else { continue }
                    let at = SourceLocation(file: lesson.file, line: question.line)
                    guard case .success(let values) = LessonTester.answerQueryValues(query, on: document), !values.isEmpty else {
                        out.append(.error(at, "answer-query '\(query)' of question '\(question.id)' gives no answer on \(fixture)"))
                        continue
                    }
                    // Each value must be an answer of the question's kind: a number question pointed at a path has none.
                    let resolved = question.answeredBy(values)
                    for value in values where !AnswerMatcher.check(value, against: resolved).isCorrect {
                        out.append(.error(at, "answer-query '\(query)' of question '\(question.id)' gives '\(value)' on \(fixture), which a \(question.kind.rawValue) question does not accept"))
                    }
                }
            }
        }
        return out
    }

    /// The catalogue checks no lesson's verify block names, in the catalogue's order.
    public static func unusedChecks(_ lessons: [Lesson]) -> [String] {
        let used = Set(lessons.flatMap { $0.verifications.flatMap { $0.spec.checks.map(\.id) } })
        return Catalogue.checks.map(\.id).filter { !used.contains($0) }
    }

    /// `--against`: ids that learners have progress for (after the lessons' own `aliases` and `renamed`)
    /// and the lessons no longer have. A step or question is told at its lesson's `id:` line, with the
    /// `renamed:` entry to add; a whole lesson at the progress file that names it, with the `aliases:`.
    public static func orphanedProgress(_ lessons: [Lesson], progress: [(file: String, progress: LearnerProgress)]) -> [Diagnostic] {
        let course = Course(lessons: lessons, directory: "")
        let all = CourseReport.learners(progress, in: course)
        // The file to point at for a lesson id the course does not have (renamings never touch such an id).
        var firstFile: [String: String] = [:]
        for item in progress {
            for id in item.progress.lessons.keys where firstFile[id] == nil { firstFile[id] = item.file }
        }
        var out: [Diagnostic] = []
        for orphan in CourseReport.orphans(all, in: course) {
            let parts = orphan.id.split(separator: "/").map(String.init)
            let who = "\(orphan.learners) learner(s)"
            guard let lesson = course.lesson(parts[0]) else {
                let file = firstFile[parts[0]] ?? progress.first?.file ?? ""
                let text = (try? BoundedRead.file(file, limit: ProgressStore.maximumSize)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"\(parts[0])\"") }.map { $0 + 1 } ?? 1
                let near = parts[0].closest(in: lessons.map(\.id)).map { " If '\($0)' is that lesson renamed, add 'aliases: [\(parts[0])]' to its frontmatter." } ?? " If a lesson was renamed, add 'aliases: [\(parts[0])]' to its frontmatter."
                out.append(.warning(SourceLocation(file: file, line: line), "\(who) have progress for lesson '\(parts[0])', which the course no longer has.\(near)"))
                continue
            }
            let text = (try? BoundedRead.file(lesson.file, limit: maximumLessonSize)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 } ?? 1
            let location = SourceLocation(file: lesson.file, line: line)
            // The new id to suggest: a near spelling, else the one id that no learner has progress under.
            func suggest(_ old: String, _ ids: [String], fresh: (String) -> Bool, otherwise: String) -> String {
                if let near = old.closest(in: ids) { return near }
                let unseen = ids.filter(fresh)
                return unseen.count == 1 ? unseen[0] : otherwise
            }
            /// Where no single id stands out: the ones it may be.
            func choices(_ ids: [String], fresh: (String) -> Bool, _ placeholder: String) -> String {
                let unseen = ids.filter(fresh)
                guard unseen.count > 1, !unseen.contains(placeholder) else { return "" }
                return " (\(placeholder) is the id it has now: \(unseen.prefix(6).joined(separator: ", "))\(unseen.count > 6 ? ", …" : ""))"
            }
            if parts.count == 2 {
                let fresh = { (id: String) in all.allSatisfy { $0.lessons[lesson.id]?[id] == nil } }
                let near = suggest(parts[1], lesson.steps.map(\.id), fresh: fresh, otherwise: "NEW-ID")
                let which = near == "NEW-ID" ? choices(lesson.steps.map(\.id), fresh: fresh, "NEW-ID") : ""
                out.append(.warning(location, "\(who) have progress for step '\(parts[1])', which lesson '\(lesson.id)' no longer has; if it was renamed, add 'renamed: {\(parts[1]): \(near)}' to the frontmatter\(which)"))
            } else {
                let step = lesson.step(parts[1])
                let ids = step?.questions.map(\.id) ?? []
                let fresh = { (id: String) in all.allSatisfy { $0.lessons[lesson.id]?[parts[1]]?.questions[id] == nil } }
                let near = suggest(parts[2], ids, fresh: fresh, otherwise: "NEW-ID")
                let which = near == "NEW-ID" ? choices(ids, fresh: fresh, "NEW-ID") : ""
                out.append(.warning(location, "\(who) have progress for question '\(parts[1])/\(parts[2])', which lesson '\(lesson.id)' no longer has; if it was renamed, add 'renamed: {\(parts[1])/\(parts[2]): \(parts[1])/\(near)}' to the frontmatter\(which)"))
            }
        }
        return out
    }

    /// What only the set can tell. `context`: lessons beside the linted ones, known for `requires` only.
    static func crossLessonProblems(_ lessons: [Lesson], texts: [String: String], context: [Lesson] = []) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func frontmatterLine(_ lesson: Lesson, _ key: String) -> SourceLocation {
            let lines = texts[lesson.file]?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            let line = lines.firstIndex { $0.hasPrefix("\(key):") }.map { $0 + 1 } ?? 1
            let column = key.count + 3
            return SourceLocation(file: lesson.file, line: line, column: line == 1 ? 1 : column)
        }
        var byId: [String: Lesson] = [:]
        var byOrder: [Int: Lesson] = [:]
        for lesson in lessons {
            if let first = byId[lesson.id] {
                diagnostics.append(.error(frontmatterLine(lesson, "id"), "duplicate lesson id '\(lesson.id)' (also in \(first.file))"))
            } else {
                byId[lesson.id] = lesson
            }
            if let first = byOrder[lesson.order] {
                diagnostics.append(.warning(frontmatterLine(lesson, "order"), "order \(lesson.order) is also used by '\(first.id)' (\(first.file)); the list order between them is by id"))
            } else {
                byOrder[lesson.order] = lesson
            }
        }
        // An earlier id names one lesson only, and never a lesson that has it now.
        var aliasedBy: [String: Lesson] = [:]
        for lesson in lessons {
            for alias in lesson.aliases {
                if let other = byId[alias] {
                    diagnostics.append(.error(frontmatterLine(lesson, "aliases"), "alias '\(alias)' is the id of a lesson in the course (\(other.file)): progress under it cannot move here"))
                } else if let other = aliasedBy[alias], other.id != lesson.id {
                    diagnostics.append(.error(frontmatterLine(lesson, "aliases"), "alias '\(alias)' is also an alias of '\(other.id)' (\(other.file)): progress under it can move to one lesson only"))
                } else {
                    aliasedBy[alias] = lesson
                }
            }
        }
        var known = byId
        for lesson in context where known[lesson.id] == nil { known[lesson.id] = lesson }
        let allCycles = cycles(known)
        for lesson in lessons {
            for required in lesson.requires {
                if known[required] == nil, let renamed = aliasedBy[required] {
                    diagnostics.append(.warning(frontmatterLine(lesson, "requires"), "requires '\(required)', an earlier id of '\(renamed.id)' (its aliases): write '\(renamed.id)'"))
                    continue
                }
                guard let other = known[required] else {
                    let suggestion = required.closest(in: Array(known.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                    diagnostics.append(.error(frontmatterLine(lesson, "requires"), "requires unknown lesson '\(required)'\(suggestion)"))
                    continue
                }
                if required == lesson.id {
                    diagnostics.append(.error(frontmatterLine(lesson, "requires"), "requires itself: a lesson cannot come before itself"))
                } else if other.order >= lesson.order && !allCycles.contains(where: { $0.contains(lesson.id) && $0.contains(required) }) {
                    diagnostics.append(.warning(frontmatterLine(lesson, "requires"), "requires '\(required)', which comes later in the course (order \(other.order) ≥ \(lesson.order))"))
                }
            }
        }
        // A cycle of two or more lessons: no learner could ever start any of them. Said once, at the first
        // lesson of the cycle in course order.
        for cycle in allCycles where cycle.count > 1 {
            // Said at the cycle's first lesson in course order among those linted here.
            guard let first = cycle.compactMap({ byId[$0] }).min(by: { ($0.order, $0.id) < ($1.order, $1.id) }),
                  let start = cycle.firstIndex(of: first.id) else { continue }
            let path = Array(cycle[start...] + cycle[..<start]) + [first.id]
            diagnostics.append(.error(frontmatterLine(first, "requires"), "requires cycle: \(path.joined(separator: " → ")) (none of these lessons can ever be started)"))
        }
        return diagnostics
    }

    /// The cycles of the `requires` graph (each as its lessons in requires order), found without recursion.
    static func cycles(_ byId: [String: Lesson]) -> [[String]] {
        var state: [String: Int] = [:]  // 1: on the current path, 2: done
        var found: [[String]] = []
        for root in byId.keys.sorted() where state[root] == nil {
            var path: [String] = [root]
            var next: [[String]] = [byId[root]!.requires.filter { byId[$0] != nil && $0 != root }]
            state[root] = 1
            while !path.isEmpty {
                if let child = next[next.count - 1].popLast() {
                    switch state[child] {
                    case nil:
                        state[child] = 1
                        path.append(child)
                        next.append(byId[child]!.requires.filter { byId[$0] != nil && $0 != child })
                    case 1?:
                        if let i = path.firstIndex(of: child) {
                            let cycle = Array(path[i...])
                            if !found.contains(where: { Set($0) == Set(cycle) }) { found.append(cycle) }
                        }
                    default: break
                    }
                } else {
                    state[path.removeLast()] = 2
                    next.removeLast()
                }
            }
        }
        return found
    }
}
