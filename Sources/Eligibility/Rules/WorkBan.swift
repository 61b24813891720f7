// § 60a Abs. 6 AufenthG – the work ban (spec/05-60a-60b.md 5.1.1, 5.1.2).

extension Context {
    /// Whether the person is a national of a safe country of origin on `day` (5.1.1); nil with the open point.
    func safeCountryOfOrigin(on day: Day) -> (Bool?, String?) {
        if let explicit = person.safeCountryOfOrigin { return (explicit, nil) }
        guard let n = person.nationality else { return (nil, "nationality") }
        if Law.safeCountries.contains(n) { return (true, nil) }
        if n == "XXA" || day < Law.safeCountryDecrees { return (false, nil) }
        return (nil, "U7")
    }

    /// Evaluates the work ban on `day` into `id`: permanent for Nr. 1 and 3, remediable for Nr. 2.
    func workBan(_ s: inout Sheet, _ id: String, on days: [Day]) {
        var failing: FailureClass? = nil
        var open: [String] = []
        func fail(_ c: FailureClass) { if failing != .permanent { failing = c } }
        func unknown(_ o: String) { if !open.contains(o) { open.append(o) } }

        // Nr. 1: entered to obtain benefits.
        switch person.enteredForBenefits {
        case true?: fail(.permanent)
        case nil: unknown("entered_for_benefits")
        case false?: break
        }
        // Nr. 2: own deception or false statements now.
        if let obstruction = person.conduct?.currentObstruction {
            if obstruction.contains(.deception) || obstruction.contains(.falseStatements) { fail(.remediable) }
        } else { unknown("conduct.current_obstruction") }
        // Nr. 3: safe country of origin with a rejected/withdrawn application after 31.8.2015, or none.
        for day in days {
            switch nr3(on: day) {
            case .fails: fail(.permanent)
            case .unknown(let o): o.forEach(unknown)
            case .met: break
            }
        }
        if let c = failing { s.fail(id, c) } else if !open.isEmpty { s.unknown(id, open) } else { s.met(id) }
    }

    private func nr3(on day: Day) -> Crime.Outcome {
        let (safe, openPoint) = safeCountryOfOrigin(on: day)
        if safe == false { return .met }
        guard let asylum = person.asylum, asylum.appliedOn.isKnown else {
            return .unknown(safe == nil ? [openPoint!] : ["asylum.applied_on"])
        }
        var banned: Bool?
        // The exception for an unaccompanied minor, where it is read and its fact is missing (QA35 L5: read as "no").
        var welfareOpen = false
        func exception(_ age: Int?) -> Bool {
            switch minorWelfare(referenceAge: age, asylum) {
            case true?: return true
            case nil: welfareOpen = true; return false
            case false?: return false
            }
        }
        switch asylum.appliedOn {
        case .never:
            if georgiaMoldova(), let wasTolerated = duldungOn(Law.georgiaMoldovaUntil) {
                banned = !wasTolerated
                if wasTolerated { return .met }
            } else if georgiaMoldova() {
                banned = nil
            } else { banned = true }
            if banned != false, exception(subject.age(on: day)) { return .met }
        case .on(let applied):
            if georgiaMoldova() && applied <= Law.georgiaMoldovaUntil { return .met }
            guard applied > Law.workBanAsylumAfter else { return .met }
            switch asylum.decision {
            case .rejected?: banned = true
            case .withdrawn?:
                guard let advice = asylum.withdrawnAfter12bAdvice else { banned = nil; break }
                banned = !advice
            case .pending?, .granted?: return .met
            case nil: banned = nil
            }
            if banned != false, let born = person.born, exception(born.age(on: applied)) { return .met }
        case .unknown: banned = nil
        }
        if welfareOpen, banned == true { banned = nil }
        switch allOf(safe, banned) {
        case true?: return .fails
        case false?: return .met
        case nil:
            var o: [String] = []
            if safe == nil, let p = openPoint { o.append(p) }
            if banned == nil { o.append(welfareOpen ? "asylum.unaccompanied_minor_welfare" : "asylum") }
            return .unknown(o)
        }
    }

    private func georgiaMoldova() -> Bool { person.nationality == "GEO" || person.nationality == "MDA" }

    private func duldungOn(_ day: Day) -> Bool? {
        switch subject.status(on: day) {
        case .known(let p): return p.kind.isDuldung
        case .unrecorded: return nil
        case .beforeHistory: return false
        }
    }

    /// The unaccompanied-minor exception, read only if the person was under 18 at the reference.
    private func minorWelfare(referenceAge: Int?, _ asylum: Asylum) -> Bool? {
        guard let age = referenceAge, age < 18 else { return false }
        return asylum.unaccompaniedMinorWelfare
    }
}
