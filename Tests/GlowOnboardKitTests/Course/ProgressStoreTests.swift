import JSON
import Checks
import Environment
import Foundation
import TestPaths
import Testing
@testable import GlowOnboardKit

@Suite struct ProgressStoreTests {
    struct Crash: Error {}

    func sample() -> LearnerProgress {
        var p = LearnerProgress(position: .init(lesson: "vpc", step: "cidr"))
        p[step: .init(lesson: "vpc", step: "cidr")].questions["vpc-cidr"] = .init(status: .correct, attempts: 2, hintsShown: 1, lastAnswer: "10.0.0.0/16")
        return p
    }

    func files(in dir: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: dir))?.sorted() ?? [] }

    @Test func roundTripsAndIsReadable() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: "\(dir)/state/progress.json")
        try store.save(sample())
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress == sample())
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(text.contains("\"version\" : 1"))
        #expect(text.contains("\"vpc-cidr\""))
        #expect(files(in: "\(dir)/state") == ["progress.json"])  // no temporary file left
    }

    @Test func missingFileIsAFreshStart() {
        let loaded = ProgressStore(path: "/nonexistent-dir/progress.json").load()
        #expect(loaded.progress == LearnerProgress() && loaded.notice == nil)
    }

    @Test(arguments: [
        ("{\"version\": 1, \"lessons\": ", "JSON이 아니에요"),
        ("[1, 2]", "최상위가 JSON 객체가 아니에요"),
        ("{\"lessons\": {}}", "'version' 필드가 없어요"),
        ("{\"version\": 1, \"lessons\": {\"vpc\": {\"s\": {\"visited\": true, \"questions\": {\"q\": {\"status\": \"great\", \"attempts\": 1, \"hintsShown\": 0}}}}}}", "'lessons.vpc.s.questions.q.status'의 값이 잘못됐어요"),
        ("{\"version\": 1, \"lessons\": {\"vpc\": 3}}", "'lessons.vpc'의 형식이 맞지 않아요"),
    ])
    func damagedFileIsMovedAsideNotOverwritten(content: String, reason: String) throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: "\(dir)/progress.json")
        try content.write(toFile: store.path, atomically: true, encoding: .utf8)
        let loaded = store.load()
        let notice = try #require(loaded.notice)
        #expect(notice.contains(reason), "\(notice)")
        #expect(!notice.contains("DecodingError"))
        #expect(loaded.progress == LearnerProgress())
        let aside = files(in: dir).filter { $0.hasPrefix("progress.json.damaged-") }
        #expect(aside.count == 1)
        #expect(try String(contentsOfFile: "\(dir)/\(aside[0])", encoding: .utf8) == content)
        #expect(!FileManager.default.fileExists(atPath: store.path))
        // Saving afterwards does not touch the kept copy, and a second damaged file gets its own name.
        try store.save(sample())
        try content.write(toFile: store.path, atomically: true, encoding: .utf8)
        _ = store.load()
        #expect(files(in: dir).filter { $0.hasPrefix("progress.json.damaged-") }.count == 2)
    }

    @Test func newerVersionIsMovedAside() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: "\(dir)/progress.json")
        try "{\"version\": 99, \"future\": true}".write(toFile: store.path, atomically: true, encoding: .utf8)
        let loaded = store.load()
        #expect(loaded.notice?.contains("더 새로운 glow-onboard가 쓴 파일이에요 (version 99") == true)
        #expect(files(in: dir).contains { $0.hasPrefix("progress.json.newer-") })
    }

    @Test func interruptedWriteKeepsThePreviousFile() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var store = ProgressStore(path: "\(dir)/progress.json")
        try store.save(sample())
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        store.beforeRename = { temp in
            // The new content is complete and synced in the temporary file when the "crash" happens.
            #expect(FileManager.default.fileExists(atPath: temp))
            throw Crash()
        }
        var changed = sample()
        changed.position = .init(lesson: "alb", step: "scheme")
        #expect(throws: CourseError.self) { try store.save(changed) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        #expect(files(in: dir) == ["progress.json"])
        #expect(store.load().progress == sample())
    }

    @Test func unwritableLocationIsAClearError() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "file".write(toFile: "\(dir)/blocker", atomically: true, encoding: .utf8)
        let store = ProgressStore(path: "\(dir)/blocker/progress.json")
        let error = #expect(throws: CourseError.self) { try store.save(sample()) }
        #expect(error?.description.hasPrefix("진도를 \(dir)/blocker/progress.json에 저장하지 못했어요") == true)
    }

    @Test func defaultPathFollowsFlagEnvironmentAndXDG() {
        #expect(ProgressStore.defaultPath(flag: "/x/p.json", environment: ["GLOW_ONBOARD_PROGRESS": "/y"]) == "/x/p.json")
        #expect(ProgressStore.defaultPath(flag: nil, environment: ["GLOW_ONBOARD_PROGRESS": "/y/p.json"]) == "/y/p.json")
        #expect(ProgressStore.defaultPath(flag: nil, environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/a"]) == "/state/glow-onboard/progress.json")
        #expect(ProgressStore.defaultPath(flag: nil, environment: ["HOME": "/home/a"]) == "/home/a/.local/state/glow-onboard/progress.json")
        #expect(ProgressStore.defaultPath(flag: nil, environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/glow-onboard/progress.json")
    }

    @Test func mergeKeepsTheBetterOutcome() {
        let p = Course.Position(lesson: "vpc", step: "cidr")
        var mine = LearnerProgress(position: p)
        mine[step: p].questions["a"] = .init(status: .correct, attempts: 3)
        mine[step: p].questions["b"] = .init(status: .open, attempts: 1)
        var theirs = LearnerProgress(position: .init(lesson: "alb", step: "scheme"))
        theirs[step: p].questions["a"] = .init(status: .skipped, attempts: 1)
        theirs[step: p].questions["b"] = .init(status: .correct, attempts: 2)
        theirs[step: .init(lesson: "alb", step: "scheme")].questions["c"] = .init(status: .correct, attempts: 1)
        let merged = mine.merged(with: theirs)
        #expect(merged.record(p, question: "a").status == .correct)
        #expect(merged.record(p, question: "a").attempts == 3)
        #expect(merged.record(p, question: "b").status == .correct)
        #expect(merged.record(.init(lesson: "alb", step: "scheme"), question: "c").status == .correct)
        #expect(merged.position == theirs.position)
    }

    @Test func importBacksUpTheCurrentFileAndMerges() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(path: "\(dir)/progress.json")
        try store.save(LearnerProgress(position: .init(lesson: "overview", step: "big-picture")))
        let summary = try ProgressTransfer.importing(try ProgressTransfer.export(sample()), source: "other.json", into: store)
        #expect(summary.hasPrefix("other.json에서 질문 기록 1개를"))
        #expect(store.load().progress.record(.init(lesson: "vpc", step: "cidr"), question: "vpc-cidr").status == .correct)
        #expect(files(in: dir).contains { $0.hasPrefix("progress.json.before-import-") })
        #expect(throws: CourseError.self) { try ProgressTransfer.importing(Data("nope".utf8), source: "bad.json", into: store) }
    }
}
