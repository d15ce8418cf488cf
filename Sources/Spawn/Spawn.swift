import CSpawn
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and collects what it printed, with a deadline.
///
/// Foundation's `Process` is not used: on Linux it learns that a child ended through a descriptor the
/// child inherits, so a daemon the child forks (tmux's server, an ssh control master) keeps
/// `waitUntilExit` waiting for ever. Here the child gets its three streams and nothing else, runs in a
/// process group of its own (a timeout ends the whole group), and starts with every signal unblocked
/// even when this process was started with some blocked.
public enum Spawn {
    public struct Result: Sendable {
        /// Exit status, or 128 + the signal that ended it.
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var timedOut: Bool
        /// It printed more than the limit on one stream: it was stopped there (its status is then 128 + 9).
        public var outputTooLarge = false

        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errors: String { String(decoding: stderr, as: UTF8.self) }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No such program on PATH (or at the path given).
        case notFound(String)
        case couldNotStart(String, String)

        public var description: String {
            switch self {
            case .notFound(let name): return "\(name): not found on PATH"
            case .couldNotStart(let name, let reason): return "\(name): could not start (\(reason))"
            }
        }
    }

    /// Where the child's standard output and error go.
    public enum Sink: Sendable {
        case capture
        case discard
    }

    /// The full path `name` runs as, searching `path` (a PATH value) when it has no slash.
    public static func locate(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            var info = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                return candidate
            }
        }
        return nil
    }

    /// The most a program's output is kept of, per stream (an `nginx -T` of 20,000 servers is 3 MB; a
    /// `docker inspect` of a hundred containers, 2 MB).
    public static let outputLimit = 64 << 20

    /// Runs `arguments[0]` with the rest as its arguments. `environment` nil keeps this process's. A
    /// program that prints more than `outputLimit` on one stream is stopped there (`outputTooLarge`).
    public static func run(
        _ arguments: [String], input: [UInt8] = [], environment: [String: String]? = nil,
        directory: String? = nil, timeout: Double = 60, stdout: Sink = .capture, stderr: Sink = .capture,
        outputLimit: Int = Spawn.outputLimit
    ) throws(Failure) -> Result {
        precondition(!arguments.isEmpty, "Spawn.run needs a program")
        let env = environment ?? ProcessInfo.processInfo.environment
        guard let executable = locate(arguments[0], path: env["PATH"]) else { throw .notFound(arguments[0]) }

        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { if devNull >= 0 { close(devNull) } }
        func makePipe(_ fds: inout [Int32]) -> Bool { glow_pipe(&fds) == 0 }
        guard makePipe(&inPipe), stdout == .discard || makePipe(&outPipe), stderr == .discard || makePipe(&errPipe) else {
            throw .couldNotStart(arguments[0], String(cString: strerror(errno)))
        }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = glow_spawn(
            executable, argv, envp, directory, inPipe[0],
            stdout == .capture ? outPipe[1] : devNull, stderr == .capture ? errPipe[1] : devNull, &pid)
        // The child has its copies; ours of its ends go now so EOF can be seen.
        close(inPipe[0])
        if outPipe[1] >= 0 { close(outPipe[1]) }
        if errPipe[1] >= 0 { close(errPipe[1]) }
        guard rc == 0 else {
            close(inPipe[1])
            if outPipe[0] >= 0 { close(outPipe[0]) }
            if errPipe[0] >= 0 { close(errPipe[0]) }
            throw .couldNotStart(arguments[0], String(cString: strerror(rc)))
        }

        var stdinFD: Int32 = inPipe[1]
        var readers: [(fd: Int32, isOut: Bool)] = []
        if outPipe[0] >= 0 { readers.append((outPipe[0], true)) }
        if errPipe[0] >= 0 { readers.append((errPipe[0], false)) }
        for fd in [stdinFD] + readers.map(\.fd) { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var pending = input[...]
        if pending.isEmpty {
            close(stdinFD)
            stdinFD = -1
        }

        var out: [UInt8] = [], err: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var tooLarge = false
        /// Reads what is there now; false once the descriptor reached EOF (and was closed).
        func drain(_ fd: Int32, _ isOut: Bool) -> Bool {
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    let room = outputLimit - (isOut ? out.count : err.count)
                    let keep = min(n, max(0, room))
                    if isOut { out.append(contentsOf: buffer[0..<keep]) } else { err.append(contentsOf: buffer[0..<keep]) }
                    if n > room {
                        tooLarge = true
                        close(fd)
                        return false
                    }
                    continue
                }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return true }
                close(fd)
                return false
            }
        }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = -1
        var timedOut = false
        while true {
            var polled = readers.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            if stdinFD >= 0 { polled.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let idle: Int32 = readers.isEmpty && stdinFD < 0 ? 2 : 50
            let wait = max(0, min(idle, Int32(deadline.timeIntervalSinceNow * 1000)))
            _ = poll(&polled, nfds_t(polled.count), wait)
            for entry in polled where entry.revents != 0 {
                if entry.fd == stdinFD {
                    let n = pending.withUnsafeBytes { glow_write_nosigpipe(stdinFD, $0.baseAddress, $0.count) }
                    if n > 0 { pending = pending.dropFirst(n) }
                    if pending.isEmpty || (n < 0 && errno != EAGAIN && errno != EINTR) {
                        close(stdinFD)
                        stdinFD = -1
                    }
                } else if let index = readers.firstIndex(where: { $0.fd == entry.fd }) {
                    if !drain(entry.fd, readers[index].isOut) { readers.remove(at: index) }
                }
            }
            if tooLarge {
                kill(-pid, SIGKILL)
                _ = glow_reap(pid, 1, &status)
                for reader in readers { close(reader.fd) }
                break
            }
            if glow_reap(pid, 0, &status) == pid {
                // Everything it wrote is in the pipes now; a daemon it left may hold them open, so
                // take what is there rather than waiting for EOF.
                for reader in readers where drain(reader.fd, reader.isOut) { close(reader.fd) }
                break
            }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                _ = glow_reap(pid, 1, &status)
                for reader in readers where drain(reader.fd, reader.isOut) { close(reader.fd) }
                timedOut = true
                break
            }
        }
        if stdinFD >= 0 { close(stdinFD) }
        return Result(status: status, stdout: out, stderr: err, timedOut: timedOut, outputTooLarge: tooLarge)
    }

    /// Starts a server that outlives this process: detached (a shell starts it in the background and
    /// exits, so it is nobody's child here and never a zombie of a long session), in a process group of its
    /// own (Ctrl-C at the terminal does not reach it), stdin from /dev/null, output appended to `log`.
    /// Returns its pid.
    public static func launch(_ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
                              log: String) throws(Failure) -> Int32 {
        precondition(!arguments.isEmpty, "Spawn.launch needs a program")
        var env = environment ?? ProcessInfo.processInfo.environment
        guard locate(arguments[0], path: env["PATH"]) != nil else { throw .notFound(arguments[0]) }
        env["GLOW_SPAWN_LOG"] = log
        let started = try run(["/bin/sh", "-c", "\"$@\" </dev/null >>\"$GLOW_SPAWN_LOG\" 2>&1 & echo $!", "sh"] + arguments,
                              environment: env, directory: directory, timeout: 10)
        guard started.status == 0, let pid = Int32(started.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .couldNotStart(arguments[0], started.errors.isEmpty ? "no pid" : started.errors)
        }
        return pid
    }

    /// Whether `pid` is a live process whose command line contains `marker` (a pid file can outlive its
    /// process, and the number can be taken by another program since).
    public static func isRunning(_ pid: Int32, marker: String) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        // A zombie is gone; a process in the middle of exec (a pyenv shim becoming python) shows no
        // command line for a moment, and is still the same process.
        if let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
           let close = stat.lastIndex(of: UInt8(ascii: ")")), stat.index(close, offsetBy: 2) < stat.endIndex,
           stat[stat.index(close, offsetBy: 2)] == UInt8(ascii: "Z") { return false }
        guard !marker.isEmpty, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return true }
        return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(marker)
    }

    /// The owner of process `pid`, from /proc (nil when unknown).
    public static func owner(of pid: Int32) -> UInt32? {
        var info = stat()
        return stat("/proc/\(pid)", &info) == 0 ? info.st_uid : nil
    }
}


/// Loopback ports, asked of the kernel (servers this program or its tests start bind their own).
public enum Loopback {
    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepting(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port nothing listens on now, found by trying to connect (never by binding it and letting go,
    /// which only races the server that will bind it).
    public static func unusedPort() -> Int {
        while true {
            let port = Int.random(in: 20000...60999)
            if !accepting(port: port) { return port }
        }
    }
}
