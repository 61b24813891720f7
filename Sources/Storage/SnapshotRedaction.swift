import Foundation

/// Replacing an erased person's name in a saved assessment's JSON text (the texts name relatives by name).
enum SnapshotRedaction {
    /// What stands in the texts instead of the name.
    static let placeholder = "Familienmitglied (Akte gelöscht)"
    /// What stands for an erased relative's id in a snapshot (no id of a real record has this form).
    static let erasedID = "geloescht"

    /// `text` as the assessment document's encoder writes it inside a JSON string (quotes and backslashes escaped).
    static func encoded(_ text: String) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? enc.encode(text) else { return text }
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// Every occurrence of the encoded `name` in `json` replaced by the placeholder.
    static func replacing(_ encodedName: String, in json: String, protecting longer: [String] = []) -> String {
        replacing(encodedName, with: encoded(placeholder), in: json, protecting: longer)
    }

    /// Every occurrence of `encodedName` replaced by `replacement`, except inside the (encoded) longer names given – a
    /// relative's name that contains this one ("Mohammed Ali Khan" and his son "Ali Khan"; QA22 M1).
    static func replacing(_ encodedName: String, with replacement: String, in json: String, protecting longer: [String]) -> String {
        var text = json
        let guarded = longer.filter { $0 != encodedName && $0.contains(encodedName) }.sorted { $0.count > $1.count }
        for (i, name) in guarded.enumerated() { text = text.replacingOccurrences(of: name, with: "\u{1}\(i)\u{1}") }
        text = text.replacingOccurrences(of: encodedName, with: replacement)
        for (i, name) in guarded.enumerated() { text = text.replacingOccurrences(of: "\u{1}\(i)\u{1}", with: name) }
        return text
    }

    /// The names of the organisation's other clients that contain `name` (encoded as in a snapshot).
    static func longerNames(_ ex: any SQLExecutor, organisation: String, except clientID: String, containing name: String) async throws -> [String] {
        let pattern = "%" + ClientStore.literal(name) + "%"
        return try await ex.query(SQL("""
            SELECT first_name, last_name FROM clients WHERE organisation_id = ? AND id <> ? AND (first_name || ' ' || last_name) LIKE ? ESCAPE '\\'
            """, [organisation, clientID, pattern])).compactMap { r in
            guard let f = r.text("first_name"), let l = r.text("last_name"), "\(f) \(l)" != name else { return nil }
            return encoded("\(f) \(l)")
        }
    }
}
