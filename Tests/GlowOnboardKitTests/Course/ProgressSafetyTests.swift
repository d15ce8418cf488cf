import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

/// Nothing the learner did is lost: a file that could not be read is never written over, and two
/// sessions on one file keep each other's answers.
@Suite struct ProgressSafetyTests {
    let dir = Paths.temporaryDirectory()

    func course() throws -> Course {
        let lessons = Paths.fixture("lessons-good")
        return Course(lessons: try LessonLinter.lint(path: lessons).lessons, directory: lessons)
    }

    func session(_ path: String) throws -> CourseSession {
        let s = CourseSession(course: try course(), store: ProgressStore(path: path), environment: ["GLOW_ONBOARD_LEARNER": "transcript"])
        _ = s.load()
        return s
    }

    func answerFirstQuestion(_ s: CourseSession) {
        let q = s.openQuestion!
        _ = s.answer(q.answers[0], to: q)
    }

    @Test func aFileThatCouldNotBeReadIsNeverWrittenOver() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/progress.json"
        #expect(mkfifo(path, 0o600) == 0)
        let s = CourseSession(course: try course(), store: ProgressStore(path: path))
        let notice = try #require(s.load())
        #expect(notice.contains("일반 파일이 아니에요") && notice.contains("저장하지 않고"), "\(notice)")
        answerFirstQuestion(s)
        #expect(s.save() == nil)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "still the FIFO, not replaced by a file")
        // An import refuses it too.
        #expect(throws: CourseError.self) { try ProgressTransfer.importing(Data(#"{"version": 1, "lessons": {}}"#.utf8), source: "x.json", into: ProgressStore(path: path)) }
    }

    @Test func twoSessionsKeepEachOthersAnswers() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/progress.json"
        let a = try session(path), b = try session(path)
        // A answers the first question and saves; B, started before, answers the second step's.
        answerFirstQuestion(a)
        #expect(a.save() == nil)
        b.move(to: .init(lesson: "basics", step: "second"))
        answerFirstQuestion(b)
        #expect(b.save() == nil)
        let saved = ProgressStore(path: path).load().progress
        #expect(saved.record(.init(lesson: "basics", step: "first"), question: "pick").status == .correct, "A's answer survived B's save")
        #expect(saved.record(.init(lesson: "basics", step: "second"), question: "cidr").status == .correct)
        // A reset in one session is that session's change: it wins over what it had read.
        let c = try session(path)
        _ = c.reset(.lesson, at: .init(lesson: "basics", step: "first"))
        #expect(c.save() == nil)
        #expect(ProgressStore(path: path).load().progress.lessons["basics"] == nil)
        // …and A, saving again with nothing new, does not bring it back.
        a.move(to: .init(lesson: "basics", step: "first"))
        #expect(a.save() == nil)
        #expect(ProgressStore(path: path).load().progress.record(.init(lesson: "basics", step: "first"), question: "pick").status == .open)
    }

    @Test func twoImportsWithinASecondKeepTwoBackups() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/progress.json"
        let s = try session(path)
        answerFirstQuestion(s)
        #expect(s.save() == nil)
        let export = try ProgressTransfer.export(ProgressStore(path: path).load().progress)
        _ = try ProgressTransfer.importing(export, source: "a.json", into: ProgressStore(path: path))
        _ = try ProgressTransfer.importing(export, source: "a.json", into: ProgressStore(path: path))
        let backups = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("progress.json.before-import-") }
        #expect(backups.count == 2, "\(backups)")
        for name in backups { #expect((try? Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)")))?.isEmpty == false) }
    }
}

@Suite struct OutputFileTests {
    @Test func aLinkIsWrittenThroughAndASpecialFileIsRefused() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old".write(toFile: "\(dir)/real.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/link.json", withDestinationPath: "\(dir)/real.json")
        try ProgressStore.writeAtomically(Data("new".utf8), to: "\(dir)/link.json")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(dir)/link.json") == "\(dir)/real.json", "the link stays a link")
        #expect(try String(contentsOfFile: "\(dir)/real.json", encoding: .utf8) == "new")
        #expect(mkfifo("\(dir)/fifo", 0o600) == 0)
        for special in ["\(dir)/fifo", "/dev/null", dir] {
            #expect(throws: CourseError.self) { try ProgressStore.writeAtomically(Data("x".utf8), to: special) }
        }
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
    }
}

extension OutputFileTests {
    @Test func aTemporaryLeftByAKilledWriteIsRemovedAtTheNext() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A pid that is surely gone: past the kernel's pid_max.
        let stale = "\(dir)/.progress.json.tmp-99999999"
        let alive = "\(dir)/.progress.json.tmp-1"
        try "x".write(toFile: stale, atomically: false, encoding: .utf8)
        try "x".write(toFile: alive, atomically: false, encoding: .utf8)
        try ProgressStore(path: "\(dir)/progress.json").save(LearnerProgress())
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: alive), "pid 1 is alive: its write may still be running")
    }
}
