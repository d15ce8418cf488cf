/// Reads the output of `nginx -T`: each file as `# configuration file PATH:` followed by its text.
/// A comment inside a file can look exactly like such a header, so a header is only taken when it
/// names the first file or a file that an include already seen can match.
public enum NginxDump {
    public static func files(_ text: String) -> (main: String, files: [String: [UInt8]])? {
        let marker = "# configuration file "
        var files: [(String, [Substring])] = []
        var patterns: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker), line.hasSuffix(":") {
                let path = String(line.dropFirst(marker.count).dropLast())
                if files.isEmpty || patterns.contains(where: { matches($0, path) }) {
                    files.append((path, []))
                    continue
                }
            }
            guard !files.isEmpty else { continue }  // "nginx: the configuration file … syntax is ok" and the like
            files[files.count - 1].1.append(line)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let i = words.firstIndex(of: "include"), i + 1 < words.count {
                var pattern = String(words[i + 1])
                if pattern.hasSuffix(";") { pattern.removeLast() }
                pattern = pattern.trimmingCharacters(in: "\"'")
                if !pattern.hasPrefix("/"), let main = files.first?.0, let slash = main.lastIndex(of: "/") {
                    pattern = main[..<slash] + "/" + pattern
                }
                patterns.append(pattern)
            }
        }
        guard let main = files.first?.0 else { return nil }
        var result: [String: [UInt8]] = [:]
        for (path, lines) in files {
            var body = lines
            // nginx -T ends every file with an empty line of its own.
            if body.last == "" { body.removeLast() }
            result[path] = Array(body.joined(separator: "\n").utf8) + (body.isEmpty ? [] : [0x0A])
        }
        return (main, result)
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        InMemorySource(files: [path: []]).glob(pattern) == [path]
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
