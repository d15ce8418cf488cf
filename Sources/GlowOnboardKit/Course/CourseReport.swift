import Environment
import Foundation

/// `report`: what learners did, from their exported progress files, for the instructor. Per lesson,
/// step and question: how many learners reached it, answered it, skipped it and needed hints, and the
/// wrong answers most learners gave (with whether a `mistakes` entry already answers them); and where
/// the learners who have not finished stand. Files of the same learner (one id, two machines) count once.
public struct CourseReport: Sendable, Codable, Equatable {
    public struct WrongAnswer: Sendable, Codable, Equatable {
        public var answer: String
        /// How many learners gave it (a learner who typed it three times counts once).
        public var learners: Int
        /// What the lesson does with it now: `told` (a `mistakes` entry says why), `near-miss` (the matcher
        /// names the slip), `accepted` (the lesson now takes it) or `untold` (only "wrong": add a mistake).
        public var now: String
    }

    public struct QuestionRow: Sendable, Codable, Equatable {
        public var id: String
        public var kind: String
        public var prompt: String
        public var reached = 0
        public var answered = 0
        public var skipped = 0
        public var hinted = 0
        public var attempts = 0
        public var wrong: [WrongAnswer] = []
    }

    public struct StepRow: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var reached = 0
        public var verified = 0
        public var hasVerify: Bool
        public var questions: [QuestionRow]
    }

    public struct LessonRow: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var reached = 0
        public var finished = 0
        public var steps: [StepRow]
    }

    /// Where learners who have not finished the course stand (their saved position).
    public struct Stop: Sendable, Codable, Equatable {
        public var lesson: String
        public var step: String
        public var learners: Int
    }

    /// Ids that learners have progress for and the course does not have (renamed or removed).
    public struct Orphan: Sendable, Codable, Equatable {
        public var id: String
        public var learners: Int
    }

    public var learners: Int
    public var files: [String]
    public var finishedCourse: Int
    public var lessons: [LessonRow]
    public var stops: [Stop]
    public var orphans: [Orphan]

    /// How many wrong answers a question lists.
    public static let wrongAnswersShown = 5

    /// Text from lessons and progress files as the report carries it: no control characters and none of
    /// the noncharacters this program marks its own colour and links with (the JSON and HTML stay clean).
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !($0.properties.generalCategory == .control || $0.properties.isNoncharacterCodePoint) || $0 == "\n"
        }))
    }

    /// One record per learner, in the order first met, under the course's ids: files with the same
    /// learner id (one learner, two machines) merged as `progress import` would, a file without one a
    /// learner of its own.
    public static func learners(_ progress: [(file: String, progress: LearnerProgress)], in course: Course) -> [LearnerProgress] {
        var byLearner: [String: LearnerProgress] = [:]
        var order: [String] = []
        for (index, item) in progress.enumerated() {
            let key = item.progress.learner.map { "id:" + $0 } ?? "file:\(index)"
            let migrated = item.progress.migrated(to: course)
            if let earlier = byLearner[key] { byLearner[key] = earlier.merged(with: migrated) } else {
                byLearner[key] = migrated
                order.append(key)
            }
        }
        return order.compactMap { byLearner[$0] }
    }

    public init(course: Course, progress: [(file: String, progress: LearnerProgress)]) {
        let all = Self.learners(progress, in: course)
        learners = all.count
        files = progress.map(\.file)

        lessons = course.lessons.map { lesson in
            var row = LessonRow(id: lesson.id, title: Self.clean(lesson.title), steps: [])
            for p in all {
                let steps = p.lessons[lesson.id] ?? [:]
                if steps.values.contains(where: { $0.visited || !$0.questions.isEmpty }) { row.reached += 1 }
                if !lesson.steps.isEmpty && lesson.steps.allSatisfy({ p.isComplete(lesson, step: $0) }) { row.finished += 1 }
            }
            row.steps = lesson.steps.map { step in
                var s = StepRow(id: step.id, title: Self.clean(step.title), hasVerify: step.verify != nil && step.verify?.fixture == nil, questions: [])
                var wrongByQuestion: [String: [String: Int]] = [:]
                var questionRows = step.questions.map {
                    QuestionRow(id: $0.id, kind: $0.kind.rawValue, prompt: CourseReport.short($0.prompt))
                }
                for p in all {
                    guard let record = p.lessons[lesson.id]?[step.id] else { continue }
                    let reached = record.visited || !record.questions.isEmpty
                    if reached { s.reached += 1 }
                    if record.verified != nil { s.verified += 1 }
                    for (i, q) in step.questions.enumerated() {
                        let r = record.questions[q.id]
                        if reached || r != nil { questionRows[i].reached += 1 }
                        guard let r else { continue }
                        if r.status == .correct { questionRows[i].answered += 1 }
                        if r.status == .skipped { questionRows[i].skipped += 1 }
                        if r.hintsShown > 0 { questionRows[i].hinted += 1 }
                        questionRows[i].attempts += r.attempts
                        for answer in Set((r.wrongAnswers ?? []).map(LearnerProgress.keepable)) where !answer.isEmpty {
                            wrongByQuestion[q.id, default: [:]][answer, default: 0] += 1
                        }
                    }
                }
                for (i, q) in step.questions.enumerated() {
                    let counted = (wrongByQuestion[q.id] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                    questionRows[i].wrong = counted.prefix(Self.wrongAnswersShown).map {
                        WrongAnswer(answer: $0.key, learners: $0.value, now: CourseReport.now($0.key, q))
                    }
                }
                s.questions = questionRows
                return s
            }
            return row
        }

        var finished = 0
        var stopCounts: [Course.Position: Int] = [:]
        for p in all {
            let unfinished = course.positions.first { pos in
                guard let l = course.lesson(pos.lesson), let s = l.step(pos.step) else { return false }
                return !p.isComplete(l, step: s)
            }
            guard let unfinished else { finished += 1; continue }
            let at = p.position.flatMap { course.isValid($0) ? $0 : nil } ?? unfinished
            stopCounts[at, default: 0] += 1
        }
        finishedCourse = finished
        let positions = course.positions
        stops = stopCounts.sorted { a, b in
            a.value != b.value ? a.value > b.value : (positions.firstIndex(of: a.key) ?? 0) < (positions.firstIndex(of: b.key) ?? 0)
        }.map { Stop(lesson: $0.key.lesson, step: $0.key.step, learners: $0.value) }

        orphans = Self.orphans(all, in: course)
    }

    /// Ids the learners have progress for (after renamings) that the course does not have, with how
    /// many learners have each: `lesson`, `lesson/step` or `lesson/step/question`.
    public static func orphans(_ all: [LearnerProgress], in course: Course) -> [Orphan] {
        var orphanCounts: [String: Int] = [:]
        for p in all {
            var ids = Set<String>()
            for (lessonId, steps) in p.lessons {
                guard let lesson = course.lesson(lessonId) else { ids.insert(lessonId); continue }
                for (stepId, record) in steps {
                    guard let step = lesson.step(stepId) else { ids.insert("\(lessonId)/\(stepId)"); continue }
                    for qid in record.questions.keys where !step.questions.contains(where: { $0.id == qid }) {
                        ids.insert("\(lessonId)/\(stepId)/\(qid)")
                    }
                }
            }
            for id in ids { orphanCounts[id, default: 0] += 1 }
        }
        return orphanCounts.sorted { $0.key < $1.key }.map { Orphan(id: clean($0.key), learners: $0.value) }
    }

    /// A prompt in one short line: markdown marks and line breaks out, cut at 60 characters.
    static func short(_ prompt: String) -> String {
        let flat = clean(prompt).split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingOccurrences("**", with: "").replacingOccurrences("`", with: "")
        return flat.count > 60 ? String(flat.prefix(59)) + "…" : flat
    }

    static func now(_ answer: String, _ q: Question) -> String {
        switch AnswerMatcher.check(answer, against: q) {
        case .correct: return "accepted"
        case .nearMiss: return "near-miss"
        case .unclear: return "unclear"
        case .wrong(let feedback):
            // Told: a `mistakes` entry says why. Else the matcher's own word (a wrong size, a wrong form) or nothing.
            if q.mistakes.contains(where: { AnswerMatcher.sameValue(answer, $0.answer, kind: q.kind) || $0.say == feedback }) { return "told" }
            return feedback == nil ? "untold" : "explained"
        }
    }

    // MARK: reading the files

    /// The progress files under `paths` (a file, or a directory's `*.json`), read with the progress
    /// file's own rules (size cap, version, ranges). What could not be read is said, file by file.
    public static func read(_ paths: [String], limit: Int = 10_000) -> (progress: [(file: String, progress: LearnerProgress)], problems: [String]) {
        var files: [String] = []
        var problems: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append("\(path): no such file or directory")
                continue
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
                if names.isEmpty { problems.append("\(path): no *.json progress files in this directory") }
                files += names.map { (path.hasSuffix("/") ? path : path + "/") + $0 }
            } else {
                files.append(path)
            }
        }
        if files.count > limit {
            problems.append("\(files.count) files: only the first \(limit) are read")
            files = Array(files.prefix(limit))
        }
        var progress: [(file: String, progress: LearnerProgress)] = []
        for file in files {
            let data: Data
            do { data = try BoundedRead.file(file, limit: ProgressStore.maximumSize) } catch {
                problems.append("\(error)")
                continue
            }
            switch ProgressStore.decode(data) {
            case .success(let p): progress.append((file, p))
            case .failure(let problem): problems.append("\(file): not a progress file: \(problem.message)")
            }
        }
        return (progress, problems)
    }

    // MARK: rendering

    /// For the terminal: one block per lesson, one line per question, then where learners stop.
    public var text: [String] {
        var out = ["\(learners) learner(s) from \(files.count) file(s); \(finishedCourse) finished the course"]
        let width = max(24, lessons.flatMap { l in l.steps.flatMap { s in s.questions.map { "\(s.id)/\($0.id)".count + 4 } } }.max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.displayWidth)) }
        func num(_ n: Int) -> String { let s = String(n); return String(repeating: " ", count: max(1, 9 - s.count)) + s }
        for lesson in lessons {
            out.append("")
            out.append("\(lesson.id) — \(lesson.title): reached \(lesson.reached), finished \(lesson.finished)")
            out.append("  " + pad("step/question", width - 2) + ["reached", "answered", "skipped", "hints"].map { String(repeating: " ", count: 9 - $0.count) + $0 }.joined()
                       + "  wrong answers (learners)")
            for step in lesson.steps {
                let verified = step.hasVerify ? ", verify passed \(step.verified)" : ""
                out.append("  \(step.id) — \(step.title): reached \(step.reached)\(verified)")
                for q in step.questions {
                    let wrong = q.wrong.map { "\(Self.quoted($0.answer)) \($0.learners)\($0.now == "untold" ? "" : " (\($0.now))")" }.joined(separator: ", ")
                    out.append("    " + pad("\(step.id)/\(q.id)", width - 4) + num(q.reached) + num(q.answered) + num(q.skipped) + num(q.hinted)
                               + (wrong.isEmpty ? "" : "  " + wrong))
                }
            }
        }
        out.append("")
        if stops.isEmpty {
            out.append("where learners stop: nobody has stopped short of the end")
        } else {
            out.append("where learners stop (saved position of those who have not finished):")
            out += stops.map { "  \($0.lesson)/\($0.step): \($0.learners)" }
        }
        if !orphans.isEmpty {
            out.append("")
            out.append("progress for ids the course does not have (renamed or removed? see aliases in Lessons/README.md):")
            out += orphans.map { "  \($0.id): \($0.learners) learner(s)" }
        }
        return out
    }

    /// An answer as a quoted string a reader can copy into `mistakes`: JSON's quoting.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where c.value < 0x20 || c.value == 0x7F: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A standalone page for a wiki: no script, no outside resource; every text escaped.
    public var html: String {
        func e(_ s: String) -> String {
            TerminalText.printable(Self.clean(s)).replacingOccurrences("&", with: "&amp;").replacingOccurrences("<", with: "&lt;")
                .replacingOccurrences(">", with: "&gt;").replacingOccurrences("\"", with: "&quot;")
        }
        var h = """
            <!DOCTYPE html>
            <html lang="ko"><head><meta charset="utf-8"><title>glow-onboard report</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}\
            td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}td.n{text-align:right}\
            .untold{font-weight:bold}</style></head><body>
            <h1>glow-onboard report</h1>
            <p id="summary"><span id="learners">\(learners)</span> learner(s) from \(files.count) file(s); \
            <span id="finished">\(finishedCourse)</span> finished the course.</p>

            """
        for lesson in lessons {
            h += "<h2 id=\"lesson-\(e(lesson.id))\">\(e(lesson.id)) — \(e(lesson.title))</h2>\n"
            h += "<p>reached <span class=\"reached\">\(lesson.reached)</span>, finished <span class=\"finished\">\(lesson.finished)</span></p>\n"
            h += "<table><thead><tr><th>question</th><th>prompt</th><th>reached</th><th>answered</th><th>skipped</th><th>hints</th><th>wrong answers (learners)</th></tr></thead><tbody>\n"
            for step in lesson.steps {
                for q in step.questions {
                    let wrong = q.wrong.map {
                        "<span class=\"\(e($0.now))\"><code>\(e($0.answer))</code> \($0.learners)\($0.now == "untold" ? "" : " (\(e($0.now)))")</span>"
                    }.joined(separator: ", ")
                    h += "<tr id=\"q-\(e(lesson.id))-\(e(step.id))-\(e(q.id))\"><td>\(e(step.id))/\(e(q.id))</td><td>\(e(q.prompt))</td>"
                    h += [q.reached, q.answered, q.skipped, q.hinted].map { "<td class=\"n\">\($0)</td>" }.joined()
                    h += "<td>\(wrong)</td></tr>\n"
                }
            }
            h += "</tbody></table>\n"
        }
        h += "<h2>Where learners stop</h2>\n<ul id=\"stops\">\n"
        h += stops.map { "<li>\(e($0.lesson))/\(e($0.step)): \($0.learners)</li>\n" }.joined()
        h += "</ul>\n"
        if !orphans.isEmpty {
            h += "<h2>Progress for ids the course does not have</h2>\n<ul id=\"orphans\">\n"
            h += orphans.map { "<li><code>\(e($0.id))</code>: \($0.learners)</li>\n" }.joined()
            h += "</ul>\n"
        }
        return h + "</body></html>\n"
    }
}
