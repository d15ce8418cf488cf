/// Korean particles that follow the final sound of the word before them (은/는, 이/가, 을/를, 으로/로…),
/// for every message the program puts together around a name, a number or an id. Write
/// `"\(name, .은는) 정상이에요"`; where the word's reading is unknown, the particle is written both ways
/// (`은(는)`).
public enum Particle: Sendable, CaseIterable {
    case 은는, 이가, 을를, 으로로, 과와, 이에요예요, 이나나, 이라라, 이라고라고

    /// (after a final consonant, after a vowel); 으로/로 also takes 로 after ㄹ.
    var forms: (consonant: String, vowel: String) {
        switch self {
        case .은는: return ("은", "는")
        case .이가: return ("이", "가")
        case .을를: return ("을", "를")
        case .으로로: return ("으로", "로")
        case .과와: return ("과", "와")
        case .이에요예요: return ("이에요", "예요")
        case .이나나: return ("이나", "나")
        case .이라라: return ("이라", "라")
        case .이라고라고: return ("이라고", "라고")
        }
    }

    /// The form after a word with this final sound; nil: unknown, both forms.
    public func after(_ sound: Korean.FinalSound?) -> String {
        let (c, v) = forms
        switch sound {
        case .none?: return v
        case .rieul?: return self == .으로로 ? v : c
        case .consonant?: return c
        case nil:
            return self == .으로로 ? "(으)로" : "\(c)(\(v))"
        }
    }
}

public enum Korean {
    /// How a word ends when read aloud in Korean.
    public enum FinalSound: Sendable, Equatable {
        /// Ends in a vowel (no 받침).
        case none
        /// Ends in ㄹ (its own rule for 으로/로).
        case rieul
        /// Ends in another consonant.
        case consonant
    }

    /// The final sound of `text` as read aloud: the last Hangul syllable, the reading of a trailing
    /// number (Sino-Korean: 80 팔십, 443 사백사십삼), or of a trailing Latin word (an acronym letter by
    /// letter: ALB 에이엘비; a word by the loanword patterns: subnet 서브넷, nginx 엔진엑스). nil when it
    /// cannot be told.
    public static func finalSound(of text: String) -> FinalSound? {
        // An aside in parentheses after the word is not read before the particle: `glowcorp-web-sg
        // (sg-0abc…9)는`, `대상 그룹(target group)을` follow sg and 그룹.
        if let word = beforeAside(text) { return finalSound(of: word) }
        // Closing punctuation and quotes do not change how the word ends: `'next'`, `(i-0abc)`, `glowcorp.io.`
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, !isLetterOrDigit(last) { scalars.removeLast() }
        guard let last = scalars.last else { return nil }
        if (0xAC00...0xD7A3).contains(last.value) {
            let final = (last.value - 0xAC00) % 28
            return final == 0 ? FinalSound.none : final == 8 ? .rieul : .consonant
        }
        if isDigit(last) {
            let digits = String(String.UnicodeScalarView(scalars.reversed().prefix(while: isDigit).reversed()))
            let before = scalars.dropLast(digits.unicodeScalars.count).last
            // `EC2`, `S3`, `2a`: a digit glued to Latin letters is read in English (투, 쓰리).
            if let before, isLatin(before), digits.count == 1 { return englishDigit(digits) }
            return number(digits)
        }
        if isLatin(last) {
            let word = String(String.UnicodeScalarView(scalars.reversed().prefix(while: isLatin).reversed()))
            return latin(word)
        }
        return nil
    }

    /// `text` without a parenthesised aside at its end, when something stands before the aside.
    static func beforeAside(_ text: String) -> String? {
        var trimmed = Substring(text)
        while let last = trimmed.last, ".,;:!?".contains(last) { trimmed.removeLast() }
        guard trimmed.hasSuffix(")") else { return nil }
        var depth = 0
        var index = trimmed.endIndex
        while index > trimmed.startIndex {
            index = trimmed.index(before: index)
            if trimmed[index] == ")" { depth += 1 } else if trimmed[index] == "(" {
                depth -= 1
                if depth == 0 { break }
            }
        }
        guard depth == 0, trimmed[index] == "(" else { return nil }
        var before = trimmed[..<index]
        while before.last == " " { before.removeLast() }
        return before.isEmpty ? nil : String(before)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    static func isLatin(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
    static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        isDigit(s) || isLatin(s) || (0xAC00...0xD7A3).contains(s.value) || (0x3131...0x318E).contains(s.value)
    }

    /// Sino-Korean reading of a whole number: the last non-zero digit, or the unit that ends it.
    static func number(_ digits: String) -> FinalSound {
        let trimmed = digits.drop { $0 == "0" }
        guard !trimmed.isEmpty else { return .consonant }  // 영
        let zeros = trimmed.reversed().prefix { $0 == "0" }.count
        if zeros == 0 {
            switch trimmed.last! {
            case "2", "4", "5", "9": return .none      // 이 사 오 구
            case "1", "7", "8": return .rieul          // 일 칠 팔
            default: return .consonant                  // 삼 육
            }
        }
        switch zeros % 4 {
        case 1, 2, 3: return .consonant                 // 십 백 천
        default: return zeros % 12 == 0 ? .none : .consonant  // 만 억 (조 for 10^12)
        }
    }

    static func englishDigit(_ digit: String) -> FinalSound {
        switch digit {
        case "1", "7", "8", "9": return .consonant   // 원 세븐 에잇 나인
        default: return .none                        // 제로 투 쓰리 포 파이브 식스
        }
    }

    /// Words this course says often, as Korean reads them.
    static let readings: [String: FinalSound] = [
        "nginx": .none, "docker": .none, "glowcorp": .none, "io": .none, "api": .none, "app": .consonant,
        "web": .consonant, "subnet": .consonant, "internet": .consonant, "gateway": .none, "cidr": .rieul,
        "ec": .none, "health": .none, "healthz": .none, "local": .rieul, "public": .consonant, "private": .consonant,
        "default": .none, "server": .none, "location": .consonant, "listen": .consonant, "pass": .none,
        "json": .consonant, "yaml": .rieul, "id": .none, "ids": .none, "arn": .consonant, "url": .rieul, "html": .rieul,
        "ssh": .none, "dig": .consonant, "curl": .rieul, "sudo": .none, "systemctl": .rieul, "true": .none,
        "false": .none, "null": .rieul, "sandbox": .none, "moto": .none, "host": .none, "route": .none,
        "record": .none, "alias": .none, "target": .consonant, "group": .consonant, "listener": .none,
        "rule": .rieul, "zone": .consonant, "instance": .none, "running": .consonant, "stopped": .none,
        "healthy": .none, "unhealthy": .none, "active": .none, "available": .rieul, "attached": .none,
        "issued": .none, "forward": .none, "redirect": .none, "https": .none, "http": .none,
        "tcp": .none, "dns": .none, "vpc": .none, "igw": .none, "alb": .none, "elb": .none, "tg": .none, "sg": .none,
        "acm": .consonant, "aws": .none, "rtb": .none, "az": .none, "ip": .none, "cli": .none, "ssl": .rieul, "tls": .none,
        "nat": .consonant, "ami": .none, "ec2": .none, "www": .none, "com": .consonant, "net": .consonant, "org": .none,
        "internal": .rieul, "facing": .consonant, "main": .consonant, "test": .none, "index": .none,
        "ok": .none, "bundle": .rieul, "step": .consonant, "timeout": .consonant, "table": .rieul, "old": .none, "cname": .consonant,
        "check": .none, "fixture": .none, "conf": .none, "access": .none, "log": .none, "proto": .none,
        "forwarded": .none, "for": .none, "real": .rieul, "port": .none, "path": .none, "header": .none,
    ]

    /// Letter names as Korean reads an acronym: A 에이 … L 엘, M 엠, N 엔, R 알.
    static func letter(_ c: Character) -> FinalSound {
        switch c.lowercased() {
        case "l", "r": return .rieul
        case "m", "n": return .consonant
        default: return .none
        }
    }

    static func latin(_ word: String) -> FinalSound {
        let w = word.lowercased()
        if let known = readings[w] { return known }
        let vowels = Set("aeiouy")
        // An acronym: all capitals (ALB, HTTPS), one letter, or no vowel at all (tg, sg, vpc).
        if word.count == 1 || (word.count >= 2 && word.allSatisfy(\.isUppercase)) || !w.contains(where: vowels.contains) {
            return letter(w.last!)
        }
        var chars = Array(w)
        // -ble, -ple, -tle…: 테이블, 어베일러블, 피플.
        if chars.count >= 3, w.hasSuffix("le"), !vowels.contains(chars[chars.count - 3]) { return .rieul }
        // A silent e after a consonant that follows a vowel: name 네임, line 라인, rule 룰, site 사이트.
        if chars.count >= 3, chars.last == "e", !vowels.contains(chars[chars.count - 2]), vowels.contains(chars[chars.count - 3]) {
            chars.removeLast()
            switch chars.last! {
            case "l": return .rieul
            case "m", "n", "p": return .consonant
            default: return .none
            }
        }
        let last = chars.last!
        let previous = chars.count >= 2 ? chars[chars.count - 2] : " "
        if w.hasSuffix("ng") { return .consonant }                 // 싱
        switch last {
        case "l": return .rieul                                     // 파일, 로컬
        case "m", "n": return .consonant                            // 엠, 넷
        case "k", "c": return vowels.contains(previous) || previous == "c" ? .consonant : .none  // 퍼블릭, 스택 / 체크
        case "p", "b", "t": return vowels.contains(previous) && !(chars.count >= 3 && vowels.contains(chars[chars.count - 3])) ? .consonant : .none  // 앱, 웹, 넷 / 포트, 라우트
        default: return .none                                      // 서버, 엔진엑스, 로그, 스위치
        }
    }
}

extension String {
    /// This word followed by `particle` in the form its final sound takes: `"nginx".with(.은는)` is
    /// `nginx는`, `"80".with(.으로로)` is `80으로`.
    public func with(_ particle: Particle) -> String {
        self + particle.after(Korean.finalSound(of: self))
    }
}

extension DefaultStringInterpolation {
    /// `"\(name, .이가) 없어요"`.
    public mutating func appendInterpolation(_ value: some CustomStringConvertible, _ particle: Particle) {
        appendLiteral(value.description.with(particle))
    }
}

extension Korean {
    /// A particle written after a word in the form the word's final sound does not take: `80을(를)` where
    /// 80 (팔십) takes 을, `nginx은` where it takes 는.
    public struct ParticleProblem: Sendable, Equatable, CustomStringConvertible {
        public var word: String
        public var written: String
        public var expected: String
        /// Where in the text the particle starts (in Characters).
        public var offset: Int
        public var description: String { "\(word)\(written) → \(word)\(expected)" }
    }

    /// Particles (and copula endings that follow the same rule) as (after a consonant, after a vowel),
    /// longest first so that `이에요` is not read as `이`.
    static let particlePairs: [(String, String)] = [
        ("이라고", "라고"), ("이에요", "예요"), ("이지만", "지만"), ("이었", "였"), ("으로", "로"),
        ("이나", "나"), ("이라", "라"), ("이고", "고"), ("이면", "면"), ("이며", "며"), ("이든", "든"), ("이랑", "랑"),
        ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"),
    ]

    /// Copula endings, whose 이 is optional after a vowel.
    static let copulaForms: Set<String> = ["이라고", "이지만", "이었", "이나", "이라", "이고", "이면", "이며", "이든"]

    static func isHangulSyllable(_ c: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(c.value) }

    /// Every particle in `text` that follows a non-Korean word (a name, a number, an id, a quoted term)
    /// in the wrong form, and every both-ways fallback (`을(를)`) after a word whose reading is known.
    /// Words whose reading cannot be told are left alone.
    public static func particleProblems(in text: String) -> [ParticleProblem] {
        // Unicode scalars, not Characters: Hangul syllables, Latin letters and digits are one scalar each,
        // and walking scalars costs a fraction of grapheme breaking (lint runs this over every lesson).
        let chars = Array(text.unicodeScalars)
        var problems: [ParticleProblem] = []
        for i in chars.indices.dropFirst() where isHangulSyllable(chars[i]) {
            let before = chars[i - 1]
            guard before.isASCII && (isLatin(before) || isDigit(before)) || "'\"`)]}’”".unicodeScalars.contains(before) else { continue }
            let start = wordStart(chars, before: i)
            let word = chars[start..<i]
            // A quote right before the particle must close one (`"next"를`, `` `sandbox break x`를 ``), not open
            // a string (`("이`): on its line, it is an even one.
            if "'\"`".unicodeScalars.contains(before) {
                var k = i - 1, quotes = 0
                while k >= 0, i - k <= longestWord, chars[k] != "\n" { if chars[k] == before { quotes += 1 }; k -= 1 }
                if quotes % 2 == 1 { continue }
            }
            guard !String(String.UnicodeScalarView(word)).hasSuffix("(으)"),
                  let (written0, sound) = reading(word) else { continue }
            var run = ""
            var j = i
            while j < chars.count, j - i < 4, isHangulSyllable(chars[j]) { run.unicodeScalars.append(chars[j]); j += 1 }
            guard let (consonant, vowel) = particlePairs.first(where: { run.hasPrefix($0.0) || run.hasPrefix($0.1) }) else { continue }
            let writtenIsConsonant = run.hasPrefix(consonant)
            let written = writtenIsConsonant ? consonant : vowel
            let expected = expectedForm(consonant, vowel, after: sound)
            let end = i + written.unicodeScalars.count
            let rest = String(String.UnicodeScalarView(chars[end..<min(chars.count, end + 4)]))
            let other = writtenIsConsonant ? vowel : consonant
            if rest.hasPrefix("(" + other + ")") {
                problems.append(ParticleProblem(word: written0, written: "\(written)(\(other))", expected: expected, offset: i))
            } else if written != expected && !(copulaForms.contains(consonant) && writtenIsConsonant) {
                // After a vowel the copula's 이 may stay (`ALB이고` as well as `ALB고`); after a consonant it must.
                problems.append(ParticleProblem(word: written0, written: written, expected: expected, offset: i))
            }
        }
        // `(으)로` right after the word: `4000(으)로`.
        let both = Array("(으)로".unicodeScalars)
        for i in chars.indices.dropFirst() where chars[i] == "(" && !chars[i - 1].properties.isWhitespace && chars[i...].starts(with: both) {
            let start = wordStart(chars, before: i)
            guard let (word, sound) = reading(chars[start..<i]) else { continue }
            problems.append(ParticleProblem(word: word, written: "(으)로", expected: expectedForm("으로", "로", after: sound), offset: i))
        }
        return problems.sorted { $0.offset < $1.offset }
    }

    /// How far back a word (and an aside before a particle) is looked for: a token longer than this is
    /// not a word a particle follows, and the bound keeps the scan linear in the text.
    static let longestWord = 200

    /// Where the word that ends at `end` starts: back to a space, and over a parenthesised aside at its end
    /// (with the space before it) to the word the aside follows.
    static func wordStart(_ chars: [Unicode.Scalar], before end: Int) -> Int {
        let limit = max(0, end - longestWord)
        var start = end
        while start > limit, !chars[start - 1].properties.isWhitespace { start -= 1 }
        // The last `)` of the word, before closing quotes and dots.
        var close = end - 1
        while close > start, chars[close] != "(", chars[close] != ")", !isLetterOrDigit(chars[close]) { close -= 1 }
        guard chars[close] == ")" else { return start }
        var depth = 0
        var open = close + 1
        while open > limit {
            open -= 1
            if chars[open] == ")" { depth += 1 } else if chars[open] == "(" {
                depth -= 1
                if depth == 0 { break }
            }
        }
        // `glowcorp-web-tg(으)`, `대상(target)`: the aside is glued to its word, which the reading skips.
        guard depth == 0, chars[open] == "(", open <= start else { return start }
        var before = open
        // The aside stands apart, maybe wrapped onto a line of its own: the word before it.
        while before > limit, chars[before - 1] == " " || chars[before - 1] == "\n" { before -= 1 }
        while before > limit, !chars[before - 1].properties.isWhitespace { before -= 1 }
        return before
    }

    static func expectedForm(_ consonant: String, _ vowel: String, after sound: FinalSound) -> String {
        switch sound {
        case .none: return vowel
        case .rieul: return consonant == "으로" ? vowel : consonant
        case .consonant: return consonant
        }
    }

    /// The word a particle follows and how it ends: a parenthesised aside at its end is skipped, as Korean
    /// reads `대상 그룹(target group)을` after 그룹; nil when the word has no Latin letter or digit (Korean words
    /// and their particles are written together and cannot be told apart here) or its reading is unknown.
    static func reading(_ slice: ArraySlice<Unicode.Scalar>) -> (String, FinalSound)? {
        let word = String(String.UnicodeScalarView(slice))
        // A quoted sentence (`…daemon running?`라고): 라고 quotes it whatever its last sound.
        if let last = word.unicodeScalars.reversed().first(where: { !"'\"`)]}’”".unicodeScalars.contains($0) }), "?!".unicodeScalars.contains(last) { return nil }
        guard Korean.beforeAside(word) != nil || word.contains(where: { $0.isASCII && ($0.isLetter || $0.isNumber) }), let sound = finalSound(of: word) else { return nil }
        return (word, sound)
    }
}
