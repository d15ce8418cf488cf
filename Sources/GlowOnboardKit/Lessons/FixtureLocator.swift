import Checks
import Environment
import Foundation

/// The bundled fixture of glowcorp's intended setup: the default source, so the whole course works
/// without AWS access. Found like the lessons: `GLOW_ONBOARD_FIXTURES`, `./Fixtures`, or beside the program.
public enum FixtureLocator {
    public static func bundled(environment: [String: String]) -> String? {
        if let dir = environment["GLOW_ONBOARD_FIXTURES"], !dir.isEmpty { return dir + "/glowcorp" }
        if FileManager.default.fileExists(atPath: "Fixtures/glowcorp") { return "Fixtures/glowcorp" }
        var directory = (LessonLocator.executablePath() as NSString).deletingLastPathComponent
        while directory.count > 1 {
            for candidate in ["/Fixtures/glowcorp", "/share/glow-onboard/Fixtures/glowcorp"] where FileManager.default.fileExists(atPath: directory + candidate) {
                return directory + candidate
            }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Whether `directory` is glowcorp's bundled reference or one of its bundled variants (data the course
    /// ships, not the learner's own environment).
    public static func isBundled(_ directory: String, environment: [String: String]) -> Bool {
        guard let bundled = bundled(environment: environment) else { return false }
        func absolute(_ path: String) -> String {
            let p = (path as NSString).standardizingPath
            return p.hasPrefix("/") ? p : ((FileManager.default.currentDirectoryPath + "/" + p) as NSString).standardizingPath
        }
        let fixtures = (absolute(bundled) as NSString).deletingLastPathComponent
        let dir = absolute(directory)
        return dir == fixtures || dir.hasPrefix(fixtures + "/")
    }
}

/// The repository the program runs from (its scripts/ and Fixtures/), for the sandbox's servers:
/// `GLOW_ONBOARD_ROOT`, the current directory, or the directories above the program.
public enum RepositoryLocator {
    public static func find(environment: [String: String]) -> String? {
        func isRepository(_ dir: String) -> Bool { FileManager.default.fileExists(atPath: dir + "/scripts/sandbox_services.py") }
        if let root = environment["GLOW_ONBOARD_ROOT"], !root.isEmpty, isRepository(root) { return root }
        let cwd = FileManager.default.currentDirectoryPath
        if isRepository(cwd) { return cwd }
        var directory = (LessonLocator.executablePath() as NSString).deletingLastPathComponent
        while directory.count > 1 {
            if isRepository(directory) { return directory }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return nil
    }
}
