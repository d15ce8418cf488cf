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
}
