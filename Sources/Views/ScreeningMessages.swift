import Eligibility

/// `bleibe screen` reports rejected rows in English (the command line's documented format); the web pages show them
/// in German. Phrases are replaced in order (longer first); column names and values stay as they are. Messages of the
/// JSON Lines decoder are the case-file decoder's, translated by `DecoderMessages`.
public enum ScreeningMessages {
    static let phrases: [(String, String)] = [
        ("header: unknown columns", "Kopfzeile: unbekannte Spalten"),
        ("birth dates given, but minor_children is", "Geburtsdaten angegeben, minor_children ist aber"),
        ("birth date given, but minor_children is", "Geburtsdatum angegeben, minor_children ist aber"),
        ("expected dates YYYY-MM-DD or DD.MM.YYYY separated by ';', found", "Geburtsdaten (JJJJ-MM-TT oder TT.MM.JJJJ, getrennt durch „;“) erwartet, gefunden:"),
        ("not a minor on the screening date (minor_children counts children under 18)", "am Stichtag nicht minderjährig (minor_children zählt Kinder unter 18)"),
        ("is before the person's 12th birthday", "liegt vor dem 12. Geburtstag der Person"),
        ("is after the screening date", "liegt nach dem Stichtag"),
        ("row: a quoted field is not closed within", "ein Feld in Anführungszeichen wird nicht geschlossen, auch nicht innerhalb von"),
        ("row: a quoted field is not closed", "ein Feld in Anführungszeichen wird nicht geschlossen"),
        ("lines (lines", "Zeilen (Zeilen"), ("skipped)", "übersprungen)"), ("(lines", "(Zeilen"), ("(line", "(Zeile"),
        ("header: repeated columns", "Kopfzeile: doppelte Spalten"),
        ("header: the column 'id' is missing (found:", "Kopfzeile: die Spalte „id“ fehlt (gefunden:"),
        ("(known:", "(bekannt:"),
        ("'id' is required", "„id“ ist Pflicht"),
        ("and more", "und weitere"),
        ("expected a date YYYY-MM-DD or DD.MM.YYYY from 1900 to 2199, found", "Datum (JJJJ-MM-TT oder TT.MM.JJJJ, 1900–2199) erwartet, gefunden:"),
        ("expected true or false (also ja/nein, wahr/falsch, 1/0), found", "true oder false erwartet (auch ja/nein, wahr/falsch, 1/0), gefunden:"),
        ("expected true or false, found", "true oder false erwartet, gefunden:"),
        ("expected a whole number from 0 to", "ganze Zahl erwartet von 0 bis"),
        ("expected an ISO 3166-1 alpha-3 code such as AFG or SRB, found", "dreistelliger Ländercode (ISO 3166-1 alpha-3, z. B. AFG, SRB) erwartet, gefunden:"),
        ("before the birth date", "liegt vor dem Geburtsdatum"),
        ("before the entry (entered)", "liegt vor der Einreise (entered)"),
        ("before the application (asylum_applied_on)", "liegt vor dem Asylantrag (asylum_applied_on)"),
        ("none, school, vocational, care_assistant or university", "erlaubt: none, school, vocational, care_assistant, university"),
        ("expected a number from 0 to", "Zahl erwartet von 0 bis"),
        ("expected A1…C2 or none, found", "A1…C2 oder none erwartet, gefunden:"),
        ("expected none, deception, false_statements or non_cooperation", "erlaubt: none, deception, false_statements, non_cooperation"),
        ("fields, found", "Felder erwartet, gefunden:"),
        ("row: expected", "Spaltenzahl:"),
        ("unknown value", "unbekannter Wert"),
        ("unknown bar", "unbekannte Sperre"),
        ("unknown measure", "unbekannte Maßnahme"),
        ("unknown status", "unbekannter Status"),
        ("required with status", "Pflicht zusammen mit status"),
        ("(the status history is built from the current status and status_since)", "(der Statusverlauf wird aus status und status_since gebildet)"),
        ("required with", "Pflicht zusammen mit"),
        ("expected a share from 0 to 1, found", "Anteil von 0 bis 1 erwartet, gefunden:"),
        ("expected weekly hours from 0 to 80, found", "Wochenstunden von 0 bis 80 erwartet, gefunden:"),
        ("after the screening date", "liegt nach dem Stichtag"),
        ("positive or negative", "erlaubt: positive, negative"),
        ("qualified or helper, with training_from", "erlaubt: qualified, helper (mit training_from)"),
        ("(every household needs an id to be found in the results)", "(jeder Haushalt braucht eine Kennung, um in den Ergebnissen gefunden zu werden)"),
        ("id: missing", "id: fehlt"),
        ("contains a line break or another control character", "enthält einen Zeilenumbruch oder ein anderes Steuerzeichen"),
        ("related twice:", "doppelt verknüpft:"), ("more than one spouse or registered partner:", "mehr als eine Ehe oder Lebenspartnerschaft:"),
        ("married under 16 (§ 1303 BGB):", "verheiratet und jünger als 16 (§ 1303 BGB):"),
        ("parent not 12 years older than the child:", "Elternteil nicht 12 Jahre älter als das Kind:"), ("(child", "(Kind"),
        ("parent under 12:", "Elternteil jünger als 12:"), ("more than two parents:", "mehr als zwei Eltern:"),
        ("(screened once)", "(nur einmal geprüft)"), ("repeats line", "wiederholt Zeile"),
        ("(the first Duldung cannot follow the current status)", "(die erste Duldung kann nicht nach dem aktuellen Status beginnen)"),
        ("is after status_since", "liegt nach status_since"), ("is after duldung_since", "liegt nach duldung_since"),
        ("days exceed the", "Tage übersteigen die"), ("days from", "Tage von"), ("until", "bis"),
        ("before § 60b existed (01.08.2019)", "vor Einführung des § 60b (01.08.2019)"), ("days before", "Tage vor"), ("reach back to", "reichen zurück bis"),
        ("expected 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b or other, found",
         "erlaubt: 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b oder other, gefunden:"),
        ("cannot write the results (disk full?)", "Die Ergebnisse konnten nicht geschrieben werden (Speicherplatz erschöpft?). Bitte die Administration verständigen."),
        ("cannot read the file", "Die Datei kann nicht gelesen werden"),
        ("empty file", "leere Datei"),
        (", found", ", gefunden:"),
    ]

    public static func german(_ message: String) -> String {
        // Dates the message names as TT.MM.JJJJ; a value quoted as found stays as it was written.
        let text = DecoderMessages.german(DecoderMessages.translate(message, phrases))
        // Split at the quotes: the odd parts are quoted.
        return text.split(separator: "'", omittingEmptySubsequences: false).enumerated().map { i, part in
            i % 2 == 1 ? String(part) : String(part).replacing(/\b(\d{4})-(\d{2})-(\d{2})\b/) { m in
                Day(iso: "\(m.1)-\(m.2)-\(m.3)").map(\.german) ?? String(m.0)
            }
        }.joined(separator: "'")
    }
}
