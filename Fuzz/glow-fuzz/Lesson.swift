import GlowOnboardKit

/// The lesson parser (front matter, markdown, question and verify blocks, the answers' proof) never
/// traps, and what it accepts renders.
func fuzzLesson(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (lesson, _) = LessonParser.parse(text, file: "/nonexistent/Lessons/fuzz.md")
    guard let lesson else { return 0 }
    let renderer = MarkdownRenderer(terminal: Terminal(colour: true, width: 60))
    _ = renderer.render(lesson.intro)
    for step in lesson.steps {
        _ = renderer.render(step.parts.compactMap { if case .prose(let block) = $0 { return block } else { return nil } })
    }
    return 0
}
