#if canImport(Glibc)
import Glibc
#endif

/// Where configuration files come from: the file system (optionally under a root, for a copied
/// `/etc/nginx`), or the files of an `nginx -T` dump.
public protocol NginxFileSource: Sendable {
    /// The bytes of a file, or nil when it cannot be read.
    func read(_ path: String) -> [UInt8]?
    /// Paths matching an include pattern, sorted, without dot-files (as nginx's glob does).
    func glob(_ pattern: String) -> [String]
}

/// Files on disk. With `root`, an absolute path `/etc/nginx/x` is read from `root/etc/nginx/x`,
/// but reported as `/etc/nginx/x` (the path on the host the files were copied from).
public struct FileSystemSource: NginxFileSource {
    public var root: String?

    public init(root: String? = nil) { self.root = root }

    func real(_ path: String) -> String {
        guard let root, path.hasPrefix("/") else { return path }
        return root + path
    }

    /// The largest configuration file read (real ones are kilobytes; the benchmark's 20,000 servers are 150 KB a file).
    public static let maximumFileSize = 16 << 20

    /// With a root (a copied `/etc/nginx`, a fixture a colleague sent), whether `path` stays inside it once
    /// `..` and symbolic links are resolved: an `include ../../../etc/shadow` or a link out reads nothing.
    func confined(_ path: String) -> Bool {
        guard let root else { return true }
        guard let resolvedRoot = realpath(root, nil) else { return false }
        defer { free(resolvedRoot) }
        guard let resolved = realpath(path, nil) else { return false }
        defer { free(resolved) }
        let base = String(cString: resolvedRoot), target = String(cString: resolved)
        return target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }

    public func read(_ path: String) -> [UInt8]? {
        let file = real(path)
        guard confined(file) else { return nil }
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= Self.maximumFileSize else { return nil }
        // One read of the whole file into its final buffer (a file may grow or shrink meanwhile).
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 65536)) }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            total += n
            if total > Self.maximumFileSize { return nil }
        }
        bytes.removeLast(bytes.count - total)
        return bytes
    }

    public func glob(_ pattern: String) -> [String] {
        let hasMeta = pattern.contains { "*?[".contains($0) }
        if !hasMeta { return read(pattern) != nil || isDirectory(pattern) ? [pattern] : [] }
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(real(pattern), 0, nil, &g) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            guard let p = g.gl_pathv[i] else { continue }
            var path = String(cString: p)
            guard confined(path) else { continue }
            if let root, path.hasPrefix(root) { path = String(path.dropFirst(root.count)) }
            paths.append(path)
        }
        return paths.sorted()
    }

    private func isDirectory(_ path: String) -> Bool {
        var s = stat()
        return stat(real(path), &s) == 0 && (s.st_mode & S_IFMT) == S_IFDIR
    }
}

/// The files of an `nginx -T` dump (or any set of files in memory).
public struct InMemorySource: NginxFileSource {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) { self.files = files }

    public func read(_ path: String) -> [UInt8]? { files[path] }

    public func glob(_ pattern: String) -> [String] {
        files.keys.filter { path in
            // nginx's glob skips dot-files unless the pattern names them.
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let patternName = pattern.split(separator: "/").last.map(String.init) ?? pattern
            if name.hasPrefix(".") && !patternName.hasPrefix(".") { return false }
            return fnmatch(pattern, path, FNM_PATHNAME) == 0
        }.sorted()
    }
}
