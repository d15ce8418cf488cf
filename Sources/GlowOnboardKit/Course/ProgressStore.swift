import Checks
import Environment
import Foundation
import JSON
#if canImport(Glibc)
import Glibc
#endif

/// Reads and writes the progress file. Writes are atomic (temporary file in the same directory, fsync,
/// rename, fsync of the directory), so a crash leaves either the old file or the new one. A file that
/// cannot be read (damaged, or written by a newer version) is moved aside and reported, never overwritten.
public struct ProgressStore: Sendable {
    public let path: String
    /// Called between writing the temporary file and renaming it; tests use it to simulate a crash.
    public var beforeRename: (@Sendable (String) throws -> Void)?

    public init(path: String) {
        self.path = path
    }

    /// `--progress`, then `GLOW_ONBOARD_PROGRESS`, then `$XDG_STATE_HOME/glow-onboard/progress.json`
    /// (`~/.local/state/…` when unset).
    public static func defaultPath(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let env = environment["GLOW_ONBOARD_PROGRESS"], !env.isEmpty { return env }
        return "\(stateDirectory(environment: environment))/progress.json"
    }

    public static func stateDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return "\(xdg)/glow-onboard" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return "\(home)/.local/state/glow-onboard"
    }

    public struct Loaded: Sendable {
        public var progress: LearnerProgress
        /// Set when the file was moved aside or cannot be read: what happened and where the old file is.
        public var notice: String?
        /// False when a file is there that could not be read (no permission, not a regular file, too
        /// large): this session must not write over it.
        public var writable = true
    }

    /// A progress file is a few kilobytes; one beyond this is not read.
    public static let maximumSize = 16 << 20

    public func load() -> Loaded {
        // A FIFO or a device would block the read or never end: regular files only.
        let data: Data
        do { data = try BoundedRead.file(path, limit: Self.maximumSize) } catch {
            let notice: String
            switch error.reason {
            case .missing: return Loaded(progress: LearnerProgress())
            case .unreadable(let why) where !why.isEmpty: notice = "진도 파일 \(path, .을를) 읽을 수 없어요 (\(why))."
            case .directory, .fifo, .special: notice = "진도 파일 \(path, .은는) 일반 파일이 아니에요."
            case .tooLarge: notice = "진도 파일 \(path, .이가) \(Self.maximumSize >> 20) MiB보다 커요. 읽지 않고,"
            case .unreadable, .grewWhileRead: notice = "진도 파일 \(path, .을를) 읽을 수 없어요."
            }
            return Loaded(progress: LearnerProgress(), notice: notice + " 이번에는 저장하지 않고 진행해요.", writable: false)
        }
        switch Self.decode(data) {
        case .success(let progress):
            return Loaded(progress: progress)
        case .failure(let problem):
            let aside = moveAside(suffix: problem.isNewer ? "newer" : "damaged")
            let kept = aside.map { "원래 파일은 \($0)에 그대로 두었어요." } ?? "원래 파일을 옮기지 못했어요: 그대로 두고 저장하지 않아요."
            return Loaded(progress: LearnerProgress(), notice: "진도 파일 \(path, .을를) 쓸 수 없어요: \(problem.message). \(kept) 새 진도로 시작해요.",
                          writable: aside != nil)
        }
    }

    public struct Problem: Error, Sendable {
        public var message: String
        public var isNewer: Bool
    }

    /// Parses a progress document; the error says what is wrong in words, not as a DecodingError dump.
    public static func decode(_ data: Data) -> Result<LearnerProgress, Problem> {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            return .failure(Problem(message: "JSON이 아니에요 (\(describe(jsonError: error, data: data)))", isNewer: false))
        }
        guard let top = object as? [String: Any] else {
            return .failure(Problem(message: "최상위가 JSON 객체가 아니에요", isNewer: false))
        }
        guard let rawVersion = top["version"] else {
            return .failure(Problem(message: "'version' 필드가 없어요", isNewer: false))
        }
        // JSONSerialization bridges `true` and `1.0` to an Int; our own parser tells them apart.
        let versionValue = (try? JSONParser.parse(bytes: [UInt8](data)))?["version"]
        guard case .number(let number)? = versionValue, number == number.rounded(), abs(number) < 1e9, let version = Int(exactly: number) else {
            return .failure(Problem(message: "'version'은 정수여야 해요 (지금은 \(String(describing: rawVersion).prefix(20)))", isNewer: false))
        }
        if version > LearnerProgress.currentVersion {
            return .failure(Problem(message: "더 새로운 glow-onboard가 쓴 파일이에요 (version \(version), 이 프로그램은 \(LearnerProgress.currentVersion)까지)", isNewer: true))
        }
        do {
            let progress = try JSONDecoder().decode(LearnerProgress.self, from: data)
            // A key given twice: Foundation's decoder keeps one value and our parser the other (found by
            // fuzzing: "version": 2 then "version": 1 passed the check above and came back out as 2).
            guard progress.version == version else {
                return .failure(Problem(message: "'version'이 두 번 이상 있어요", isNewer: false))
            }
            if let problem = progress.outOfRange { return .failure(Problem(message: problem, isNewer: false)) }
            return .success(progress)
        } catch let DecodingError.keyNotFound(key, context) {
            return .failure(Problem(message: "\(pathText(context.codingPath + [key]), .이가) 없어요", isNewer: false))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            return .failure(Problem(message: "\(pathText(context.codingPath))의 형식이 맞지 않아요", isNewer: false))
        } catch let DecodingError.dataCorrupted(context) {
            return .failure(Problem(message: "\(pathText(context.codingPath))의 값이 잘못됐어요", isNewer: false))
        } catch {
            return .failure(Problem(message: "읽을 수 없는 내용이에요", isNewer: false))
        }
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "파일" : "'" + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") + "'"
    }

    static func describe(jsonError: Error, data: Data) -> String {
        let text = "\(jsonError)"
        if let range = text.range(of: "around line ") ?? text.range(of: "line ") {
            return String(text[range.lowerBound...].prefix(40))
        }
        return "\(data.count) 바이트, 끝까지 읽지 못함"
    }

    /// Renames the file to `<path>.<suffix>-<UTC time>` (never over an existing file) and returns the new path.
    func moveAside(suffix: String) -> String? {
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                 formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
            .replacingOccurrences(":", with: "")
        let candidate = Self.unusedName("\(path).\(suffix)-\(stamp)")
        return rename(path, candidate) == 0 ? candidate : nil
    }

    /// `base`, or `base-2`, `base-3`…: the first that names no file yet (a backup never lands on another).
    static func unusedName(_ base: String) -> String {
        var candidate = base
        var n = 1
        while FileManager.default.fileExists(atPath: candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }

    /// Saves what this session changed since `base` (what it last read or wrote) over what the file holds
    /// now, under a lock: another session's answers, saved in between, are kept; this session's own
    /// changes (answers, resets) win where both touched the same question. Returns what was written.
    public func save(_ progress: LearnerProgress, since base: LearnerProgress) throws(CourseError) -> LearnerProgress {
        let lock = Self.lock(path)
        defer { Self.unlock(lock) }
        var merged = progress
        // Read as load() reads (regular files only, bounded): what another session saved meanwhile.
        if case .success(let theirs)? = (try? BoundedRead.file(path, limit: Self.maximumSize)).map(Self.decode) {
            merged = progress.merged(changedSince: base, over: theirs)
        }
        try save(merged)
        return merged
    }

    /// A write killed between creating its temporary file and renaming it (kill -9, a power cut) leaves
    /// `.progress.json.tmp-PID`: removed at the next write once that process is gone.
    static func removeStaleTemporaries(beside path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = ".\((path as NSString).lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((directory.isEmpty ? "" : directory + "/") + name)
        }
    }

    /// An advisory lock beside the file (`.progress.json.lock`), held while a session reads and writes.
    static func lock(_ path: String) -> Int32 {
        let directory = (path as NSString).deletingLastPathComponent
        let lockPath = (directory.isEmpty ? "" : directory + "/") + ".\((path as NSString).lastPathComponent).lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 { flock(fd, LOCK_EX) }
        return fd
    }

    static func unlock(_ fd: Int32) {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }

    public func save(_ progress: LearnerProgress) throws(CourseError) {
        let data: Data
        do { data = try Self.encode(progress) } catch {
            throw .progressWriteFailed(path: path, reason: "\(error)")
        }
        try Self.writeAtomically(data, to: path, beforeRename: beforeRename)
    }

    /// Pretty, key-sorted JSON: stable to diff and easy to read.
    public static func encode(_ progress: LearnerProgress) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(progress) + Data("\n".utf8)
    }

    /// temp file → write → fsync → rename → fsync(directory). A symbolic link is written through (its
    /// target is replaced, the link stays a link); a path that is there but is not a regular file (a
    /// device such as /dev/full, a FIFO, a directory) is refused rather than renamed over.
    public static func writeAtomically(_ data: Data, to requested: String, beforeRename: (@Sendable (String) throws -> Void)? = nil) throws(CourseError) {
        let path = URL(fileURLWithPath: requested).resolvingSymlinksInPath().path
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw .progressWriteFailed(path: requested, reason: "일반 파일이 아니에요 (장치, FIFO나 디렉터리): 그 위에 쓰지 않아요")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .progressWriteFailed(path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let temp = (directory.isEmpty ? "" : directory + "/") + ".\((path as NSString).lastPathComponent).tmp-\(getpid())"
        removeStaleTemporaries(beside: path)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .progressWriteFailed(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, let beforeRename {
            do { try beforeRename(temp) } catch { failure = "interrupted: \(error)" }
        }
        if failure == nil && rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw .progressWriteFailed(path: path, reason: failure)
        }
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }
}
