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
    static func replacing(_ encodedName: String, in json: String) -> String {
        json.replacingOccurrences(of: encodedName, with: encoded(placeholder))
    }
}
