import Checks
import Environment

/// Which checks a `verify` runs: one step's verify block, a lesson's, or the whole catalogue (every
/// lesson's blocks, then each catalogue check no block asked for, with its default parameters; each check
/// once per distinct set of parameters).
public enum VerifyPlan {
    public enum Scope: Sendable, Equatable {
        case everything
        case lesson(String)
        case step(Course.Position)
    }

    /// The scope `--lesson L [--step S]` names, resolved against the course (numbers and ids).
    public static func scope(course: Course, lesson: String?, step: String?) throws(CourseError) -> Scope? {
        guard let lesson else { return nil }
        let position = try course.resolve(step.map { "\(lesson)/\($0)" } ?? lesson)
        return step == nil ? .lesson(position.lesson) : .step(position)
    }

    public static func requests(course: Course, scope: Scope) -> [Verifier.Request] {
        var specs: [VerifySpec]
        switch scope {
        case .everything:
            specs = course.lessons.flatMap { $0.verifications.map(\.spec) }.filter { $0.fixture == nil }
        case .lesson(let id):
            // A case study's checks belong to its own environment: they run only when its step is named.
            specs = course.lesson(id)?.verifications.map(\.spec).filter { $0.fixture == nil } ?? []
        case .step(let p):
            specs = course.lesson(p.lesson)?.step(p.step)?.verify.map { [$0] } ?? []
        }
        var out: [Verifier.Request] = []
        for request in specs.flatMap(\.requests) where !out.contains(request) { out.append(request) }
        if scope == .everything {
            // The whole path, as AWS's analyzers see it: no check of the catalogue is left out because no
            // lesson's block happens to name it.
            let asked = Set(out.map(\.check))
            out += Verifier.everyCheck.filter { !asked.contains($0.check) }
        }
        return out
    }

    /// The case-study environment of one step, resolved against its lesson file, if the step has one.
    public static func caseStudyFixture(course: Course, lesson: String, step: String) -> String? {
        guard let position = try? course.resolve("\(lesson)/\(step)"), let l = course.lesson(position.lesson),
              let fixture = l.step(position.step)?.verify?.fixture else { return nil }
        return l.resolveFixture(fixture)
    }

    /// The environment a step's verify reads instead of the learner's: its case study's, unless it is a
    /// break-and-fix step and the learner has an environment of their own to break and fix.
    public static func caseStudyFixture(course: Course, scope: Scope, ownEnvironment: Bool) -> String? {
        guard case .step(let p) = scope else { return nil }
        if ownEnvironment, course.lesson(p.lesson)?.step(p.step)?.verify?.practice != nil { return nil }
        return caseStudyFixture(course: course, lesson: p.lesson, step: p.step)
    }
}
