/// The regular expressions of `regex` questions and query checks' `matches`, matched in time linear in
/// the text's length.
///
/// A backtracking engine (Swift's `Regex`, PCRE, Foundation's) takes exponential time on patterns such
/// as `(a+)+$` and a learner's line of thirty `a`s and a `b`: the REPL would hang on one answer. Here a
/// pattern is compiled to a Thompson program and a whole match is decided by reachability over the
/// states (instruction, position), each visited once, from the end backwards: O(instructions × characters)
/// whatever the pattern. Lookaheads (`(?=…)`, `(?!…)`, which the shipped command questions use to accept
/// options in any order) are decided the same way, for every position at once.
///
/// The syntax is the common part of Swift's `Regex` and PCRE: literals and escapes, `.`, classes with
/// ranges and negation, `\d \D \w \W \s \S`, `^ $ \A \z \Z \b \B`, groups `( )`, `(?: )`, `(?<name> )`,
/// alternation, `* + ? {n} {n,} {n,m} {,m}` (and their lazy forms, the same for a whole match), the flags
/// `(?i)`, `(?s)` and `(?i: )`, lookaheads. What would need backtracking (back-references, lookbehind,
/// possessive and atomic forms) is refused with a message, as are property classes: lint says so.
/// Characters are Swift `Character`s (grapheme clusters), as `Regex` matches them.
public struct LinearRegex: Sendable {
    public struct SyntaxError: Error, Sendable, CustomStringConvertible, Equatable {
        /// Offset in characters into the pattern.
        public var offset: Int
        public var message: String
        public var description: String { "\(message) (at character \(offset + 1) of the pattern)" }
    }

    /// Longer answers are not matched (a regex question's answer is a line: a command, a name).
    public static let maximumInput = 4096
    /// Instructions in all; repetition counts multiply (`(a{100}){100}`), so the program is bounded.
    static let maximumProgram = 20_000
    static let maximumNesting = 64
    static let maximumCount = 1000

    enum Anchor: Sendable { case start, end, endBeforeNewline, startOfInput, wordBoundary, notWordBoundary }

    enum ClassItem: Sendable {
        case character(Character)
        case range(Unicode.Scalar, Unicode.Scalar)
        case digit(Bool), word(Bool), space(Bool)  // Bool: negated
    }

    enum Instruction: Sendable {
        case character(Character, caseless: Bool)
        case any(dotAll: Bool)
        case set([ClassItem], negated: Bool, caseless: Bool)
        case assert(Anchor)
        case look(Int, negated: Bool)
        case split(Int, Int)
        case jump(Int)
        case match
    }

    /// Program 0 is the pattern; the others are its lookaheads (a lookahead's program ends in `match`,
    /// which succeeds wherever it is reached).
    private(set) var programs: [[Instruction]] = []

    public init(_ pattern: String) throws(SyntaxError) {
        var parser = Parser(Array(pattern))
        let node = try parser.parseWhole()
        var compiler = Compiler()
        _ = try compiler.program(node)
        programs = compiler.programs
    }

    /// Whether the whole of `input` matches.
    public func wholeMatch(_ input: String) -> Bool {
        let chars = Array(input)
        guard chars.count <= Self.maximumInput else { return false }
        var lookResults: [Int: Bits] = [:]
        return reachable(0, chars, &lookResults, wholeInput: true).contains(0)
    }

    // MARK: - Matching

    struct Bits {
        private var words: [UInt64]
        init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }
        func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        mutating func insert(_ i: Int) -> Bool {
            let mask: UInt64 = 1 << UInt64(i & 63)
            if words[i >> 6] & mask != 0 { return false }
            words[i >> 6] |= mask
            return true
        }
    }

    /// For program `index`, the positions from which it reaches its `match`: for the pattern, at the end
    /// of the input; for a lookahead, anywhere. Bit p is set when a match starts at p.
    private func reachable(_ index: Int, _ chars: [Character], _ lookResults: inout [Int: Bits], wholeInput: Bool) -> Bits {
        if let known = lookResults[index] { return known }
        let program = programs[index]
        let width = chars.count + 1
        // Lookaheads this program uses are decided first, for every position.
        for instruction in program {
            if case .look(let sub, _) = instruction, lookResults[sub] == nil {
                lookResults[sub] = reachable(sub, chars, &lookResults, wholeInput: false)
            }
        }
        var predecessors = [[Int]](repeating: [], count: program.count)
        for (pc, instruction) in program.enumerated() {
            switch instruction {
            case .character, .any, .set, .assert, .look: predecessors[pc + 1].append(pc)
            case .split(let a, let b):
                predecessors[a].append(pc)
                if b != a { predecessors[b].append(pc) }
            case .jump(let a): predecessors[a].append(pc)
            case .match: break
            }
        }
        var seen = Bits(count: program.count * width)
        var queue: [Int] = []
        for (pc, instruction) in program.enumerated() {
            guard case .match = instruction else { continue }
            for pos in (wholeInput ? chars.count : 0)...chars.count where seen.insert(pc * width + pos) { queue.append(pc * width + pos) }
        }
        let lowered = chars.map { String($0).lowercased() }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            let target = state / width, pos = state % width
            for pc in predecessors[target] {
                let from: Int?
                switch program[pc] {
                case .character(let c, let caseless):
                    from = pos > 0 && (caseless ? lowered[pos - 1] == String(c).lowercased() : chars[pos - 1] == c) ? pos - 1 : nil
                case .any(let dotAll):
                    from = pos > 0 && (dotAll || !chars[pos - 1].isNewline) ? pos - 1 : nil
                case .set(let items, let negated, let caseless):
                    from = pos > 0 && Self.matches(chars[pos - 1], items, negated: negated, caseless: caseless) ? pos - 1 : nil
                case .assert(let anchor):
                    from = Self.holds(anchor, at: pos, chars) ? pos : nil
                case .look(let sub, let negated):
                    from = (lookResults[sub]?.contains(pos) ?? false) != negated ? pos : nil
                case .split, .jump:
                    from = pos
                case .match:
                    from = nil
                }
                if let from, seen.insert(pc * width + from) { queue.append(pc * width + from) }
            }
        }
        var starts = Bits(count: width)
        for pos in 0..<width where seen.contains(pos) { _ = starts.insert(pos) }
        return starts
    }

    private static func isWord(_ c: Character) -> Bool {
        if c.isLetter || c.isNumber || c == "_" { return true }
        guard let scalar = c.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func isDigit(_ c: Character) -> Bool {
        c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.numericType == .decimal
    }

    private static func holds(_ anchor: Anchor, at pos: Int, _ chars: [Character]) -> Bool {
        switch anchor {
        case .start, .startOfInput: return pos == 0
        case .end: return pos == chars.count
        case .endBeforeNewline: return pos == chars.count || (pos == chars.count - 1 && chars[pos].isNewline)
        case .wordBoundary, .notWordBoundary:
            let before = pos > 0 && isWord(chars[pos - 1]), after = pos < chars.count && isWord(chars[pos])
            return (before != after) == (anchor == .wordBoundary)
        }
    }

    private static func matches(_ c: Character, _ items: [ClassItem], negated: Bool, caseless: Bool) -> Bool {
        func one(_ x: Character) -> Bool {
            items.contains { item in
                switch item {
                case .character(let k): return k == x
                case .range(let low, let high):
                    guard x.unicodeScalars.count == 1, let s = x.unicodeScalars.first else { return false }
                    return low.value <= s.value && s.value <= high.value
                case .digit(let not): return isDigit(x) != not
                case .word(let not): return isWord(x) != not
                case .space(let not): return x.isWhitespace != not
                }
            }
        }
        var hit = one(c)
        if !hit && caseless {
            let variants = [String(c).lowercased(), String(c).uppercased()].compactMap { $0.count == 1 ? $0.first : nil }
            hit = variants.contains(where: one)
        }
        return hit != negated
    }

    // MARK: - Parsing

    indirect enum Node {
        case empty
        case instruction(Instruction)  // one character-consuming instruction or an assertion
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
        case look(Node, negated: Bool)
    }

    struct Flags { var caseless = false, dotAll = false }

    struct Parser {
        let chars: [Character]
        var i = 0
        var depth = 0

        init(_ chars: [Character]) { self.chars = chars }

        func error(_ message: String, at offset: Int? = nil) -> SyntaxError { SyntaxError(offset: offset ?? i, message: message) }
        var atEnd: Bool { i >= chars.count }
        func peek(_ k: Int = 0) -> Character? { i + k < chars.count ? chars[i + k] : nil }

        mutating func parseWhole() throws(SyntaxError) -> Node {
            var flags = Flags()
            let node = try alternation(&flags)
            if !atEnd { throw error(chars[i] == ")" ? "unmatched ')'" : "unexpected '\(chars[i])'") }
            return node
        }

        mutating func alternation(_ flags: inout Flags) throws(SyntaxError) -> Node {
            var branches = [try sequence(&flags)]
            while peek() == "|" {
                i += 1
                branches.append(try sequence(&flags))
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence(_ flags: inout Flags) throws(SyntaxError) -> Node {
            var items: [Node] = []
            while let next = peek(), next != "|", next != ")" {
                let start = i
                guard var node = try atom(&flags) else { continue }  // a flag group: nothing to match
                if let (min, max) = try quantifier() {
                    if case .instruction(.assert) = node { throw error("a quantifier needs something to repeat", at: start) }
                    node = .repetition(node, min: min, max: max)
                    if try quantifier() != nil { throw error("a quantifier cannot follow another (possessive forms are not supported)", at: i - 1) }
                }
                items.append(node)
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, with an optional lazy `?`; a `+` after one is possessive.
        mutating func quantifier() throws(SyntaxError) -> (Int, Int?)? {
            guard let c = peek() else { return nil }
            let result: (Int, Int?)
            switch c {
            case "*": result = (0, nil); i += 1
            case "+": result = (1, nil); i += 1
            case "?": result = (0, 1); i += 1
            case "{":
                guard let counted = try counted() else { return nil }
                result = counted
            default: return nil
            }
            if peek() == "?" { i += 1 }
            else if peek() == "+" { throw error("possessive quantifiers are not supported") }
            return result
        }

        /// `{n}`, `{n,}`, `{n,m}`; nil (a literal `{`) when it is not one of them, as PCRE and Regex read it.
        mutating func counted() throws(SyntaxError) -> (Int, Int?)? {
            let start = i
            var j = i + 1
            func number() -> Int? {
                var digits = ""
                while j < chars.count, let d = chars[j].wholeNumberValue, chars[j].isASCII { digits.append(Character(String(d))); j += 1 }
                return digits.isEmpty ? nil : (digits.count > 6 ? Int.max : Int(digits))
            }
            // `{,m}` is `{0,m}`, as Swift's Regex reads it.
            let given = number()
            guard given != nil || (j < chars.count && chars[j] == ",") else { return nil }
            let low = given ?? 0
            var high: Int? = low
            if j < chars.count, chars[j] == "," {
                j += 1
                high = number()
                if given == nil && high == nil { return nil }
            }
            guard j < chars.count, chars[j] == "}" else { return nil }
            i = j + 1
            if low > LinearRegex.maximumCount || (high ?? 0) > LinearRegex.maximumCount {
                throw error("a repetition count above \(LinearRegex.maximumCount)", at: start)
            }
            if let high, high < low { throw error("the repetition {\(low),\(high)} has its bounds the wrong way round", at: start) }
            return (low, high)
        }

        /// One atom; nil for a flag group such as `(?i)`, which changes `flags` for the rest of the group.
        mutating func atom(_ flags: inout Flags) throws(SyntaxError) -> Node? {
            let start = i
            let c = chars[i]
            i += 1
            switch c {
            case ".": return .instruction(.any(dotAll: flags.dotAll))
            case "^": return .instruction(.assert(.start))
            case "$": return .instruction(.assert(.endBeforeNewline))
            case "[": return try characterClass(flags, start: start)
            case "(": return try group(&flags, start: start)
            case "*", "+", "?": throw error("'\(c)' has nothing before it to repeat", at: start)
            case "\\": return try escape(flags, inClass: false).node(flags)
            default: return .instruction(.character(c, caseless: flags.caseless))
            }
        }

        mutating func group(_ flags: inout Flags, start: Int) throws(SyntaxError) -> Node? {
            depth += 1
            defer { depth -= 1 }
            if depth > LinearRegex.maximumNesting { throw error("groups nested deeper than \(LinearRegex.maximumNesting)", at: start) }
            var inner = flags
            var look: Bool?  // negated?
            if peek() == "?" {
                i += 1
                switch peek() {
                case ":": i += 1
                case "=": i += 1; look = false
                case "!": i += 1; look = true
                case "<" where peek(1) == "=" || peek(1) == "!": throw error("lookbehind is not supported", at: start)
                case "<", "P", "'":
                    if peek() == "P" { i += 1 }
                    let close: Character = peek() == "'" ? "'" : ">"
                    i += 1
                    while let n = peek(), n != close {
                        guard n.isLetter || n.isNumber || n == "_" else { throw error("a group name has only letters, digits and '_'") }
                        i += 1
                    }
                    guard peek() == close else { throw error("an unclosed group name", at: start) }
                    i += 1
                case ">": throw error("atomic groups are not supported", at: start)
                default:
                    // Flags: (?i) (?s) (?-i) (?i-s) and the scoped (?i:…).
                    var on = true
                    var changed = inner
                    while let f = peek(), f != ")" && f != ":" {
                        switch f {
                        case "-": on = false
                        case "i": changed.caseless = on
                        case "s": changed.dotAll = on
                        default: throw error("the flag '\(f)' is not supported (only i and s are)")
                        }
                        i += 1
                    }
                    guard let end = peek() else { throw error("an unclosed group", at: start) }
                    i += 1
                    if end == ")" {
                        flags = changed  // for the rest of the enclosing group
                        return nil
                    }
                    inner = changed
                }
            }
            let body = try alternation(&inner)
            guard peek() == ")" else { throw error("an unclosed group", at: start) }
            i += 1
            if let negated = look { return .look(body, negated: negated) }
            return body
        }

        enum Escaped {
            case character(Character)
            case item(ClassItem)
            case anchor(Anchor)
            func node(_ flags: Flags) -> Node {
                switch self {
                case .character(let c): return .instruction(.character(c, caseless: flags.caseless))
                case .item(let item): return .instruction(.set([item], negated: false, caseless: flags.caseless))
                case .anchor(let a): return .instruction(.assert(a))
                }
            }
        }

        mutating func escape(_ flags: Flags, inClass: Bool) throws(SyntaxError) -> Escaped {
            let start = i - 1
            guard let c = peek() else { throw error("a '\\' at the end of the pattern", at: start) }
            i += 1
            switch c {
            case "d": return .item(.digit(false))
            case "D": return .item(.digit(true))
            case "w": return .item(.word(false))
            case "W": return .item(.word(true))
            case "s": return .item(.space(false))
            case "S": return .item(.space(true))
            case "t": return .character("\t")
            case "n": return .character("\n")
            case "r": return .character("\r")
            case "b" where !inClass: return .anchor(.wordBoundary)
            case "B" where !inClass: return .anchor(.notWordBoundary)
            case "A" where !inClass: return .anchor(.startOfInput)
            case "z" where !inClass: return .anchor(.end)
            case "Z" where !inClass: return .anchor(.endBeforeNewline)
            case "x":
                var digits = ""
                if peek() == "{" {
                    i += 1
                    while let h = peek(), h != "}" { digits.append(h); i += 1 }
                    guard peek() == "}" else { throw error("an unclosed '\\x{'", at: start) }
                    i += 1
                } else {
                    while digits.count < 2, let h = peek(), h.isHexDigit { digits.append(h); i += 1 }
                }
                guard digits.count <= 8, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw error("'\\x' needs a hexadecimal code point", at: start)
                }
                return .character(Character(scalar))
            case "1"..."9": throw error("back-references are not supported", at: start)
            case "p", "P": throw error("property classes (\\p{…}) are not supported", at: start)
            default:
                if c.isLetter || c.isNumber { throw error("'\\\(c)' is not an escape this matcher knows", at: start) }
                return .character(c)  // \. \$ \( \- \/ \\ …
            }
        }

        mutating func characterClass(_ flags: Flags, start: Int) throws(SyntaxError) -> Node {
            var negated = false
            if peek() == "^" { negated = true; i += 1 }
            var items: [ClassItem] = []
            if peek() == "]" { throw error("a class cannot be empty or start with ']' (write '\\]' for the character)") }
            while true {
                guard let c = peek() else { throw error("an unclosed '['", at: start) }
                if c == "]" { i += 1; break }
                if c == "[" && (peek(1) == ":" || peek(1) == "=" || peek(1) == ".") { throw error("POSIX classes ([:alpha:]) are not supported") }
                if c == "[" { throw error("nested classes are not supported (write '\\[' for the character)") }
                i += 1
                var low: Character = c
                if c == "\\" {
                    switch try escape(flags, inClass: true) {
                    case .character(let e): low = e
                    case .item(let item): items.append(item); continue
                    case .anchor: throw error("an anchor inside a class", at: i - 2)
                    }
                }
                // A range a-z (a '-' first, last or after a range is itself).
                if peek() == "-", let after = peek(1), after != "]" {
                    i += 1
                    var high = after
                    i += 1
                    if after == "\\" {
                        guard case .character(let e) = try escape(flags, inClass: true) else { throw error("a range needs a character at each end", at: i - 2) }
                        high = e
                    }
                    guard low.unicodeScalars.count == 1, high.unicodeScalars.count == 1,
                          let l = low.unicodeScalars.first, let h = high.unicodeScalars.first else { throw error("a range needs single characters at its ends") }
                    guard l.value <= h.value else { throw error("the range \(low)-\(high) is the wrong way round") }
                    items.append(.range(l, h))
                } else {
                    items.append(.character(low))
                }
            }
            return .instruction(.set(items, negated: negated, caseless: flags.caseless))
        }
    }

    // MARK: - Compiling

    struct Compiler {
        var programs: [[Instruction]] = []
        var size = 0

        /// Compiles `node` as a program of its own (ending in `match`) and returns its index.
        mutating func program(_ node: Node) throws(SyntaxError) -> Int {
            let index = programs.count
            programs.append([])
            var code: [Instruction] = []
            try emit(node, into: &code)
            code.append(.match)
            programs[index] = code
            return index
        }

        mutating func add(_ instruction: Instruction, _ code: inout [Instruction]) throws(SyntaxError) {
            size += 1
            if size > LinearRegex.maximumProgram {
                throw SyntaxError(offset: 0, message: "the pattern is too large once its repetitions are counted out (over \(LinearRegex.maximumProgram) steps)")
            }
            code.append(instruction)
        }

        mutating func emit(_ node: Node, into code: inout [Instruction]) throws(SyntaxError) {
            switch node {
            case .empty: break
            case .instruction(let instruction): try add(instruction, &code)
            case .sequence(let items): for item in items { try emit(item, into: &code) }
            case .alternation(let branches):
                var jumpsToEnd: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = code.count
                        try add(.split(split + 1, -1), &code)
                        try emit(branch, into: &code)
                        jumpsToEnd.append(code.count)
                        try add(.jump(-1), &code)
                        code[split] = .split(split + 1, code.count)
                    } else {
                        try emit(branch, into: &code)
                    }
                }
                for j in jumpsToEnd { code[j] = .jump(code.count) }
            case .repetition(let body, let min, let max):
                for _ in 0..<min { try emit(body, into: &code) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(code.count)
                        try add(.split(code.count + 1, -1), &code)
                        try emit(body, into: &code)
                    }
                    for s in splits { code[s] = .split(s + 1, code.count) }
                } else {
                    let loop = code.count
                    try add(.split(loop + 1, -1), &code)
                    try emit(body, into: &code)
                    try add(.jump(loop), &code)
                    code[loop] = .split(loop + 1, code.count)
                }
            case .look(let body, let negated):
                let sub = try program(body)
                try add(.look(sub, negated: negated), &code)
            }
        }
    }
}
