import Checks
import Environment
import Foundation

/// `progress export` and `progress import`: carry a learner's progress to another machine.
public enum ProgressTransfer {
    public static func export(_ progress: LearnerProgress) throws -> Data {
        try ProgressStore.encode(progress)
    }

    /// Merges an exported file into the store. The current file is copied aside first, so an import
    /// can always be undone by hand. Returns a one-line summary.
    public static func importing(_ data: Data, source: String, into store: ProgressStore) throws(CourseError) -> String {
        let incoming: LearnerProgress
        switch ProgressStore.decode(data) {
        case .success(let p): incoming = p
        case .failure(let problem): throw .progressUnreadable(path: source, reason: problem.message)
        }
        let loaded = store.load()
        guard loaded.writable else { throw .progressUnreadable(path: store.path, reason: loaded.notice ?? "읽을 수 없어요") }
        var backup: String?
        if FileManager.default.fileExists(atPath: store.path) {
            // Never over an earlier backup (two imports within a second), and never a partial one.
            let target = ProgressStore.unusedName("\(store.path).before-import-\(Int(Date().timeIntervalSince1970))")
            do { try ProgressStore.writeAtomically(try BoundedRead.file(store.path, limit: ProgressStore.maximumSize), to: target) } catch {
                try? FileManager.default.removeItem(atPath: target)
                throw .progressWriteFailed(path: target, reason: "지금 진도를 백업하지 못했어요: \(error)")
            }
            backup = target
        }
        let merged = loaded.progress.merged(with: incoming)
        try store.save(merged)
        let count = incoming.lessons.values.flatMap(\.values).map(\.questions.count).reduce(0, +)
        var summary = "\(source)에서 질문 기록 \(count)개를 \(store.path)에 합쳤어요."
        if let backup { summary += " 이전 파일은 \(backup)에 그대로 있어요." }
        if let notice = loaded.notice { summary += " " + notice }
        return summary
    }
}
