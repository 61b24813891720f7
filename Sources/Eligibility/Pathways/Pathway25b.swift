// § 25b AufenthG – sustainable integration: Abs. 1, family members (Abs. 4), after § 60d (Abs. 6)
// (spec/03-25b.md 3.8–3.10).

extension Context {
    func evaluate25b() -> Sheet {
        var s = sheet(.soll)
        caveats(&s)
        guard let r = inForce(&s, Law.p25b) else { return s }
        let holder = isCarHolder(branch: r.car104cBranch)
        status25b(&s, holder: holder)

        // Nr. 1: 4 years with a minor unmarried child in the household, otherwise 6 (8/6 before 31.12.2022).
        let chain = holder == true ? StatusColumn.residence25bHolder : StatusColumn.residence25b
        let withChild = hasMinorChildInHousehold()
        let long = chain.verdict(timeline, reference: decision, length: .years(r.years))
        let short = chain.verdict(timeline, reference: decision, length: .years(r.yearsWithMinorChild))
        switch withChild {
        case true?: chainCondition(&s, "b_residence_years_min_with_minor_child", short)
        case false?: chainCondition(&s, "b_residence_years_min", long)
        case nil:
            if long.state == short.state { chainCondition(&s, "b_residence_years_min", long) } else {
                s.unknown("b_residence_years_min", minorChildInHouseholdOpen(), "4 oder 6 Jahre: hängt davon ab, ob ein minderjähriges lediges Kind im Haushalt lebt")
            }
        }
        if holder == true, timeline.segments.contains(where: { $0.period?.kind == .duldung60b }) {
            s.met("b_60b_counts_if_104c")
        }
        // Met on four years only while a minor child lives in the household: the day that ends is said when it comes
        // within a year, as the family routes say theirs (spec/03-25b.md 3.2 #2a, 3.4: assessed on the decision date;
        // QA31 L3: the only child turned 18 the next day, and nothing warned).
        if s.explains, withChild == true, short.state == .met, long.state != .met {
            let last = household.childrenIncludingPartners(of: subject.id)
                .filter { $0.isMinorUnmarried(on: decision) == true && household.liveTogether(subject.id, $0.id) == true }
                .compactMap { $0.person.born?.birthday(18).adding(days: -1) }.max()
            if let last, last < decision.adding(years: 1) {
                let later: String = if case .time(let d)? = long.state { "erst ab \(d.german) erfüllt" } else { "nicht erfüllt" }
                s.note("Die kürzere Aufenthaltszeit (\(r.yearsWithMinorChild) statt \(r.years) Jahre) gilt nur, solange ein minderjähriges lediges Kind im Haushalt lebt, also bei einer Entscheidung bis \(last.german); danach sind \(r.years) Jahre nötig, nach heutigem Stand \(later). Antrag rechtzeitig stellen und auf eine Entscheidung vorher hinwirken.",
                       "§ 25b Abs. 1 S. 2 Nr. 1 AufenthG; spec/03-25b.md 3.2")
            }
        }
        if long.state != nil, long.state != .met, withChild != true,
           StatusColumn.residenceWithoutGaps.verdict(timeline, reference: decision, length: .years(r.years)).state == .met {
            s.note("Die Behörde kann andere Integrationsleistungen gegen eine Unterbrechung abwägen.", "BVerwG 1 C 34.18, Leitsatz 5")
        }
        s.note("„Überwiegend“ (> 50 %) und die 3-Monats-Regel des BMI sind Praxis, nicht Gesetzestext (U8).", "§ 25b Abs. 1 S. 2 Nr. 1, 3 AufenthG; spec/13-open-questions.md U8")
        personal25b(&s, minorChild: false)
        common25b(&s, holder: holder)
        return s
    }

    /// `b_status`: geduldet on `R_dec` (any Duldung, entitlement, Duldungsfiktion) or a § 104c holder.
    func status25b(_ s: inout Sheet, holder: Bool?) {
        if holder == true { s.met("b_status", "Inhaber einer Aufenthaltserlaubnis nach § 104c"); return }
        // A title held on R_dec: say which, so that "clarify the Duldung" is not read as advice to give it up.
        if s.explains, case .known(let p) = subject.status(on: decision), let basis = p.titleBasis {
            s.fail("b_status", .remediable, "keine Duldung: am \(decision.german) besteht eine Aufenthaltserlaubnis nach \(StatusPeriod.citation(ofBasis: basis))")
            if basis == "104c" {
                // The § 104c branch has ended (holder == false): the permit cannot be extended (QA19 F6: the note excluded
                // § 104c and then advised an extension).
                s.note("Die Aufenthaltserlaubnis nach § 104c kann nicht verlängert werden; seit dem Ende der Sonderregeln für ihre Inhaber (01.07.2027) ist § 25b nach dem Ende der Fiktion wie für Geduldete zu prüfen.",
                       "§ 104c Abs. 2 AufenthG n. F.; spec/04-104c.md 4.2; spec/03-25b.md 3.6")
            } else {
                s.note("Wer bereits eine Aufenthaltserlaubnis besitzt (außer nach § 104c), erhält § 25b nicht daneben; zu prüfen ist die rechtzeitige Verlängerung des bestehenden Titels.",
                       "§ 25b Abs. 1 S. 1 AufenthG; spec/14-pitfalls.md Nr. 10")
            }
            return
        }
        s.require("b_status", isGeduldet(on: decision), fact: "status", .remediable)
    }

    /// Abs. 1 S. 2 Nr. 2–5 for the person: checked for adults; a minor child only attends school (K6).
    func personal25b(_ s: inout Sheet, minorChild: Bool, oralGerman: Bool = true) {
        if minorChild {
            schoolAttendance(&s, children: [subject])
            return
        }
        s.require("b_fdgo_declaration", person.fdgoDeclarationOn.happened(by: decision), fact: "fdgo_declaration_on", .remediable)
        // Alternative proofs and the Abs. 3 exceptions count only when stated (CASES.md §4 lists neither as needed).
        let civic = anyOf(person.civicTestPassedOn.happened(by: decision), person.integrationCourse?.completedOn.happened(by: decision) == true)
        s.require("b_civic_knowledge", civic, fact: "civic_test_passed_on", .remediable)
        if civic == false, let i = person.inability, i.german == true || i.livelihood == true {
            s.note("§ 25b Abs. 3 erfasst die Grundkenntnisse nicht; ein atypischer Fall kann geltend gemacht werden („regelmäßig“).", "§ 25b Abs. 1 S. 2, Abs. 3 AufenthG")
        }
        livelihood25b(&s)
        if oralGerman {
            let shown = person.hasOral(.a2, by: decision)
            if shown != true, person.inability?.german == true {
                // Met by the waiver, not by A2: the sentence says so (QA19 F10: "A2 – erfüllt" for a person with no German).
                s.met("b_german_level_min", "entfällt wegen Krankheit, Behinderung oder Alter (§ 25b Abs. 3 AufenthG)")
                illnessException(&s)
            } else {
                s.require("b_german_level_min", shown, fact: "german", .remediable)
            }
        }
        schoolAttendance(&s, children: household.data.isSinglePerson ? [] : household.children(of: subject.id).filter { household.liveTogether(subject.id, $0.id) != false })
        openForUnlistedChildren(&s, "b_children_school_attendance")
    }

    /// § 25b Abs. 3 recorded once, however many requirements it waives (QA21 L2: listed twice).
    func illnessException(_ s: inout Sheet) {
        if s.index(of: "b_illness_age_exception") == nil { s.met("b_illness_age_exception") }
    }

    /// The detail of Nr. 3 failing under a permanent work ban: its action is the prognosis (`Assessment.actions`).
    static let workBanDetail = "Beschäftigungsverbot nach § 60a Abs. 6: nur über die Prognose erreichbar"

    /// Nr. 3: livelihood mainly by work, a full-livelihood prognosis, harmless temporary benefits, or Abs. 3.
    func livelihood25b(_ s: inout Sheet) {
        guard person.livelihood != nil, let lu = subject.livelihood(on: decision) else {
            if person.inability?.livelihood == true { illnessException(&s) } else {
                s.unknown("b_lu_mostly_by_work", ["livelihood"])
            }
            return
        }
        let byWork = lu.workShare.map { $0 > 0.5 }
        if byWork == true { s.met("b_lu_mostly_by_work"); return }
        let temp = temporaryBenefitsHarmless(lu)
        let holds = anyOf(byWork, person.luPrognosisFull, temp, person.inability?.livelihood == true)
        switch holds {
        case true?:
            if temp == true { s.met("b_lu_temp_benefits_ok") }
            else if person.inability?.livelihood == true && person.luPrognosisFull != true {
                illnessException(&s)
                s.met("b_lu_mostly_by_work", "entfällt wegen Krankheit, Behinderung oder Alter (§ 25b Abs. 3 AufenthG)")
                return
            }
            s.met("b_lu_mostly_by_work")
        case false?:
            // Work is not allowed under a permanent work ban: Nr. 3 is open only through the prognosis, the permit itself
            // allowing work (QA19 F14: "Erwerbstätigkeit aufnehmen" was asked of a person the ban applies to).
            var banned = false
            if s.explains {
                var ban = sheet(.kann)
                workBan(&ban, "x", on: [decision])
                banned = ban.conditions.first?.state == .failing(.permanent)
            }
            s.fail("b_lu_mostly_by_work", .remediable, banned ? Self.workBanDetail : nil)
            if banned {
                s.note("Eine Erwerbstätigkeit ist als Geduldete/r wegen des Beschäftigungsverbots nach § 60a Abs. 6 nicht erlaubt: Nr. 3 ist nur über die Prognose erreichbar (z. B. ein Arbeitsplatzangebot für die Zeit nach der Erteilung; ein Aufenthaltstitel berechtigt zur Erwerbstätigkeit, § 4a Abs. 1).",
                       "§ 25b Abs. 1 S. 2 Nr. 3, § 4a Abs. 1, § 60a Abs. 6 AufenthG")
            }
        case nil:
            var open: [String] = []
            if byWork == nil { open.append("livelihood") }
            if person.luPrognosisFull == nil { open.append("lu_prognosis_full") }
            if temp == nil { for o in temporaryBenefitsOpen(lu) where !open.contains(o) { open.append(o) } }
            s.unknown("b_lu_mostly_by_work", open.sorted())
        }
    }

    /// The four groups of § 25b Abs. 1 S. 3, each three-valued.
    func temporaryBenefitGroups() -> (studying: Bool?, family: Bool?, singleParent: Bool?, caring: Bool?) {
        let e = person.education.map { $0.contains { ($0.kind == .university || $0.kind == .vocationalPreparation) && $0.covers(decision) } }
        let t = person.training.map { $0.contains { $0.isOngoing(on: decision) } }
        let minorChild = hasMinorChildInHousehold()
        // Group (3) is a single parent *with minor children* (§ 10 Abs. 1 Nr. 3 SGB II: raising a child): without a
        // minor child in the household it cannot apply, whatever the fact says (QA of 05.12.2026: a single person's
        // missing fact made the answer unclear).
        return (anyOf(e, t), minorChild, allOf(minorChild, person.singleParentWorkUnreasonable), person.caringForRelative)
    }

    /// § 25b Abs. 1 S. 3: temporary benefits in the four listed groups.
    func temporaryBenefitsHarmless(_ lu: LivelihoodPeriod) -> Bool? {
        guard let temporary = lu.benefitsTemporary else { return lu.publicFunds == false ? false : nil }
        guard temporary else { return false }
        let g = temporaryBenefitGroups()
        return anyOf(g.studying, g.family, g.singleParent, g.caring)
    }

    /// The facts that leave `temporaryBenefitsHarmless` open, each by its own name (not "livelihood" for all).
    func temporaryBenefitsOpen(_ lu: LivelihoodPeriod) -> [String] {
        guard lu.benefitsTemporary == true else { return ["livelihood"] }
        let g = temporaryBenefitGroups()
        var open: [String] = []
        if g.studying == nil {
            if person.education == nil { open.append("education") }
            if person.training == nil { open.append("training") }
        }
        // Group (3) is never asked about on its own: with a minor child group (2) holds, without one (3) cannot.
        if g.family == nil { open += minorChildInHouseholdOpen() }
        if g.caring == nil { open.append("caring_for_relative") }
        return open
    }

    /// Nr. 5: every child of compulsory school age (K7) actually attends school.
    func schoolAttendance(_ s: inout Sheet, children: [Subject], id: String = "b_children_school_attendance") {
        var relevant = false, unknown: [String] = []
        for c in children {
            switch c.isOfSchoolAge(on: decision) {
            case false?: continue
            case nil:
                // At school whatever the age: the condition holds for the child, and the birth date is not needed (SPEC.md
                // § 8; legal review of 06.12.2026: a child at school without a birth date made § 25b unclear).
                let school = c.attendsSchool(on: decision)
                if school == true { relevant = true; continue }
                unknown.append(c === subject ? "born" : "\(c.id)/born")
                if school == nil { unknown.append(c === subject ? "education" : "\(c.id)/education") }
                continue
            case true?: relevant = true
            }
            switch c.attendsSchool(on: decision) {
            case true?: continue
            case false?:
                // A child not at school fails the condition only if it is known to count (QA of 05.12.2026: with the
                // household not given, the child was taken to live there).
                if c !== subject, let open = membershipOpen(c, unmarried: id == "60d_children_ok") { if !unknown.contains(open) { unknown.append(open) }; continue }
                s.fail(id, .remediable, c === subject ? nil : "Kind \(c.name)"); return
            case nil: unknown.append(c === subject ? "education" : "\(c.id)/education")
            }
        }
        if !unknown.isEmpty { s.unknown(id, unknown) } else if relevant { s.met(id) } else { s.notApplicable(id) }
    }

    /// The fact still missing to know that child `c` counts as the person's child in the household: the household,
    /// or, where only minor unmarried children count (`unmarried`: § 60d Abs. 1 Nr. 10), whether it is one; nil when it
    /// is known to count. (§ 25b Nr. 5 counts every child of school age, married or not.)
    func membershipOpen(_ c: Subject, unmarried: Bool) -> String? {
        if household.liveTogether(subject.id, c.id) == nil { return "household" }
        if unmarried, c.isMinorUnmarried(on: decision) == nil { return "\(c.id)/\(c.person.born == nil ? "born" : "marital_status")" }
        return nil
    }

    /// What the refusal of § 25b Abs. 2 Nr. 2 rests on: each conviction with its § 54 ground (a conviction lapses with
    /// its erasure, spec/01-common.md §1.6), and the grounds recorded as bars.
    func mandatoryRefusalGrounds() -> String {
        var grounds = Crime.expulsionGrounds(convictions)
        if !grounds.isEmpty { grounds[grounds.count - 1] += ", bis die Verurteilung getilgt oder tilgungsreif ist (§ 51 BZRG)" }
        if person.bars?.abs4Ground == true { grounds.append("Ausweisungsinteresse nach § 54 Abs. 1 Nr. 2 oder 4 AufenthG (Angabe)") }
        if person.bars?.s54Abs1Other == true { grounds.append("Ausweisungsinteresse nach § 54 Abs. 1 Nr. 2a, 3 oder 5 AufenthG (Angabe)") }
        return grounds.joined(separator: "; ")
    }

    /// Identity, passport, expulsion interest and the exclusions of Abs. 2 (common to Abs. 1, 4 and 6).
    func common25b(_ s: inout Sheet, holder: Bool?) {
        identityForCarHolder(&s, id: "b_identity", holder: holder)
        genPassport(&s, waivable: true)
        let t = Crime.expulsionThresholds(convictions)
        let bars = anyOf(t.abs1, t.abs2Nr1or2, person.bars?.abs4Ground, person.bars?.s54Abs1Other)
        // Under the mandatory refusal the general requirement is no longer one the authority may waive: its line
        // "die Behörde kann davon absehen" would say the opposite of the refusal below (QA41 L4).
        if bars != true { genNoExpulsionInterest(&s, waivable: true) }
        s.require("b_excl_obstruction", person.conduct?.currentObstruction.map { $0.isEmpty }, fact: "conduct.current_obstruction", .remediable)
        if bars == true {
            s.fail("b_excl_crime", .permanent, mandatoryRefusalGrounds())
        } else {
            s.require("b_excl_crime", bars.map { !$0 }, facts: missingGrounds(t, bars: ["abs4_ground": person.bars?.abs4Ground, "s54_abs1_other": person.bars?.s54Abs1Other]), .permanent)
        }
        let falseIdentity = person.conduct?.integrationRestsOnFalseIdentity
        s.require("b_sustainable_integration", falseIdentity.map { !$0 }, fact: "conduct.integration_rests_on_false_identity", .remediable)
        if falseIdentity == true {
            s.note("Die Behörde entscheidet in einer Gesamtwürdigung der Integration.", "BayVGH 19 CS 18.164")
        }
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: true)
        if holder == true, case .known(let p) = statusOnDecision, let until = p.validUntil {
            s.note("Antrag vor Ablauf der Aufenthaltserlaubnis am \(until.german) stellen, damit die Fiktion greift – nur ein Antrag nach § 25a oder § 25b hat diese Wirkung, spätestens bis 30.06.2027.", "§ 81 Abs. 4, § 104c Abs. 2 AufenthG n. F.")
        }
    }

    // MARK: Abs. 4 – family members

    func evaluate25b4() -> Sheet {
        var base = sheet(.soll)
        caveats(&base)
        guard let r = inForce(&base, Law.p25b) else { return base }
        let holder = isCarHolder(branch: r.car104cBranch)
        let me = subject
        var routes: [Sheet] = []
        var anchors: [(Subject, asChild: Bool)] = household.partners(of: me.id).map { ($0, false) }
        anchors += household.parents(of: me.id).map { ($0.0, true) }
        for (other, asChild) in anchors {
            var s = base
            var minorChild = false
            if asChild {
                switch me.isMinorUnmarried(on: decision) {
                case false?: s.fail("b4_anchor", .permanent, "nicht mehr minderjähriges lediges Kind"); routes.append(s); continue
                case nil: s.unknown("b4_anchor", [me.person.born == nil ? "born" : "marital_status"])
                case true?:
                    minorChild = true
                    let st = anchorState(other, pathways: [.p25b, .p25b6], holdsBasis: "25b")
                    recordAsMinorChild(st, in: &s, "b4_anchor", "Kind von \(other.name)")
                }
            } else {
                anchorState(other, pathways: [.p25b, .p25b6], holdsBasis: "25b").record(&s, "b4_anchor", "Ehegatte/Lebenspartner von \(other.name)")
            }
            if s.settled { routes.append(s); continue }
            s.require("b4_family_community", household.liveTogether(me.id, other.id), fact: "household", .remediable)
            personal25b(&s, minorChild: minorChild)
            common25b(&s, holder: holder)
            routes.append(s)
        }
        return bestRoute(routes) {
            var s = base
            if household.data.isSinglePerson || household.data.relationsKnown {
                s.fail("b4_anchor", .permanent, "keine begünstigte Person nach § 25b in der Familie")
            } else { s.unknown("b4_anchor", ["relations"]) }
            return s
        }
    }

    // MARK: Abs. 6 – after 30 months of § 60d Duldung

    func evaluate25b6() -> Sheet {
        var s = sheet(.soll)
        caveats(&s)
        guard inForce(&s, Law.p25b6) != nil, let r = inForce(&s, Law.p25b) else { return s }
        let holder = isCarHolder(branch: r.car104cBranch)
        status25b(&s, holder: holder)
        sixtyDMonths(&s)

        // The § 60d conditions, for the holder of the main § 60d Duldung, with R_app = R_dec; in the U4 window under both
        // versions, which must agree (spec/07-60d.md 7.5; QA of 05.12.2026: the newer one alone was applied).
        let main = mainSixtyDHolder()
        if let main {
            // The § 60d version the re-check applies is cited with the answer (QA25 L1).
            if s.explains, Law.p60d.rules(on: decision) != nil { s.versions.append(Law.p60d.reference(on: decision)) }
            let readings = (Law.p60d.rules(on: decision) ?? [Law.rules60dCurrent]).map { sixtyDStillMet(main, $0) }
            let last = readings[readings.count - 1]
            if readings.contains(where: { $0.state != last.state || $0.due != last.due || $0.open != last.open }) {
                s.unknown("b6_60d_conditions_still_met", ["U4"], "nach früherer und neuer Fassung des § 60d verschieden")
                if readings.allSatisfy({ $0.state.isFailing }) { s.failsUnderEveryReading = true }
            } else {
                for c in last.shown { s.add(c) }
                switch last.state {
                case .failing(let f): s.fail("b6_60d_conditions_still_met", f, metFrom: last.due)
                case .unknown: s.unknown("b6_60d_conditions_still_met", last.open)
                default: s.met("b6_60d_conditions_still_met")
                }
            }
        } else if !timeline.isKnown {
            // Without a status history it is not known whether there is a Beschäftigungsduldung at all.
            s.unknown("b6_60d_conditions_still_met", ["status"])
        } else if let own = person.status?.last(where: { $0.kind == .duldung60d && $0.from <= decision }), own.holder != .main {
            // The person holds it as spouse or child, but the main holder, whose § 60d conditions count, is not in the
            // case (QA of 05.12.2026: read as "no Beschäftigungsduldung in the family").
            // A partner or parent of the case whose status history is missing may be that holder: named by that fact
            // (QA of 06.12.2026: "relations" was asked for though they were given).
            let unrecorded = household.data.relationsKnown
                ? (household.partners(of: subject.id) + household.parents(of: subject.id).map { $0.0 }).filter { $0.person.status == nil } : []
            if unrecorded.isEmpty {
                s.unknown("b6_60d_conditions_still_met", ["relations"], "die Person mit der Beschäftigungsduldung als Hauptinhaber ist nicht in der Akte")
            } else {
                s.unknown("b6_60d_conditions_still_met", unrecorded.map { fact("status", of: $0) }, "der Statusverlauf der Person mit der Beschäftigungsduldung als Hauptinhaber fehlt")
            }
        } else if relativeMainSixtyDHolder() != nil {
            // A spouse or parent holds one, the person not (QA43 L6: "keine Beschäftigungsduldung in der Familie" was said
            // to the wife of a holder): Abs. 6 asks for the person's own, as family member under § 60d Abs. 2.
            s.fail("b6_60d_conditions_still_met", .remediable, "keine eigene Beschäftigungsduldung (als Ehegatte oder Kind des Hauptinhabers, § 60d Abs. 2)")
        } else {
            s.fail("b6_60d_conditions_still_met", .remediable, "keine Beschäftigungsduldung (§ 60d Abs. 1) in der Familie")
        }

        // Whether the person is a minor unmarried child decides which conditions apply (K6). When that is not known,
        // both sets are evaluated; where they disagree, the condition is open and names the missing fact.
        switch subject.isMinorUnmarried(on: decision) {
        case true?: personal25b(&s, minorChild: true, oralGerman: false)
        case false?: german25b6(&s); personal25b(&s, minorChild: false, oralGerman: false)
        case nil:
            var adult = sheet(.soll), child = sheet(.soll)
            german25b6(&adult); personal25b(&adult, minorChild: false, oralGerman: false)
            personal25b(&child, minorChild: true, oralGerman: false)
            undecided(&s, adult, child, missing: person.born == nil ? "born" : "marital_status")
        }
        common25b(&s, holder: holder)
        return s
    }

    /// The § 60d conditions of the main holder under one version, as `b6_60d_conditions_still_met` sees them: the
    /// gravest failure (a time failure met on the latest of its days: QA of 05.12.2026, a 12-month look-back that
    /// clears with time read as remediable), or the facts still missing; `shown`: the failing and discretionary
    /// conditions, listed with the answer (spec/03-25b.md 3.10).
    private func sixtyDStillMet(_ main: Subject, _ rules: Law.Rules60d) -> (state: ConditionState, due: Day?, open: [String], shown: [ConditionResult]) {
        let ctx = Context(subject: main, decision: decision, application: decision, evaluation: evaluation, explains: explains)
        var inner = sheet(.regelanspruch)
        ctx.conditions60d(&inner, rules, skipDuldungMonths: true)
        var failing: FailureClass? = nil, due: Day? = nil, open: [String] = [], shown: [ConditionResult] = []
        func rank(_ k: FailureClass?) -> Int { switch k { case .permanent?: 3; case .remediable?: 2; case .time?: 1; case nil: 0 } }
        for c in inner.conditions {
            switch c.state {
            case .failing(let k):
                shown.append(c)
                if rank(k) > rank(failing) { failing = k }
                if k == .time { due = max(due ?? .distantPast, c.metFrom ?? .distantFuture) }
            case .unknown: open += c.open.map { fact($0, of: main) }
            case .discretion: shown.append(c)
            default: break
            }
        }
        if let f = failing { return (.failing(f), f == .time ? due : nil, [], shown) }
        return (open.isEmpty ? .met : .unknown, nil, open, shown)
    }

    /// Abs. 6 German for an adult: oral A2, and written A2 if an integration course was possible (spec/03-25b.md 3.10).
    private func german25b6(_ s: inout Sheet) {
        s.require("b6_german_oral_A2", person.hasOral(.a2, by: decision), fact: "german", .remediable)
        switch person.integrationCourse?.possible {
        case false?: s.notApplicable("b6_german_written_A2_if_course_possible")
        // Written A2 shown: met whether or not a course was possible, so the fact is not asked for (SPEC.md § 8).
        case nil where person.hasWritten(.a2, by: decision) == true: s.met("b6_german_written_A2_if_course_possible")
        case nil: s.unknown("b6_german_written_A2_if_course_possible", ["integration_course.possible"])
        case true?:
            switch person.hasWritten(.a2, by: decision) {
            case true?: s.met("b6_german_written_A2_if_course_possible")
            case nil: s.unknown("b6_german_written_A2_if_course_possible", ["german"])
            case false?:
                // A partner's written A2 leaves it open (U9); a partner whose German is not recorded, or relations not
                // given beside others of the case, may have it: never read as "no" (SPEC.md § 8; QA of 06.12.2026).
                let id = "b6_german_written_A2_if_course_possible"
                let partners = household.partners(of: subject.id)
                let unrecorded = partners.filter { $0.person.hasWritten(.a2, by: decision) == nil }
                // With relations not given, a spouse (the person is married, or an adult of the case may be one) is open.
                let maybePartner = !household.data.isSinglePerson && !household.data.relationsKnown
                    && (person.maritalStatus == .married || household.subjects.contains {
                        $0 !== subject && $0.isMinorUnmarried(on: decision) != true && $0.person.hasWritten(.a2, by: decision) != false })
                if partners.contains(where: { $0.person.hasWritten(.a2, by: decision) == true }) { s.unknown(id, ["U9"]) }
                else if !unrecorded.isEmpty { s.unknown(id, unrecorded.map { fact("german", of: $0) }) }
                else if maybePartner { s.unknown(id, ["relations"]) }
                else { s.fail(id, .remediable) }
            }
        }
    }

    /// The conditions of two readings of an unknown fact: a condition both give alike, or that one gives as met or not
    /// applicable and the other lacks, stands; any other is unknown and names `missing` (SPEC.md § 5).
    private func undecided(_ s: inout Sheet, _ a: Sheet, _ b: Sheet, missing: String) {
        var ids: [String] = []
        for c in a.conditions + b.conditions where !ids.contains(c.id) { ids.append(c.id) }
        for id in ids {
            let x = a.conditions.first { $0.id == id }, y = b.conditions.first { $0.id == id }
            let harmless: (ConditionResult?) -> Bool = { $0 == nil || $0!.state == .met || $0!.state == .notApplicable }
            if let x, let y, x.state == y.state, x.open == y.open { s.add(x); continue }
            if x == nil || y == nil, harmless(x), harmless(y) { s.add((x ?? y)!); continue }
            var open = [missing]
            for o in (x?.open ?? []) + (y?.open ?? []) where !open.contains(o) { open.append(o) }
            s.unknown(id, open, "hängt davon ab, ob die Person ein minderjähriges lediges Kind ist")
        }
        for n in a.notes + b.notes { s.note(n.text, n.citation) }
    }

    /// `b6_60d_months_min`: a § 60d Duldung held for 30 months (closed periods count: S + 30 months ≤ to + 1).
    private func sixtyDMonths(_ s: inout Sheet) {
        let id = "b6_60d_months_min"
        guard timeline.isKnown else { s.unknown(id, ["status"]); return }
        let current = StatusColumn.duldung60dOnly.verdict(timeline, reference: decision, length: .months(30))
        if current.state == .met { s.met(id); return }
        // A closed § 60d period (run) that lasted 30 months.
        // A period ending on R_dec is closed too (QA of 06.12.2026: the 30 months of a Beschäftigungsduldung end on the
        // day the authority decides, the usual case, and the running reading left it open).
        for seg in timeline.segments where seg.period?.kind == .duldung60d && seg.to <= decision {
            let v = StatusColumn.duldung60dOnly.verdict(timeline, reference: seg.to, length: .months(30))
            if case .time(let d)? = v.state, d <= seg.to.adding(days: 1) { s.met(id); return }
            if v.state == .met { s.met(id); return }
        }
        if case .time? = current.state { chainCondition(&s, id, current) } else if current.state == nil {
            chainCondition(&s, id, current)
        } else { s.fail(id, .remediable) }
    }

    /// The holder of the main § 60d Duldung: the person, or a partner or parent whose period is `as: main`.
    func mainSixtyDHolder() -> Subject? {
        guard let own = lastSixtyD(subject) else { return nil }
        return own.holder == .main ? subject : relativeMainSixtyDHolder()
    }

    /// A spouse or parent whose latest § 60d Duldung by the decision date is the main one.
    func relativeMainSixtyDHolder() -> Subject? {
        (household.partners(of: subject.id) + household.parents(of: subject.id).map { $0.0 }).first { lastSixtyD($0)?.holder == .main }
    }

    private func lastSixtyD(_ x: Subject) -> StatusPeriod? { x.person.status?.last { $0.kind == .duldung60d && $0.from <= decision } }
}
