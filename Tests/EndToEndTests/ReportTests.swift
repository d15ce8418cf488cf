import Environment
import Foundation
import GlowOnboardKit
import JSON
import Spawn
import TestPaths
import Testing

/// `report` over progress files that scripted sessions of the real binary made and exported, as a
/// class of learners would: the counts, the wrong answers and where learners stop, in text, JSON and
/// HTML (the page rendered by headless Chromium).
@Suite struct ReportTests {
    struct Class {
        let h = Harness()
        var files: [String] = []
        let lessons: [Lesson]
        let document: JSONValue

        init() throws {
            lessons = try LessonLinter.lint(path: "\(Harness.repository)/Lessons").lessons
            document = FixtureSource.load(directory: "\(Harness.repository)/Fixtures/glowcorp").document
        }

        func right(_ lesson: Int, _ step: Int, _ question: Int) -> String {
            "answer " + Harness.rightAnswer(lessons[lesson].steps[step].questions[question], in: document)
        }

        /// One session of `learner` on `machine` (its own progress file), then its export.
        mutating func session(_ learner: String, machine: String, _ lines: [String]) throws {
            let env = ["GLOW_ONBOARD_LEARNER": learner, "GLOW_ONBOARD_PROGRESS": "\(h.home)/\(machine).json"]
            let out = try h.run([], input: lines.joined(separator: "\n") + "\nquit\n", environment: env)
            #expect(out.status == 0, "\(out.stderr)")
            let file = "\(h.home)/exports/\(machine).json"
            try FileManager.default.createDirectory(atPath: "\(h.home)/exports", withIntermediateDirectories: true)
            let exported = try h.run(["progress", "export", "-o", file], environment: env)
            #expect(exported.status == 0, "\(exported.stderr)")
            files.append(file)
        }
    }

    @Test func countsWrongAnswersAndStopsInTextJSONAndHTML() throws {
        var c = try Class()
        defer { c.h.cleanUp() }
        // The first lesson: big-picture (order), then domains (api-name, who-picks-app).
        try c.session("learner-1", machine: "one", ["바나나", "바나나", c.right(0, 0, 0), "next", "hint", "skip"])
        try c.session("learner-2", machine: "two", ["바나나", c.right(0, 0, 0), "next", c.right(0, 1, 0), "8080", c.right(0, 1, 1)])
        // One learner on two machines: counted once, both machines' wrong answers kept.
        try c.session("learner-3", machine: "three-a", ["사과", c.right(0, 0, 0)])
        try c.session("learner-3", machine: "three-b", ["바나나", c.right(0, 0, 0), "next", c.right(0, 1, 0)])
        // One learner takes the whole course, on an environment of their own (a copy of the reference:
        // build steps count only on the learner's own environment, not on the bundled one).
        try FileManager.default.copyItem(atPath: "\(Harness.repository)/Fixtures/glowcorp", toPath: "\(c.h.home)/mine")
        var all = ["source fixture \(c.h.home)/mine", "goto \(c.lessons[0].id)"]
        for (l, lesson) in c.lessons.enumerated() {
            for (s, step) in lesson.steps.enumerated() {
                all += step.questions.indices.map { c.right(l, s, $0) }
                if step.verify != nil && step.verify?.fixture == nil { all.append("verify") }
                all.append("next")
            }
        }
        try c.session("learner-4", machine: "four", all)

        let dir = "\(c.h.home)/exports"
        let text = try c.h.run(["report", dir])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "4 learner(s) from 5 file(s); 1 finished the course", "\(text.stdout)")
        func row(_ id: String) -> [String] {
            (lines.first { $0.hasPrefix("    \(id) ") } ?? "").split(separator: " ").map(String.init)
        }
        // question, reached, answered, skipped, hints, then the wrong answers.
        #expect(Array(row("big-picture/order").prefix(5)) == ["big-picture/order", "4", "4", "0", "0"], "\(text.stdout)")
        let order = lines.first { $0.hasPrefix("    big-picture/order ") } ?? ""
        #expect(order.contains("\"바나나\" 3") && order.contains("\"사과\" 1"), "\(order)")
        #expect(Array(row("domains/api-name").prefix(5)) == ["domains/api-name", "4", "3", "1", "1"], "\(text.stdout)")
        #expect(Array(row("domains/who-picks-app").prefix(5)) == ["domains/who-picks-app", "4", "2", "0", "0"], "\(text.stdout)")
        #expect((lines.first { $0.hasPrefix("    domains/who-picks-app ") } ?? "").contains("\"8080\" 1"))
        #expect(lines.contains("  overview/domains: 3"), "\(text.stdout)")
        #expect(lines.contains("overview — \(c.lessons[0].title): reached 4, finished 1"), "\(text.stdout)")

        // JSON: the same numbers, for a script.
        let json = try c.h.run(["report", "--json"] + c.files)
        #expect(json.status == 0)
        let parsed = try JSONParser.parse(json.stdout)
        #expect(parsed["learners"]?.int == 4 && parsed["finishedCourse"]?.int == 1)
        let q = parsed["lessons"]?.elements.first?["steps"]?.elements.first?["questions"]?.elements.first
        #expect(q?["id"]?.string == "order" && q?["reached"]?.int == 4 && q?["answered"]?.int == 4)
        #expect(q?["wrong"]?.elements.first?["answer"]?.string == "바나나" && q?["wrong"]?.elements.first?["learners"]?.int == 3)

        // A file that is not progress: said, the report covers the rest, and the status says so.
        try "not json".write(toFile: "\(dir)/zz-broken.json", atomically: true, encoding: .utf8)
        let partial = try c.h.run(["report", dir])
        #expect(partial.status == 1 && partial.stderr.contains("zz-broken.json") && partial.stdout.hasPrefix("4 learner(s) from 5 file(s)"), "\(partial.stderr)")
        let none = try c.h.run(["report", "\(dir)/zz-broken.json"])
        #expect(none.status == 2 && none.stdout.isEmpty)
        try FileManager.default.removeItem(atPath: "\(dir)/zz-broken.json")

        // HTML: a page Chromium renders, with the numbers in it.
        let page = "\(c.h.home)/report.html"
        let html = try c.h.run(["report", "--html", "-o", page, dir])
        #expect(html.status == 0, "\(html.stderr)")
        let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile(atPath:))
        guard Requirement.met(found != nil, "Debian's chromium (headless) to render the HTML report"), let chromium = found else { return }
        let rendered = try Spawn.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(c.h.home)/chromium",
                                      "--dump-dom", "file://\(page)"], timeout: 120)
        #expect(rendered.status == 0, "\(rendered.errors)")
        let dom = rendered.output
        #expect(dom.contains("<span id=\"learners\">4</span>") && dom.contains("<span id=\"finished\">1</span>"), "\(dom.prefix(2000))")
        #expect(dom.contains("<tr id=\"q-overview-big-picture-order\"><td>big-picture/order</td>"))
        #expect(dom.contains("<code>바나나</code> 3"))
        #expect(dom.contains("<li>overview/domains: 3</li>"))
    }
}

/// Renaming a lesson, step or question id never loses a learner's progress silently: lint `--against`
/// their exported progress says which id is gone and the entry to add; with `aliases`/`renamed` the
/// progress moves to the new ids, in the REPL, in the saved file and in `report`.
@Suite struct RenamedIdsTests {
    @Test func renamesAreWarnedThenCarried() throws {
        let h = Harness()
        defer { h.cleanUp() }
        let fm = FileManager.default
        let course = "\(h.home)/course"
        try fm.createDirectory(atPath: "\(course)/Lessons", withIntermediateDirectories: true)
        for file in try LessonLinter.lessonFiles(at: "\(Harness.repository)/Lessons") {
            try fm.copyItem(atPath: file, toPath: "\(course)/Lessons/\((file as NSString).lastPathComponent)")
        }
        try fm.createSymbolicLink(atPath: "\(course)/img", withDestinationPath: "\(Harness.repository)/img")
        try fm.createSymbolicLink(atPath: "\(course)/Fixtures", withDestinationPath: "\(Harness.repository)/Fixtures")
        let lessons = "\(course)/Lessons"
        let document = FixtureSource.load(directory: "\(Harness.repository)/Fixtures/glowcorp").document
        let overview = try LessonLinter.lint(path: lessons).lessons[0]
        let answer = { (s: Int, q: Int) in "answer " + Harness.rightAnswer(overview.steps[s].questions[q], in: document) }
        let session = try h.run(["--lessons", lessons], input: [answer(0, 0), "next", answer(1, 0), "quit", ""].joined(separator: "\n"))
        #expect(session.status == 0, "\(session.stderr)")
        let export = "\(h.home)/learner.json"
        #expect(try h.run(["progress", "export", "-o", export]).status == 0)

        // The author renames the first step and a question of the second, and the lesson itself.
        let file = "\(lessons)/01-overview.md"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "{#big-picture}", with: "{#whole-picture}")
            .replacingOccurrences(of: "id: api-name\n", with: "id: api-host\n")
            .replacingOccurrences(of: "id: overview\n", with: "id: traffic-overview\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let warned = try h.run(["lessons", "lint", lessons, "--against", export, "--strict"])
        #expect(warned.status == 1)
        #expect(warned.stdout.contains("\(export):"), "\(warned.stdout)")
        #expect(warned.stdout.contains(": warning: 1 learner(s) have progress for lesson 'overview', which the course no longer has."), "\(warned.stdout)")
        #expect(warned.stdout.contains("add 'aliases: [overview]' to its frontmatter"), "\(warned.stdout)")

        // An alias alone: the lesson's steps are found, the renamed step and question are not yet.
        text = text.replacingOccurrences(of: "id: traffic-overview\n", with: "id: traffic-overview\naliases: [overview]\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let steps = try h.run(["lessons", "lint", lessons, "--against", export])
        #expect(steps.status == 0, "\(steps.stdout)")
        #expect(steps.stdout.contains("\(file):2:1: warning: 1 learner(s) have progress for step 'big-picture', which lesson 'traffic-overview' no longer has; if it was renamed, add 'renamed: {big-picture: "), "\(steps.stdout)")
        #expect(steps.stdout.contains("\(file):2:1: warning: 1 learner(s) have progress for question 'domains/api-name', which lesson 'traffic-overview' no longer has; if it was renamed, add 'renamed: {domains/api-name: domains/NEW-ID}' to the frontmatter (NEW-ID is the id it has now: api-host, who-picks-app)"), "\(steps.stdout)")

        // A renaming that names nothing is an error where it is written.
        let wrong = text.replacingOccurrences(of: "aliases: [overview]\n", with: "aliases: [overview]\nrenamed: {big-picture: whole-pic}\n")
        try wrong.write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try h.run(["lessons", "lint", lessons])
        #expect(refused.status == 1 && refused.stdout.contains("\(file):4:24: error: 'renamed' maps 'big-picture' to 'whole-pic', which is no step of this lesson"), "\(refused.stdout)")

        text = text.replacingOccurrences(of: "aliases: [overview]\n", with: "aliases: [overview]\nrenamed: {big-picture: whole-picture, domains/api-name: domains/api-host}\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        // Lessons that require it by its earlier id still find it, and are told to write the new one.
        let requiring = try h.run(["lessons", "lint", lessons, "--against", export])
        #expect(requiring.status == 0 && requiring.stdout.contains("warning: requires 'overview', an earlier id of 'traffic-overview' (its aliases): write 'traffic-overview'"), "\(requiring.stdout)")
        for other in try LessonLinter.lessonFiles(at: lessons) where other != file {
            let body = try String(contentsOfFile: other, encoding: .utf8)
            try body.replacingOccurrences(of: "requires: [overview", with: "requires: [traffic-overview")
                .replacingOccurrences(of: "requires: overview\n", with: "requires: traffic-overview\n")
                .write(toFile: other, atomically: true, encoding: .utf8)
        }
        let clean = try h.run(["lessons", "lint", lessons, "--against", export, "--strict"])
        #expect(clean.status == 0 && !clean.stdout.contains("warning"), "\(clean.stdout)")

        // The learner comes back: nothing is lost, the place is kept, and the file now says the new ids.
        let back = try h.run(["--lessons", lessons], input: "progress\nquit\n")
        #expect(back.status == 0)
        #expect(back.stdout.contains("traffic-overview/domains ❯") || back.stdout.contains("[traffic-overview · 단계 2/"), "\(back.stdout.prefix(1500))")
        let saved = try String(contentsOfFile: h.progressPath, encoding: .utf8)
        #expect(saved.contains("\"traffic-overview\"") && saved.contains("\"whole-picture\"") && saved.contains("\"api-host\""), "\(saved)")
        #expect(!saved.contains("\"overview\"") && !saved.contains("\"big-picture\"") && !saved.contains("\"api-name\""), "\(saved)")
        // The report reads old exports under the new ids.
        let report = try h.run(["report", "--lessons", lessons, export])
        #expect(report.status == 0 && report.stdout.contains("traffic-overview — ") && !report.stdout.contains("ids the course does not have"), "\(report.stdout)")
        let row = report.stdout.split(separator: "\n").first { $0.hasPrefix("    domains/api-host ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(row.map { Array($0.prefix(3)) } == ["domains/api-host", "1", "1"], "\(report.stdout)")
    }
}
