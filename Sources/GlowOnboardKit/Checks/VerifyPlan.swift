/// Which checks a `verify` runs: one step's verify block, a lesson's, or every lesson's (each check once
/// per distinct set of parameters).
public enum VerifyPlan {
    public static func requests(course: Course, lesson: String?, step: String?) throws(CourseError) -> [Verifier.Request] {
        var specs: [VerifySpec] = []
        if let lesson {
            let position = try course.resolve(step.map { "\(lesson)/\($0)" } ?? lesson)
            guard let l = course.lesson(position.lesson) else { return [] }
            specs = step == nil ? l.verifications.map(\.spec) : (l.step(position.step)?.verify.map { [$0] } ?? [])
        } else {
            specs = course.lessons.flatMap { $0.verifications.map(\.spec) }
        }
        var out: [Verifier.Request] = []
        for request in specs.flatMap(Verifier.requests) where !out.contains(request) { out.append(request) }
        return out
    }
}
