import Counseling
import Foundation

/// Editing every fact the engine reads, in the case-file schema (JSON), with the German meaning of each field.
public enum FactsPage {
    public static let fields: [(String, String)] = [
        ("born", "Geburtsdatum (JJJJ-MM-TT)"), ("nationality", "Staatsangehörigkeit, ISO-Code (XXA = staatenlos)"),
        ("safe_country_of_origin", "sicherer Herkunftsstaat (true/false; leer = wird abgeleitet)"),
        ("marital_status", "Familienstand: single, married, registered_partnership, divorced, widowed"),
        ("entered", "Einreisedatum"), ("entered_with_visa", "mit dem erforderlichen Visum eingereist"),
        ("entered_for_benefits", "eingereist, um Leistungen nach dem AsylbLG zu erhalten (§ 60a Abs. 6 Nr. 1)"),
        ("asylum", "Asylverfahren: applied_on, decision (pending/rejected/withdrawn/granted), decided_on, rejected_as, ou_basis"),
        ("identity", "Identität: clarified_on (Datum oder null), all_steps_taken_on (alle zumutbaren Schritte)"),
        ("passport", "gültiger Pass oder Passersatz"),
        ("german", "Deutschzertifikate: [{level: A1…C2, scope: oral/written/full, date}]"),
        ("civic_test_passed_on", "Test „Leben in Deutschland“ bestanden am"), ("fdgo_declaration_on", "Bekenntnis zur FDGO abgegeben am"),
        ("fdgo_doubts", "konkrete Zweifel am Bekenntnis zur FDGO (§ 25a)"), ("integration_prognosis", "Integrationsprognose: positive/negative"),
        ("integration_course", "Integrationskurs: possible, obliged, completed_on, dropout_not_at_fault"),
        ("livelihood", "Lebensunterhalt je Zeitraum: from, to, work_share (Anteil durch Arbeit, 0–1), own_work_share, public_funds, wohngeld, benefits_temporary, bafoeg_need_covered"),
        ("lu_prognosis_full", "Prognose: volle Sicherung des Lebensunterhalts zu erwarten (§ 25b Abs. 1 S. 2 Nr. 3)"),
        ("single_parent_work_unreasonable", "alleinerziehend mit minderjährigen Kindern, Arbeit unzumutbar (§ 10 Abs. 1 Nr. 3 SGB II)"),
        ("caring_for_relative", "pflegt einen nahen Angehörigen"),
        ("housing_sufficient", "ausreichender Wohnraum (§ 19d Abs. 1 Nr. 2)"),
        ("matching_job_offer", "konkretes Arbeitsplatzangebot passend zur Qualifikation (§ 19d)"),
        ("employment", "Beschäftigung: from, to, hours (Wochenstunden), insured (sozialversicherungspflichtig), qualified, matches_qualification"),
        ("education", "Schule/Studium: kind (school/university/vocational_preparation), from, to, successful"),
        ("degrees", "Abschlüsse: kind (school/vocational/care_assistant/university), on, country, recognised"),
        ("training", "Ausbildung: kind (qualified/helper), from, planned_end, registered_on, passed_on, ended_early_on"),
        ("convictions", "Verurteilungen: date, intentional, in_germany, still_registered, foreigners_only, day_fines | prison_months | juvenile_months, suspended"),
        ("conduct", "Mitwirkung: current_obstruction [deception, false_statements, non_cooperation], past_deception, past_obstruction, deception_repeated, integration_rests_on_false_identity – oder \"none\""),
        ("bars", "Ausschlussgründe: entry_ban, abs4_ground, s54_abs1_other, other_expulsion_interest, expulsion_order, extremism – oder \"none\""),
        ("inability", "Krankheit/Behinderung/Alter: school, livelihood, german, reason"),
        ("departure", "Ausreisehindernis: impossible_since, end_foreseeable, own_fault"),
        ("removal_measures", "konkrete Maßnahmen zur Aufenthaltsbeendigung: []"),
        ("informed_per_104c_abs4", "als früherer Inhaber einer § 104c-Erlaubnis von der Behörde nach § 104c Abs. 4 belehrt"),
    ]

    /// `revision`, `changedMeanwhile`: as for `FactsForm.render`.
    public static func render(frame: PageFrame, client: Client, json: String, revision: Int? = nil, changedMeanwhile: Bool = false, error: String?) -> HTML {
        let help = fields.map { "<tr><th scope=\"row\"><code>\($0.0)</code></th><td>\($0.1)</td></tr>" as HTML }
        return Layout.page(frame, """
        <h1>Angaben: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Alle Angaben, die die Prüfung liest, im Format der Falldateien. Eine fehlende Angabe gilt als unbekannt – nie als „nein“. „null“ bei einem Datum bedeutet „nie“.</p>
        \(changedMeanwhile ? Layout.changedMeanwhile(client) : error.map { "<p class=\"error\" id=\"facts-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/clients/\(client.id)/facts/json">
        \(Layout.csrf(frame.csrf))\(Layout.revision(revision ?? client.revision))
        <label for="facts">Angaben (JSON)</label>
        <textarea id="facts" name="facts" rows="28" cols="100" spellcheck="false"\(error == nil ? HTML.empty : " aria-invalid=\"true\" aria-describedby=\"facts-error\"")>\(json)</textarea>
        <p><button type="submit">Speichern und prüfen</button> <a href="/clients/\(client.id)">Abbrechen</a></p>
        </form>
        <h2>Bedeutung der Felder</h2>
        <table><caption class="visually-hidden">Bedeutung der Felder</caption>\(help)</table>
        """)
    }

    /// Indents a compact JSON object for editing.
    public static func pretty(_ json: String) -> String {
        guard let data = json.data(using: .utf8), let obj = try? JSONSerialization.jsonObject(with: data),
              let out = try? JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys]) else { return json }
        return String(decoding: out, as: UTF8.self)
    }
}
