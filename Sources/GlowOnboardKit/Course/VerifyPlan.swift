import Checks
import Environment
/// Which checks a `verify` runs: one step's verify block, a lesson's, or every lesson's (each check once
/// per distinct set of parameters).
public enum VerifyPlan {
    public static func requests(course: Course, lesson: String?, step: String?) throws(CourseError) -> [Verifier.Request] {
        var specs: [VerifySpec] = []
        if let lesson {
            let position = try course.resolve(step.map { "\(lesson)/\($0)" } ?? lesson)
            guard let l = course.lesson(position.lesson) else { return [] }
            // A case study's checks belong to its own environment: only run when its step is named.
            specs = step == nil ? l.verifications.map(\.spec).filter { $0.fixture == nil } : (l.step(position.step)?.verify.map { [$0] } ?? [])
        } else {
            specs = course.lessons.flatMap { $0.verifications.map(\.spec) }.filter { $0.fixture == nil }
        }
        var out: [Verifier.Request] = []
        for request in specs.flatMap(\.requests) where !out.contains(request) { out.append(request) }
        return out
    }
}

extension VerifyPlan {
    /// The case-study environment of one step, resolved against its lesson file, if the step has one.
    public static func caseStudyFixture(course: Course, lesson: String, step: String) -> String? {
        guard let position = try? course.resolve("\(lesson)/\(step)"), let l = course.lesson(position.lesson),
              let fixture = l.step(position.step)?.verify?.fixture else { return nil }
        return l.resolve(fixture)
    }
}
