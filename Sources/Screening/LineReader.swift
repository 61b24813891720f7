import Foundation

/// Reads a file line by line with a fixed buffer (memory stays flat however large the file).
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var atStart = true

    /// UTF-8, or where a line is not (a spreadsheet's "CSV" in a German Windows is Windows-1252), Windows-1252:
    /// "M\u{FC}ller" rather than "M\u{FFFD}ller".
    public static func text(_ bytes: ArraySlice<UInt8>) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        return String(bytes: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    public init?(path: String) {
        // A folder opens as a file handle, and reading it would stop the process.
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder), !folder.boolValue,
              let h = FileHandle(forReadingAtPath: path) else { return nil }
        handle = h
    }

    public mutating func next() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                let line = Self.text(buffer[start..<nl])
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                defer { buffer.removeAll(); start = 0 }
                return Self.text(buffer[start...])
            }
            // Keep the unfinished line, read the next megabyte.
            buffer.removeSubrange(0..<start)
            start = 0
            let more = handle.readData(ofLength: 1 << 20)
            if more.isEmpty { eof = true } else { buffer.append(contentsOf: more) }
            // A byte order mark opens the file, not its first line (Windows saves JSON Lines with one as well as CSV).
            if atStart, buffer.count >= 3 || eof {
                atStart = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            }
        }
    }
}
