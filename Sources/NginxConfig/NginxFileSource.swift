#if canImport(Glibc)
import Glibc
#endif

/// Where configuration files come from: the file system (optionally under a root, for a copied
/// `/etc/nginx`), or the files of an `nginx -T` dump.
public protocol NginxFileSource: Sendable {
    /// The bytes of a file, or why it cannot be read.
    func load(_ path: String) -> Result<[UInt8], NginxReadFailure>
    /// Paths matching an include pattern, sorted, without dot-files (as nginx's glob does). A pattern
    /// without wildcards matches whatever is at that path (a directory, a link), so `load` can say what.
    func glob(_ pattern: String) -> [String]
}

extension NginxFileSource {
    /// The bytes of a file, or nil when it cannot be read.
    public func read(_ path: String) -> [UInt8]? { try? load(path).get() }
}

/// Why a configuration file was not read, worded as nginx words its own (`open() "…" failed (2: No such
/// file or directory)`), with the cases nginx never meets in its own files said as they are.
public struct NginxReadFailure: Error, Sendable, Equatable {
    public var call = "open()"
    public var reason: String

    public init(call: String = "open()", reason: String) {
        self.call = call
        self.reason = reason
    }

    public static let missing = NginxReadFailure(reason: "(2: No such file or directory)")

    static func errno(_ code: Int32, call: String = "open()") -> NginxReadFailure {
        NginxReadFailure(call: call, reason: "(\(code): \(String(cString: strerror(code))))")
    }

    public func message(_ path: String) -> String { "\(call) \"\(path)\" failed \(reason)" }
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
    func confined(_ path: String) -> Result<Void, NginxReadFailure> {
        guard let root else { return .success(()) }
        guard let resolvedRoot = realpath(root, nil) else { return .failure(.errno(errno)) }
        defer { free(resolvedRoot) }
        guard let resolved = realpath(path, nil) else { return .failure(.errno(errno)) }
        defer { free(resolved) }
        let base = String(cString: resolvedRoot), target = String(cString: resolved)
        guard target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return .failure(NginxReadFailure(reason: "(it leads outside the folder the configuration was copied into, to \(target): not read)"))
        }
        return .success(())
    }

    public func load(_ path: String) -> Result<[UInt8], NginxReadFailure> {
        let file = real(path)
        if case .failure(let why) = confined(file) { return .failure(why) }
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.errno(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.errno(errno, call: "fstat()")) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.errno(EISDIR, call: "pread()"))  // what nginx itself says
        case S_IFIFO: return .failure(NginxReadFailure(reason: "(a FIFO, not a file: not read, it would wait for a writer)"))
        case S_IFCHR: return .failure(NginxReadFailure(reason: "(a character device, not a file: not read)"))
        default: return .failure(NginxReadFailure(reason: "(not a regular file: not read)"))
        }
        let tooLarge = NginxReadFailure(reason: "(larger than \(Self.maximumFileSize >> 20) MiB: not read)")
        guard Int(info.st_size) <= Self.maximumFileSize else { return .failure(tooLarge) }
        // One read of the whole file into its final buffer (a file may grow or shrink meanwhile).
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 65536)) }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 { if errno == EINTR { continue }; return .failure(.errno(errno, call: "read()")) }
            if n == 0 { break }
            total += n
            if total > Self.maximumFileSize { return .failure(tooLarge) }
        }
        bytes.removeLast(bytes.count - total)
        return .success(bytes)
    }

    public func glob(_ pattern: String) -> [String] {
        let hasMeta = pattern.contains { "*?[".contains($0) }
        if !hasMeta {
            var s = stat()
            return lstat(real(pattern), &s) == 0 ? [pattern] : []
        }
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(real(pattern), 0, nil, &g) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            guard let p = g.gl_pathv[i] else { continue }
            var path = String(cString: p)
            guard case .success = confined(path) else { continue }
            if let root, path.hasPrefix(root) { path = String(path.dropFirst(root.count)) }
            paths.append(path)
        }
        return paths.sorted()
    }

}

/// The files of an `nginx -T` dump (or any set of files in memory).
public struct InMemorySource: NginxFileSource {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) { self.files = files }

    public func load(_ path: String) -> Result<[UInt8], NginxReadFailure> {
        files[path].map { .success($0) } ?? .failure(.missing)
    }

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
