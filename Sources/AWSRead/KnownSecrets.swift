import Foundation

/// Every credential this process has held, so that no copy of one is ever printed or written, whatever
/// carries it there: an endpoint that echoes the request in its error message, a header in a trace, a
/// capture's README. Credentials register themselves when made; `scrub` replaces the secret and the
/// session token whole, and the access key id but its last four characters, also percent-encoded.
public enum KnownSecrets {
    final class Store: @unchecked Sendable {
        let lock = NSLock()
        var replacements: [(String, String)] = []
    }
    static let store = Store()

    /// The shortest value taken for a secret: shorter ones would match ordinary words.
    static let shortest = 8

    public static func register(secret: String, replacement: String) {
        guard secret.count >= shortest else { return }
        let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
        store.lock.lock()
        defer { store.lock.unlock() }
        for value in Set([secret, encoded]) where !store.replacements.contains(where: { $0.0 == value }) {
            store.replacements.append((value, replacement))
        }
        // Longest first, so that a token is not half-replaced by a key id inside it.
        store.replacements.sort { $0.0.count > $1.0.count }
    }

    public static func register(_ credentials: AWSCredentials) {
        register(secret: credentials.secretAccessKey, replacement: "[secret access key]")
        if let token = credentials.sessionToken { register(secret: token, replacement: "[session token]") }
        register(secret: credentials.accessKeyId, replacement: credentials.maskedKeyId)
    }

    public static func scrub(_ text: String) -> String {
        store.lock.lock()
        let replacements = store.replacements
        store.lock.unlock()
        guard !replacements.isEmpty else { return text }
        var out = text
        for (value, replacement) in replacements where out.contains(value) {
            out = out.replacingOccurrences(of: value, with: replacement)
        }
        return out
    }
}
