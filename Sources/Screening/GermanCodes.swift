/// German words for the flat CSV's codes, as someone keeping the list in a German spreadsheet types them (QA29 F14: the
/// template asked for "married" and "rejected"). Matched in any case; the codes themselves are always read too, and a
/// word not listed is left as typed (and refused, if it is no code, with what was typed).
public enum GermanCodes {
    /// The German word for each code, per column: the first is the one a German template writes.
    public static let words: [String: [(code: String, words: [String])]] = [
        "marital_status": [("single", ["ledig"]), ("married", ["verheiratet"]),
                           ("registered_partnership", ["eingetragene Lebenspartnerschaft", "Lebenspartnerschaft"]),
                           ("divorced", ["geschieden"]), ("widowed", ["verwitwet"])],
        "status": [("duldung", ["Duldung"]), ("duldung_60b", ["Duldung § 60b", "Duldung 60b"]),
                   ("duldung_60c", ["Ausbildungsduldung", "Duldung § 60c"]), ("duldung_60d", ["Beschäftigungsduldung", "Duldung § 60d"]),
                   ("gestattung", ["Gestattung", "Aufenthaltsgestattung"]), ("aufenthaltserlaubnis", ["Aufenthaltserlaubnis"]),
                   ("fiktion", ["Fiktionsbescheinigung", "Fiktion"]), ("visa", ["Visum"]), ("none", ["ohne Status"]), ("abroad", ["im Ausland", "Ausland"])],
        "asylum_decision": [("pending", ["offen", "laufend", "anhängig"]), ("rejected", ["abgelehnt"]),
                            ("withdrawn", ["zurückgenommen"]), ("granted", ["Schutz gewährt", "anerkannt"])],
        "asylum_rejected_as": [("unbegruendet", ["unbegründet"]), ("offensichtlich_unbegruendet", ["offensichtlich unbegründet"]),
                               ("unzulaessig", ["unzulässig"])],
        "obstruction": [("none", ["keine"]), ("deception", ["Täuschung"]), ("false_statements", ["falsche Angaben"]),
                        ("non_cooperation", ["fehlende Mitwirkung"])],
        "integration_prognosis": [("positive", ["positiv"]), ("negative", ["negativ"])],
        "degree_de": [("none", ["keiner", "keine"]), ("school", ["Schulabschluss"]), ("vocational", ["Berufsabschluss"]),
                      ("care_assistant", ["Pflegehilfe"]), ("university", ["Hochschulabschluss"])],
        "training_kind": [("none", ["keine"]), ("qualified", ["qualifiziert", "qualifizierte Berufsausbildung"]), ("helper", ["Helferausbildung", "Helfer"])],
        "bars": [("none", ["keine"]), ("entry_ban", ["Einreiseverbot"]), ("expulsion_order", ["Ausweisung"]), ("extremism", ["Extremismus"])],
        "removal_measures": [("none", ["keine"]), ("medical_exam", ["ärztliche Untersuchung"]),
                             ("voluntary_return", ["Aufforderung zur freiwilligen Ausreise"]), ("transport_booking", ["Buchung"]),
                             ("comparable", ["vergleichbar"]), ("transfer_procedure", ["Überstellungsverfahren"])],
        "german_oral": [("none", ["keine"])], "german_written": [("none", ["keine"])],
    ]

    /// Columns whose "none" (never) may be written "nie" or "keine": the dates of events that may never have happened.
    static let never: Set<String> = ["asylum_applied_on", "civic_test_passed_on", "fdgo_declaration_on", "identity_clarified_on",
                                     "identity_steps_on", "school_since", "training_registered_on", "training_passed_on",
                                     "integration_course_completed_on", "departure_impossible_since"]

    /// Several values in one cell, separated by "|".
    static let lists: Set<String> = ["bars", "removal_measures"]

    private static let table: [String: [String: String]] = words.mapValues { pairs in
        var out: [String: String] = [:]
        for (code, ws) in pairs { for w in ws { out[fold(w)] = code } }
        return out
    }

    /// Lower case, umlauts as the codes spell them: "Täuschung", "TAEUSCHUNG" and "täuschung" are one word.
    static func fold(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
    }

    /// What a column reads (looked up once per column, not per cell: a screening reads millions of cells).
    /// A class: handed out per cell, it is one reference, not a copy of its table and codes.
    public final class Lookup: Sendable {
        let never: Bool, table: [String: String]?, list: Bool
        /// The column's codes: a cell holding one is taken as it is, without hashing (a handful of short strings).
        let codes: [String]
        init(never: Bool, table: [String: String]?, list: Bool, codes: [String]) { self.never = never; self.table = table; self.list = list; self.codes = codes }
    }

    public static func lookup(_ column: String) -> Lookup {
        Lookup(never: never.contains(column), table: table[column], list: lists.contains(column), codes: (words[column] ?? []).map(\.code))
    }

    /// The code for `text` in `column`, or `text` itself.
    public static func code(_ text: String, column: String) -> String { code(text, lookup(column)) }

    public static func code(_ text: String, _ l: Lookup) -> String {
        if l.never {
            // A date nearly always: decided on its length and first byte before any folding.
            let u = text.utf8
            guard u.count >= 3, u.count <= 5, let f = u.first, f == 110 || f == 78 || f == 107 || f == 75 else { return text }
            return ["nie", "keine", "kein"].contains(text.lowercased()) ? "none" : text
        }
        guard let t = l.table else { return text }
        if l.codes.contains(text) { return text }
        if let c = t[text] { return c }
        // A code as written (lower case letters and "_"; the common case in a long list): nothing to fold.
        if text.utf8.allSatisfy({ $0 == 95 || (97...122).contains($0) }) { return text }
        if l.list, text.contains("|") {
            return text.split(separator: "|", omittingEmptySubsequences: false).map { code(String($0).trimmingSpaces, l) }.joined(separator: "|")
        }
        // Plain ASCII (a level such as "A2", an English code in capitals) needs no umlaut folding, which is a Foundation
        // search per umlaut (it cost a tenth of a screening).
        return t[text.utf8.allSatisfy({ $0 < 0x80 }) ? text.lowercased() : fold(text)] ?? text
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
