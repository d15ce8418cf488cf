import Checks
import Environment
/// Compares a learner's answer with a question, kind by kind. Forgiving where the meaning is the same,
/// and precise about near misses: the learner hears "almost: …" rather than only "wrong".
public enum AnswerMatcher {
    public static func check(_ rawInput: String, against question: Question) -> AnswerVerdict {
        let input = rawInput.trimmingWhitespace
        guard !input.isEmpty else { return .wrong(feedback: "답을 입력해 주세요.") }
        // A choice's mistakes are looked up once the choice is known (two choices may differ only in case).
        if question.kind != .choice, let mistake = question.mistakes.first(where: { sameValue(input, $0.answer, kind: question.kind) }) {
            return .wrong(feedback: mistake.say)
        }
        let verdict: AnswerVerdict
        switch question.kind {
        case .choice: verdict = choice(input, question)
        case .text: verdict = text(input, question)
        case .regex: verdict = regex(input, question)
        case .number: verdict = number(input, question)
        case .port: verdict = port(input, question)
        case .cidr: verdict = cidr(input, question)
        case .cidrWithin: verdict = cidrWithin(input, question)
        case .ipInCidr: verdict = ipInCidr(input, question)
        case .dns: verdict = dns(input, question)
        case .command: verdict = command(input, question)
        }
        return verdict
    }

    /// Whether two answers mean the same for this kind (used for the author's `mistakes`).
    static func sameValue(_ a: String, _ b: String, kind: AnswerKind) -> Bool {
        switch kind {
        case .dns: return DNSName.normalized(a) == DNSName.normalized(b)
        case .cidr, .cidrWithin:
            if case .canonical(let x) = CIDRBlock.parse(a), case .canonical(let y) = CIDRBlock.parse(b) { return x == y }
        case .ipInCidr:
            if let x = IPv4Address(a.trimmingWhitespace), let y = IPv4Address(b.trimmingWhitespace) { return x == y }
        case .port:
            if let x = portNumber(a)?.port, let y = portNumber(b)?.port { return x == y }
        case .number:
            if let x = numberRead(a), let y = numberRead(b) { return x == y }
        case .command:
            if let x = commandWords(a), let y = commandWords(b) { return x == y }
        case .choice, .text, .regex: break
        }
        return normalizedText(a) == normalizedText(b)
    }

    /// A number as the number kind reads it, a counter after it allowed (`254개`, `이백오십사`): for
    /// matching the author's `mistakes`.
    static func numberRead(_ raw: String) -> Double? {
        let text = raw.replacingOccurrences(",", with: "").trimmingWhitespace
        if let v = Double(text) ?? KoreanNumber.value(text) { return v }
        for counter in counters.sorted(by: { $0.count > $1.count }) where text.hasSuffix(counter) {
            return KoreanNumber.value(String(text.dropLast(counter.count)), beforeCounter: true)
        }
        return nil
    }

    private static func accepted(_ answer: String, _ q: Question) -> AnswerVerdict {
        .correct(note: q.answerNotes[answer])
    }

    // MARK: text and choice

    /// Lowercased, whitespace collapsed, surrounding quotes and final punctuation dropped.
    static func normalizedText(_ s: String) -> String {
        var t = s.trimmingWhitespace.lowercased()
        while let last = t.last, ".!?。".contains(last) { t.removeLast() }
        if t.count >= 2, let f = t.first, let l = t.last, (f == "\"" && l == "\"") || (f == "'" && l == "'") || (f == "`" && l == "`") {
            t = String(t.dropFirst().dropLast())
        }
        return t.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Also drops spaces, hyphens and underscores: Korean spacing is often omitted ("인터넷게이트웨이").
    static func compactText(_ s: String) -> String {
        String(normalizedText(s).filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
    }

    private static func typoLimit(_ s: String) -> Int { s.count <= 3 ? 0 : (s.count <= 8 ? 1 : 2) }

    private static func text(_ input: String, _ q: Question) -> AnswerVerdict {
        for answer in q.answers where normalizedText(answer) == normalizedText(input) || compactText(answer) == compactText(input) {
            return accepted(answer, q)
        }
        let compact = compactText(input)
        if let close = q.answers.first(where: { compact.editDistance(to: compactText($0)) <= typoLimit(compactText($0)) }) {
            return .nearMiss("철자를 확인해 보세요 (\"\(close.prefix(1))…\"로 시작해요).")
        }
        return .wrong(feedback: nil)
    }

    /// The number a choice answer gives (`2`, `2번`, `(2)`, `2.`), in range or not; nil for text.
    private static func choiceNumber(_ input: String) -> Int? {
        var token = normalizedText(input)
        for suffix in ["번", ")", "."] where token.hasSuffix(suffix) { token.removeLast(suffix.count) }
        if token.hasPrefix("(") { token.removeFirst() }
        token = token.trimmingWhitespace
        return token.allSatisfy(\.isASCIIDigit) ? Int(token.prefix(9)) : nil
    }

    /// The answer as the learner meant it, to keep: for a choice question answered by number or by a
    /// part of a choice, the text of that choice (each learner sees the choices in an order of their own,
    /// so the number alone says nothing across learners); else the answer as typed.
    public static func meant(_ input: String, by q: Question) -> String {
        guard q.kind == .choice, case .one(let i) = chosen(input, q) else { return input }
        return q.choices[i]
    }

    /// The names a choice answers to, compacted: the whole label, the label without its parenthesized
    /// part, and each parenthesized part (`인터넷 경계 (internet-facing)` → 인터넷경계, internetfacing).
    static func choiceNames(_ choice: String) -> [String] {
        let plain = choice.replacingOccurrences("`", with: "").replacingOccurrences("**", with: "")
        var outside = "", inside: [String] = [], current = "", depth = 0
        for c in plain {
            if c == "(" || c == "（" {
                depth += 1
                if depth == 1 { current = ""; continue }
            } else if c == ")" || c == "）", depth > 0 {
                depth -= 1
                if depth == 0 { inside.append(current); continue }
            }
            if depth > 0 { current.append(c) } else { outside.append(c) }
        }
        var names: [String] = []
        for name in [plain, outside] + inside {
            let compact = compactText(name)
            if !compact.isEmpty && !names.contains(compact) { names.append(compact) }
        }
        return names
    }

    enum Chosen { case one(Int), several([Int]), outOfRange(Int), none }

    /// Which choice an answer names: its number, its whole text, or a name of exactly one choice.
    static func chosen(_ input: String, _ q: Question) -> Chosen {
        if let n = choiceNumber(input) {
            return n >= 1 && n <= q.choices.count ? .one(n - 1) : .outOfRange(n)
        }
        if let i = q.choices.firstIndex(where: { $0.trimmingWhitespace == input.trimmingWhitespace }) { return .one(i) }
        let compactInput = compactText(input)
        if let i = q.choices.firstIndex(where: { compactText($0) == compactInput }) { return .one(i) }
        let named = q.choices.indices.filter { choiceNames(q.choices[$0]).contains(compactInput) }
        if named.count == 1 { return .one(named[0]) }
        return named.isEmpty ? .none : .several(named)
    }

    private static func choice(_ input: String, _ q: Question) -> AnswerVerdict {
        let chosenText: String
        switch chosen(input, q) {
        case .one(let i):
            chosenText = q.choices[i]
        case .outOfRange(let n):
            return .unclear("보기는 1번부터 \(q.choices.count)번까지 있어요. \(n)번은 없어요.")
        case .several(let indices):
            let numbers = indices.map { "\($0 + 1)번" }.joined(separator: ", ")
            return .unclear("\("'\(input)'".with(.은는)) 보기 \(numbers)에 모두 맞아요. 번호로 골라 주세요.")
        case .none:
            // A typo of one choice's name is a near miss; anything else is not an answer to this question.
            let compactInput = compactText(input)
            let close = q.choices.indices.filter { i in
                choiceNames(q.choices[i]).contains { compactInput.editDistance(to: $0) <= typoLimit($0) }
            }
            if close.count == 1 {
                return .nearMiss("보기에 없는 답이에요. \("\"" + q.choices[close[0]] + "\"", .을를) 말한 건가요? 번호로 답해도 돼요.")
            }
            return .unclear("\("'\(input.prefix(40))'".with(.은는)) 보기에 없어요. 1–\(q.choices.count)번 중 번호나 보기의 내용으로 답해 주세요.")
        }
        let compactChosen = compactText(chosenText)
        if let answer = q.answers.first(where: { $0.trimmingWhitespace == chosenText.trimmingWhitespace }) ?? q.answers.first(where: { compactText($0) == compactChosen }) {
            return accepted(answer, q)
        }
        if let mistake = q.mistakes.first(where: { $0.answer.trimmingWhitespace == chosenText.trimmingWhitespace })
            ?? q.mistakes.first(where: { compactText($0.answer) == compactChosen }) {
            return .wrong(feedback: mistake.say)
        }
        return .wrong(feedback: nil)
    }

    private static func regex(_ input: String, _ q: Question) -> AnswerVerdict {
        // LinearRegex, not Regex: its cost is linear in the answer whatever the pattern (see there).
        for pattern in q.answers {
            guard let compiled = try? LinearRegex(pattern) else { continue }
            if compiled.wholeMatch(input) { return accepted(pattern, q) }
        }
        return .wrong(feedback: nil)
    }

    // MARK: numbers and ports

    /// Counters a Korean answer puts after a number (`두 개`, `80번`): read as the number's unit.
    static let counters = ["개", "번", "초", "분", "대", "곳", "가지", "명", "줄", "단계", "자리", "비트", "바이트"]

    private static func number(_ input: String, _ q: Question) -> AnswerVerdict {
        var text = input.replacingOccurrences(",", with: "").trimmingWhitespace
        var hadUnit = false
        for unit in q.units.sorted(by: { $0.count > $1.count }) where text.lowercased().hasSuffix(unit.lowercased()) {
            text = String(text.dropLast(unit.count)).trimmingWhitespace
            hadUnit = true
            break
        }
        // Digits, a Korean numeral or a power; a counter the question does not take as its unit is a near miss
        // when the number is right.
        guard let value = Double(text) ?? KoreanNumber.value(text, beforeCounter: hadUnit) else {
            let chars = Array(text.prefix(KoreanNumber.maximumLength))
            for cut in stride(from: chars.count - 1, through: 1, by: -1) {
                let unit = String(chars[cut...]).trimmingWhitespace
                guard let value = KoreanNumber.value(String(chars[..<cut]), beforeCounter: true), !unit.isEmpty else { continue }
                if q.answers.contains(where: { Double($0) == value }) {
                    if q.units.isEmpty && counters.contains(unit) { return accepted(q.answers.first { Double($0) == value }!, q) }
                    let units = q.units.isEmpty ? "숫자만" : "숫자 또는 숫자+단위(\(q.units.joined(separator: ", ")))로"
                    return .nearMiss("숫자는 맞았어요. 단위 \("\"\(unit)\"", .은는) 이 질문에 맞지 않아요. \(units) 답해 주세요.")
                }
                return .wrong(feedback: nil)
            }
            return .unclear("'\(input.prefix(40))'에서 숫자를 읽지 못했어요. 숫자로 답해 주세요 (예: 2, 두 개, 65536, 2^16).")
        }
        if let answer = q.answers.first(where: { Double($0) == value }) { return accepted(answer, q) }
        return .wrong(feedback: nil)
    }

    /// Reads "80", ":80", "80/tcp", "tcp/80", "port 80", "포트 80", "80번 포트"; remembers a host or a non-TCP protocol.
    static func portNumber(_ raw: String) -> (port: Int, host: String?, proto: String?)? {
        var s = raw.trimmingWhitespace.lowercased()
        for word in ["포트", "port", "번"] { s = s.replacingOccurrences(word, with: " ") }
        s = s.trimmingWhitespace
        var proto: String?
        for p in ["tcp", "udp"] {
            if s.hasPrefix(p + "/") || s.hasPrefix(p + ":") { proto = p; s = String(s.dropFirst(4)) }
            if s.hasSuffix("/" + p) { proto = p; s = String(s.dropLast(4)) }
        }
        var host: String?
        if let colon = s.lastIndex(of: ":") {
            let h = String(s[..<colon]).trimmingWhitespace
            host = h.isEmpty ? nil : h
            s = String(s[s.index(after: colon)...])
        }
        s = s.trimmingWhitespace
        guard !s.isEmpty, s.count <= 5, s.allSatisfy(\.isASCIIDigit), let n = Int(s) else { return nil }
        return (n, host, proto)
    }

    private static func port(_ input: String, _ q: Question) -> AnswerVerdict {
        guard let parsed = portNumber(input) else { return .wrong(feedback: "포트 번호(1–65535)로 답해 주세요. 예: 80") }
        guard (1...65535).contains(parsed.port) else { return .wrong(feedback: "포트 번호는 1부터 65535까지예요.") }
        guard let answer = q.answers.first(where: { portNumber($0)?.port == parsed.port }) else { return .wrong(feedback: nil) }
        if parsed.proto == "udp" { return .nearMiss("번호는 맞지만 HTTP는 TCP 위에서 동작해요. \(parsed.port)/tcp 예요.") }
        if let host = parsed.host {
            return .nearMiss("포트 번호는 맞았어요(\(parsed.port)). 주소 \(host, .은는) 빼고 포트만 답해 주세요.")
        }
        return accepted(answer, q)
    }

    // MARK: networks

    private static func cidr(_ input: String, _ q: Question) -> AnswerVerdict {
        let expected = q.answers.compactMap(CIDRBlock.init)
        switch CIDRBlock.parse(input) {
        case .canonical(let block):
            if let i = expected.firstIndex(of: block) { return accepted(q.answers[i], q) }
            if let same = expected.first(where: { $0.network == block.network }) {
                return .wrong(feedback: "시작 주소는 맞지만 크기가 달라요: /\(block.prefix, .이가) 아니라 /\(same.prefix, .이에요예요).")
            }
            return .wrong(feedback: nil)
        case .hostBitsSet(let block):
            if expected.contains(block) {
                return .nearMiss("범위는 맞지만 CIDR은 네트워크 주소로 적어요: \(block). (VPC를 만들 때 \(input.trimmingWhitespace, .을를) 주면 AWS가 말없이 \(block, .으로로) 바꿔요.)")
            }
            return .wrong(feedback: "\(input.trimmingWhitespace, .은는) 호스트 비트가 켜져 있어 올바른 CIDR 블록이 아니에요 (\(block)처럼 적어요).")
        case .missingPrefix(let address):
            if expected.contains(where: { $0.network == address }) {
                return .nearMiss("주소는 맞았어요. 크기를 나타내는 접두사 길이(/숫자)까지 적어 주세요.")
            }
            return .wrong(feedback: "CIDR은 주소/접두사길이 형태예요. 예: 10.0.0.0/16")
        case .netmask(let block):
            if expected.contains(block) { return .nearMiss("같은 범위예요. CIDR 표기로 적어 주세요: \(block)") }
            return .wrong(feedback: nil)
        case .invalid:
            return .wrong(feedback: "CIDR 형식이 아니에요. 예: 10.0.0.0/16")
        }
    }

    private static func cidrWithin(_ input: String, _ q: Question) -> AnswerVerdict {
        guard let outer = q.within.flatMap(CIDRBlock.init) else { return .wrong(feedback: nil) }
        func judge(_ block: CIDRBlock) -> AnswerVerdict {
            guard outer.contains(block) else {
                return .wrong(feedback: "\(block, .은는) \(outer) 밖에 있어요. 서브넷은 VPC의 CIDR 안에서 잘라 써야 해요.")
            }
            if let prefix = q.prefix, block.prefix != prefix {
                return .wrong(feedback: "\(outer) 안에 있긴 하지만 크기가 /\(block.prefix, .이에요예요). /\(prefix) 블록이어야 해요.")
            }
            return accepted(block.description, q)
        }
        switch CIDRBlock.parse(input) {
        case .canonical(let block): return judge(block)
        case .hostBitsSet(let block):
            if judge(block).isCorrect {
                return .nearMiss("범위는 맞지만 CIDR은 네트워크 주소로 적어요: \(block).")
            }
            return judge(block)
        case .missingPrefix:
            return .nearMiss("접두사 길이(/숫자)까지 적어 주세요\(q.prefix.map { ". 예: …/\($0)" } ?? ".")")
        case .netmask(let block):
            if judge(block).isCorrect { return .nearMiss("맞는 범위예요. CIDR 표기로 적어 주세요: \(block)") }
            return judge(block)
        case .invalid:
            return .wrong(feedback: "CIDR 형식이 아니에요. 예: \(q.example ?? "10.0.1.0/24")")
        }
    }

    private static func ipInCidr(_ input: String, _ q: Question) -> AnswerVerdict {
        guard let outer = q.within.flatMap(CIDRBlock.init) else { return .wrong(feedback: nil) }
        var text = input
        var hadSlash32 = false
        if text.hasSuffix("/32") { text = String(text.dropLast(3)); hadSlash32 = true }
        guard let address = IPv4Address(text.trimmingWhitespace) else {
            return .wrong(feedback: "IPv4 주소 형식이 아니에요. 예: \(q.example ?? "10.0.1.10")")
        }
        guard outer.contains(address) else { return .wrong(feedback: "\(address, .은는) \(outer) 밖의 주소예요.") }
        // AWS reserves the first four addresses and the last one of every subnet.
        if outer.prefix <= 28 {
            let offset = address.value - outer.network.value
            if offset < 4 || address == outer.last {
                return .wrong(feedback: "\(address, .은는) \(outer) 안에 있지만 AWS가 예약한 주소예요(처음 4개와 마지막 1개). 인스턴스에 줄 수 없어요.")
            }
        }
        if hadSlash32 { return .nearMiss("맞는 주소예요. /32 없이 주소만 적어 주세요: \(address)") }
        return accepted(address.description, q)
    }

    // MARK: DNS and commands

    private static func dns(_ input: String, _ q: Question) -> AnswerVerdict {
        let name = DNSName.normalized(input)
        if let answer = q.answers.first(where: { DNSName.normalized($0) == name }) { return accepted(answer, q) }
        // A URL or host:port around the right name.
        var host = name
        if let scheme = host.range(of: "://") { host = String(host[scheme.upperBound...]) }
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        if host != name, q.answers.contains(where: { DNSName.normalized($0) == DNSName.normalized(host) }) {
            return .nearMiss("이름은 맞았어요. URL이나 포트 없이 DNS 이름만 적어 주세요: \(DNSName.normalized(host))")
        }
        if let close = q.answers.first(where: { name.editDistance(to: DNSName.normalized($0)) <= 2 }) {
            return .nearMiss("철자를 한 번 더 확인해 보세요 (\(DNSName.normalized(close).count)글자짜리 이름이에요).")
        }
        return .wrong(feedback: nil)
    }

    /// The words of a command, without a leading `sudo` or a pasted shell prompt (`$ `, `# `).
    static func commandWords(_ s: String) -> [String]? {
        guard var words = try? ShellWords.split(s.trimmingWhitespace) else { return nil }
        if let first = words.first, first == "$" || first == "#" { words.removeFirst() }
        if words.first == "sudo" { words.removeFirst() }
        return words
    }

    private static func command(_ input: String, _ q: Question) -> AnswerVerdict {
        guard let words = commandWords(input) else {
            return .wrong(feedback: "따옴표가 닫히지 않았어요. 명령을 다시 확인해 보세요.")
        }
        if let answer = q.answers.first(where: { commandWords($0) == words }) { return accepted(answer, q) }
        for answer in q.answers {
            guard let expected = commandWords(answer) else { continue }
            if expected.sorted() == words.sorted() {
                return .nearMiss("필요한 단어는 다 있지만 순서가 달라요.")
            }
            if expected.count == words.count {
                let differing = zip(expected, words).filter { $0 != $1 }
                if differing.count == 1, let (want, got) = differing.first, got.editDistance(to: want) <= 2 {
                    return .nearMiss("\"\(got)\" 부분의 철자를 확인해 보세요.")
                }
            }
        }
        return .wrong(feedback: nil)
    }
}
