import Eligibility

/// Facts that cannot be true, whichever pathway they feed: an event of the past dated after today, or anything before
/// the birth. Keys are case-file paths ("german[0].date"), messages German.
public enum FactPlausibility {
    public static func problems(_ p: Person, today: Day) -> [String: String] {
        var out: [String: String] = [:]
        func check(_ path: String, _ day: Day?, _ what: String, after floor: (Day?, String)? = nil, future: Bool = false) {
            guard let day, out[path] == nil else { return }
            let notBefore = floor.flatMap { f in f.0.map { ($0, f.1) } }
            out[path] = RecordDates.problem(day, what, today: today, born: path == "born" ? nil : p.born, notBefore: notBefore, future: future)
        }
        func event(_ e: EventDate) -> Day? { if case .on(let d) = e { return d } else { return nil } }
        // Codes of real states only, as the form offers them (QA of 05.12.2026: "ZZZ" was taken by the API and then
        // blocked every save of the form).
        let codeMessage = "Kein bekannter dreistelliger Staatencode (ISO 3166-1 alpha-3, z. B. AFG, IRQ; XXA für staatenlos)."
        if let n = p.nationality, !CountryCodes.isValid(n) { out["nationality"] = codeMessage }
        for (i, d) in (p.degrees ?? []).enumerated() { if let c = d.country, !CountryCodes.isValid(c) { out["degrees[\(i)].country"] = codeMessage } }
        check("born", p.born, "Das Geburtsdatum")
        // A marriage of someone under 16 is void, a foreign one too (§ 1303 S. 2 BGB, Art. 13 Abs. 3 Nr. 1 EGBGB): a
        // child recorded as married is a typo that excludes it from the children's routes (QA43 C4: a 7-year-old).
        if let b = p.born, b.age(on: today) < 16, let m = p.maritalStatus, m != .single {
            out["marital_status"] = "Die Person ist jünger als 16 Jahre; eine Ehe wäre nach deutschem Recht unwirksam (§ 1303 S. 2 BGB, Art. 13 Abs. 3 Nr. 1 EGBGB). Bitte „ledig“ wählen oder das Geburtsdatum prüfen."
        }
        check("entered", p.entered, "Die Einreise")
        for (i, g) in (p.german ?? []).enumerated() { check("german[\(i)].date", g.date, "Ein Sprachnachweis") }
        check("civic_test_passed_on", event(p.civicTestPassedOn), "Der bestandene Test")
        check("fdgo_declaration_on", event(p.fdgoDeclarationOn), "Das Bekenntnis")
        if let id = p.identity {
            check("identity.clarified_on", event(id.clarifiedOn), "Die Klärung der Identität")
            check("identity.all_steps_taken_on", event(id.allStepsTakenOn), "Die Mitwirkung")
        }
        for (i, d) in (p.degrees ?? []).enumerated() { check("degrees[\(i)].on", d.on, "Ein Abschluss") }
        for (i, c) in (p.convictions ?? []).enumerated() {
            check("convictions[\(i)].date", c.date, "Eine Verurteilung")
            // No one is convicted for what they did under 14 (§ 19 StGB): a judgment before the 14th birthday is a typo.
            // German law only: another state's age of criminal responsibility may be lower (QA27 R7).
            if c.inGermany == true, let d = c.date, let b = p.born, d < b.birthday(14), out["convictions[\(i)].date"] == nil {
                out["convictions[\(i)].date"] = "Die Verurteilung liegt vor dem 14. Geburtstag (\(b.birthday(14).german)); wer bei der Tat jünger als 14 war, ist schuldunfähig (§ 19 StGB). Bitte das Datum prüfen."
            }
            // More than 720 day fines (§ 54 Abs. 2 S. 2 StGB) the decoder refuses, in German on the pages (`DecoderMessages`).
        }
        // The order of a procedure's or a training's own dates, and past events not after today (QA of 06.12.2026:
        // a training passed before it began, an asylum decision final before it was made, were saved).
        if let a = p.asylum {
            check("asylum.applied_on", event(a.appliedOn), "Der Asylantrag")
            check("asylum.decided_on", a.decidedOn, "Die Asylentscheidung", after: (event(a.appliedOn), "an diesem Tag wurde der Asylantrag gestellt"))
            check("asylum.final_on", a.finalOn, "Die Bestandskraft", after: (a.decidedOn ?? event(a.appliedOn), a.decidedOn != nil ? "an diesem Tag wurde entschieden" : "an diesem Tag wurde der Asylantrag gestellt"))
        }
        if let c = p.integrationCourse { check("integration_course.completed_on", event(c.completedOn), "Der Abschluss des Integrationskurses") }
        if let d = p.departure { check("departure.impossible_since", event(d.impossibleSince), "Der Beginn der Unmöglichkeit der Ausreise") }
        for (i, t) in (p.training ?? []).enumerated() {
            let start = (Optional(t.from), "an diesem Tag beginnt die Ausbildung")
            check("training[\(i)].from", t.from, "Der Beginn der Ausbildung", future: true)
            check("training[\(i)].planned_end", t.plannedEnd, "Das geplante Ende", after: start, future: true)
            check("training[\(i)].registered_on", event(t.registeredOn), "Die Eintragung")
            check("training[\(i)].passed_on", event(t.passedOn), "Der Abschluss", after: start)
            check("training[\(i)].ended_early_on", event(t.endedEarlyOn), "Der Abbruch", after: start)
        }
        return out
    }
}
