import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every read of a file or a stream from outside goes through here: regular files only (a FIFO, a device
/// or a directory would hang the read or never end), and never more than a limit, with a message that
/// says which and why.
public enum BoundedRead {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// Why, for a caller that words it its own way (lint, the progress store).
        public enum Reason: Sendable, Equatable {
            case missing
            case unreadable(String)
            case directory, fifo, special
            case tooLarge(size: Int)
            case grewWhileRead
        }
        public var path: String
        public var reason: Reason
        public var limit: Int

        /// Anything but a regular file.
        public var notRegular: Bool { [.directory, .fifo, .special].contains(reason) }

        public var description: String {
            switch reason {
            case .missing: return "\(path, .을를) 읽을 수 없어요: \(String(cString: strerror(ENOENT)))"
            case .unreadable(let why): return "\(path, .을를) 읽을 수 없어요" + (why.isEmpty ? "" : ": \(why)")
            case .directory: return "\(path, .은는) 파일이 아니라 디렉터리예요"
            case .fifo: return "\(path, .은는) FIFO예요: 일반 파일만 읽어요"
            case .special: return "\(path, .은는) 장치 같은 특수 파일이에요: 일반 파일만 읽어요"
            case .tooLarge(let size): return "\(path, .이가) \(size) 바이트예요: \(BoundedRead.describe(limit))까지만 읽어요"
            case .grewWhileRead: return "\(path, .이가) 읽는 사이에 \(BoundedRead.describe(limit))보다 커졌어요"
            }
        }
    }

    /// The contents of `path` (links followed), at most `limit` bytes.
    public static func file(_ path: String, limit: Int) throws(Failure) -> Data {
        func fail(_ reason: Failure.Reason) -> Failure { Failure(path: path, reason: reason, limit: limit) }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw fail(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw fail(.directory)
        case S_IFIFO: throw fail(.fifo)
        default: throw fail(.special)
        }
        guard Int(status.st_size) <= limit else { throw fail(.tooLarge(size: Int(status.st_size))) }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail(.unreadable("")) }
        guard data.count <= limit else { throw fail(.grewWhileRead) }
        return data
    }

    public struct StandardInputTooLarge: Error, Sendable, CustomStringConvertible {
        public var limit: Int
        public var description: String { "표준 입력이 \(BoundedRead.describe(limit))보다 커요: 그 이상은 읽지 않아요" }
    }

    /// Standard input to its end, at most `limit` bytes (`query @ < /dev/zero` ends with a message).
    public static func standardInput(limit: Int) throws(StandardInputTooLarge) -> Data {
        var data = Data()
        let handle = FileHandle.standardInput
        while true {
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { return data }
            data.append(chunk)
            if data.count > limit { throw StandardInputTooLarge(limit: limit) }
        }
    }

    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }

    /// A capture, a document for `query`: far beyond any account's reads.
    public static let documentLimit = 64 << 20
}
