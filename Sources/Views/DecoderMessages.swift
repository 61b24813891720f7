import Eligibility
import Foundation

/// The case-file decoder words its errors in English for the command line and the API; the facts editor of the staff
/// pages shows them in German. The decoder's messages start with a small set of phrases, translated here in order
/// (longer phrases first); whatever follows them (field names, the value found) is kept as it is.
public enum DecoderMessages {
    static let phrases: [(String, String)] = [
        // The JSON reader's messages first: "unexpected text" must not be read as "un" + "expected text".
        ("unexpected text after the value", "unerwarteter Text nach dem Wert"),
        ("unexpected character", "unerwartetes Zeichen"), ("unexpected end", "unerwartetes Ende"), ("unexpected word", "unerwartetes Wort"),
        ("expected a key in quotes", "Feldname in Anführungszeichen erwartet"), ("repeated key", "doppelter Feldname"), ("lone surrogate", "unvollständiges Unicode-Zeichen"),
        ("nested too deeply", "zu tief verschachtelt"), ("control character in text", "Steuerzeichen im Text"),
        ("unterminated text", "Text ohne schließendes Anführungszeichen"), ("unknown escape", "unbekannte Escape-Sequenz"),
        ("expected digits after '.'", "Ziffern nach dem Punkt erwartet"), ("expected digits in the exponent", "Ziffern im Exponenten erwartet"),
        ("expected four hex digits", "vier Hexadezimalziffern erwartet"), ("expected a hex digit", "Hexadezimalziffer erwartet"),
        ("expected digits", "Ziffern erwartet"), ("not a character", "kein gültiges Zeichen"),
        ("empty document", "leeres Dokument – bitte die Angaben als JSON-Objekt eingeben, z. B. {}"),
        // The YAML parser (which reads the JSON of the facts editor) in its most common words.
        ("did not find expected node content", "ein Wert fehlt"), ("found unexpected end of stream", "unerwartetes Ende"),
        ("did not find expected ',' or '}'", "„,“ oder „}“ fehlt"), ("did not find expected ',' or ']'", "„,“ oder „]“ fehlt"),
        ("could not find expected ':'", "„:“ fehlt"), ("found character that cannot start any token", "unerwartetes Zeichen"),
        ("mapping values are not allowed in this context", "unerwarteter Doppelpunkt"),
        ("Maximum nesting level reached, set with yaml_set_max_nest_level()", "zu tief verschachtelt"),
        ("missing required field 'person' or 'persons'", "Pflichtangabe fehlt: „person“ oder „persons“"),
        ("give either 'person' or 'persons', not both", "entweder „person“ oder „persons“ angeben, nicht beides"),
        ("duplicate person id", "doppelte Personen-ID"), ("duplicate keys", "doppelte Feldnamen"), ("unknown person id", "unbekannte Personen-ID"),
        ("expected exactly two person ids", "genau zwei Personen-IDs erwartet"), ("expected at least one person", "mindestens eine Person erwartet"),
        ("expected one of:", "erlaubt sind:"),
        ("missing required field", "Pflichtangabe fehlt:"),
        ("expected a date from 1900-01-01 to 2199-12-31, found", "Datum zwischen 1900-01-01 und 2199-12-31 erwartet, gefunden:"),
        ("expected a date yyyy-mm-dd, found", "Datum im Format JJJJ-MM-TT erwartet, gefunden:"),
        ("expected a date yyyy-mm-dd", "Datum im Format JJJJ-MM-TT erwartet"),
        ("expected a whole number, found", "ganze Zahl erwartet, gefunden:"),
        ("expected a number up to", "Zahl erwartet bis höchstens"),
        ("expected a number, found", "Zahl erwartet, gefunden:"),
        ("expected a share between 0 and 1, found", "Anteil zwischen 0 und 1 erwartet, gefunden:"),
        ("expected weekly hours between 0 and 80, found", "Wochenstunden zwischen 0 und 80 erwartet, gefunden:"),
        ("expected day fines (Tagessätze; § 54 Abs. 2 S. 2 StGB) between 0 and 720, found", "Eine Verurteilung umfasst höchstens 720 Tagessätze (§ 54 Abs. 2 S. 2 StGB); mehrere Verurteilungen bitte einzeln erfassen. Gefunden:"),
        ("expected true or false, found", "true oder false erwartet, gefunden:"),
        ("expected true or false", "true oder false erwartet"),
        ("expected an ISO 3166-1 alpha-3 code, found", "dreistelliger ISO-Code der Staatsangehörigkeit erwartet, gefunden:"),
        ("unknown ISO 3166-1 alpha-3 code", "unbekannter Ländercode (ISO 3166-1 alpha-3)"),
        ("(XXA stateless, XXX unknown)", "(XXA staatenlos, XXX ungeklärt)"),
        ("expected one of", "erlaubt sind:"),
        ("expected a mapping with the fields", "Objekt erwartet mit den Feldern"),
        ("expected a list", "Liste erwartet"),
        ("expected text", "Text erwartet"),
        ("unknown field", "unbekanntes Feld"),
        ("must not be negative", "darf nicht negativ sein"),
        ("control or direction-override characters are not allowed", "Steuer- oder Schreibrichtungszeichen sind nicht erlaubt"),
        ("at most", "höchstens"), ("characters, found", "Zeichen, gefunden:"),
        ("must not be before from", "darf nicht vor „from“ liegen"),
        ("; a period going on omits 'to'", "; ein laufender Zeitraum bleibt ohne Ende"),
        ("must not be after on", "darf nicht nach dem Prüfdatum liegen"),
        ("only the last period may omit 'to'", "nur der letzte Zeitraum darf ohne „to“ sein"),
        ("period is not possible before", "Zeitraum ist nicht möglich vor dem"), ("in force since then)", "erst seitdem in Kraft)"),
        ("overlaps the previous period", "überschneidet sich mit dem vorigen Zeitraum"),
        ("give exactly one of", "genau eine Angabe machen von"),
        ("(or juvenile_law: true for a sanction other than Jugendstrafe)", "(oder juvenile_law: true bei einer anderen Sanktion als Jugendstrafe)"),
        ("with a prison or juvenile sentence", "bei Freiheits- oder Jugendstrafe"),
        ("only allowed for", "nur erlaubt für"),
        ("only allowed with", "nur erlaubt mit"),
        ("expected 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b or other, found",
         "erlaubt: 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b oder other, gefunden:"),
        ("expected ',' or '}'", "„,“ oder „}“ erwartet"), ("expected ',' or ']'", "„,“ oder „]“ erwartet"), ("expected ':'", "„:“ erwartet"),
        ("not valid JSON at byte", "kein gültiges JSON an Byte"),
        ("not valid JSON", "kein gültiges JSON"),
        ("not a JSON object", "kein JSON-Objekt"),
        ("(line", "(Zeile"),
        (", found", ", gefunden:"),
    ]

    /// The message in German, its dates in brackets as TT.MM.JJJJ ("darf nicht nach dem Prüfdatum liegen (22.11.2026)").
    public static func german(_ message: String) -> String {
        var text = translate(message, phrases)
        while let r = text.range(of: #"\(\d{4}-\d{2}-\d{2}\)"#, options: .regularExpression),
              let day = Day(iso: String(text[r].dropFirst().dropLast())) {
            text.replaceSubrange(r, with: "(\(day.german))")
        }
        return text
    }

    /// Replaces each English phrase of the table, in order, wherever it stands: phrases may follow an earlier one
    /// ("not valid JSON: …").
    static func translate(_ message: String, _ table: [(String, String)]) -> String {
        table.reduce(message) { text, phrase in text.replacingOccurrences(of: phrase.0, with: phrase.1) }
    }
}
