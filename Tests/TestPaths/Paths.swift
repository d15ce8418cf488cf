import Foundation

/// Paths inside the repository, found from this file's location (tests run from any directory); shared
/// by every test target.
public enum Paths {
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }()

    public static func fixture(_ name: String) -> String { "\(repository)/Tests/Fixtures/\(name)" }
    public static var lessons: String { "\(repository)/Lessons" }

    public static func temporaryDirectory() -> String {
        // Short, so messages that show a path wrap the same way on every machine.
        let path = NSTemporaryDirectory() + "t-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
