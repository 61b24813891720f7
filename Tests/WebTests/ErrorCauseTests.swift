import Foundation
import Storage
import Testing
@testable import Web

/// What the log may say of a failure, and the upload folder checked at start (QA32 F8).
@Suite("Failures named in the log without personal data")
struct ErrorCauseTests {
    struct DriverError: Error, CustomStringConvertible { var description: String { "Key (last_name)=(Haddad) already exists" } }

    @Test func ownFailuresAndSystemCodesAreNamedOtherErrorsNot() throws {
        let journal = ErasureJournal(path: FileManager.default.temporaryDirectory.path)
        // A folder given as the journal: the project's own failure, whose description names the file only.
        var failure: (any Error)?
        do { try journal.append(ErasureJournal.Entry(at: "2026-11-22T08:00:00.000Z", installation: "i", kind: .client, organisation: "o", id: "c1")) } catch { failure = error }
        let cause = try #require(failure.flatMap(ErrorCause.of))
        #expect(cause.contains("Löschjournal") && cause.contains(FileManager.default.temporaryDirectory.path))
        #expect(ErrorCause.of(CocoaError(.fileWriteNoPermission)) == "CocoaError 513 no permission")
        #expect(ErrorCause.of(POSIXError(.EACCES)) == "POSIXError 13")
        // A driver's message may quote a stored value: not logged.
        #expect(ErrorCause.of(DriverError()) == nil)
    }

    @Test func theUploadFolderMustBeAFolderThatTakesFiles() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bleibe-uploadcheck-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        // Judged without making anything (QA36 F11).
        #expect(UploadFolder.problem(base + "/uploads") == nil && !FileManager.default.fileExists(atPath: base))
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: base + "/file", contents: Data("x".utf8))
        #expect(UploadFolder.problem(base + "/file")?.contains("ist eine Datei") == true)
        #expect(UploadFolder.problem(base + "/file/below")?.contains("\(base)/file ist eine Datei, kein Ordner") == true)
        // The screening folder inside it too (QA36 F4).
        var config = AppConfig()
        config.uploadDirectory = base + "/uploads"
        try FileManager.default.createDirectory(atPath: base + "/uploads", withIntermediateDirectories: true)
        #expect(UploadFolder.problem(config) == nil)
        FileManager.default.createFile(atPath: base + "/uploads/screening", contents: Data())
        #expect(UploadFolder.problem(config)?.contains("Der Ordner für Screening-Listen \(base)/uploads/screening ist eine Datei") == true, "\(UploadFolder.problem(config) ?? "")")
    }
}
