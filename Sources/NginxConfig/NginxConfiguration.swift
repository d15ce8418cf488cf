/// A whole configuration: the main file and every file it includes, parsed as nginx parses them,
/// with includes resolved (relative to the main file's directory, globs sorted, dot-files skipped)
/// and include loops reported instead of followed.
public struct NginxConfiguration: Sendable {
    public struct File: Sendable {
        public var path: String
        public var directives: [NginxDirective]
        public var errors: [NginxError]
    }

    public var files: [File]
    public var warnings: [NginxWarning]

    /// Every error of every file, in file order.
    public var errors: [NginxError] { files.flatMap(\.errors) }

    /// Loads `main` and what it includes from `source`. Files are numbered in the order they are read
    /// (the main file first, then includes as they are met), as crossplane numbers them.
    public static func load(main: String, from source: NginxFileSource) -> NginxConfiguration {
        var files: [File] = []
        var warnings: [NginxWarning] = []
        let prefix = main.contains("/") ? String(main[..<main.lastIndex(of: "/")!]) : "."
        var queue = [main]
        var number: [String: Int] = [main: 0]
        var parents: [Int: Set<Int>] = [:]  // file → files that include it (for loop detection)
        while files.count < queue.count {
            let me = files.count
            let path = queue[me]
            let bytes: [UInt8]
            switch source.load(path) {
            case .success(let read): bytes = read
            case .failure(let why):
                files.append(File(path: path, directives: [], errors: [NginxError(why.message(path), file: path, line: nil)]))
                continue
            }
            let result = NginxParser.parse(bytes: bytes, file: path)
            warnings += result.warnings
            var errors = result.errors
            var directives = result.directives
            func resolve(_ list: inout [NginxDirective]) {
                for i in list.indices {
                    if list[i].block != nil { resolve(&list[i].block!) }
                    guard list[i].name == "include", let pattern = list[i].args.first else { continue }
                    let absolute = pattern.hasPrefix("/") ? pattern : "\(prefix)/\(pattern)"
                    let matches = source.glob(absolute)
                    if matches.isEmpty && !pattern.contains(where: { "*?[".contains($0) }) {
                        errors.append(NginxError("open() \"\(absolute)\" failed (2: No such file or directory)", file: path, line: list[i].line))
                    }
                    var included: [Int] = []
                    for match in matches {
                        if let existing = number[match] {
                            if existing == me || ancestors(of: me, parents).contains(existing) {
                                errors.append(NginxError("include loop: \"\(match)\" is already being read when \"\(path)\" includes it", file: path, line: list[i].line))
                                continue
                            }
                            included.append(existing)
                        } else {
                            let n = queue.count
                            queue.append(match)
                            number[match] = n
                            parents[n, default: []].insert(me)
                            included.append(n)
                        }
                    }
                    list[i].includes = included
                }
            }
            resolve(&directives)
            files.append(File(path: path, directives: directives, errors: errors))
        }
        return NginxConfiguration(files: files, warnings: warnings)
    }

    private static func ancestors(of file: Int, _ parents: [Int: Set<Int>]) -> Set<Int> {
        var seen = Set<Int>()
        var stack = Array(parents[file] ?? [])
        while let p = stack.popLast() {
            if seen.insert(p).inserted { stack += parents[p] ?? [] }
        }
        return seen
    }

    /// The main file's tree with every `include` replaced by the directives it includes: the
    /// configuration as nginx sees it.
    public var resolved: [NginxDirective] {
        guard !files.isEmpty else { return [] }
        var visiting = Set<Int>()
        func expand(_ directives: [NginxDirective]) -> [NginxDirective] {
            directives.flatMap { d -> [NginxDirective] in
                if d.name == "include", let includes = d.includes {
                    return includes.flatMap { i -> [NginxDirective] in
                        guard i < files.count, visiting.insert(i).inserted else { return [] }
                        defer { visiting.remove(i) }
                        return expand(files[i].directives)
                    }
                }
                var copy = d
                if let block = d.block { copy.block = expand(block) }
                return [copy]
            }
        }
        visiting.insert(0)
        return expand(files[0].directives)
    }
}
