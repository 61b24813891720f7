import Foundation

/// The case-file decoder words its errors in English for the command line and the API; the facts editor of the staff
/// pages shows them in German. The decoder's messages start with a small set of phrases, translated here in order
/// (longer phrases first); whatever follows them (field names, the value found) is kept as it is.
public enum DecoderMessages {
    static let phrases: [(String, String)] = [
        ("missing required field", "Pflichtangabe fehlt:"),
        ("expected a date from 1900-01-01 to 2199-12-31, found", "Datum zwischen 1900-01-01 und 2199-12-31 erwartet, gefunden:"),
        ("expected a date yyyy-mm-dd, found", "Datum im Format JJJJ-MM-TT erwartet, gefunden:"),
        ("expected a date yyyy-mm-dd", "Datum im Format JJJJ-MM-TT erwartet"),
        ("expected a whole number, found", "ganze Zahl erwartet, gefunden:"),
        ("expected a number up to", "Zahl erwartet bis höchstens"),
        ("expected a number, found", "Zahl erwartet, gefunden:"),
        ("expected a share between 0 and 1, found", "Anteil zwischen 0 und 1 erwartet, gefunden:"),
        ("expected weekly hours between 0 and 80, found", "Wochenstunden zwischen 0 und 80 erwartet, gefunden:"),
        ("expected true or false, found", "true oder false erwartet, gefunden:"),
        ("expected true or false", "true oder false erwartet"),
        ("expected an ISO 3166-1 alpha-3 code, found", "dreistelliger ISO-Code der Staatsangehörigkeit erwartet, gefunden:"),
        ("expected one of", "erlaubt sind:"),
        ("expected a mapping with the fields", "Objekt erwartet mit den Feldern"),
        ("expected a list", "Liste erwartet"),
        ("expected text", "Text erwartet"),
        ("unknown field", "unbekanntes Feld"),
        ("must not be negative", "darf nicht negativ sein"),
        ("must not be before from", "darf nicht vor „from“ liegen"),
        ("must not be after on", "darf nicht nach dem Prüfdatum liegen"),
        ("only the last period may omit 'to'", "nur der letzte Zeitraum darf ohne „to“ sein"),
        ("overlaps the previous period", "überschneidet sich mit dem vorigen Zeitraum"),
        ("give exactly one of", "genau eine Angabe machen von"),
        ("only allowed for", "nur erlaubt für"),
        ("only allowed with", "nur erlaubt mit"),
        ("not valid JSON at byte", "kein gültiges JSON an Byte"),
        ("not valid JSON", "kein gültiges JSON"),
        ("not a JSON object", "kein JSON-Objekt"),
    ]

    public static func german(_ message: String) -> String { translate(message, phrases) }

    /// Replaces each English phrase of the table, in order, wherever it stands: phrases may follow an earlier one
    /// ("not valid JSON: …").
    static func translate(_ message: String, _ table: [(String, String)]) -> String {
        table.reduce(message) { text, phrase in text.replacingOccurrences(of: phrase.0, with: phrase.1) }
    }
}
