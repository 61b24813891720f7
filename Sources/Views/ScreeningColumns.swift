import Eligibility
import Screening

/// The columns of the flat screening CSV in German, for the upload page (QA of 06.12.2026: authority staff saw only
/// "Format von bleibe screen"). A test checks that every column the reader knows is described here, and no other.
public enum ScreeningColumns {
    static let date = "Datum (TT.MM.JJJJ oder JJJJ-MM-TT)"
    static let dateOrNone = date + " oder nie (auch none)"
    static let yesNo = "ja/nein (auch true/false, 1/0)"

    /// The German words a cell may hold, then the codes (QA29 F14: only the English codes were offered).
    static func words(_ column: String, codes: String) -> String {
        let german = (GermanCodes.words[column] ?? []).map { $0.words[0] }
        return german.isEmpty ? codes : german.joined(separator: ", ") + " (auch die Codes: " + codes + ")"
    }

    /// Column, meaning, values.
    public static let all: [(String, String, String)] = [
        ("id", "Kennung der Person in der Liste (kein Name nötig)", "beliebiger Text, je Person einmal"),
        ("born", "Geburtsdatum", date),
        ("nationality", "Staatsangehörigkeit", "ISO-Code mit drei Buchstaben, z. B. AFG, SRB, SYR"),
        ("safe_country_of_origin", "aus einem sicheren Herkunftsstaat (§ 29a AsylG)", yesNo),
        ("marital_status", "Familienstand", words("marital_status", codes: "single, married, registered_partnership, divorced, widowed")),
        ("entered", "Einreise", date),
        ("stay_since", "Beginn des ununterbrochenen Aufenthalts (Gestattung, Duldung …)", date),
        ("duldung_since", "Beginn der ersten Duldung", date),
        ("status", "heutiger Aufenthaltsstatus", words("status", codes: "duldung, duldung_60b, duldung_60c, duldung_60d, gestattung, aufenthaltserlaubnis, fiktion, visa, none, abroad")),
        ("status_since", "heutiger Status seit", date),
        ("status_basis", "Rechtsgrundlage einer Aufenthaltserlaubnis oder Fiktion", "z. B. 25b, 104c"),
        ("days_60b", "Tage mit Duldung nach § 60b (vor der ersten Duldung)", "ganze Zahl"),
        ("asylum_applied_on", "Asylantrag gestellt am", dateOrNone),
        ("asylum_decision", "Ausgang des Asylverfahrens", words("asylum_decision", codes: "pending, rejected, withdrawn, granted")),
        ("asylum_rejected_as", "abgelehnt als", words("asylum_rejected_as", codes: "unbegruendet, offensichtlich_unbegruendet, unzulaessig")),
        ("ou_basis", "Grundlage eines „offensichtlich unbegründet“", "30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b, other"),
        ("asylum_decided_on", "Asylentscheidung am", date),
        ("minor_children", "minderjährige ledige Kinder im Haushalt", "ganze Zahl (0 = keine)"),
        ("children_at_school", "die Kinder besuchen die Schule", yesNo),
        ("children_born", "Geburtsdaten der minderjährigen Kinder (ohne sie: ein Ergebnis, das vom Alter der Kinder abhängt, ist „unklar“)",
         "Daten TT.MM.JJJJ oder JJJJ-MM-TT, getrennt durch „;“ (so viele wie minor_children)"),
        ("german_oral", "Deutsch mündlich (Nachweis)", "A1, A2, B1, B2, C1, C2 oder none"),
        ("german_written", "Deutsch schriftlich (Nachweis)", "A1, A2, B1, B2, C1, C2 oder none"),
        ("german_date", "Datum des Sprachnachweises", date),
        ("civic_test_passed_on", "Test „Leben in Deutschland“ bestanden am", dateOrNone),
        ("fdgo_declaration_on", "Bekenntnis zur freiheitlichen demokratischen Grundordnung abgegeben am", dateOrNone),
        ("identity_clarified_on", "Identität geklärt am", dateOrNone),
        ("identity_steps_on", "alle zumutbaren Schritte zur Identitätsklärung unternommen am", dateOrNone),
        ("passport", "gültiger Pass liegt vor", yesNo),
        ("work_share", "Anteil des Lebensunterhalts aus Arbeit (Haushalt)", "Zahl von 0 bis 1 (Dezimalkomma möglich)"),
        ("own_work_share", "Anteil des eigenen Lebensunterhalts aus eigener Arbeit", "Zahl von 0 bis 1"),
        ("public_funds", "bezieht öffentliche Mittel", yesNo),
        ("wohngeld", "bezieht Wohngeld", yesNo),
        ("employment_since", "heutige Beschäftigung seit", date),
        ("employment_hours", "Wochenstunden der Beschäftigung", "Zahl von 0 bis 80 (0 = nicht beschäftigt)"),
        ("employment_insured", "sozialversicherungspflichtig beschäftigt", yesNo),
        ("day_fines", "Tagessätze aus Verurteilungen wegen anderer Straftaten (ohne die der nächsten Spalte)", "ganze Zahl (0 = keine)"),
        ("day_fines_foreigners_only", "Tagessätze aus Verurteilungen wegen Straftaten, die nur Ausländer begehen können (AufenthG, AsylG); nicht in day_fines enthalten", "ganze Zahl (0 = keine)"),
        ("prison_months", "Monate Freiheitsstrafe (gesamt)", "ganze Zahl"),
        ("obstruction", "heutige Mitwirkungspflichtverletzung", words("obstruction", codes: "none, deception, false_statements, non_cooperation")),
        ("entered_for_benefits", "eingereist, um Sozialleistungen zu erhalten", yesNo),
        ("bars", "Ausschlussgründe (mehrere mit |)", words("bars", codes: "none, entry_ban, abs4_ground, s54_abs1_other, other_expulsion_interest, expulsion_order, extremism")),
        ("integration_prognosis", "Integrationsprognose (§ 25a)", words("integration_prognosis", codes: "positive, negative")),
        ("fdgo_doubts", "Zweifel am Bekenntnis zur FDGO", yesNo),
        ("school_since", "Schulbesuch in Deutschland seit", dateOrNone),
        ("school_successful", "Schule erfolgreich besucht", yesNo),
        ("degree_de", "in Deutschland erworbener Abschluss", words("degree_de", codes: "none, school, vocational, care_assistant, university")),
        ("training_kind", "Berufsausbildung", words("training_kind", codes: "none, qualified (qualifiziert), helper (Helferausbildung)")),
        ("training_from", "Beginn der Ausbildung", date),
        ("training_registered_on", "Ausbildungsvertrag eingetragen am", dateOrNone),
        ("training_passed_on", "Ausbildung abgeschlossen am", dateOrNone),
        ("removal_measures", "eingeleitete konkrete Maßnahmen zur Aufenthaltsbeendigung (mehrere mit |)", words("removal_measures", codes: "none, medical_exam, voluntary_return, transport_booking, comparable, transfer_procedure")),
        ("housing_sufficient", "ausreichender Wohnraum", yesNo),
        ("departure_impossible_since", "Ausreise unmöglich seit", dateOrNone),
        ("departure_end_foreseeable", "Ende des Ausreisehindernisses absehbar", yesNo),
        ("departure_own_fault", "Ausreisehindernis selbst verschuldet", yesNo),
        ("integration_course_possible", "Integrationskurs möglich", yesNo),
        ("integration_course_obliged", "zum Integrationskurs verpflichtet", yesNo),
        ("integration_course_completed_on", "Integrationskurs abgeschlossen am", dateOrNone),
        ("integration_course_dropout_not_at_fault", "Kursabbruch nicht zu vertreten", yesNo),
        ("past_deception", "früher über Identität oder Staatsangehörigkeit getäuscht, falsche Angaben gemacht oder nicht mitgewirkt (auch wenn es heute nicht mehr so ist; „nein“ schließt alles aus)", yesNo),
        ("false_identity", "die bisherige Integration beruht auf einer falschen Identität (§ 25b)", yesNo),
        ("unaccompanied_minor_welfare", "als unbegleitete:r Minderjährige:r kein Asylantrag oder Rücknahme zum Kindeswohl (§ 60a Abs. 6 S. 1 Nr. 3; gelesen nur bei Minderjährigen)", yesNo),
        ("applied_on", "Datum eines noch nicht entschiedenen Antrags (Altersgrenzen und Fassung des Gesetzes nach diesem Tag; leer: Antrag am Stichtag)", date),
    ]

    /// The reference on the upload page: what each column means and takes.
    public static var table: HTML {
        let rows = all.map { c, meaning, values in "<tr><th scope=\"row\"><code>\(c)</code></th><td>\(meaning)</td><td>\(values)</td></tr>" as HTML }
        return """
        <details id="columns"><summary>Spalten der CSV-Liste</summary>
        <p class="hint">Eine Zeile je Person, die erste Zeile nennt die Spalten (in beliebiger Reihenfolge; Komma oder Semikolon).
        Eine fehlende Spalte oder leere Zelle heißt „unbekannt“: das Ergebnis wird dann eher „unklar“, nie geraten. „Keine
        Verurteilungen“ ist 0, nicht leer. Namen werden nicht gebraucht. Excel-Arbeitsmappen bitte als „CSV UTF-8“ speichern.
        Ehegatten und Eltern stehen nicht in der Zeile: ihre Familienwege bleiben „unklar“. Für Familien mit eigenen Angaben
        jeder Person gibt es JSON Lines (ein Haushalt je Zeile, im Format der Testfälle; bei der Administration erfragen).</p>
        <table><caption class="visually-hidden">Spalten der CSV-Liste</caption><thead><tr><th scope="col">Spalte</th><th scope="col">Bedeutung</th><th scope="col">Werte</th></tr></thead>
        <tbody>\(rows)</tbody></table></details>
        """
    }
}
