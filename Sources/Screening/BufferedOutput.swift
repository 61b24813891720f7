import Foundation

/// Writes lines to a file handle (standard output by default) in large blocks.
public struct BufferedOutput {
    var buffer = ""
    let handle: FileHandle
    public init(_ handle: FileHandle = .standardOutput) { self.handle = handle; buffer.reserveCapacity(1 << 20) }
    public mutating func write(_ line: String) {
        buffer += line; buffer += "\n"
        if buffer.utf8.count >= 1 << 20 { flush() }
    }
    public mutating func flush() { handle.write(Data(buffer.utf8)); buffer.removeAll(keepingCapacity: true) }
}
