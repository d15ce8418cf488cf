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
