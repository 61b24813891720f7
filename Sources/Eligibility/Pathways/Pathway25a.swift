// § 25a AufenthG – well-integrated youths and young adults (spec/02-25a.md 2.8).

extension Context {
    /// The rule version in force on `R_dec`; records it, and fails `law_in_force` when there is none. Before a
    /// provision comes into force, `law_in_force` fails for time and the other conditions are judged on `R_dec` under
    /// the version that will come into force, as spec/04-104c.md 4.5 does for § 104c before 31.12.2022: what is
    /// missing then (a passport, a declaration) is `not_met`, not `excluded` (QA of 06.12.2026). Nil when the
    /// provision is no longer in force and will not be again.
    func inForce<R>(_ s: inout Sheet, _ rules: DatedRules<R>) -> R? {
        if s.explains { s.versions.append(rules.reference(on: decision)) }
        if let r = rules.rules(on: decision) { return r }
        if let next = rules.nextInForce(after: decision) {
            notInForce(&s, until: next)
            if s.explains { s.versions.append(rules.reference(on: next)) }
            return rules.rules(on: next)
        }
        notInForce(&s, until: nil)
        return nil
    }

    /// Fails `law_in_force` until `next` (nil: never). A pathway resting on two provisions (§ 25b and its Abs. 6) lists
    /// the condition once, with the later start (QA of 06.12.2026: it was listed twice).
    private func notInForce(_ s: inout Sheet, until next: Day?) {
        guard let i = s.index(of: "law_in_force") else {
            if let next { s.fail("law_in_force", .time, metFrom: next) } else { s.fail("law_in_force", .permanent) }
            return
        }
        guard s.conditions[i].state == .failing(.time) else { return }
        if let next {
            if let before = s.conditions[i].metFrom, before >= next { return }
            s.conditions[i].metFrom = next
        } else {
            s.conditions[i] = ConditionResult("law_in_force", .failing(.permanent))
        }
    }

    /// A § 104c holder on `R_dec` while the § 104c branch of §§ 25a/25b is in force.
    func isCarHolder(branch: Bool) -> Bool? {
        guard branch else { return false }
        return subject.holds104c(on: decision)
    }

    func evaluate25a() -> Sheet {
        var s = sheet(.soll)
        caveats(&s)
        guard let r = inForce(&s, Law.p25a) else { return s }
        let holder = isCarHolder(branch: r.car104cBranch)

        // Nr. 0: § 104c holder, or 12 months of held Duldung (version 2015: geduldet on R_dec).
        if holder == true {
            s.met("a_status_entry", "Inhaber einer Aufenthaltserlaubnis nach § 104c")
        } else if let months = r.duldungMonths {
            let v = StatusColumn.duldung25a.verdict(timeline, reference: decision, length: .months(months))
            let holdsNow = holdsIssuedDuldung(on: decision)
            chainCondition(&s, "a_status_entry", v, timeAllowed: holdsNow == true)
        } else {
            s.require("a_status_entry", isGeduldet(on: decision, includeDuldungsfiktion: false), fact: "status", .remediable)
        }

        // Age: at least 14 on R_dec (M, U8); application before the 27th (21st) birthday.
        if let born = person.born {
            if born.age(on: decision) >= 14 { s.met("a_age_min") } else { s.fail("a_age_min", .time, metFrom: born.birthday(14)) }
            let limit = born.birthday(r.ageLimit)
            if application < limit { s.met("a_application_before_27") } else {
                // Not "last day to apply": the limit may have passed before § 25a, or this limit, was in force (QA of 05.12.2026).
                s.fail("a_application_before_27", .permanent, "\(r.ageLimit). Geburtstag am \(limit.german); der Antrag muss davor gestellt sein")
            }
        } else {
            s.unknown("a_age_min", ["born"]); s.unknown("a_application_before_27", ["born"])
        }
        if s.settled { return s }
        // Only where it can matter: not for an adult (QA41 L10: the note stood under 46-year-olds).
        if person.born.map({ $0.age(on: decision) < 18 }) ?? true {
            s.note("Mindestalter 14 Jahre ist Praxis, nicht Gesetzestext (U8).", "§ 25a Abs. 1 S. 1 AufenthG; spec/13-open-questions.md U8")
        }

        // Nr. 1: years of uninterrupted stay.
        let chain = holder == true ? StatusColumn.residence25aHolder : StatusColumn.residence25a
        chainCondition(&s, "a_residence_years_min", chain.verdict(timeline, reference: decision, length: .years(r.residenceYears)))

        school25a(&s, years: r.schoolYears, illnessException: r.illnessException)

        s.require("a_integration_prognosis", person.integrationPrognosis.map { $0 == .positive }, fact: "integration_prognosis", .remediable)
        s.require("a_no_fdgo_doubts", person.fdgoDoubts.map { !$0 }, fact: "fdgo_doubts", .remediable)

        // Abs. 1 S. 2: benefits are harmless during school, training or university.
        if inEducation(on: decision) == true {
            s.met("a_lu_exception_in_education")
        } else {
            genLuSecured(&s, waivable: true)
        }

        identityForCarHolder(&s, id: "a_identity", holder: holder)
        genPassport(&s, waivable: true)
        genNoExpulsionInterest(&s, waivable: true)
        genVisaEntry(&s, waivable: true)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: true)
        s.met("10_3_ok")

        let obstruction = person.conduct?.currentObstruction
        s.require("a_excl_own_deception", obstruction.map { !$0.contains(.deception) && !$0.contains(.falseStatements) },
                  fact: "conduct.current_obstruction", .remediable)
        holdsOtherTitle(&s, id: "a_holds_other_AE", carBranch: r.car104cBranch)
        return s
    }

    /// In school, vocational training or at university on `day`; nil if unknown.
    func inEducation(on day: Day) -> Bool? {
        let edu = person.education.map { $0.contains { $0.covers(day) } }
        let training = person.training.map { $0.contains { $0.isOngoing(on: day) } }
        return anyOf(edu, training)
    }

    /// § 25a Nr. 2: three years of successful school, a German degree, or the illness exception.
    func school25a(_ s: inout Sheet, years: Int, illnessException: Bool) {
        var schoolYears: Bool? = nil
        var metFrom: Day? = nil
        if let education = person.education {
            let periods = education.filter { $0.kind == .school && $0.from <= decision }
            if periods.contains(where: { $0.successful == nil }) {
                schoolYears = nil
            } else {
                let successful = periods.filter { $0.successful == true }
                if let first = successful.map { $0.from }.min() {
                    let required = first.days(to: first.adding(years: years))
                    // Parallel or overlapping periods count each day once (QA of 06.12.2026: counted twice).
                    let have = Intervals.coveredDays(successful.map { ($0.from, min($0.to ?? decision, decision)) })
                    schoolYears = have >= required
                    if have < required, successful.contains(where: { $0.covers(decision) && $0.to == nil }) {
                        metFrom = decision.adding(days: required - have)
                    }
                    // The day sum (1.7.4) and K1's rule for a running period differ by one day here: flagged (§1.8).
                    if have - required == 0 || have - required == -1 {
                        s.note("Grenzfall: Die Schulzeiten erreichen die \(years) Jahre \(have == required ? "genau" : "bis auf einen Tag") – ±1 Tag manuell prüfen (§§ 187, 188 BGB i. V. m. § 31 VwVfG).",
                               "spec/01-common.md §1.8")
                    }
                } else { schoolYears = false }
            }
        }
        // `education` and `degrees` (CASES.md §4): school years or a degree; an omitted one is unknown, not "none".
        let degree: Bool? = person.degrees.map { $0.contains { ($0.kind == .school || $0.kind == .vocational) && $0.country == "DEU" && $0.on <= decision } }
        let passed: Bool? = person.training.map { $0.contains { $0.kind == .qualified && $0.passedOn.happened(by: decision) == true } }
        // The illness exception counts only when stated (CASES.md §4 does not list `inability` as needed).
        let ill: Bool? = illnessException && person.inability?.school == true
        let alternatives = anyOf(degree, passed ?? false)
        switch anyOf(schoolYears, alternatives, ill) {
        case true?:
            if schoolYears == true { s.met("a_school_years_min") }
            else if ill == true { s.met("a_school_illness_exception") }
            else { s.met("a_school_or_vocational_degree_DE") }
        case false?:
            if let d = metFrom {
                s.fail("a_school_years_min", .time, metFrom: d)
                s.fail("a_school_or_vocational_degree_DE", .time, metFrom: d)
            } else {
                s.fail("a_school_years_min", .remediable)
                s.fail("a_school_or_vocational_degree_DE", .remediable)
            }
        case nil:
            var open: [String] = []
            if schoolYears == nil { open.append("education") }
            if alternatives == nil { open.append("degrees") }
            s.unknown("a_school_years_min", open)
        }
    }

    /// § 25a Abs. 6 / § 25b Abs. 8 for § 104c holders; otherwise § 5 Abs. 1 Nr. 1a, waivable.
    func identityForCarHolder(_ s: inout Sheet, id: String, holder: Bool?) {
        switch holder {
        case true?:
            let clarified = identityClarified()
            if clarified == true { s.met(id); return }
            let steps = person.identity?.allStepsTakenOn.happened(by: decision)
            switch anyOf(clarified, steps) {
            case true?: s.add(ConditionResult(id, .discretion, detail: "alle erforderlichen und zumutbaren Schritte zur Identitätsklärung unternommen – Ermessen"))
            case false?: s.fail(id, .remediable)
            case nil: s.unknown(id, ["identity"])
            }
        case false?:
            genIdentity(&s, waivable: true)
        case nil:
            // Whether the person still holds a § 104c permit is unknown; the identity is then not waivable.
            if identityClarified() == true { s.met(id) } else { s.unknown(id, ["status"]) }
        }
    }

    /// Holds another residence title than § 104c (pitfall 10): fails the pathway until it changes.
    func holdsOtherTitle(_ s: inout Sheet, id: String, carBranch: Bool) {
        switch statusOnDecision {
        case .known(let p):
            if let basis = p.titleBasis, basis != "104c" || !carBranch {
                s.fail(id, .remediable, "Aufenthaltserlaubnis nach § \(basis)")
            } else { s.met(id) }
        case .unrecorded: s.unknown(id, ["status"])
        case .beforeHistory: s.met(id)
        }
    }
}
