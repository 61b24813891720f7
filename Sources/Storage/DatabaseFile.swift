import Foundation

/// A SQLite file checked before it is opened: the driver stops the process on a file that is no database or a folder
/// it cannot write (QA32 F1: a truncated backup, a wrong path), and would create an empty database where a command
/// that only reads expected one (F6: `audit-verify` reported "0 Ereignisse" for a mistyped path).
public enum DatabaseFile {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    /// `writable`: the database is to be written (a backup being checked is only read).
    public static func check(_ path: String, mustExist: Bool, writable: Bool = true) throws {
        let fm = FileManager.default
        var folder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &folder) {
            if folder.boolValue { throw Failure(description: "\(path) ist ein Ordner, keine SQLite-Datenbank.") }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure(description: "\(path) ist nicht lesbar (Zugriffsrechte prüfen).") }
            let head = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            // An empty file is one SQLite makes a database of; anything else must begin with its header.
            if !head.isEmpty, head != Data("SQLite format 3\u{0}".utf8) {
                throw Failure(description: "\(path) ist keine SQLite-Datenbank (beschädigt oder abgeschnitten?).")
            }
            if writable, !fm.isWritableFile(atPath: path) { throw Failure(description: "\(path) ist nicht beschreibbar (Zugriffsrechte prüfen).") }
        } else if mustExist {
            throw Failure(description: "Keine Datenbank unter \(path) (BLEIBE_SQLITE_PATH prüfen).")
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if writable, fm.fileExists(atPath: dir), !fm.isWritableFile(atPath: dir) {
            throw Failure(description: "Der Ordner \(dir) ist nicht beschreibbar: SQLite braucht dort seine Journal-Dateien (Zugriffsrechte prüfen).")
        }
    }
}
