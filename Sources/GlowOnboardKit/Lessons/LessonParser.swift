import Checks
import Environment
import Foundation
import JMESPath
import JSON
import Yams

/// Turns one lesson file into a `Lesson`, reporting every problem it finds (not only the first) with
/// file:line:col. It checks what one file can tell; `LessonLinter` adds what needs the whole directory.
public enum LessonParser {
    /// Fenced-block kinds that carry the lesson's interactive parts.
    public static let blockKinds = ["question", "hint", "verify"]
    /// Info strings shown as ordinary code. Anything else is reported, so a typo such as ```qustion does
    /// not silently turn a question into a code listing.
    public static let displayLanguages: Set<String> = [
        "", "text", "plain", "console", "shell", "sh", "bash", "zsh", "nginx", "conf", "ini", "json", "jsonl",
        "yaml", "yml", "toml", "dockerfile", "docker", "http", "dns", "zone", "dot", "diff", "python", "swift",
        "javascript", "js", "typescript", "html", "xml", "sql", "ascii", "diagram", "log", "hcl", "terraform",
    ]
    public static let lessonFields = ["id", "title", "order", "summary", "requires", "minutes", "aliases", "renamed"]
    public static let questionFields = ["id", "kind", "prompt", "choices", "answer", "answer-query", "example", "within", "prefix",
                                        "units", "hints", "explain", "mistakes"]
    public static let verifyFields = ["expect", "checks", "fixture", "build", "break"]
    /// Lesson, step and question ids: lowercase ASCII letters, digits and '-', starting with a letter or digit.
    public static func isValidId(_ s: String) -> Bool {
        guard let first = s.first, first != "-" else { return false }
        return s.allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
    }

    /// Check ids: `hop.name`, each part a valid id, the first starting with a letter.
    public static func isValidCheckId(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return parts.count >= 2 && parts.allSatisfy(isValidId) && parts[0].first?.isLetter == true
    }

    /// `proveAnswers`: play every accepted answer and mistake through its question's matcher (lint does;
    /// loading the course for a learner skips it, as it only ever adds errors that lint already reports).
    public static func parse(_ text: String, file: String, proveAnswers: Bool = true) -> (lesson: Lesson?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }

        // Frontmatter: `---` on the first line, YAML, `---`.
        guard lines.first?.trimmingWhitespace == "---" else {
            diagnostics.append(.error(SourceLocation(file: file, line: 1),
                                      "lesson must start with a frontmatter: a line '---', then id, title, order, summary, then '---'"))
            return (nil, diagnostics)
        }
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingWhitespace == "---" }) else {
            diagnostics.append(.error(SourceLocation(file: file, line: 1), "frontmatter is not closed: add a line '---' after it"))
            return (nil, diagnostics)
        }
        let front = YAMLSection(file: file, baseLine: 2)
        let meta = front.compose(lines[1..<end].joined(separator: "\n"), what: "frontmatter")
            .flatMap { front.fields($0, what: "frontmatter", known: lessonFields) }
        var lesson = Lesson(id: "", title: "", order: 0, summary: "", file: file)
        if let meta {
            if let id = meta.string("id", required: true) {
                if isValidId(id) { lesson.id = id } else {
                    front.error(meta.valueMark("id"), "lesson id '\(id)' must be lowercase letters, digits and '-'")
                }
            }
            lesson.title = meta.string("title", required: true) ?? ""
            lesson.order = meta.int("order", required: true, in: Lesson.orderRange) ?? 0
            lesson.summary = meta.string("summary", required: true) ?? ""
            lesson.minutes = meta.int("minutes", in: 1...600)
            for (req, mark) in meta.strings("requires") {
                if isValidId(req) { lesson.requires.append(req) } else {
                    front.error(mark, "'requires' names '\(req)', which is not a lesson id")
                }
            }
        } else if front.diagnostics.isEmpty {
            front.error(nil, "frontmatter is empty: it needs id, title, order and summary")
        }
        for (alias, mark) in meta?.strings("aliases") ?? [] {
            if !isValidId(alias) {
                front.error(mark, "'aliases' names '\(alias)', which is not a lesson id (lowercase letters, digits and '-')")
            } else if alias == lesson.id {
                front.error(mark, "'aliases' names the lesson's own id '\(alias)': list the ids it had before")
            } else {
                lesson.aliases.append(alias)
            }
        }
        let renamed = meta.map { renamings($0, front) } ?? []
        diagnostics += front.diagnostics

        // Blank the frontmatter out so cmark's line numbers stay the file's line numbers.
        for i in 0...end { lines[i] = "" }
        let blocks = MarkdownParser.parse(lines.joined(separator: "\n"))
        var state = BodyParser(file: file, lines: lines, proveAnswers: proveAnswers)
        state.parse(blocks, into: &lesson)
        diagnostics += state.diagnostics
        if lesson.steps.isEmpty {
            diagnostics.append(.error(SourceLocation(file: file, line: end + 2),
                                      "lesson has no steps: each step is a level-2 heading such as '## 제목 {#step-id}'"))
        }
        // A renaming names a step or question the lesson has now, and an old id it no longer has.
        func exists(_ path: String) -> Bool {
            let parts = path.split(separator: "/").map(String.init)
            guard let step = lesson.step(parts[0]) else { return false }
            return parts.count == 1 || step.questions.contains { $0.id == parts[1] }
        }
        for r in renamed {
            let kind = r.old.contains("/") ? "question" : "step"
            if !exists(r.new) {
                diagnostics.append(.error(front.location(r.newMark), "'renamed' maps '\(r.old)' to '\(r.new)', which is no \(kind) of this lesson"))
            } else if exists(r.old) {
                diagnostics.append(.error(front.location(r.oldMark), "'renamed' maps '\(r.old)', which is still a \(kind) of this lesson: progress under it would move to '\(r.new)'"))
            } else {
                lesson.renamed[r.old] = r.new
            }
        }
        // Returned even with errors (when it has an id), so cross-lesson checks see it; the linter
        // leaves lessons with errors out of the course.
        return (lesson.id.isEmpty ? nil : lesson, diagnostics)
    }
}

/// `renamed:` in the frontmatter: `old-step: new-step` or `step/old-question: step/new-question`.
private func renamings(_ meta: YAMLSection.Fields, _ front: YAMLSection) -> [(old: String, new: String, oldMark: Mark?, newMark: Mark?)] {
    guard let node = meta.node("renamed") else { return [] }
    guard case .mapping(let mapping) = node else {
        front.error(node.mark, "'renamed' must be a mapping of old ids to new ones, e.g. 'renamed: {cidr-old: cidr, cidr/size-old: cidr/size}'")
        return []
    }
    func path(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return (1...2).contains(parts.count) && parts.allSatisfy(LessonParser.isValidId)
    }
    var out: [(old: String, new: String, oldMark: Mark?, newMark: Mark?)] = []
    for (key, value) in mapping {
        guard let old = key.scalar?.string, let new = value.scalar?.string else {
            front.error(key.mark, "each entry of 'renamed' is 'old: new', both ids")
            continue
        }
        guard path(old), path(new) else {
            front.error(path(old) ? value.mark : key.mark, "'renamed' entries are 'step: step' or 'step/question: step/question' of lowercase ids, not '\(old): \(new)'")
            continue
        }
        guard old.contains("/") == new.contains("/") else {
            front.error(value.mark, "'renamed' maps a \(old.contains("/") ? "question" : "step") '\(old)' to a \(new.contains("/") ? "question" : "step") '\(new)': both sides name steps, or both step/question")
            continue
        }
        out.append((old, new, key.mark, value.mark))
    }
    return out
}

/// The body walk: headings open steps, fenced blocks become questions, hints and verify specs.
private struct BodyParser {
    let file: String
    let lines: [String]
    var diagnostics: [Diagnostic] = []
    /// Steps (by index) that have a question block, even one that failed to parse.
    var stepsWithQuestionBlocks = Set<Int>()

    let proveAnswers: Bool

    init(file: String, lines: [String], proveAnswers: Bool = true) {
        self.proveAnswers = proveAnswers
        self.file = file
        self.lines = lines
        self.sourceLines = lines.map { Substring($0) }
    }

    /// The same lines, for `SourceLocation.find`.
    let sourceLines: [Substring]

    func location(_ line: Int, _ column: Int = 1) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// Column (1-based, in characters) of `needle` on a line, or 1.
    func column(of needle: String, line: Int) -> Int {
        SourceLocation.find(needle, line: line, in: sourceLines, file: file).column
    }

    mutating func error(_ line: Int, _ column: Int, _ message: String) { diagnostics.append(.error(location(line, column), message)) }
    mutating func warning(_ line: Int, _ column: Int, _ message: String) { diagnostics.append(.warning(location(line, column), message)) }

    mutating func parse(_ blocks: [Block], into lesson: inout Lesson) {
        var steps: [Step] = []
        var seenStepIds: [String: Int] = [:]
        for block in blocks {
            collectImages(block, into: &lesson)
            if case .heading(let level, let content, let line) = block, level == 2 {
                let (title, id) = splitHeadingId(content)
                let step = Step(id: id ?? "", title: title.plainText.trimmingWhitespace, line: line, parts: [])
                if let id {
                    if !LessonParser.isValidId(id) {
                        error(line, column(of: "{#", line: line), "step id '\(id)' must be lowercase letters, digits and '-'")
                    } else if let first = seenStepIds[id] {
                        error(line, column(of: "{#", line: line), "duplicate step id '\(id)' (first used on line \(first))")
                    } else {
                        seenStepIds[id] = line
                    }
                } else {
                    error(line, 1, "step heading has no id: end it with {#some-id} so progress survives edits, e.g. '## \(step.title) {#\(suggestedId(step.title, index: steps.count + 1))}'")
                }
                steps.append(step)
                continue
            }
            if case .heading(1, _, let line) = block, !steps.isEmpty {
                warning(line, 1, "level-1 heading inside a step: steps are '##' headings, sections inside a step '###'")
            }
            if case .code(let info, _, _, _) = block, info.split(separator: " ").first?.lowercased() == "question" {
                stepsWithQuestionBlocks.insert(steps.count - 1)
            }
            checkNestedBlocks(block)
            guard let part = self.part(block) else { continue }
            if steps.isEmpty {
                if case .prose(let b) = part { lesson.intro.append(b); continue }
                error(block.line, 1, "this block is before the first step: put it under a '## … {#id}' heading")
                continue
            }
            if case .verify = part, steps[steps.count - 1].verify != nil {
                error(block.line, 1, "step '\(steps[steps.count - 1].id)' already has a verify block; put all its checks in one")
                continue
            }
            if case .question(let q) = part, steps[steps.count - 1].question(q.id) != nil {
                error(q.line, 1, "duplicate question id '\(q.id)' in step '\(steps[steps.count - 1].id)'")
                continue
            }
            steps[steps.count - 1].parts.append(part)
        }
        for (i, step) in steps.enumerated() where !stepsWithQuestionBlocks.contains(i) {
            warning(step.line, 1, "step '\(step.id.isEmpty ? step.title : step.id)' has no question: every step should ask at least one")
        }
        lesson.steps = steps
    }

    func suggestedId(_ title: String, index: Int) -> String {
        let ascii = title.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let slug = String(ascii).split(separator: "-").joined(separator: "-")
        return slug.isEmpty ? "step-\(index)" : slug
    }

    /// `## 제목 {#id}` → ("제목", "id").
    func splitHeadingId(_ content: [Inline]) -> ([Inline], String?) {
        guard case .text(let last)? = content.last else { return (content, nil) }
        var text = Substring(last)
        while let c = text.last, c.isWhitespace { text.removeLast() }
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return (content, nil) }
        let id = text[open.upperBound..<text.index(before: text.endIndex)]
        guard !id.contains("}") else { return (content, nil) }
        var rest = text[..<open.lowerBound]
        while let c = rest.last, c.isWhitespace { rest.removeLast() }
        var title = content
        if rest.isEmpty { title.removeLast() } else { title[title.count - 1] = .text(String(rest)) }
        return (title, String(id).trimmingWhitespace)
    }

    mutating func collectImages(_ block: Block, into lesson: inout Lesson) {
        for inline in block.inlines {
            guard case .image(let url, let alt, let line, let col) = inline else { continue }
            // cmark-gfm 0.29 does not always give inline positions; find the image on its block's lines.
            var at = location(line > 0 ? line : block.line, col > 0 ? col : 1)
            if line == 0 || col == 0 {
                for l in block.line...max(block.line, min(lines.count, block.line + 40)) where lines[l - 1].contains("](\(url)") {
                    at = location(l, column(of: "![", line: l))
                    break
                }
            }
            lesson.images.append(.init(path: url, caption: alt, location: at))
        }
    }

    mutating func part(_ block: Block) -> Step.Part? {
        guard case .code(let info, let text, let line, let column) = block else { return .prose(block) }
        let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
        let kind = words.first?.lowercased() ?? ""
        if LessonParser.blockKinds.contains(kind) {
            if words.count > 1 {
                error(line, column, "unexpected '\(words.dropFirst().joined(separator: " "))' after '\(kind)': put the block's fields inside it")
            }
            let yaml = YAMLSection(file: file, baseLine: line + 1, baseColumn: column)
            var result: Step.Part?
            switch kind {
            case "question": result = QuestionReader(section: yaml, line: line, proveAnswers: proveAnswers).read(text).map(Step.Part.question)
            case "verify": result = readVerify(text, yaml, line).map(Step.Part.verify)
            default:
                let blocks = MarkdownParser.parse(text)
                if blocks.isEmpty {
                    error(line, column, "empty hint block")
                } else {
                    result = .hint(Hint(blocks: blocks, line: line))
                }
            }
            diagnostics += yaml.diagnostics
            return result
        }
        if !LessonParser.displayLanguages.contains(kind) {
            let suggestion = kind.closest(in: LessonParser.blockKinds).map { "did you mean '\($0)'? " } ?? ""
            error(line, column, "unknown block kind '\(kind)': \(suggestion)interactive blocks are \(LessonParser.blockKinds.joined(separator: ", ")); code blocks take a language such as text, bash, nginx, json or yaml (the full list is in Lessons/README.md)")
        }
        return .prose(block)
    }

    /// Fenced blocks inside lists and quotes are shown as code; an interactive one there would be lost.
    mutating func checkNestedBlocks(_ block: Block) {
        let children: [Block]
        switch block {
        case .list(let list, _): children = list.items.flatMap(\.blocks)
        case .quote(let blocks, _): children = blocks
        default: return
        }
        for child in children {
            if case .code(let info, _, let line, let column) = child {
                let kind = info.split(whereSeparator: \.isWhitespace).first.map { String($0).lowercased() } ?? ""
                if LessonParser.blockKinds.contains(kind) {
                    error(line, column, "\(kind) block inside a list or quote: interactive blocks must start at the left margin")
                } else if !LessonParser.displayLanguages.contains(kind) {
                    error(line, column, "unknown block kind '\(kind)': code blocks take a language such as text, bash, nginx, json or yaml (the full list is in Lessons/README.md)")
                }
            }
            checkNestedBlocks(child)
        }
    }

    func readVerify(_ text: String, _ yaml: YAMLSection, _ line: Int) -> VerifySpec? {
        guard let node = yaml.compose(text, what: "verify block") else {
            if yaml.diagnostics.isEmpty { yaml.error(nil, "empty verify block: it needs 'expect' and 'checks'") }
            return nil
        }
        guard let fields = yaml.fields(node, what: "verify block", known: LessonParser.verifyFields) else { return nil }
        let expect = fields.string("expect", required: true)
        var checks: [VerifySpec.CheckRef] = []
        switch fields.node("checks") {
        case nil:
            yaml.error(fields.mark, "verify block is missing required field 'checks' (a list of check ids)")
        case .sequence(let seq)?:
            if seq.isEmpty { yaml.error(fields.valueMark("checks"), "'checks' is empty: name at least one check") }
            for item in seq {
                if let ref = readCheck(item, yaml) { checks.append(ref) }
            }
        case let other?:
            yaml.error(other.mark, "'checks' must be a list, one check per '- ' line")
        }
        guard let expect else { return nil }
        let build = fields.bool("build") ?? false
        let fixture = fields.string("fixture")?.trimmingWhitespace
        if build && fixture != nil { yaml.error(fields.keyMark("build"), "a case study (fixture) cannot be a build step: the learner builds in their own environment") }
        let practice = fields.string("break")?.trimmingWhitespace
        if practice != nil && fixture == nil {
            yaml.error(fields.keyMark("break"), "a break-and-fix step needs 'fixture': the broken environment learners without a sandbox diagnose")
        }
        return VerifySpec(expect: expect, checks: checks, line: line, fixture: fixture, build: build, practice: practice)
    }

    static let queryCheckFields = ["query", "expect", "id", "hop", "severity", "pass", "fail", "message", "hint"]

    /// `- query: EXPR` with `expect`, `pass` and `fail` (required: what the finding says either way) and
    /// `id`, `hop`, `severity`, `hint`.
    func readQueryCheck(_ item: Node, _ yaml: YAMLSection) -> VerifySpec.CheckRef? {
        guard let f = yaml.fields(item, what: "query check", known: Self.queryCheckFields) else { return nil }
        let before = yaml.diagnostics.count
        let expression = f.string("query", required: true)
        if f.has("message") {
            yaml.error(f.keyMark("message"), "a query check says its outcome both ways: write 'pass' (what is true when it passes) and 'fail' (what is wrong when it fails) instead of 'message'")
        }
        let pass = f.string("pass", required: true)
        let fail = f.string("fail", required: true)
        if let expression {
            do { _ = try JMESPathExpression(expression) } catch {
                // Point at the column inside the query where it breaks (past the opening quote, if any).
                yaml.error(at: yaml.location(inside: f.node("query"), column: error.column), "invalid query: \(YAMLSection.jmespathProblem(error))")
            }
        }
        let hop = f.string("hop")?.trimmingWhitespace ?? "chain"
        if Hop(rawValue: hop) == nil {
            yaml.error(f.valueMark("hop"), "unknown hop '\(hop)'; hops are \(Hop.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let severity = f.string("severity")?.trimmingWhitespace ?? "error"
        if Severity(rawValue: severity) == nil { yaml.error(f.valueMark("severity"), "severity must be error or warning, not '\(severity)'") }
        var expectation: QueryCheck.Expectation?
        if let node = f.node("expect") { expectation = readExpectation(node, yaml) } else {
            yaml.error(f.mark, "query check is missing 'expect' (one of \(QueryCheck.Expectation.names.joined(separator: ", ")))")
        }
        let id = f.string("id")?.trimmingWhitespace ?? "lesson.query"
        if f.has("id") && !LessonParser.isValidCheckId(id) {
            yaml.error(f.valueMark("id"), "query check id '\(id)' must look like 'hop.name'")
        }
        guard yaml.diagnostics.count == before, let expression, let pass, let fail, let expectation else { return nil }
        let query = QueryCheck(id: id, expression: expression, expectation: expectation, hop: hop, severity: severity,
                               pass: pass, fail: fail, hint: f.string("hint"))
        return VerifySpec.CheckRef(id: id, line: yaml.location(f.valueMark("query")).line, query: query)
    }

    func isQuoted(_ node: Node?) -> Bool {
        guard case .scalar(let s)? = node else { return false }
        return s.style == .singleQuoted || s.style == .doubleQuoted
    }

    /// `{equals: 1}`, `{not-empty: true}`, `{every: {cidr-within: 10.0.0.0/16}}` …: exactly one key.
    func readExpectation(_ node: Node, _ yaml: YAMLSection) -> QueryCheck.Expectation? {
        guard case .mapping(let m) = node, m.count == 1, let (k, v) = m.first, let key = k.scalar?.string else {
            yaml.error(node.mark, "'expect' must be one of \(QueryCheck.Expectation.names.joined(separator: ", ")) with its value, e.g. {equals: 1}")
            return nil
        }
        let value = v.scalar?.string ?? ""
        switch key {
        case "equals": return .equals(value)
        case "not-empty": return .notEmpty
        case "empty": return .empty
        case "length":
            guard let n = Int(value) else { yaml.error(v.mark, "'length' needs a whole number"); return nil }
            return .length(n)
        case "contains": return .contains(value)
        case "matches":
            do { _ = try LinearRegex(value) } catch { yaml.error(v.mark, "'matches' needs a regular expression the matcher takes: \(error)"); return nil }
            return .matches(value)
        case "cidr-within":
            guard CIDRBlock(value) != nil else { yaml.error(v.mark, "'cidr-within' needs a CIDR block like 10.0.0.0/16"); return nil }
            return .cidrWithin(value)
        case "every", "any":
            guard let inner = readExpectation(v, yaml) else { return nil }
            return key == "every" ? .every(inner) : .any(inner)
        default:
            let suggestion = key.closest(in: QueryCheck.Expectation.names).map { " (did you mean '\($0)'?)" } ?? ""
            yaml.error(k.mark, "unknown expectation '\(key)'\(suggestion); expectations are \(QueryCheck.Expectation.names.joined(separator: ", "))")
            return nil
        }
    }

    func readCheck(_ item: Node, _ yaml: YAMLSection) -> VerifySpec.CheckRef? {
        var id: String?
        var params: [String: String] = [:]
        var mark = item.mark
        switch item {
        case .scalar(let s): id = s.string
        case .mapping(let m) where m.keys.contains(where: { $0.scalar?.string == "query" }):
            return readQueryCheck(item, yaml)
        case .mapping:
            guard let f = yaml.fields(item, what: "check", known: ["check", "with"]) else { return nil }
            id = f.string("check", required: true)
            mark = f.valueMark("check")
            if let with = f.node("with") {
                if case .mapping(let m) = with {
                    for (k, v) in m {
                        guard let key = k.scalar?.string, let value = v.scalar?.string else {
                            yaml.error(v.mark, "check parameters must be `name: value` with single values")
                            continue
                        }
                        params[key] = value
                    }
                } else {
                    yaml.error(with.mark, "'with' must be a mapping of parameters, e.g. 'with: {cidr: 10.0.0.0/16}'")
                }
            }
        default:
            yaml.error(item.mark, "a check is an id ('- network.vpc-cidr') or a mapping with 'check' and 'with'")
        }
        guard let id else { return nil }
        guard LessonParser.isValidCheckId(id) else {
            yaml.error(mark, "check id '\(id)' must look like 'hop.name' (lowercase, e.g. 'network.vpc-cidr')")
            return nil
        }
        return VerifySpec.CheckRef(id: id, params: params, line: yaml.location(mark).line)
    }
}
