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
        var backup: String?
        if FileManager.default.fileExists(atPath: store.path) {
            let stamp = Int(Date().timeIntervalSince1970)
            let target = "\(store.path).before-import-\(stamp)"
            do { try FileManager.default.copyItem(atPath: store.path, toPath: target) } catch {
                throw .progressWriteFailed(path: target, reason: "cannot back up the current progress: \(error.localizedDescription)")
            }
            backup = target
        }
        let merged = loaded.progress.merged(with: incoming)
        try store.save(merged)
        let count = incoming.lessons.values.flatMap(\.values).map(\.questions.count).reduce(0, +)
        var summary = "Imported \(count) question record(s) from \(source) into \(store.path)."
        if let backup { summary += " The previous file is kept as \(backup)." }
        if let notice = loaded.notice { summary += " " + notice }
        return summary
    }
}
