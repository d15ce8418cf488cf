/// The order a learner sees a choice question's choices in: shuffled per learner and question, the same in
/// every session (the learner id is kept in the progress file), so that a position or a habit (`2` to every
/// question) carries no signal. The number the learner types is the one shown.
public enum ChoiceOrder {
    /// A permutation of `0..<count` for `key` (`learner/lesson/question`): Fisher–Yates driven by
    /// SplitMix64 seeded with the key's FNV-1a hash, so it is the same on every machine and every run
    /// (Swift's `Hasher` is seeded per process).
    public static func permutation(count: Int, key: String) -> [Int] {
        var order = Array(0..<max(count, 0))
        var state = fnv1a(key)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            let j = Int(next(&state) % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return order
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func next(_ state: inout UInt64) -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A new learner id: `GLOW_ONBOARD_LEARNER` when set (transcripts and tests fix the order with it),
    /// else 16 random hex digits.
    public static func newLearner(environment: [String: String]) -> String {
        if let fixed = environment["GLOW_ONBOARD_LEARNER"], !fixed.isEmpty { return fixed }
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension Question {
    /// The question as `learner` sees it in `lesson`: a choice question's choices in that learner's order.
    public func presented(to learner: String, in lesson: String) -> Question {
        guard kind == .choice, choices.count > 1 else { return self }
        var shown = self
        shown.choices = ChoiceOrder.permutation(count: choices.count, key: "\(learner)/\(lesson)/\(id)").map { choices[$0] }
        return shown
    }
}
