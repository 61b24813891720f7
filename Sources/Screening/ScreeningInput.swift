import Foundation

/// Opens a population file: the line reader, the CSV header (checked against `FlatRecord.columns`) and the number
/// of the first data line. Shared by `bleibe screen` and the web upload.
public enum ScreeningInput {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// What a spreadsheet program may save instead of a CSV.
    public enum Spreadsheet: Sendable {
        /// An Excel workbook (.xlsx: a ZIP holding `xl/`), another office document or archive (.docx, .odt, .zip, or an
        /// older .xls/.doc: QA35 F7, a Word file was called a workbook), or UTF-16 text.
        case workbook, office, utf16

        /// Read from the file's first bytes (up to 4 KiB): a workbook (.xlsx, or .xls), or UTF-16 text, with its byte
        /// order mark or, without one, a zero byte for every second one.
        public static func saved(_ head: [UInt8]) -> Spreadsheet? {
            let magic = Array(head.prefix(4))
            if magic == [0x50, 0x4B, 0x03, 0x04] {
                let xl = Array("xl/".utf8)
                let window = Array(head.prefix(4096))
                return window.indices.contains { window[$0...].starts(with: xl) } ? .workbook : .office
            }
            if magic == [0xD0, 0xCF, 0x11, 0xE0] { return .office }
            let zeros = head.prefix(4096).filter { $0 == 0 }.count
            if magic.starts(with: [0xFF, 0xFE]) || magic.starts(with: [0xFE, 0xFF]) || zeros * 4 > min(head.count, 4096) { return .utf16 }
            return nil
        }
    }

    /// The separator is taken from the header: a semicolon when it has semicolons and no comma (as a spreadsheet
    /// saves "CSV" in a German locale), otherwise a comma.
    public static func open(path: String, format: ScreeningFormat) throws -> (lines: LineReader, header: [String], firstLine: Int, separator: UInt8) {
        guard var lines = LineReader(path: path) else { throw Failure(message: "cannot read the file") }
        if ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0) == 0 { throw Failure(message: "empty file") }
        // What a spreadsheet saves instead of a CSV, named with what to do (the web upload says the same in German).
        let head = FileHandle(forReadingAtPath: path).flatMap { h in defer { try? h.close() }; return try? h.read(upToCount: 4096) }
        switch head.flatMap({ Spreadsheet.saved(Array($0)) }) {
        case .workbook?: throw Failure(message: "an Excel workbook, not a CSV file: save it as \"CSV UTF-8 (comma delimited)\"")
        case .office?: throw Failure(message: "an office document or archive (Word, an older Excel file, ZIP), not a CSV file: save the table as \"CSV UTF-8 (comma delimited)\"")
        case .utf16?: throw Failure(message: "UTF-16 text (Excel's \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8 (comma delimited)\"")
        case nil: break
        }
        guard format == .csv else { return (lines, [], 1, 44) }
        guard let h = lines.next()?.replacingOccurrences(of: "\u{FEFF}", with: "") else { throw Failure(message: "empty file") }
        let separator: UInt8 = h.utf8.contains(59) && !h.utf8.contains(44) ? 59 : 44
        let header = CSV.split(h, separator: separator).map { $0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r"))) }
        let unknown = header.filter { !FlatRecord.columns.contains($0) }
        // A few names, each cut short: a file that is no population list may have a header of megabytes.
        func preview(_ names: [String]) -> String {
            names.prefix(5).map { $0.count > 40 ? $0.prefix(40) + "…" : $0 }.joined(separator: ", ") + (names.count > 5 ? " and more" : "")
        }
        guard header.contains("id") else { throw Failure(message: "1: header: the column 'id' is missing (found: \(preview(header)))") }
        guard unknown.isEmpty else {
            throw Failure(message: "1: header: unknown columns \(preview(unknown)) (known: \(FlatRecord.columns.joined(separator: ", ")); 'id' is required)")
        }
        let repeated = Dictionary(header.map { ($0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 }.keys.sorted()
        guard repeated.isEmpty else { throw Failure(message: "1: header: repeated columns \(repeated.joined(separator: ", "))") }
        return (lines, header, 2, separator)
    }
}
