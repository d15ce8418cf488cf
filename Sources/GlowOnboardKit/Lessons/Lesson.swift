import Foundation
import Checks
import Environment
/// One markdown file in `Lessons/`: a frontmatter and a list of steps (its level-2 headings).
public struct Lesson: Sendable, Hashable, Identifiable {
    /// An image the lesson shows (`![caption](path)`), with where it is written.
    public struct ImageReference: Sendable, Hashable {
        public var path: String
        public var caption: String
        public var location: SourceLocation
    }

    public var id: String
    public var title: String
    public var order: Int
    /// Where a lesson may sit in the course.
    public static let orderRange = 1...999
    public var summary: String
    /// Lessons the learner should have taken first (ids).
    public var requires: [String]
    /// Rough duration, shown in the lesson list.
    public var minutes: Int?
    /// The file it came from, as given to the parser (used in messages and to resolve image paths).
    public var file: String
    /// Prose before the first step.
    public var intro: [Block]
    public var steps: [Step]
    public var images: [ImageReference] = []
    /// Ids this lesson had before (`aliases:`): learners' progress under them is carried to `id`.
    public var aliases: [String] = []
    /// Steps and questions renamed in this lesson (`renamed:`), old → new: `step` → `step`, or
    /// `step/question` → `step/question`. Learners' progress under the old id is carried to the new.
    public var renamed: [String: String] = [:]

    public init(id: String, title: String, order: Int, summary: String, requires: [String] = [], minutes: Int? = nil,
                file: String, intro: [Block] = [], steps: [Step] = []) {
        self.id = id
        self.title = title
        self.order = order
        self.summary = summary
        self.requires = requires
        self.minutes = minutes
        self.file = file
        self.intro = intro
        self.steps = steps
    }

    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

    /// The pictures written in `step`: between its heading and the next step's.
    public func images(in step: Step) -> [ImageReference] {
        let next = steps.first { $0.line > step.line }?.line ?? Int.max
        return images.filter { $0.location.line >= step.line && $0.location.line < next }
    }

    /// A path written in the lesson (an image, a case study's fixture), resolved against the lesson's directory.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        return file[..<slash] + "/" + path
    }
    /// `Tests/x/../../Fixtures/a` → `Fixtures/a`: what the learner and the author read in messages (the
    /// parts are names in the lesson's own tree, so the collapse names the same file).
    static func collapsingParents(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "..", let last = parts.last, last != "..", last != "", last != "." {
                parts.removeLast()
            } else if part == "." && !parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
    /// A case study's fixture: from the lesson file (`../Fixtures/broken/x`), else, for a copy of the
    /// lessons outside the checkout (an instructor's draft), the same `Fixtures/…` path in the bundled set.
    public func resolveFixture(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let resolved = resolve(path)
        guard !FileManager.default.fileExists(atPath: resolved), let range = path.range(of: "Fixtures/", options: .backwards),
              let bundled = FixtureLocator.bundled(environment: environment) else { return resolved }
        let candidate = (bundled as NSString).deletingLastPathComponent + "/" + path[range.upperBound...]
        return FileManager.default.fileExists(atPath: candidate) ? candidate : resolved
    }

    public func stepIndex(_ id: String) -> Int? { steps.firstIndex { $0.id == id } }

    /// What a later `verify` will check, gathered from every step.
    public var verifications: [(step: Step, spec: VerifySpec)] {
        steps.compactMap { step in step.verify.map { (step, $0) } }
    }
}
