import Crypto
import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import Storage

/// A multipart/form-data body: the text fields and the uploaded files.
struct MultipartForm {
    struct File { var name: String; var contentType: String; var bytes: [UInt8] }

    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    /// Reads the body (refused beyond `limit` bytes) and splits it into parts.
    /// The boundary of a multipart/form-data request; refused for any other body.
    static func boundary(_ request: Request) throws -> String {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let b = type.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")), !b.isEmpty
        else { throw AppError.badRequest("Das Formular muss als multipart/form-data gesendet werden.") }
        return b
    }

    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
        let b = try boundary(request)
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch {
            throw AppError.tooLarge("Die Datei ist zu groß (höchstens \(limit / 1024 / 1024) MB).")
        }
        var form = MultipartForm()
        var headers: [String: String] = [:], data: [UInt8] = []
        let parser = MultipartParser(boundary: b)
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = Self.attribute("name", disposition) {
                if let file = Self.attribute("filename", disposition) {
                    if !file.isEmpty { form.files[name] = File(name: Self.browserFileName(file), contentType: headers["content-type"] ?? "application/octet-stream", bytes: data) }
                } else {
                    form.fields[name] = String(decoding: data, as: UTF8.self)
                }
            }
            headers = [:]; data = []
        }
        do { try parser.execute(body) } catch { throw AppError.badRequest("Das Formular ist beschädigt.") }
        return form
    }

    /// A file name as browsers write it into a form (WHATWG HTML, multipart/form-data: a quote becomes "%22", a line
    /// break "%0A" or "%0D"), as the user named the file (QA of 06.12.2026: „zeugnis %22ä%22“ was shown).
    static func browserFileName(_ sent: String) -> String {
        sent.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: " ").replacingOccurrences(of: "%0A", with: " ")
    }

    static func attribute(_ key: String, _ header: String) -> String? {
        for part in header.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces)
            if kv.hasPrefix("\(key)=") { return String(kv.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// A posted multipart form whose CSRF token has been checked.
    static func checked(_ request: Request, limit: Int, context: BleibeContext) async throws -> MultipartForm {
        let form = try await read(request, limit: limit)
        try checkCSRF(token: form.fields["csrf"], context)
        return form
    }

    func trimmed(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Documents accepted for upload, recognised by their first bytes (the declared type is not trusted):
/// PDF, JPEG and PNG. Nothing executable or scriptable (HTML, SVG, Office macros) is stored.
enum DocumentFiles {
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// Removes a stored file that no record points to any more: a replaced passport copy is not kept (data
    /// minimisation; QA of 05.12.2026: every superseded upload stayed on disk).
    static func removeIfUnused(_ sha256: String?, keeping current: String?, services: AppServices) async throws {
        guard let sha256, sha256 != current else { return }
        _ = try await services.applications.removeFileIfUnused(sha256, uploads: services.config.uploadDirectory)
    }

    /// Writes the record of a stored file; the file is not kept without it, whether the write is refused (false) or
    /// fails (QA42 F2: a scan sent to a consent that was not there stayed on disk).
    static func recorded(_ stored: StoredFile?, services: AppServices, _ write: () async throws -> Bool) async throws -> Bool {
        let written: Bool
        do { written = try await write() } catch {
            try? await removeIfUnused(stored?.sha256, keeping: nil, services: services)
            throw error
        }
        if !written { try await removeIfUnused(stored?.sha256, keeping: nil, services: services) }
        return written
    }

    /// Removes stored files no record names, and temporary ones, older than `age` (an upload in progress is younger): a
    /// file whose record could not be written – its consent or case gone meanwhile, an erasure in between – is not kept
    /// (QA42 F2: a scan outlived the erasure of its client). Returns how many were removed.
    @discardableResult
    static func removeOrphans(services: AppServices, olderThan age: TimeInterval = 3600) async throws -> Int {
        let dir = URL(fileURLWithPath: services.config.uploadDirectory, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return 0 }
        let cutoff = services.now().addingTimeInterval(-age)
        var removed = 0
        for name in names {
            let path = dir.appendingPathComponent(name).path
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff else { continue }
            if name.hasPrefix("."), name.count > 65 {
                if (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
            } else if name.count == 64, name.allSatisfy(\.isHexDigit) {
                if try await services.applications.removeFileIfUnused(name, uploads: dir.path) { removed += 1 }
            }
        }
        return removed
    }

    /// Stores the bytes under their SHA-256 in `directory` (written once, then renamed: never half a file).
    static func store(_ file: MultipartForm.File, directory: String) throws -> StoredFile {
        guard !file.bytes.isEmpty else { throw AppError.unsupportedType("Die Datei ist leer. Bitte die Datei erneut auswählen.") }
        guard let type = sniff(file.bytes) else {
            throw AppError.unsupportedType("Nur PDF-, JPEG- oder PNG-Dateien können hochgeladen werden.")
        }
        let sum = Hex.string(SHA256.hash(data: file.bytes))
        let dir = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(sum)
        if !FileManager.default.fileExists(atPath: target.path) {
            let temp = dir.appendingPathComponent(".\(sum).\(UUID().uuidString)")
            try Data(file.bytes).write(to: temp)
            try FileManager.default.moveItem(at: temp, to: target)
        }
        // Keep only a harmless display name (no path, no quotes or control characters, no direction overrides: "\u{202E}gpj.exe"
        // showed as "exe.jpg"; QA of 06.12.2026). Joiners stay: Persian spelling needs them.
        let base = String(String.UnicodeScalarView((file.name as NSString).lastPathComponent.unicodeScalars.filter {
            !Self.directionControls.contains($0.value) && $0.properties.generalCategory != .control && $0 != "\"" && $0 != "\\"
        }))
        return StoredFile(name: displayName(base, type: type), contentType: type, size: file.bytes.count, sha256: sum)
    }

    /// Marks and overrides of the text direction (U+061C, U+200E/F, U+202A–E, U+2066–9).
    static let directionControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// At most 120 characters, ending in the extension of the kind the content is (a PNG sent as "lohn.pdf" is kept
    /// as "lohn.png": a program opening it by its name would refuse it).
    static func displayName(_ name: String, type: String) -> String {
        let ext = type == "application/pdf" ? "pdf" : type == "image/png" ? "png" : "jpg"
        let accepted: Set<String> = ext == "jpg" ? ["jpg", "jpeg"] : [ext]
        var stem = name
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let given = name[name.index(after: dot)...].lowercased()
            if accepted.contains(given) || ["pdf", "png", "jpg", "jpeg", "gif", "tif", "tiff", "heic", "doc", "docx"].contains(given) { stem = String(name[..<dot]) }
        }
        if stem.isEmpty { stem = "Dokument" }
        return String(stem.prefix(120 - ext.count - 1)) + "." + ext
    }

    static func load(_ file: StoredFile, directory: String) throws -> Data {
        guard file.sha256.count == 64, file.sha256.allSatisfy({ $0.isHexDigit }) else { throw AppError.notFound }
        return try Data(contentsOf: URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(file.sha256))
    }
}

extension DocumentFiles {
    /// A stored file as a download, never inline, with the type recognised on upload.
    static func download(_ file: StoredFile, _ data: Data) -> Response {
        // An ASCII name for old clients, and the name itself (RFC 6266/5987) for every current browser.
        let ascii = file.name.unicodeScalars.map { $0.isASCII && $0.value >= 32 && $0 != "\"" && $0 != "\\" ? String($0) : "_" }.joined()
        let utf8 = file.name.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ascii
        return Response(status: .ok, headers: [.contentType: file.contentType, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(utf8)",
                                               .contentLength: String(data.count)],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The folder documents and screening lists are written to.
public enum UploadFolder {
    /// Why the upload folder or its `screening` folder cannot take files, in German; nil when both can (QA36 F4: a file
    /// in the screening folder's place passed the start, and every list upload failed).
    public static func problem(_ config: AppConfig) -> String? {
        problem(config.uploadDirectory) ?? problem(ScreeningRunner.directory(config).path, folder: "Der Ordner für Screening-Listen")
    }

    /// Why `path` cannot be a folder that takes files; nil when it can. Nothing is made or written: a folder not there
    /// yet is judged by the nearest one that is (QA36 F11: a start refused for another reason left a folder behind).
    /// `folder` names it in the message (QA37 F8: the screening folder was called the upload folder).
    public static func problem(_ path: String, folder: String = "Der Ordner für hochgeladene Dateien") -> String? {
        let fm = FileManager.default
        var existing = path
        while !fm.fileExists(atPath: existing) {
            let parent = (existing as NSString).deletingLastPathComponent
            existing = parent.isEmpty ? "." : parent
            if parent.isEmpty || parent == "/" { break }
        }
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: existing, isDirectory: &isFolder) else { return nil }
        if !isFolder.boolValue {
            return existing == path ? "\(folder) \(path) ist eine Datei (BLEIBE_UPLOAD_DIR prüfen)."
                : "\(folder) \(path) lässt sich nicht anlegen: \(existing) ist eine Datei, kein Ordner (BLEIBE_UPLOAD_DIR prüfen)."
        }
        guard fm.isWritableFile(atPath: existing) else {
            return "\(folder) \(path) ist nicht beschreibbar (Zugriffsrechte von \(existing) prüfen, BLEIBE_UPLOAD_DIR)."
        }
        return nil
    }
}
