import Foundation

/// Opens a population file: the line reader, the CSV header (checked against `FlatRecord.columns`) and the number
/// of the first data line. Shared by `bleibe screen` and the web upload.
public enum ScreeningInput {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    public static func open(path: String, format: ScreeningFormat) throws -> (lines: LineReader, header: [String], firstLine: Int) {
        guard var lines = LineReader(path: path) else { throw Failure(message: "cannot read the file") }
        guard format == .csv else { return (lines, [], 1) }
        guard let h = lines.next() else { throw Failure(message: "empty file") }
        let header = CSV.split(h.replacingOccurrences(of: "\u{FEFF}", with: "")).map { $0.trimmingCharacters(in: .whitespaces) }
        let unknown = header.filter { !FlatRecord.columns.contains($0) }
        guard unknown.isEmpty, header.contains("id") else {
            throw Failure(message: "1: header: unknown columns \(unknown.joined(separator: ", ")) (known: \(FlatRecord.columns.joined(separator: ", ")); 'id' is required)")
        }
        let repeated = Dictionary(header.map { ($0, 1) }, uniquingKeysWith: +).filter { $0.value > 1 }.keys.sorted()
        guard repeated.isEmpty else { throw Failure(message: "1: header: repeated columns \(repeated.joined(separator: ", "))") }
        return (lines, header, 2)
    }
}
