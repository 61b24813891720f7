/// Every condition ID of the registry in ../shared/law/SPEC.md with its citation, the requirement in German and
/// what a counselor can do when it fails ("Handlungsbedarf").
public enum ConditionCatalog {
    /// Conditions whose failure is a mandatory refusal: the application must be refused while the ground lasts.
    public static let mandatoryRefusals: Set<String> = ["b_excl_crime", "gen_abs4_bar"]

    /// Weekly hours as German text: whole hours without a fraction, others with a decimal comma (QA41 L9: 19.5 read "19").
    static func germanHours(_ h: Double) -> String { h == h.rounded() ? String(Int(h)) : String(h).replacingOccurrences(of: ".", with: ",") }

    public struct Entry: Sendable {
        public let citation: String
        public let requirement: String
        public let action: String?
    }

    public static func entry(_ id: String) -> Entry {
        entries[id] ?? Entry(citation: "AufenthG", requirement: id, action: nil)
    }

    /// The requirement as the law stated it on the decision date `on`: thresholds come from the version in force
    /// (`Law`), so that an answer under old law does not state today's numbers (QA of 05.12.2026: "Antrag vor
    /// Vollendung des 27. Lebensjahres" beside a last day computed with 21). Without a date, or for a condition
    /// without thresholds that changed, the registry's text.
    public static func requirement(_ id: String, on day: Day?) -> String {
        let base = entry(id).requirement
        guard let day else { return base }
        // The law is looked up only for the conditions whose thresholds changed (a page asks for every condition). Before
        // a provision existed, the engine judges by its first version (`inForce`), and so does the text (QA19 F1: § 60d
        // on 01.10.2019 was judged with 35 hours and said "mindestens 20 Stunden").
        func a25(_ text: (Law.Rules25a) -> String) -> String { Law.p25a.applied(on: day).map(text) ?? base }
        func b25(_ text: (Law.Rules25b) -> String) -> String { Law.p25b.applied(on: day).map(text) ?? base }
        // In the U4 window both versions apply; the newer text stands beside the note naming both readings.
        func d60(_ text: (Law.Rules60d) -> String?) -> String { Law.p60d.applied(on: day)?.last.flatMap(text) ?? base }
        switch id {
        case "a_status_entry":
            return a25 { r in r.duldungMonths.map { "Seit mindestens \($0) Monaten im Besitz einer Duldung" + (r.car104cBranch ? " (oder Inhaber einer AE nach § 104c)" : "") } ?? "Geduldet" }
        case "a_residence_years_min": return a25 { "Seit \($0.residenceYears) Jahren ununterbrochen erlaubter, geduldeter oder gestatteter Aufenthalt" }
        // The § 104c alternatives exist from 31.12.2022 to 30.06.2027 only (QA19 F7: named in 2016 and after the repeal).
        case "a_holds_other_AE": return a25 { "Kein Besitz einer anderen Aufenthaltserlaubnis" + ($0.car104cBranch ? " (außer § 104c)" : "") }
        case "b_status": return b25 { $0.car104cBranch ? base : "Geduldet" }
        case "a_school_years_min": return a25 { "In der Regel \($0.schoolYears) Jahre erfolgreicher Schulbesuch im Bundesgebiet" }
        case "a_application_before_27": return a25 { "Antrag vor Vollendung des \($0.ageLimit). Lebensjahres" }
        case "b_residence_years_min": return b25 { "Seit \($0.years) Jahren ununterbrochen geduldeter, gestatteter oder erlaubter Aufenthalt" }
        case "b_residence_years_min_with_minor_child":
            return b25 { "Seit \($0.yearsWithMinorChild) Jahren ununterbrochener Voraufenthalt (mit minderjährigem ledigem Kind im Haushalt)" }
        case "60d_entry_cutoff": return d60 { "Einreise bis zum \($0.entryCutoff.german) (auch Ehegatte/Lebenspartner)" }
        case "60d_employment_months_min":
            return d60 { r in
                "Seit mindestens \(r.employmentMonths) Monaten sozialversicherungspflichtig beschäftigt (mind. \(germanHours(r.weeklyHours)) Std./Woche"
                    + (r.singleParentHours.map { ", Alleinerziehende \(germanHours($0))" } ?? "") + ")"
            }
        case "60d_weekly_hours_min":
            return d60 { r in "Regelmäßige Arbeitszeit mindestens \(germanHours(r.weeklyHours)) Stunden pro Woche" + (r.singleParentHours.map { " (Alleinerziehende \(germanHours($0)))" } ?? "") }
        case "60d_no_conviction":
            return d60 { $0.crime == .fiftyNinety ? "Keine Verurteilung wegen einer vorsätzlichen Straftat (auch nicht des Ehegatten/Lebenspartners); Geldstrafen bis 50 Tagessätze, bis 90 bei nur von Ausländern begehbaren Delikten, bleiben außer Betracht" : nil }
        default: return base
        }
    }

    /// The citation as the law stood on `on`: § 25a Abs. 5 exists from 31.12.2022 to 30.06.2027, and § 104c is the
    /// "alte Fassung" only after its version of 31.12.2022 ended on 30.12.2025 (QA19 F7).
    public static func citation(_ id: String, on day: Day?) -> String {
        let base = entry(id).citation
        guard let day else { return base }
        if id == "a_residence_years_min", Law.p25a.applied(on: day)?.car104cBranch == false { return "§ 25a Abs. 1 S. 1 Nr. 1 AufenthG" }
        if day < Day("2025-12-31"), base.contains("§ 104c"), base.contains(" a. F.") { return base.replacingOccurrences(of: " a. F.", with: "") }
        return base
    }

    /// What a counselor can do about a failing condition, with the thresholds of the version applied on `on` (QA19 F1:
    /// "Arbeitszeit auf mindestens 20 Stunden erhöhen" to someone working 30 hours, where 35 were required).
    public static func action(_ id: String, on day: Day?) -> String? {
        let base = entry(id).action
        guard let day, id.hasPrefix("60d_"), let r = Law.p60d.applied(on: day)?.last else { return base }
        let single = r.singleParentHours.map { " (Alleinerziehende \(germanHours($0)))" } ?? ""
        switch id {
        case "60d_weekly_hours_min": return "Arbeitszeit auf mindestens \(germanHours(r.weeklyHours)) Stunden pro Woche erhöhen\(single)"
        case "60d_employment_months_min": return "Sozialversicherungspflichtige Beschäftigung mit mindestens \(germanHours(r.weeklyHours)) Std./Woche\(single) aufnehmen oder aufstocken"
        default: return base
        }
    }

    /// Whether `id` is in the registry of SPEC.md.
    public static func isKnown(_ id: String) -> Bool { entries[id] != nil }

    public static var allIDs: [String] { entries.keys.sorted() }

    static func e(_ c: String, _ r: String, _ a: String? = nil) -> Entry { Entry(citation: c, requirement: r, action: a) }

    static let entries: [String: Entry] = [
        // Engine-level conditions (not in the registry of SPEC.md): the law's own dates.
        "law_in_force": e("Inkrafttreten (spec/12-timeline.md)", "Vorschrift in der anzuwendenden Fassung in Kraft"),
        "reachable_date": e("SPEC.md, How the engine must answer § 5", "Frühestes Datum bestimmbar"),
        // § 5, § 10, § 11 – general requirements
        "gen_lu_secured": e("§ 5 Abs. 1 Nr. 1 AufenthG", "Lebensunterhalt gesichert (ohne öffentliche Mittel)", "Lebensunterhalt ohne öffentliche Mittel sichern"),
        "gen_identity_clarified": e("§ 5 Abs. 1 Nr. 1a AufenthG", "Identität und Staatsangehörigkeit geklärt", "Identität klären (Pass, Geburtsurkunde, Botschaftsvorsprache)"),
        "gen_no_expulsion_interest": e("§ 5 Abs. 1 Nr. 2, § 54 AufenthG", "Kein Ausweisungsinteresse", "Ausweisungsinteresse prüfen; atypischen Fall darlegen"),
        "gen_passport": e("§ 5 Abs. 1 Nr. 4, § 3 Abs. 1 AufenthG", "Passpflicht erfüllt", "Pass oder Passersatz beschaffen"),
        "gen_visa_entry": e("§ 5 Abs. 2 AufenthG", "Einreise mit dem erforderlichen Visum", "Absehen vom Visumerfordernis beantragen"),
        "gen_abs3_waiver": e("§ 5 Abs. 3 S. 2 AufenthG", "Absehen von den Regelerteilungsvoraussetzungen möglich"),
        "gen_abs4_bar": e("§ 5 Abs. 4 AufenthG", "Kein zwingender Versagungsgrund (§ 54 Abs. 1 Nr. 2 oder 4, § 58a)"),
        "gen_no_entry_ban": e("§ 11 Abs. 1 S. 3, Abs. 4 S. 2 AufenthG", "Kein Einreise- und Aufenthaltsverbot", "Aufhebung des Einreise- und Aufenthaltsverbots beantragen (§ 11 Abs. 4; für Titel nach Kapitel 2 Abschnitt 5 „soll“ nach S. 2)"),
        "gen_no_10_3_s2_bar": e("§ 10 Abs. 3 S. 2 AufenthG", "Keine Titelsperre nach qualifizierter „offensichtlich unbegründet“-Ablehnung"),
        // § 25a
        "a_status_entry": e("§ 25a Abs. 1 S. 1 AufenthG", "Seit mindestens 12 Monaten im Besitz einer Duldung (oder Inhaber einer AE nach § 104c)", "Duldung beantragen bzw. Duldungsbescheinigung sichern"),
        "a_age_min": e("§ 25a Abs. 1 S. 1 AufenthG", "Mindestalter 14 Jahre (Jugendliche oder junge Volljährige)"),
        "a_application_before_27": e("§ 25a Abs. 1 S. 1 Nr. 3 AufenthG", "Antrag vor Vollendung des 27. Lebensjahres"),
        "a_residence_years_min": e("§ 25a Abs. 1 S. 1 Nr. 1, Abs. 5 AufenthG", "Seit 3 Jahren ununterbrochen erlaubter, geduldeter oder gestatteter Aufenthalt", "Aufenthaltszeiten belegen; Lücken erklären"),
        "a_school_years_min": e("§ 25a Abs. 1 S. 1 Nr. 2 AufenthG", "In der Regel 3 Jahre erfolgreicher Schulbesuch im Bundesgebiet", "Schulbescheinigungen und Zeugnisse vorlegen"),
        "a_school_or_vocational_degree_DE": e("§ 25a Abs. 1 S. 1 Nr. 2 AufenthG", "Oder: anerkannter Schul- oder Berufsabschluss in Deutschland", "Schul- oder Berufsabschluss nachweisen"),
        "a_school_illness_exception": e("§ 25a Abs. 1 S. 1 Nr. 2 S. 2 AufenthG", "Ausnahme vom Schulbesuch wegen Krankheit oder Behinderung"),
        "a_integration_prognosis": e("§ 25a Abs. 1 S. 1 Nr. 4 AufenthG", "Positive Integrationsprognose", "Integrationsleistungen dokumentieren (Schule, Ausbildung, Ehrenamt)"),
        "a_no_fdgo_doubts": e("§ 25a Abs. 1 S. 1 Nr. 5 AufenthG", "Keine Anhaltspunkte gegen ein Bekenntnis zur freiheitlichen demokratischen Grundordnung", "Zweifel am Bekenntnis zur FDGO ausräumen"),
        "a_lu_exception_in_education": e("§ 25a Abs. 1 S. 2 AufenthG", "Sozialleistungsbezug während Schule, Ausbildung oder Studium unschädlich"),
        "a_identity": e("§ 25a Abs. 6, § 5 Abs. 1 Nr. 1a AufenthG", "Identität geklärt (für Inhaber nach § 104c: sonst Ermessen bei allen zumutbaren Schritten)", "Identität klären oder alle zumutbaren Schritte dokumentieren"),
        "10_3_ok": e("§ 25a Abs. 4 AufenthG", "Erteilung trotz § 10 Abs. 3 S. 2 möglich"),
        "a_excl_own_deception": e("§ 25a Abs. 1 S. 3 AufenthG", "Abschiebung nicht wegen eigener Täuschung oder Falschangaben ausgesetzt", "Täuschung beenden, wahre Identität offenlegen"),
        "a_crime": e("§ 25a Abs. 1 S. 1 Nr. 4, § 5 Abs. 1 Nr. 2 AufenthG", "Straftaten wirken über Ausweisungsinteresse und Integrationsprognose"),
        "a_holds_other_AE": e("§ 25a Abs. 1 S. 1 AufenthG", "Kein Besitz einer anderen Aufenthaltserlaubnis (außer § 104c)", "Prüfen, ob der bestehende Titel verlängert werden kann"),
        "a2_anchor": e("§ 25a Abs. 2 S. 1–5 AufenthG", "Familienangehörige/r einer Person mit Aufenthaltserlaubnis nach § 25a Abs. 1"),
        "a2_family_community": e("§ 25a Abs. 2 S. 2, 5 AufenthG", "Familiäre Lebensgemeinschaft mit der stammberechtigten Person", "Familiäre Lebensgemeinschaft nachweisen"),
        "a2_no_obstruction": e("§ 25a Abs. 2 S. 1 Nr. 1 AufenthG", "Abschiebung nicht durch eigene Falschangaben, Täuschung oder fehlende Mitwirkung verhindert", "Mitwirkungspflichten erfüllen"),
        "a2_lu_by_employment": e("§ 25a Abs. 2 S. 1 Nr. 2 AufenthG", "Lebensunterhalt eigenständig durch Erwerbstätigkeit gesichert", "Lebensunterhalt vollständig durch Arbeit sichern"),
        "a3_crime_50_90": e("§ 25a Abs. 3 AufenthG", "Keine Verurteilung wegen einer vorsätzlichen Straftat im Bundesgebiet; Geldstrafen bis 50 Tagessätze, bis 90 bei nur von Ausländern begehbaren Delikten, bleiben außer Betracht", "Tilgung abwarten oder atypischen Fall darlegen"),
        // § 25b
        "b_status": e("§ 25b Abs. 1 S. 1 AufenthG", "Geduldet (oder Inhaber einer AE nach § 104c)", "Duldungsstatus klären (bei einer bestehenden Aufenthaltserlaubnis: diese rechtzeitig verlängern)"),
        "b_residence_years_min": e("§ 25b Abs. 1 S. 2 Nr. 1 AufenthG", "Seit 6 Jahren ununterbrochen geduldeter, gestatteter oder erlaubter Aufenthalt", "Voraufenthaltszeiten belegen"),
        "b_residence_years_min_with_minor_child": e("§ 25b Abs. 1 S. 2 Nr. 1 AufenthG", "Seit 4 Jahren ununterbrochener Voraufenthalt (mit minderjährigem ledigem Kind im Haushalt)", "Voraufenthaltszeiten belegen"),
        "b_60b_counts_if_104c": e("§ 25b Abs. 7 AufenthG", "Zeiten nach § 60b zählen für Inhaber nach § 104c"),
        "b_fdgo_declaration": e("§ 25b Abs. 1 S. 2 Nr. 2 AufenthG", "Bekenntnis zur freiheitlichen demokratischen Grundordnung abgegeben", "Schriftliches Bekenntnis zur FDGO abgeben"),
        "b_civic_knowledge": e("§ 25b Abs. 1 S. 2 Nr. 2 AufenthG", "Grundkenntnisse der Rechts- und Gesellschaftsordnung („Leben in Deutschland“)", "Test „Leben in Deutschland“ ablegen"),
        "b_lu_mostly_by_work": e("§ 25b Abs. 1 S. 2 Nr. 3 AufenthG", "Lebensunterhalt überwiegend durch Erwerbstätigkeit gesichert (Wohngeld unschädlich)", "Erwerbstätigkeit aufnehmen oder ausweiten; Prognose belegen"),
        "b_lu_temp_benefits_ok": e("§ 25b Abs. 1 S. 3 AufenthG", "Vorübergehender Leistungsbezug unschädlich"),
        "b_german_level_min": e("§ 25b Abs. 1 S. 2 Nr. 4 AufenthG", "Hinreichende mündliche Deutschkenntnisse (A2)", "Mündliche Deutschkenntnisse A2 nachweisen (z. B. DTZ)"),
        "b_children_school_attendance": e("§ 25b Abs. 1 S. 2 Nr. 5 AufenthG", "Tatsächlicher Schulbesuch der Kinder im schulpflichtigen Alter", "Schulbescheinigungen der Kinder vorlegen"),
        "b_illness_age_exception": e("§ 25b Abs. 3 AufenthG", "Ausnahme wegen Krankheit, Behinderung oder Alter"),
        "b_identity": e("§ 25b Abs. 8, § 5 Abs. 1 Nr. 1a AufenthG", "Identität geklärt (für Inhaber nach § 104c: sonst Ermessen bei allen zumutbaren Schritten)", "Identität klären oder alle zumutbaren Schritte dokumentieren"),
        "b_excl_obstruction": e("§ 25b Abs. 2 Nr. 1 AufenthG", "Keine aktuelle Verhinderung der Abschiebung durch Täuschung oder fehlende Mitwirkung", "Mitwirkung aufnehmen (z. B. Passbeschaffung)"),
        "b_excl_crime": e("§ 25b Abs. 2 Nr. 2 AufenthG", "Kein Ausweisungsinteresse nach § 54 Abs. 1 oder Abs. 2 Nr. 1, 2"),
        "b_sustainable_integration": e("§ 25b Abs. 1 S. 1 AufenthG; BayVGH 19 CS 18.164", "Nachhaltige Integration nicht durch jahrelange falsche Identität widerlegt", "Gesamtwürdigung der Integration vorbereiten"),
        "b4_anchor": e("§ 25b Abs. 4 AufenthG", "Ehegatte, Lebenspartner oder minderjähriges lediges Kind einer begünstigten Person nach § 25b Abs. 1"),
        "b4_family_community": e("§ 25b Abs. 4 AufenthG", "Familiäre Lebensgemeinschaft mit der begünstigten Person", "Familiäre Lebensgemeinschaft nachweisen"),
        "b6_60d_months_min": e("§ 25b Abs. 6 AufenthG", "30 Monate im Besitz einer Beschäftigungsduldung"),
        "b6_60d_conditions_still_met": e("§ 25b Abs. 6 AufenthG", "Voraussetzungen der Beschäftigungsduldung weiterhin erfüllt", "Beschäftigungsduldung nach § 60d erlangen bzw. ihre Voraussetzungen wiederherstellen (§ 25b Abs. 6 frühestens 30 Monate nach ihrer Erteilung)"),
        "b6_german_oral_A2": e("§ 25b Abs. 6, § 2 Abs. 10 AufenthG", "Hinreichende mündliche Deutschkenntnisse (A2)", "Mündliche Deutschkenntnisse A2 nachweisen"),
        "b6_german_written_A2_if_course_possible": e("§ 25b Abs. 6 AufenthG", "Schriftliche Deutschkenntnisse A2, wenn ein Integrationskurs möglich war", "Schriftliche Deutschkenntnisse A2 nachweisen"),
        // § 104c
        "c_old_permit_continues": e("§ 104c Abs. 1 AufenthG n. F.", "Bestehende Aufenthaltserlaubnis nach § 104c gilt bis zum Ablauf fort"),
        "c_only_extend_as_25a_25b": e("§ 104c Abs. 2 S. 1, 2 AufenthG n. F.", "Verlängerung nur als § 25a oder § 25b"),
        "c_fiktion_only_25a_25b": e("§ 104c Abs. 2 S. 3 AufenthG n. F.", "Fiktionswirkung nur bei Antrag nach § 25a oder § 25b"),
        "c_new_grants_possible": e("Art. 5 ChAufenthG; § 104c AufenthG", "Neuerteilung des Chancen-Aufenthaltsrechts möglich (31.12.2022–30.12.2025)"),
        "c_pending_applications": e("§ 104c AufenthG (keine Übergangsregel)", "Behandlung bis 30.12.2025 gestellter, offener Anträge"),
        "c_geduldet": e("§ 104c Abs. 1 S. 1 AufenthG a. F.", "Geduldet", "Duldungsstatus klären"),
        "c_cutoff_date": e("§ 104c Abs. 1 S. 1 AufenthG a. F.", "Stichtag 31.10.2022"),
        "c_residence_years_min": e("§ 104c Abs. 1 S. 1, S. 3 AufenthG a. F.", "Am 31.10.2022 seit 5 Jahren ununterbrochen geduldeter, gestatteter oder erlaubter Aufenthalt"),
        "c_family_route": e("§ 104c Abs. 2 AufenthG a. F.", "Familienangehörige/r einer Person, die § 104c Abs. 1 erfüllt", "Voraussetzungen des § 104c Abs. 1 beim Familienmitglied herstellen (Familienweg)"),
        "c_fdgo_declaration": e("§ 104c Abs. 1 S. 1 Nr. 1 AufenthG a. F.", "Bekenntnis zur freiheitlichen demokratischen Grundordnung", "Bekenntnis zur FDGO abgeben"),
        "c_crime_threshold": e("§ 104c Abs. 1 S. 1 Nr. 2 AufenthG a. F.", "Keine Verurteilung wegen einer Straftat im Bundesgebiet; Geldstrafen bis 50 Tagessätze, bis 90 bei nur von Ausländern begehbaren Delikten, bleiben außer Betracht", "Tilgung abwarten oder atypischen Fall darlegen"),
        "c_excl_repeated_deception": e("§ 104c Abs. 1 S. 2 AufenthG a. F.", "Keine wiederholte Täuschung, die die Abschiebung verhindert", "Täuschung beenden"),
        "c_10_3_ok": e("§ 104c Abs. 3 S. 1 AufenthG a. F.", "Erteilung trotz § 10 Abs. 3 S. 2 möglich"),
        // § 60a / § 60b (status inputs)
        "duldung_mandatory": e("§ 60a Abs. 2 S. 1 AufenthG", "Anspruch auf Duldung bei Unmöglichkeit der Abschiebung"),
        "duldung_witness": e("§ 60a Abs. 2 S. 2 AufenthG", "Duldung für Zeugen"),
        "duldung_discretion": e("§ 60a Abs. 2 S. 3 AufenthG", "Ermessensduldung"),
        "duldung_parents_25a": e("§ 60a Abs. 2b AufenthG", "Duldung für Eltern eines minderjährigen Inhabers nach § 25a"),
        "duldung_expires_on_departure": e("§ 60a Abs. 5 S. 1 AufenthG", "Duldung erlischt mit der Ausreise"),
        "work_permit_duldung": e("§ 60a Abs. 5b AufenthG", "Beschäftigungserlaubnis für Geduldete"),
        "work_ban_60a6": e("§ 60a Abs. 6 AufenthG", "Kein Beschäftigungsverbot"),
        "work_ban_georgia_moldova_exception": e("§ 104 Abs. 18 AufenthG", "Ausnahme vom Beschäftigungsverbot für Georgien und Moldau"),
        "60b_trigger": e("§ 60b Abs. 1–3 AufenthG", "Duldung für Personen mit ungeklärter Identität"),
        "60b_exempt": e("§ 60b Abs. 2 S. 2 AufenthG", "Befreiung von der Passbeschaffungspflicht"),
        "60b_cure": e("§ 60b Abs. 4 AufenthG", "Nachholen der Mitwirkung"),
        "60b_not_counted": e("§ 60b Abs. 5 S. 1 AufenthG", "Zeiten nach § 60b zählen nicht als Vorduldungszeiten"),
        "60b_no_work": e("§ 60b Abs. 5 S. 2 AufenthG", "Keine Erwerbstätigkeit"),
        "60b_wohnsitzauflage": e("§ 60b Abs. 5 S. 3, § 61 Abs. 1d AufenthG", "Wohnsitzauflage"),
        "60b_counts_for_104c": e("§ 104c Abs. 1 S. 3 a. F., § 25a Abs. 5, § 25b Abs. 7 AufenthG", "Zeiten nach § 60b zählen für § 104c"),
        "60b_shield_60c_60d": e("§ 105 Abs. 3 AufenthG", "§ 60b nicht anwendbar bei Ausbildungs- oder Beschäftigungsduldung"),
        // § 60c
        "60c_training_type": e("§ 60c Abs. 1 S. 1 Nr. 1 Buchst. a, b AufenthG", "Qualifizierte Berufsausbildung oder Helferausbildung mit Anschlusszusage", "Ausbildungsvertrag für eine qualifizierte Ausbildung vorlegen"),
        "60c_route": e("§ 60c Abs. 1 S. 1 Nr. 1, 2 AufenthG", "Ausbildung im Asylverfahren begonnen oder als Geduldete/r aufgenommen", "Duldung beantragen"),
        "60c_duldung_months_min": e("§ 60c Abs. 2 Nr. 2 AufenthG", "Seit mindestens 3 Monaten im Besitz einer Duldung", "Duldungsbescheinigung sichern"),
        "60c_no_60a6": e("§ 60c Abs. 2 Nr. 1, § 60a Abs. 6 AufenthG", "Kein Beschäftigungsverbot nach § 60a Abs. 6", "Mitwirkung aufnehmen, Täuschung beenden"),
        "60c_identity_deadline": e("§ 60c Abs. 2 Nr. 3 AufenthG", "Identität fristgerecht geklärt (oder alle zumutbaren Schritte fristgerecht unternommen)", "Alle zumutbaren Schritte zur Identitätsklärung unternehmen (dann § 60c Abs. 7)"),
        "60c_identity_discretion": e("§ 60c Abs. 7 AufenthG", "Ermessen trotz verspäteter Identitätsklärung"),
        "60c_no_19d_6_7": e("§ 60c Abs. 2 Nr. 4, § 19d Abs. 1 Nr. 6, 7 AufenthG", "Kein Extremismus, keine Verurteilung über 50/90 Tagessätze, keine Ausweisung", "Tilgung abwarten oder atypischen Fall darlegen"),
        "60c_no_imminent_removal": e("§ 60c Abs. 2 Nr. 5 AufenthG", "Keine konkreten Maßnahmen zur Aufenthaltsbeendigung bei Antragstellung", "Rechtsberatung zur Abschiebungsvorbereitung einholen"),
        "60c_timing": e("§ 60c Abs. 3 AufenthG", "Antrag frühestens 7 Monate, Erteilung frühestens 6 Monate vor Ausbildungsbeginn; Vertrag eingetragen", "Eintragung des Ausbildungsvertrags beantragen"),
        // § 60d
        "60d_entry_cutoff": e("§ 60d Abs. 1 AufenthG", "Einreise bis zum 31.12.2022 (auch Ehegatte/Lebenspartner)"),
        "60d_identity_deadline": e("§ 60d Abs. 1 Nr. 1 AufenthG", "Identität fristgerecht geklärt (oder alle zumutbaren Schritte fristgerecht unternommen)", "Alle zumutbaren Schritte zur Identitätsklärung unternehmen (dann § 60d Abs. 4)"),
        "60d_identity_discretion": e("§ 60d Abs. 4 AufenthG", "Ermessen trotz verspäteter Identitätsklärung"),
        "60d_duldung_months_min": e("§ 60d Abs. 1 Nr. 2 AufenthG", "Seit mindestens 12 Monaten im Besitz einer Duldung", "Duldungsbescheinigung sichern"),
        "60d_employment_months_min": e("§ 60d Abs. 1 Nr. 3 AufenthG", "Seit mindestens 12 Monaten sozialversicherungspflichtig beschäftigt (mind. 20 Std./Woche)", "Sozialversicherungspflichtige Beschäftigung aufnehmen"),
        "60d_weekly_hours_min": e("§ 60d Abs. 1 Nr. 3 AufenthG", "Regelmäßige Arbeitszeit mindestens 20 Stunden pro Woche", "Arbeitszeit auf mindestens 20 Stunden erhöhen"),
        "60d_lu_last_12_months": e("§ 60d Abs. 1 Nr. 4 AufenthG", "Lebensunterhalt in den 12 Monaten vor Antragstellung durch die Beschäftigung gesichert", "Lebensunterhalt durch Beschäftigung sichern"),
        "60d_lu_current": e("§ 60d Abs. 1 Nr. 5 AufenthG", "Lebensunterhalt aktuell durch die Beschäftigung gesichert", "Lebensunterhalt durch Beschäftigung sichern"),
        "60d_german_oral_A2": e("§ 60d Abs. 1 Nr. 6, § 2 Abs. 10 AufenthG", "Hinreichende mündliche Deutschkenntnisse (A2)", "Mündliche Deutschkenntnisse A2 nachweisen"),
        "60d_no_conviction": e("§ 60d Abs. 1 Nr. 7 AufenthG", "Keine Verurteilung wegen einer vorsätzlichen Straftat (auch Ehegatte/Lebenspartner)", "Tilgung abwarten oder atypischen Fall darlegen"),
        "60d_no_extremism": e("§ 60d Abs. 1 Nr. 8 AufenthG", "Keine Bezüge zu extremistischen oder terroristischen Organisationen", "Vorwurf prüfen lassen"),
        "60d_no_expulsion_order": e("§ 60d Abs. 1 Nr. 9 AufenthG", "Keine Ausweisungsverfügung und keine Abschiebungsanordnung nach § 58a", "Rechtsmittel gegen die Ausweisung prüfen"),
        "60d_children_ok": e("§ 60d Abs. 1 Nr. 10 AufenthG", "Schulbesuch der Kinder nachgewiesen, keine Ausweisungsinteressen der Kinder", "Schulbesuch der Kinder nachweisen"),
        "60d_integration_course": e("§ 60d Abs. 1 Nr. 11 AufenthG", "Verpflichtender Integrationskurs abgeschlossen (oder Abbruch nicht zu vertreten)", "Integrationskurs abschließen"),
        "60d_no_60a6": e("§ 60a Abs. 6, § 4a Abs. 4 AufenthG", "Kein Beschäftigungsverbot nach § 60a Abs. 6", "Mitwirkung aufnehmen, Täuschung beenden"),
        "60d_not_60b": e("§ 105 Abs. 3 AufenthG", "§ 60b steht der Beschäftigungsduldung nicht entgegen"),
        // § 16g
        "16g_training_type": e("§ 16g Abs. 1 AufenthG", "Qualifizierte Berufsausbildung oder Helferausbildung mit Anschlusszusage", "Ausbildungsvertrag für eine qualifizierte Ausbildung vorlegen"),
        "16g_route": e("§ 16g Abs. 1 AufenthG", "Ausbildung im Asylverfahren begonnen oder als Geduldete/r aufgenommen", "Duldung beantragen"),
        "16g_duldung_months_min": e("§ 16g Abs. 2 Nr. 2 AufenthG", "Seit mindestens 3 Monaten im Besitz einer Duldung", "Duldungsbescheinigung sichern"),
        "16g_no_60a6": e("§ 16g Abs. 2 Nr. 1, § 60a Abs. 6 AufenthG", "Kein Beschäftigungsverbot nach § 60a Abs. 6", "Mitwirkung aufnehmen, Täuschung beenden"),
        "16g_identity_deadline": e("§ 16g Abs. 2 Nr. 3 AufenthG", "Identität fristgerecht geklärt (oder alle zumutbaren Schritte fristgerecht unternommen)", "Alle zumutbaren Schritte zur Identitätsklärung unternehmen (dann § 16g Abs. 6)"),
        "16g_identity_discretion": e("§ 16g Abs. 6, Abs. 10 S. 5 AufenthG", "Ermessen trotz verspäteter Identitätsklärung"),
        "16g_no_19d_6_7": e("§ 16g Abs. 2 Nr. 4, § 19d Abs. 1 Nr. 6, 7 AufenthG", "Kein Extremismus, keine Verurteilung über 50/90 Tagessätze, keine Ausweisung", "Tilgung abwarten oder atypischen Fall darlegen"),
        "16g_no_imminent_removal": e("§ 16g Abs. 2 Nr. 5 AufenthG", "Keine konkreten Maßnahmen zur Aufenthaltsbeendigung bei Antragstellung", "Rechtsberatung zur Abschiebungsvorbereitung einholen"),
        "16g_timing": e("§ 16g Abs. 3 AufenthG", "Antrag frühestens 7 Monate, Erteilung frühestens 6 Monate vor Ausbildungsbeginn; Vertrag eingetragen", "Eintragung des Ausbildungsvertrags beantragen"),
        "16g_lu_secured": e("§ 5 Abs. 1 Nr. 1, § 2 Abs. 3 S. 5, § 16g Abs. 10 AufenthG", "Lebensunterhalt gesichert (BAföG-Bedarf genügt)", "Sicherung des Lebensunterhalts nachweisen (Ausbildungsvergütung, BAB)"),
        // § 19d
        "19d_geduldet": e("§ 19d Abs. 1, Abs. 4 AufenthG", "Geduldet (oder nach Abs. 4 Aufenthaltserlaubnis nach Kapitel 2 Abschnitt 5 nach abgelehntem Asylantrag)", "Duldungsstatus klären"),
        "19d_qualification": e("§ 19d Abs. 1 Nr. 1 AufenthG", "Qualifikation: Berufsausbildung oder Studium in Deutschland, anerkannter Abschluss mit 2 Jahren oder 3 Jahre qualifizierte Beschäftigung", "Qualifikationsnachweise vorlegen"),
        "19d_housing": e("§ 19d Abs. 1 Nr. 2 AufenthG", "Ausreichender Wohnraum", "Mietvertrag bzw. Wohnraumnachweis vorlegen"),
        "19d_german_B1": e("§ 19d Abs. 1 Nr. 3, § 2 Abs. 11 AufenthG", "Ausreichende Deutschkenntnisse (B1)", "Deutschkenntnisse B1 nachweisen"),
        "19d_no_deception_of_authority": e("§ 19d Abs. 1 Nr. 4 AufenthG", "Keine vorsätzliche Täuschung der Ausländerbehörde"),
        "19d_no_obstruction": e("§ 19d Abs. 1 Nr. 5 AufenthG", "Keine vorsätzliche Verzögerung oder Behinderung aufenthaltsbeendender Maßnahmen"),
        "19d_no_extremism": e("§ 19d Abs. 1 Nr. 6 AufenthG", "Keine Bezüge zu extremistischen oder terroristischen Organisationen", "Vorwurf prüfen lassen"),
        "19d_crime_50_90": e("§ 19d Abs. 1 Nr. 7 AufenthG", "Keine Verurteilung wegen einer vorsätzlichen Straftat im Bundesgebiet; Geldstrafen bis 50 Tagessätze, bis 90 bei nur von Ausländern begehbaren Delikten, bleiben außer Betracht", "Tilgung abwarten oder atypischen Fall darlegen"),
        "19d_matching_job": e("§ 19d Abs. 1, Abs. 1a AufenthG", "Der Qualifikation entsprechende Beschäftigung oder konkretes Arbeitsplatzangebot", "Qualifikationsentsprechendes Arbeitsplatzangebot vorlegen"),
        "19d1a_prereq": e("§ 19d Abs. 1a AufenthG", "Ausbildung unter Ausbildungsduldung erfolgreich abgeschlossen", "Qualifizierte Ausbildung mit Ausbildungsduldung (§ 60c) erfolgreich abschließen und Zeugnis vorlegen"),
        // § 25 Abs. 5
        "25_5_duldung_months_min": e("§ 25 Abs. 5 S. 2 AufenthG", "Abschiebung seit 18 Monaten ausgesetzt (Soll statt Kann)"),
        "25_5_enforceably_obliged": e("§ 25 Abs. 5 S. 1 AufenthG", "Vollziehbar ausreisepflichtig", "Aufenthaltsstatus klären"),
        "25_5_departure_impossible": e("§ 25 Abs. 5 S. 1 AufenthG", "Ausreise aus rechtlichen oder tatsächlichen Gründen unmöglich, Wegfall nicht absehbar", "Ausreisehindernis belegen (z. B. Botschaftsauskünfte, Atteste)"),
        "25_5_not_at_fault": e("§ 25 Abs. 5 S. 3, 4 AufenthG", "Ausreisehindernis unverschuldet", "Zumutbare Anforderungen zur Beseitigung des Ausreisehindernisses erfüllen"),
    ]

    /// German description of an open point: a U-point of spec/13-open-questions.md or a fact name of CASES.md.
    /// - Parameter names: how to name other persons of the household by id (their names on a staff page); an id
    ///   without a name is shown as it is.
    /// A missing fact of the family rather than of the person: the relations, the household, or a relative's own fact
    /// ("c0/born"). Neither a flat screening row nor the client's consent can supply one.
    public static func isFamilyFact(_ fact: String) -> Bool {
        fact == "relations" || fact == "household" || fact.utf8.contains(UInt8(ascii: "/"))
    }

    public static func describeOpen(_ key: String, names: [String: String] = [:]) -> String {
        if let u = openQuestions[key] { return "\(key): \(u)" }
        // "person/fact" names a fact of another household member; "parent/child/fact" one of a person reached through
        // another (an anchor's anchor): the fact is the last person's. (Searched as a byte, not split into arrays:
        // pages call this a lot, and finding a Character walks grapheme clusters.)
        if let slash = key.utf8.lastIndex(of: UInt8(ascii: "/")), slash != key.startIndex, key.index(after: slash) != key.endIndex {
            let path = key[..<slash]
            let person = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[path.index(after: $0)...]) } ?? String(path)
            return "\(describeFact(String(key[key.index(after: slash)...]))) von \(names[person] ?? person)"
        }
        return describeFact(key)
    }

    static func describeFact(_ f: String) -> String {
        if let g = factNames[f] ?? subfactNames[f] { return g }
        if let dot = f.firstIndex(of: "."), let g = factNames[String(f[..<dot])] { return g }
        return f
    }

    /// An open legal question of spec/13-open-questions.md ("U3"), not a missing fact.
    public static func isOpenQuestion(_ key: String) -> Bool { openQuestions[key] != nil }

    /// A U-point's question without its number (for texts that name the number already).
    public static func describeQuestion(_ key: String) -> String { openQuestions[key] ?? describeOpen(key) }

    /// The parts of a fact the engine asks for by name (a counselor reads German, not field paths).
    static let subfactNames: [String: String] = [
        "asylum.applied_on": "Datum des Asylantrags", "asylum.decided_on": "Datum der Asylentscheidung",
        "asylum.decision": "Ausgang des Asylverfahrens", "asylum.ou_basis": "Rechtsgrundlage der „offensichtlich unbegründet“-Ablehnung",
        "asylum.rejected_as": "Art der Asylablehnung", "bars.abs4_ground": "zwingender Versagungsgrund (§ 5 Abs. 4)",
        "bars.entry_ban": "Einreise- und Aufenthaltsverbot", "bars.expulsion_order": "Ausweisungsverfügung",
        "bars.extremism": "Extremismus (§ 19d Abs. 1 Nr. 6)", "bars.other_expulsion_interest": "sonstiges Ausweisungsinteresse",
        "conduct.current_obstruction": "aktuelle Verhinderung der Abschiebung (Täuschung, fehlende Mitwirkung)",
        "conduct.integration_rests_on_false_identity": "Integration unter falscher Identität",
        "departure.own_fault": "Ausreisehindernis selbst zu vertreten?",
        "departure.impossible_since": "Ausreise unmöglich seit", "departure.end_foreseeable": "Wegfall des Ausreisehindernisses absehbar?",
        // The exception of § 60a Abs. 6 S. 1 Nr. 3 for unaccompanied minors, not the asylum procedure (QA36 F6).
        "asylum.unaccompanied_minor_welfare": "Ausnahme für unbegleitete Minderjährige (§ 60a Abs. 6 S. 1 Nr. 3)", "identity.clarified_on": "Datum der Identitätsklärung",
        "integration_course.possible": "Integrationskurs möglich?", "livelihood.own_work_share": "Anteil eigener Erwerbstätigkeit am Lebensunterhalt",
        "training.follow_on_place_confirmed": "Zusage eines Anschlussplatzes (Helferausbildung)",
        "training.registered_on": "Eintragung des Ausbildungsvertrags",
    ]

    static let openQuestions: [String: String] = [
        "U1": "Inhalt des Gesetzes vom 22.07.2026 (BGBl. 2026 I Nr. 222) nicht berücksichtigt",
        "U2": "Behandlung bis 30.12.2025 gestellter, nicht beschiedener Anträge nach § 104c",
        "U3": "Unterbrechen Zeiten nach § 60b die Kette oder zählen sie nur nicht mit?",
        "U4": "Genaues Inkrafttreten der Neufassung des § 60d (27.02. oder 01.03.2024)",
        "U5": "Maßgebliche Fassung des § 10 Abs. 3 S. 2 nach der GEAS-Anpassung",
        "U6": "Gemischte Geldstrafen bzw. jugendstrafrechtliche Sanktionen ohne Jugendstrafe",
        "U7": "Sicherer Herkunftsstaat (Rechtsverordnung nach § 29b AsylG nicht geprüft)",
        "U8": "Nicht gesetzlich festgelegte Schwellenwerte (50 %, 14 Jahre, 3-Monats-Regel)",
        "U9": "Schriftliche A2-Kenntnisse bei § 25b Abs. 6 für jedes Familienmitglied?",
        "U10": "Fundstellen älterer Gesetze nicht vollständig geprüft",
        "U11": "BMI-Anwendungshinweise nicht vollständig verfügbar",
        "U12": "Lücken zwischen einigen Tagen und 3 Monaten in der Kette des § 25a",
    ]

    static let factNames: [String: String] = [
        "born": "Geburtsdatum", "nationality": "Staatsangehörigkeit", "safe_country_of_origin": "sicherer Herkunftsstaat",
        "marital_status": "Familienstand", "entered": "Einreisedatum", "entered_with_visa": "Einreise mit Visum",
        "entered_for_benefits": "Einreise zum Leistungsbezug", "status": "Aufenthaltsstatus (lückenlose Statushistorie)",
        "asylum": "Asylverfahren", "identity": "Identitätsklärung", "passport": "Pass", "german": "Deutschzertifikate",
        "civic_test_passed_on": "Test „Leben in Deutschland“", "fdgo_declaration_on": "Bekenntnis zur FDGO",
        "fdgo_doubts": "Zweifel am Bekenntnis zur FDGO", "integration_prognosis": "Integrationsprognose",
        "integration_course": "Integrationskurs", "livelihood": "Lebensunterhalt", "lu_prognosis_full": "Prognose Lebensunterhalt",
        "single_parent_work_unreasonable": "Alleinerziehend, Arbeit unzumutbar", "caring_for_relative": "Pflege von Angehörigen",
        "housing_sufficient": "ausreichender Wohnraum", "matching_job_offer": "qualifikationsentsprechendes Arbeitsangebot",
        "employment": "Beschäftigung", "education": "Schul- und Ausbildungszeiten", "degrees": "Abschlüsse",
        "training": "Berufsausbildung", "convictions": "Verurteilungen", "conduct": "Mitwirkung und Täuschung",
        "bars": "Ausschlussgründe", "inability": "Krankheit, Behinderung oder Alter", "departure": "Ausreisehindernis",
        "removal_measures": "aufenthaltsbeendende Maßnahmen", "household": "häusliche Gemeinschaft", "relations": "Familienbeziehungen",
        "informed_per_104c_abs4": "Belehrung nach § 104c Abs. 4",
        // A screening column, not a fact of the case file: a flat row's children without birth dates.
        "children_born": "Geburtsdaten der Kinder (Spalte children_born)",
    ]
}
