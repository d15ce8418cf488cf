import AWSRead
import Environment
import JSON
import Sandbox

/// What the user sees when a command cannot do what was asked: a message in the learner's language,
/// where (a file:line:col, a path, a resource id) when there is a place, and the exit status. The command
/// line catches it once (`CommandLineRunner`), the REPL once (`Tutor.handle`); nothing else formats errors.
public protocol UserFacingError: Error {
    var message: String { get }
    var location: String? { get }
    var exitStatus: Int32 { get }
}

extension UserFacingError {
    public var location: String? { nil }
    /// Bad input, unless the error says otherwise.
    public var exitStatus: Int32 { ExitStatus.badInput }

    /// `where: message`, or the message alone.
    public var shown: String { location.map { "\($0): \(message)" } ?? message }
}

/// The exit statuses every command uses.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// A check failed, lint found errors, the request failed: the command ran and the answer is "no".
    public static let failure: Int32 = 1
    /// The input could not be used (a missing directory, a broken file, an unreadable source).
    public static let badInput: Int32 = 2
    /// The command line itself was wrong (ArgumentParser's own status).
    public static let usage: Int32 = 64
    /// What was to be printed could not be written (`verify > /dev/full`).
    public static let outputFailed: Int32 = 74
}

/// An error that is only its message.
public struct UserError: UserFacingError, Equatable {
    public var message: String
    public var location: String?
    public var exitStatus: Int32

    public init(_ message: String, at location: String? = nil, status: Int32 = ExitStatus.badInput) {
        self.message = message
        self.location = location
        self.exitStatus = status
    }
}

extension CourseError: UserFacingError {
    public var message: String { description }
}

extension AWSError: UserFacingError {
    public var message: String { learnerMessage }
}

/// Any error as the user sees it: a `UserFacingError` as it says, anything else (which should not happen)
/// by its description, never as a raw dump of a Foundation error.
public func userFacing(_ error: any Error) -> any UserFacingError {
    if let e = error as? any UserFacingError { return e }
    return UserError("예상하지 못한 오류예요: \(String(describing: error).prefix(300))")
}

extension SourceFailure: UserFacingError {
    public var message: String {
        switch self {
        case .none: return "읽을 환경이 없어요. REPL에서는 source fixture DIR로, 명령줄에서는 --fixture DIR로 정해 주세요."
        case .noSuchDirectory(let dir): return "fixture 디렉터리가 없어요: \(dir)"
        case .aws(let error): return error.learnerMessage
        case .unavailable(let message): return message
        }
    }
}

extension NginxInput.Failure: UserFacingError {
    public var message: String { description }
}

extension JSONParser.Failure: UserFacingError {}

extension SandboxError: UserFacingError {}
