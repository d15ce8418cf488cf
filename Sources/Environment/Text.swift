extension String {
    /// Damerau–Levenshtein (optimal string alignment) distance over Characters, so one Hangul syllable
    /// or one transposed pair counts as one edit.
    public func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// The closest of `candidates` when it is close enough to be a plausible typo.
    public func closest(in candidates: [String], maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? Swift.max(1, count / 3)
        return candidates
            .map { ($0, self.lowercased().editDistance(to: $0.lowercased())) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }?.0
    }
}

extension String {
    /// Without leading and trailing whitespace (newlines included).
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Every occurrence of `target` replaced (Foundation's spelling, without Foundation).
    public func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// nil for the empty string.
    public var nonEmpty: String? { isEmpty ? nil : self }
}
