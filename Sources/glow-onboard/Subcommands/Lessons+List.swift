import JSON
import Checks
import Environment
import ArgumentParser
import Foundation
import GlowOnboardKit

extension Lessons {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the lessons in course order.")
        @OptionGroup var options: CourseOptions

        func run() throws {
            try reporting {
                let (course, _, _) = try options.loadCourse()
                for l in course.lessons {
                    let questions = l.steps.map(\.questions.count).reduce(0, +)
                    print("\(String(l.order).leftPadded(3)). \(l.id.padded(to: 18)) \(l.title.padded(to: 34)) 단계 \(l.steps.count), 질문 \(questions)")
                }
            }
        }
    }
}
