import CaseFiles
import Counseling
import Eligibility
import Foundation

/// The stored facts in plain German, for the person they are about (Art. 12 Abs. 1 DSGVO: "in klarer und einfacher
/// Sprache"): yes and no, dates as TT.MM.JJJJ, the schema's values and nested fields by German names. The information
/// request shows this next to the value as stored, so nothing is left out or reworded without the original.
public enum FactReading {
    /// Every stored fact of `person` (the fields of the case-file schema, without the status history), each as
    /// stored and in words.
    public static func rows(_ person: Person) -> [(key: String, stored: String, reading: String)] {
        CaseFileEncoder.values(person).map { (key: $0.key, stored: CaseFileEncoder.serialize($0.value), reading: text($0.value, key: $0.key)) }
    }

    /// The German name of a top-level field for a reader: the JSON editor's help (`FactsPage.fields`) without its
    /// notes on the format ("Asylverfahren: applied_on, decision …" → "Asylverfahren").
    public static func label(_ key: String) -> String {
        guard let help = FactsPage.fields.first(where: { $0.0 == key })?.1 else { return key }
        var out = help.components(separatedBy: ": ").first ?? help
        for note in [" (JJJJ-MM-TT)", ", ISO-Code (XXA = staatenlos)", " (true/false; leer = wird abgeleitet)"] {
            out = out.replacingOccurrences(of: note, with: "")
        }
        return out
    }

    /// One value in words; `key`: its field (a date field's `null` means "never", a share reads as a percentage). The
    /// entries of a top-level list stand on lines of their own (`\n`), those of a nested one are separated by commas.
    static func text(_ value: Any, key: String, nested: Bool = false) -> String {
        switch value {
        case let o as JSONObject:
            let parts = o.pairs.map { "\(name($0.0)): \(text($0.1, key: $0.0, nested: true))" }
            return parts.isEmpty ? "keine Angaben" : parts.joined(separator: "; ")
        case let list as [Any]:
            return list.isEmpty ? "keine" : list.map { text($0, key: key, nested: true) }.joined(separator: nested ? ", " : "\n")
        case let b as Bool: return b ? "ja" : "nein"
        case let i as Int: return Labels.count(i)
        case let d as Double:
            if key.hasSuffix("_share") { return Labels.count(Int((d * 100).rounded())) + " %" }
            return d == d.rounded() ? Labels.count(Int(d)) : String(d).replacingOccurrences(of: ".", with: ",")
        case is NSNull: return key.hasSuffix("_on") || key.hasSuffix("_since") ? "nie" : "nein"
        case let s as String:
            if let day = Day(iso: Substring(s)), s.count == 10 { return day.german }
            if key == "nationality" || key == "country" { return CountryCodes.germanName(s) }
            if key == "level" { return s }
            if key == "s54_group" { return "§ 54 Abs. 1 Nr. \(s) AufenthG" }
            if key == "ou_basis" { return asylumProvision(s) }
            return words[s] ?? s
        default: return "–"
        }
    }

    /// "30-3-1" → "§ 30 Abs. 3 Nr. 1 AsylG", "art42-1-c" → "Art. 42 Abs. 1 Buchst. c Verordnung (EU) 2024/1348",
    /// "other" → "eine andere Vorschrift" (QA42: the Art. 15 page showed "other").
    static func asylumProvision(_ code: String) -> String {
        if code == "other" { return "eine andere Vorschrift" }
        let parts = code.split(separator: "-")
        if parts.count == 3, parts[0] == "art42", parts[1].allSatisfy(\.isNumber), parts[2].count == 1, parts[2].allSatisfy(\.isLetter) {
            return "Art. 42 Abs. \(parts[1]) Buchst. \(parts[2]) Verordnung (EU) 2024/1348"
        }
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return code }
        return "§ \(parts[0]) Abs. \(parts[1]) Nr. \(parts[2]) AsylG"
    }

    /// A nested field's German name (top-level fields are named by `FactsPage.fields`).
    static func name(_ key: String) -> String { names[key] ?? key }

    /// A schema value in German ("illness" → "Krankheit"); the value itself when it has no word.
    public static func word(_ value: String) -> String { words[value] ?? value }

    /// The nested fields the case-file schema writes (CaseFileEncoder), by German name.
    static let names: [String: String] = [
        "applied_on": "Antrag gestellt am", "decision": "Entscheidung", "decided_on": "entschieden am", "final_on": "bestandskräftig seit",
        "rejected_as": "abgelehnt als", "ou_basis": "Vorschrift der Ablehnung", "withdrawn_after_12b_advice": "nach Beratung nach § 12b AsylG zurückgenommen",
        "unaccompanied_minor_welfare": "als unbegleitete:r Minderjährige:r in Obhut des Jugendamts",
        "clarified_on": "geklärt am", "all_steps_taken_on": "alle zumutbaren Schritte unternommen am",
        "level": "Niveau", "scope": "Teil", "date": "Datum",
        "possible": "Teilnahme möglich", "obliged": "zur Teilnahme verpflichtet", "completed_on": "abgeschlossen am",
        "dropout_not_at_fault": "ohne eigenes Verschulden abgebrochen",
        "from": "von", "to": "bis", "work_share": "Anteil durch Arbeit", "own_work_share": "Anteil durch eigene Arbeit",
        "public_funds": "öffentliche Leistungen", "wohngeld": "Wohngeld", "benefits_temporary": "Leistungen nur vorübergehend",
        "bafoeg_need_covered": "Bedarf durch BAföG oder Ausbildungsbeihilfe gedeckt", "public_funds_housing_only": "öffentliche Leistungen nur für die Unterkunft",
        "hours": "Wochenstunden", "insured": "sozialversicherungspflichtig", "qualified": "qualifizierte Beschäftigung",
        "matches_qualification": "passend zur Qualifikation",
        "kind": "Art", "successful": "erfolgreich", "on": "am", "country": "Land", "recognised": "anerkannt",
        "occupation": "Beruf", "planned_end": "geplantes Ende", "registered_on": "eingetragen am",
        "follow_on_place_confirmed": "Anschlussstelle zugesagt", "passed_on": "bestanden am", "ended_early_on": "vorzeitig beendet am",
        "offence": "Tat", "intentional": "vorsätzlich", "in_germany": "in Deutschland", "still_registered": "noch im Bundeszentralregister verwertbar",
        "foreigners_only": "nur von Ausländer:innen begehbar", "day_fines": "Tagessätze", "prison_months": "Monate Freiheitsstrafe",
        "juvenile_months": "Monate Jugendstrafe", "suspended": "zur Bewährung ausgesetzt", "juvenile_law": "nach Jugendstrafrecht",
        "jugendstrafe": "Jugendstrafe", "s54_group": "Fallgruppe des § 54 AufenthG", "btmg_29_1_1": "nach § 29 Abs. 1 S. 1 Nr. 1 BtMG",
        "current_obstruction": "verhindert oder verzögert derzeit die Abschiebung durch", "past_deception": "frühere Täuschung",
        "past_obstruction": "frühere vorsätzliche Behinderung der Abschiebung (beendet)", "deception_repeated": "Täuschung wiederholt",
        "integration_rests_on_false_identity": "Integration beruht auf falscher Identität",
        "entry_ban": "Einreise- und Aufenthaltsverbot (§ 11 AufenthG)",
        "abs4_ground": "Ausweisungsinteresse nach § 54 Abs. 1 Nr. 2 oder 4 oder Anordnung nach § 58a AufenthG",
        "s54_abs1_other": "anderes Ausweisungsinteresse nach § 54 Abs. 1 AufenthG (Nr. 2a, 3, 5)",
        "other_expulsion_interest": "sonstiges Ausweisungsinteresse nach § 54 Abs. 2 AufenthG",
        "expulsion_order": "Ausweisung oder Anordnung nach § 58a AufenthG", "extremism": "Verbindungen zu extremistischen oder terroristischen Organisationen",
        "school": "Schule", "livelihood": "Lebensunterhalt", "german": "Deutsch", "reason": "Grund",
        "impossible_since": "unmöglich seit", "end_foreseeable": "Ende absehbar", "own_fault": "selbst zu vertreten",
    ]

    /// The schema's values (CASES.md § 3) by German word.
    static let words: [String: String] = [
        "single": "ledig", "married": "verheiratet", "registered_partnership": "eingetragene Lebenspartnerschaft", "divorced": "geschieden",
        "widowed": "verwitwet",
        "pending": "offen", "rejected": "abgelehnt", "withdrawn": "zurückgenommen", "granted": "Schutz zuerkannt",
        "unbegruendet": "unbegründet", "offensichtlich_unbegruendet": "offensichtlich unbegründet", "unzulaessig": "unzulässig",
        "oral": "mündlich", "written": "schriftlich", "full": "mündlich und schriftlich",
        "positive": "positiv", "negative": "negativ",
        "university": "Hochschule", "vocational_preparation": "Berufsvorbereitung", "vocational": "Berufsausbildung",
        "care_assistant": "Pflegehilfe", "qualified": "qualifizierte Berufsausbildung", "helper": "Helferausbildung",
        "deception": "Täuschung über Identität oder Staatsangehörigkeit", "false_statements": "falsche Angaben",
        "non_cooperation": "Nichterfüllung zumutbarer Mitwirkungspflichten", "school": "Schule",
        "medical_exam": "ärztliche Untersuchung zur Reisefähigkeit", "voluntary_return": "Aufforderung zur freiwilligen Ausreise",
        "transport_booking": "Buchung von Transportmitteln", "comparable": "vergleichbare Maßnahme", "transfer_procedure": "Überstellungsverfahren (Dublin)",
        "none": "keine", "illness": "Krankheit", "disability": "Behinderung", "age": "Alter",
    ]
}
