import Foundation

/// Writes lines to a file handle (standard output by default) in large blocks.
public struct BufferedOutput {
    var buffer = ""
    let handle: FileHandle
    /// The first write that failed (a full disk, a closed pipe); nothing is written after it. The caller reports it:
    /// the non-throwing `FileHandle.write` ended the process on a full disk (QA of 06.12.2026).
    public private(set) var failure: (any Error)?
    public init(_ handle: FileHandle = .standardOutput) { self.handle = handle; buffer.reserveCapacity(1 << 20) }
    public mutating func write(_ line: String) {
        buffer += line; buffer += "\n"
        if buffer.utf8.count >= 1 << 20 { flush() }
    }
    public mutating func flush() {
        if failure == nil {
            do { try handle.write(contentsOf: Data(buffer.utf8)) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
