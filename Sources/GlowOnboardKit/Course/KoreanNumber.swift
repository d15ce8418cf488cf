/// Numbers as a Korean speaker types them: Arabic digits, Sino-Korean numerals (`육만 오천오백삼십육`,
/// `6만5536`), native numerals (`두`, `열여섯`, `스무`), and simple powers (`2^16`, `2**16`, `2의 16승`,
/// `2의 16제곱`). Whole numbers only, at most 2^53 (what a Double holds exactly); anything else is nil.
/// The input is short (an answer), and every loop is bounded by its length.
public enum KoreanNumber {
    /// Longest accepted input, in characters: past it nothing is read.
    static let maximumLength = 40
    static let limit = 9_007_199_254_740_992.0  // 2^53

    /// `beforeCounter`: the word stood before a counter or unit (`두 개`, `세 번`), where the attributive
    /// forms 한, 두, 세, 석, 네, 넉, 스무 are numbers; alone they are not (`네` is "yes").
    public static func value(_ raw: String, beforeCounter: Bool = false) -> Double? {
        let text = String(raw.filter { !$0.isWhitespace && $0 != "," })
        guard !text.isEmpty, text.count <= maximumLength else { return nil }
        if let power = power(text) { return power }
        if text.allSatisfy(\.isASCIIDigit) { return Double(text).flatMap { $0 <= limit ? $0 : nil } }
        return native(text, beforeCounter: beforeCounter) ?? sino(text)
    }

    static let attributive: Set<String> = ["한", "두", "세", "석", "네", "넉", "스무"]

    /// `2^16`, `2**16`, `2의16승`, `2의16제곱`: base and exponent are whole numbers (either may be Korean).
    static func power(_ text: String) -> Double? {
        var parts: [String]?
        for marker in ["^", "**"] where text.contains(marker) {
            let split = text.components(separatedBy: marker)
            if split.count == 2 { parts = split }
        }
        if parts == nil, text.contains("의") {
            let split = text.split(separator: "의", maxSplits: 1).map(String.init)
            if split.count == 2 {
                var exponent = split[1]
                for suffix in ["제곱", "승"] where exponent.hasSuffix(suffix) {
                    exponent = String(exponent.dropLast(suffix.count))
                    parts = [split[0], exponent]
                    break
                }
            }
        }
        guard let parts, let base = value(parts[0]), let exponent = value(parts[1]), exponent <= 64 else { return nil }
        var result = 1.0
        for _ in 0..<Int(exponent) {
            result *= base
            if result > limit { return nil }
        }
        return result
    }

    static let nativeUnits: [(String, Int)] = [
        ("하나", 1), ("한", 1), ("둘", 2), ("두", 2), ("셋", 3), ("세", 3), ("석", 3), ("넷", 4), ("네", 4), ("넉", 4),
        ("다섯", 5), ("여섯", 6), ("일곱", 7), ("여덟", 8), ("아홉", 9),
    ]
    static let nativeTens: [(String, Int)] = [
        ("열", 10), ("스물", 20), ("스무", 20), ("서른", 30), ("마흔", 40), ("쉰", 50), ("예순", 60), ("일흔", 70), ("여든", 80), ("아흔", 90),
    ]

    /// Native numerals up to 99: a ten (`열`, `스물`…) and/or a unit (`하나`/`한`, `둘`/`두`…).
    static func native(_ text: String, beforeCounter: Bool = false) -> Double? {
        var rest = Substring(text)
        var total = 0
        var last = ""
        if let (word, n) = nativeTens.first(where: { rest.hasPrefix($0.0) }) {
            total += n
            rest = rest.dropFirst(word.count)
            last = word
        }
        if let (word, n) = nativeUnits.first(where: { rest.hasPrefix($0.0) }) {
            total += n
            rest = rest.dropFirst(word.count)
            last = word
        }
        if !beforeCounter && attributive.contains(last) { return nil }
        // `스무` stands only before a counter or alone, never before a unit (`스물둘`).
        return rest.isEmpty && total > 0 ? Double(total) : nil
    }

    static let sinoDigits: [Character: Double] = ["일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9, "영": 0, "공": 0]
    static let sinoSmall: [Character: Double] = ["십": 10, "백": 100, "천": 1000]
    static let sinoLarge: [Character: Double] = ["만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000]

    /// Sino-Korean numerals, Arabic digits allowed for a group (`6만5536`, `삼천`, `만 오천`).
    static func sino(_ text: String) -> Double? {
        var total = 0.0, section = 0.0
        var digit: Double?
        // Units fall within a group (천 before 백 before 십) and groups fall (억 before 만): `십십` is no number.
        // Digits after a unit are below it (`2백356`, `5만15536` are no numbers).
        var lastSmall = Double.infinity, lastLarge = Double.infinity, cap = Double.infinity
        var sawNumeral = false
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isASCIIDigit {
                var j = i
                while j < chars.count, chars[j].isASCIIDigit { j += 1 }
                guard digit == nil, let n = Double(String(chars[i..<j])), n < cap else { return nil }
                digit = n
                i = j
                sawNumeral = true
                continue
            }
            if let d = sinoDigits[c] {
                guard digit == nil else { return nil }
                digit = d
            } else if let unit = sinoSmall[c] {
                guard unit < lastSmall else { return nil }
                lastSmall = unit
                cap = unit
                section += (digit ?? 1) * unit
                digit = nil
            } else if let unit = sinoLarge[c] {
                guard unit < lastLarge else { return nil }
                lastLarge = unit
                lastSmall = .infinity
                cap = 10_000
                let group = section + (digit ?? 0)
                total += (group == 0 ? 1 : group) * unit
                section = 0
                digit = nil
            } else {
                return nil
            }
            sawNumeral = true
            i += 1
        }
        let result = total + section + (digit ?? 0)
        return sawNumeral && result <= limit ? result : nil
    }
}
