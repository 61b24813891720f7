import Foundation

/// An error whose description may go into the server's log: the project's own failures name files, settings and
/// error numbers, never a person. A driver's message is not one (it may quote a stored value).
public protocol LoggableFailure: Error, CustomStringConvertible {}

extension ErasureJournal.Failure: LoggableFailure {}
extension SecretBox.Failure: LoggableFailure {}
extension DatabaseFile.Failure: LoggableFailure {}

public enum ErrorCause {
    /// What a log line may say of `error`: a `LoggableFailure`'s description, a system error's domain and code, else
    /// nothing (QA32 F8: "type=Failure" alone did not say that the erasure journal could not be written).
    public static func of(_ error: any Error) -> String? {
        if let e = error as? any LoggableFailure { return e.description }
        if let e = error as? CocoaError {
            let name: String? = switch e.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: "no such file"
            case .fileWriteNoPermission, .fileReadNoPermission: "no permission"
            case .fileWriteFileExists: "exists (a file where a folder is needed?)"
            case .fileWriteOutOfSpace: "out of space"
            case .fileWriteVolumeReadOnly: "read-only volume"
            default: nil
            }
            return "CocoaError \(e.code.rawValue)" + (name.map { " \($0)" } ?? "") + ((e.userInfo[NSUnderlyingErrorKey] as? NSError).map { " (\($0.domain) \($0.code))" } ?? "")
        }
        if let e = error as? POSIXError { return "POSIXError \(e.code.rawValue)" }
        return nil
    }
}
