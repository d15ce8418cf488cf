import Checks
import Environment
import Foundation

/// Finds the course's `Lessons/` directory: `--lessons`, then `GLOW_ONBOARD_LESSONS`, then `./Lessons`,
/// then a `Lessons/` beside or above the executable (a build in the repository), then the install prefix.
public enum LessonLocator {
    /// `allowEmpty` accepts a `./Lessons` with no lesson yet (for `lessons new`).
    public static func find(flag: String?, environment: [String: String], allowEmpty: Bool = false) throws(CourseError) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["GLOW_ONBOARD_LESSONS"], !env.isEmpty { return env }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if hasLessons("Lessons") || (allowEmpty && fm.fileExists(atPath: "Lessons", isDirectory: &isDirectory) && isDirectory.boolValue) {
            return "Lessons"
        }
        var directory = (executablePath() as NSString).deletingLastPathComponent
        while directory.count > 1 {
            let candidate = directory + "/Lessons"
            if hasLessons(candidate) { return candidate }
            for share in ["/share/glow-onboard/Lessons"] where hasLessons(directory + share) { return directory + share }
            directory = (directory as NSString).deletingLastPathComponent
        }
        for candidate in ["/usr/local/share/glow-onboard/Lessons", "/usr/share/glow-onboard/Lessons"] where fm.fileExists(atPath: candidate) {
            return candidate
        }
        throw .lessonsNotFound("Lessons")
    }

    static func hasLessons(_ path: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
        return names.contains { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" }
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
