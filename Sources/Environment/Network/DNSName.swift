/// DNS names as Route 53, the console and CDK write them.
public enum DNSName {
    /// Lowercase, no trailing dot, no `dualstack.` prefix.
    public static func normalized(_ s: String) -> String {
        var t = s.trimmingWhitespace.lowercased()
        while t.hasSuffix(".") { t.removeLast() }
        if t.hasPrefix("dualstack.") { t.removeFirst("dualstack.".count) }
        return t
    }
}
