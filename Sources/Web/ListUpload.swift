import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A population list posted as multipart/form-data, written to a file as it arrives: memory stays flat however long
/// the list (QA24 F4: an 88 MB list was held in memory three times over and scanned whole on the task pool, slowing
/// every other page). Besides the form's text fields it keeps what the checks before a job need: the file's first
/// bytes, its first byte that is not blank, and its lines with something on them.
struct ListUpload {
    /// The form's text fields (at most `fieldBytes` in all).
    var fields: [String: String] = [:]
    /// The file part's name as the browser sent it; nil when the form had no file part.
    var fileName: String?
    var size = 0
    /// The first 4096 bytes (what a spreadsheet's binary formats and documents are recognised by).
    var head: [UInt8] = []
    /// The first byte that is neither blank nor part of a byte order mark: nil for a file of blanks only.
    var firstFilled: UInt8?
    /// Lines with anything but spaces, tabs and carriage returns on them.
    var filledLines = 0
    private var lineFilled = false

    static let fieldBytes = 64 * 1024
    static let headBytes = 4096

    struct WriteFailure: Error {}

    /// Reads the body of `request`, writing the part named `field` to `path` (created anew) and keeping the rest as
    /// text fields. Refused beyond `limit` bytes (`AppError.tooLarge`), or as not a form (`AppError.badRequest`);
    /// a file that cannot be written throws `WriteFailure`. On any error nothing is left at `path`.
    static func receive(_ request: Request, field: String, to path: String, limit: Int) async throws -> ListUpload {
        let boundary = try MultipartForm.boundary(request)
        let tooLarge = AppError.tooLarge("Die Datei ist zu groß (höchstens \(limit / 1024 / 1024) MB).")
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { throw tooLarge }
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path) else { throw WriteFailure() }
        var upload = ListUpload()
        var received = 0
        do {
            defer { try? out.close() }
            let sink = Sink(out)
            var headers: [String: String] = [:], text: [UInt8] = [], textBytes = 0, inFile = false, overflow = false
            let parser = MultipartParser(boundary: boundary)
            parser.onHeader = { name, value in
                headers[name.lowercased()] = value
                let disposition = headers["content-disposition"] ?? ""
                inFile = MultipartForm.attribute("name", disposition) == field && MultipartForm.attribute("filename", disposition) != nil
            }
            parser.onBody = { buffer in
                buffer.withUnsafeReadableBytes { bytes in
                    if inFile {
                        upload.scan(bytes)
                        sink.write(bytes)
                    } else {
                        textBytes += bytes.count
                        if textBytes > fieldBytes { overflow = true } else { text.append(contentsOf: bytes) }
                    }
                }
            }
            parser.onPartComplete = {
                let disposition = headers["content-disposition"] ?? ""
                if let name = MultipartForm.attribute("name", disposition) {
                    if name == field, let file = MultipartForm.attribute("filename", disposition) {
                        // A browser sends the part with an empty name when no file was chosen.
                        if !file.isEmpty { upload.fileName = MultipartForm.browserFileName(file) }
                    } else if MultipartForm.attribute("filename", disposition) == nil {
                        upload.fields[name] = String(decoding: text, as: UTF8.self)
                    }
                }
                headers = [:]; text = []; inFile = false
            }
            for try await chunk in request.body {
                received += chunk.readableBytes
                guard received <= limit else { throw tooLarge }
                do { try parser.execute(chunk) } catch { throw AppError.badRequest("Das Formular ist beschädigt.") }
                guard !overflow else { throw AppError.badRequest("Das Formular ist beschädigt.") }
            }
            if upload.lineFilled { upload.filledLines += 1 }
            try sink.finish()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return upload
    }

    /// Takes note of the file's bytes as they pass.
    private mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        if head.count < Self.headBytes { head.append(contentsOf: bytes.prefix(Self.headBytes - head.count)) }
        size += bytes.count
        var lines = filledLines, filled = lineFilled, first = firstFilled
        for b in bytes {
            if b == 10 { if filled { lines += 1 }; filled = false } else if b != 32 && b != 9 && b != 13 { filled = true }
            if first == nil, b != 32, b != 9, b != 10, b != 13, b != 0xEF, b != 0xBB, b != 0xBF { first = b }
        }
        filledLines = lines; lineFilled = filled; firstFilled = first
    }

    /// Writes in blocks of a megabyte; the first failure is kept and reported at the end.
    private final class Sink {
        let handle: FileHandle
        var buffer: [UInt8] = []
        var failed = false
        init(_ handle: FileHandle) { self.handle = handle; buffer.reserveCapacity(1 << 20) }
        func write(_ bytes: UnsafeRawBufferPointer) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { flush() }
        }
        func flush() {
            if !failed { do { try handle.write(contentsOf: buffer) } catch { failed = true } }
            buffer.removeAll(keepingCapacity: true)
        }
        func finish() throws {
            flush()
            if failed { throw WriteFailure() }
        }
    }
}
