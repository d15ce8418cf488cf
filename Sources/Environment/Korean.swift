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
        "web": .consonant, "subnet": .consonant, "internet": .consonant, "gateway": .none, "cidr": .none,
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
