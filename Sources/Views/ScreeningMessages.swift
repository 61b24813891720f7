/// `bleibe screen` reports rejected rows in English (the command line's documented format); the web pages show them
/// in German. Phrases are replaced in order (longer first); column names and values stay as they are. Messages of the
/// JSON Lines decoder are the case-file decoder's, translated by `DecoderMessages`.
public enum ScreeningMessages {
    static let phrases: [(String, String)] = [
        ("header: unknown columns", "Kopfzeile: unbekannte Spalten"),
        ("header: repeated columns", "Kopfzeile: doppelte Spalten"),
        ("header: the column 'id' is missing (found:", "Kopfzeile: die Spalte „id“ fehlt (gefunden:"),
        ("(known:", "(bekannt:"),
        ("'id' is required", "„id“ ist Pflicht"),
        ("and more", "und weitere"),
        ("expected a date YYYY-MM-DD or DD.MM.YYYY from 1900 to 2199, found", "Datum (JJJJ-MM-TT oder TT.MM.JJJJ, 1900–2199) erwartet, gefunden:"),
        ("expected true or false, found", "true oder false erwartet, gefunden:"),
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
        ("id: missing", "id: fehlt"),
        ("(the first Duldung cannot follow the current status)", "(die erste Duldung kann nicht nach dem aktuellen Status beginnen)"),
        ("is after status_since", "liegt nach status_since"), ("is after duldung_since", "liegt nach duldung_since"),
        ("before § 60b existed (01.08.2019)", "vor Einführung des § 60b (01.08.2019)"), ("days before", "Tage vor"), ("reach back to", "reichen zurück bis"),
        ("expected 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b or other, found",
         "erlaubt: 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b oder other, gefunden:"),
        ("cannot read the file", "Die Datei kann nicht gelesen werden"),
        ("empty file", "leere Datei"),
        (", found", ", gefunden:"),
    ]

    public static func german(_ message: String) -> String {
        DecoderMessages.german(DecoderMessages.translate(message, phrases))
    }
}
