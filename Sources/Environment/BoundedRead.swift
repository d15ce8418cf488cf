import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every read of a file or a stream from outside goes through here: regular files only (a FIFO, a device
/// or a directory would hang the read or never end), and never more than a limit, with a message that
/// says which and why.
public enum BoundedRead {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The contents of `path` (links followed), at most `limit` bytes.
    public static func file(_ path: String, limit: Int) throws(Failure) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Failure(description: "\(path, .을를) 읽을 수 없어요: \(String(cString: strerror(errno)))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure(description: "\(path, .은는) 파일이 아니라 디렉터리예요")
        case S_IFIFO: throw Failure(description: "\(path, .은는) FIFO예요: 일반 파일만 읽어요")
        default: throw Failure(description: "\(path, .은는) 장치 같은 특수 파일이에요: 일반 파일만 읽어요")
        }
        guard Int(status.st_size) <= limit else {
            throw Failure(description: "\(path, .이가) \(Int(status.st_size)) 바이트예요: \(describe(limit))까지만 읽어요")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path, .을를) 읽을 수 없어요")
        }
        guard data.count <= limit else { throw Failure(description: "\(path, .이가) 읽는 사이에 \(describe(limit))보다 커졌어요") }
        return data
    }

    /// Standard input to its end, at most `limit` bytes (`query @ < /dev/zero` ends with a message).
    public static func standardInput(limit: Int) throws(Failure) -> Data {
        var data = Data()
        let handle = FileHandle.standardInput
        while true {
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { return data }
            data.append(chunk)
            if data.count > limit { throw Failure(description: "표준 입력이 \(describe(limit))보다 커요: 그 이상은 읽지 않아요") }
        }
    }

    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }

    /// A capture, a document for `query`: far beyond any account's reads.
    public static let documentLimit = 64 << 20
}
