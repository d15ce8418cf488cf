/// Builds the directive tree of one file. On an error nginx stops reading the file; so do we (the
/// file's directives up to the error are kept), and the caller goes on with the other files.
public enum NginxParser {
    public struct Result: Sendable {
        public var directives: [NginxDirective]
        public var errors: [NginxError]
        public var warnings: [NginxWarning]
    }

    public static let maximumDepth = 64

    public static func parse(_ text: String, file: String) -> Result {
        parse(bytes: Array(text.utf8), file: file)
    }

    public static func parse(bytes: [UInt8], file: String) -> Result {
        bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file) }
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, file: String) -> Result {
        var lexer = NginxLexer(bytes: buffer, file: file)
        var warnings: [NginxWarning] = []
        var stack: [[NginxDirective]] = [[]]
        var open: [(name: String, args: [String], line: Int)] = []
        var tokens: [NginxLexer.Token] = []
        tokens.reserveCapacity(16)
        var errors: [NginxError] = []
        func close(_ top: (name: String, args: [String], line: Int)) {
            let children = stack.removeLast()
            stack[stack.count - 1].append(NginxDirective(name: top.name, args: top.args, file: file, line: top.line, block: children))
        }
        loop: while true {
            do throws(NginxError) {
                switch try lexer.next(into: &tokens) {
                case .simple:
                    let d = directive(tokens, file: file, warnings: &warnings)
                    stack[stack.count - 1].append(d)
                case .blockStart:
                    let d = directive(tokens, file: file, warnings: &warnings)
                    // Real configurations nest a few blocks (http → server → location → if); a bound keeps
                    // the tree and everything that walks it from recursing without end. nginx would stop
                    // reading the file here too, so do we.
                    guard open.count < maximumDepth else {
                        errors.append(NginxError("blocks nested deeper than \(maximumDepth) levels", file: file, line: d.line))
                        break loop
                    }
                    open.append((d.name, d.args, d.line))
                    stack.append([])
                case .blockEnd(let line):
                    guard let top = open.popLast() else {
                        throw NginxError("unexpected \"}\"", file: file, line: line)
                    }
                    close(top)
                case .endOfFile:
                    if !open.isEmpty {
                        throw NginxError("unexpected end of file, expecting \"}\"", file: file, line: lexer.line)
                    }
                    break loop
                }
            } catch {
                // nginx stops at the first error; we report it first, then read on from the next line so
                // one run shows every error of the file.
                errors.append(error)
                if !lexer.skipLine() { break loop }
            }
        }
        // Close what is still open so everything read is part of the tree.
        while let top = open.popLast() { close(top) }
        return Result(directives: stack[0], errors: errors, warnings: warnings)
    }

    private static func directive(_ tokens: [NginxLexer.Token], file: String, warnings: inout [NginxWarning]) -> NginxDirective {
        let name = tokens[0].text
        var args = tokens.dropFirst().map(\.text)
        if name == "if" { args = ifArguments(args, closedParen: tokens.last?.closedParen ?? false) }
        // `server_name app.glowcorp.io` + newline + `listen 80;` is one directive to nginx. When a later
        // line of the arguments starts with a directive's name, a `;` was almost surely forgotten.
        var previousLine = tokens[0].line
        for token in tokens.dropFirst() {
            if token.line > previousLine, knownDirectives.contains(token.text) {
                warnings.append(NginxWarning(
                    message: "'\(token.text)' on line \(token.line) is read as an argument of '\(name)' (line \(tokens[0].line)): is a ';' missing at the end of line \(previousLine)?",
                    file: file, line: tokens[0].line))
                break
            }
            previousLine = token.line
        }
        return NginxDirective(name: name, args: args, file: file, line: tokens[0].line)
    }

    /// `if ($scheme = http)` arrives as `($scheme`, `=`, `http)`; like crossplane, drop the parentheses
    /// (only when both are there, the closing one possibly eaten after a quote) and spaces next to them.
    static func ifArguments(_ args: [String], closedParen: Bool = false) -> [String] {
        guard var a = Optional(args), let first = a.first, let last = a.last, first.hasPrefix("("), last.hasSuffix(")") || closedParen else { return args }
        a[0] = String(first.dropFirst()).trimmingLeadingSpaces
        if last.hasSuffix(")") && !closedParen { a[a.count - 1] = String(a[a.count - 1].dropLast()) }
        a[a.count - 1] = a[a.count - 1].trimmingTrailingSpaces
        if a.first?.isEmpty == true { a.removeFirst() }
        if a.last?.isEmpty == true { a.removeLast() }
        return a
    }

    /// Directives that start a line in almost every configuration (for the missing-`;` warning).
    static let knownDirectives: Set<String> = [
        "listen", "server_name", "location", "proxy_pass", "proxy_set_header", "root", "index", "return", "rewrite",
        "include", "server", "upstream", "access_log", "error_log", "add_header", "try_files", "ssl_certificate",
        "ssl_certificate_key", "client_max_body_size", "keepalive_timeout", "set_real_ip_from", "real_ip_header",
        "proxy_http_version", "proxy_read_timeout", "default_type", "alias", "allow", "deny", "if", "set", "gzip",
    ]
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
