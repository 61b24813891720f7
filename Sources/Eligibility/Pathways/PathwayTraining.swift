// § 60c Ausbildungsduldung and § 16g training permit – the same conditions, § 16g adds livelihood and passport
// (spec/06-60c.md 6.5, spec/08-16g.md 8.4).

extension Context {
    func evaluate60c() -> Sheet {
        var s = sheet(.anspruch)
        caveats(&s)
        guard inForce(&s, Law.p60c) != nil else { return s }
        trainingConditions(&s, ids: .p60c)
        return s
    }

    func evaluate16g() -> Sheet {
        var s = sheet(.anspruch)
        caveats(&s)
        guard inForce(&s, Law.p16g) != nil else { return s }
        let discretion = trainingConditions(&s, ids: .p16g)
        // Livelihood at the BAföG level (§ 2 Abs. 3 S. 5); BAB is harmless (Abs. 10).
        let lu: Bool? = {
            guard person.livelihood != nil, let p = subject.livelihood(on: decision) else { return nil }
            return anyOf(p.bafoegNeedCovered, allOf(p.publicFunds.map { !$0 }, p.wohngeld.map { !$0 }))
        }()
        s.require("16g_lu_secured", lu, fact: "livelihood", .remediable)
        // Passport: may be waived in the Abs. 6 cases (Abs. 10 S. 5).
        switch person.passport {
        case true?: s.met("gen_passport")
        case false?:
            if discretion {
                s.add(ConditionResult("gen_passport", .discretion, detail: "Absehen von der Passpflicht im Fall des § 16g Abs. 6"))
            } else { s.fail("gen_passport", .remediable) }
        case nil: s.unknown("gen_passport", ["passport"])
        }
        genNoExpulsionInterest(&s, waivable: false)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: false)
        return s
    }

    /// The training evaluated: the last entry without `passed_on` and without `ended_early_on`.
    var currentTraining: Training? {
        person.training?.last { $0.passedOn.day == nil && $0.endedEarlyOn.day == nil }
    }

    /// The conditions common to § 60c and § 16g. Returns whether the identity discretion was used.
    /// Without a training (none, or not given) the conditions that need none are still judged: a work ban or another
    /// bar decides whatever training is found (SPEC.md § 4: every failing condition is listed; legal review of
    /// 06.12.2026: a person barred for good under § 60a Abs. 6 was told to find a training place).
    @discardableResult
    func trainingConditions(_ s: inout Sheet, ids: TrainingIDs) -> Bool {
        let t = currentTraining
        // Route (a) needs a training begun during the asylum procedure (a Gestattung). With the training not given it is
        // unknown – unless the history holds no Gestattung (review of 06.12.2026: removal measures then left the route
        // open for nothing); without a training, one begun now is route (a) while the procedure runs, else route (b).
        let routeA: Bool?
        if person.training == nil {
            s.unknown(ids.trainingType, ["training"])
            let asylumStay = person.status.map { $0.contains { $0.kind == .gestattung } }
            routeA = asylumStay == false || person.asylum?.appliedOn == .never ? false : nil
            duldungMonths(&s, routeA: routeA, ids: ids)
        } else if let t {
            switch t.kind {
            case .qualified: s.met(ids.trainingType)
            case .helper: s.require(ids.trainingType, t.followOnPlaceConfirmed, fact: "training.follow_on_place_confirmed", .remediable)
            }
            routeA = trainingRoute(&s, t, ids: ids)
        } else {
            s.fail(ids.trainingType, .remediable, "kein laufender oder geplanter Ausbildungsvertrag")
            if case .known(let st) = subject.status(on: decision), st.kind == .gestattung { routeA = true } else { routeA = false }
            duldungMonths(&s, routeA: routeA, ids: ids)
        }
        workBan(&s, ids.no60a6, on: application == decision ? [decision] : [application, decision])

        // Identity deadline (§ 60c Abs. 2 Nr. 3); fallback Abs. 7 (§ 16g Abs. 6).
        var discretion = false
        if let entered = person.entered {
            let deadline: Day
            if entered <= Day("2016-12-31") { deadline = application }
            else if entered <= Day("2019-12-31") { deadline = min(application, Day("2020-06-30")) }
            else { deadline = entered.adding(months: 6) }
            discretion = identityDeadline(&s, id: ids.identityDeadline, fallback: ids.identityDiscretion, deadline: deadline)
        } else {
            // Without the entry the deadline is open; an identity not recorded is asked for too, whatever the deadline (QA39 F2).
            s.unknown(ids.identityDeadline, person.identity == nil ? ["entered", "identity"] : ["entered"])
        }

        // § 19d Abs. 1 Nr. 6, 7 and no expulsion order.
        var sub = sheet(.anspruch)
        crime50_90(&sub, "x")
        let crime = sub.conditions[0]
        let bars = person.bars
        let clean = allOf(bars?.extremism.map { !$0 }, bars?.expulsionOrder.map { !$0 })
        if clean == false || crime.state.isFailing { s.fail(ids.no19d67, .remediable, crime.detail) }
        else if clean == nil || crime.state == .unknown {
            s.unknown(ids.no19d67, (clean == nil ? ["bars"] : []) + crime.open)
        } else { s.met(ids.no19d67) }

        switch routeA {
        case true?: s.notApplicable(ids.noImminentRemoval)
        case false?: s.require(ids.noImminentRemoval, person.removalMeasures.map { $0.isEmpty }, fact: "removal_measures", .remediable)
        case nil:
            // Removal measures bar route (b) only: with the training not given, they leave the route open.
            let none = person.removalMeasures.map { $0.isEmpty }
            if none == true { s.met(ids.noImminentRemoval) } else { s.unknown(ids.noImminentRemoval, none == nil ? ["removal_measures"] : ["training"]) }
        }

        // Timing: applied at most 7 months, granted (route b) at most 6 months before the start; contract registered.
        guard let t else { return discretion }
        let earliestApplication = t.from.adding(months: -7)
        let earliestGrant = routeA == true ? Day.distantPast : t.from.adding(months: -6)
        let registeredOn: Day
        switch t.registeredOn {
        case .never: s.fail(ids.timing, .remediable, "Ausbildungsvertrag noch nicht eingetragen"); return discretion
        case .unknown: s.unknown(ids.timing, ["training.registered_on"]); return discretion
        case .on(let d): registeredOn = d
        }
        if application >= earliestApplication && decision >= earliestGrant && registeredOn <= application {
            s.met(ids.timing)
        } else {
            s.fail(ids.timing, .time, metFrom: max(earliestApplication, earliestGrant, registeredOn))
        }
        return discretion
    }

    /// Route (a): started during the asylum procedure and continued after the rejection; (b) Duldung on R_app, held
    /// for 3 months. Returns whether route (a) holds.
    private func trainingRoute(_ s: inout Sheet, _ t: Training, ids: TrainingIDs) -> Bool {
        let startedAsAsylumSeeker: Bool? = {
            guard case .known(let st) = subject.status(on: t.from) else { return subject.status(on: t.from).period == nil && timeline.isKnown ? false : nil }
            guard st.kind == .gestattung else { return false }
            return person.asylum?.decision.map { $0 == .rejected }
        }()
        let duldungOnApplication: Bool? = {
            switch subject.status(on: application) {
            case .known(let st):
                switch st.kind {
                case .duldung: return st.issued
                case .duldung60b, .duldung60c, .duldung60d: return true
                default: return false
                }
            case .unrecorded: return nil
            case .beforeHistory: return false
            }
        }()
        // Begun during a procedure still running: route (a) once the asylum application is rejected, without a
        // Duldung before it (spec/06-60c.md 6.2 #2, #3 "route (b) only"; QA19 F5: 3 months of Duldung were asked for).
        let pendingProcedure: Bool = {
            guard case .known(let st) = subject.status(on: t.from), st.kind == .gestattung else { return false }
            return person.asylum?.decision == .pending
        }()
        let routeA = startedAsAsylumSeeker == true || pendingProcedure
        if pendingProcedure, duldungOnApplication != true {
            s.fail(ids.route, .remediable, (t.from <= decision ? "Ausbildung im Asylverfahren begonnen" : "Ausbildung beginnt am \(t.from.german) im laufenden Asylverfahren")
                   + "; das Verfahren läuft noch – nach einer Ablehnung Weg (a), ohne Vorduldungszeit")
        } else {
            s.require(ids.route, anyOf(startedAsAsylumSeeker, duldungOnApplication), fact: "status", .remediable)
        }

        duldungMonths(&s, routeA: routeA, ids: ids)
        return routeA
    }

    /// The 3 months of Duldung of route (b) (§ 60c Abs. 2 Nr. 2). With the route open (training not given) they are
    /// judged all the same, so that the counselor learns they are missing too (legal review QA42 L5): met if the
    /// chain has them, else unknown for want of the training, naming when route (b) would have them.
    private func duldungMonths(_ s: inout Sheet, routeA: Bool?, ids: TrainingIDs) {
        if routeA == true { s.notApplicable(ids.duldungMonthsMin); return }
        let v = StatusColumn.duldung60c60d.verdict(timeline, reference: application, length: .months(3))
        let timeAllowed = holdsIssuedDuldung(on: decision) == true || isGeduldet(on: decision, includeDuldungsfiktion: false) == true
        guard routeA == nil else { chainCondition(&s, ids.duldungMonthsMin, v, timeAllowed: timeAllowed); return }
        switch v.state {
        case .met?: s.met(ids.duldungMonthsMin)
        case .time(let d)?: s.unknown(ids.duldungMonthsMin, ["training"], "für Weg (b) erst ab \(d.german); bei Weg (a) nicht nötig")
        case .fails?: s.unknown(ids.duldungMonthsMin, ["training"], "für Weg (b) nicht erfüllt; bei Weg (a) nicht nötig")
        case nil: s.unknown(ids.duldungMonthsMin, ["training"] + v.open)
        }
    }

    /// An identity deadline with a deemed-met clause and a discretionary fallback; returns whether it was used.
    func identityDeadline(_ s: inout Sheet, id: String, fallback: String, deadline: Day, of other: Subject? = nil) -> Bool {
        let who = other ?? subject
        let prefix = other.map { "\($0.id)/" } ?? ""
        guard let identity = who.person.identity else { s.unknown(id, ["\(prefix)identity"]); return false }
        let clarified = identity.clarifiedOn.happened(by: deadline)
        var steps = identity.allStepsTakenOn.happened(by: deadline)
        if let c = identity.clarifiedOn.day, let st = identity.allStepsTakenOn.day, c < st { steps = c <= deadline }
        switch anyOf(clarified, steps) {
        case true?: s.met(id); return false
        case nil: s.unknown(id, ["\(prefix)identity"]); return false
        case false?:
            // Once clarified, the steps count as taken on that day at the latest.
            let stepsBy = [identity.allStepsTakenOn.day, identity.clarifiedOn.day].compactMap { $0 }.min()
            if let d = stepsBy, d <= decision {
                let whose = other == nil ? "" : "Ehegatte/Lebenspartner: "
                s.add(ConditionResult(fallback, .discretion, detail: s.explains ? "\(whose)Frist (\(deadline.german)) versäumt, aber alle zumutbaren Schritte unternommen – Ermessen" : nil))
                return true
            }
            if identity.allStepsTakenOn == .unknown && identity.clarifiedOn == .unknown { s.unknown(id, ["\(prefix)identity"]); return false }
            s.fail(id, .remediable, "Frist \(deadline.german)")
            return false
        }
    }
}

/// The condition ids of § 60c and § 16g, which share their rules: built once, not per evaluation.
struct TrainingIDs {
    let duldungMonthsMin, identityDeadline, identityDiscretion, no19d67, no60a6, noImminentRemoval, route, timing, trainingType: String
    static let p60c = TrainingIDs("60c"), p16g = TrainingIDs("16g")

    private init(_ p: String) {
        duldungMonthsMin = "\(p)_duldung_months_min"
        identityDeadline = "\(p)_identity_deadline"
        identityDiscretion = "\(p)_identity_discretion"
        no19d67 = "\(p)_no_19d_6_7"
        no60a6 = "\(p)_no_60a6"
        noImminentRemoval = "\(p)_no_imminent_removal"
        route = "\(p)_route"
        timing = "\(p)_timing"
        trainingType = "\(p)_training_type"
    }
}
