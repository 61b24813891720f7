// § 25a Abs. 2 and 3 AufenthG – family members of a § 25a holder (spec/02-25a.md 2.9).

extension Context {
    func evaluate25a2(variant: Variant) -> Sheet {
        var base = sheet(.kann)
        caveats(&base)
        guard inForce(&base, Law.p25a) != nil else { return base }
        let me = subject
        var routes: [Sheet] = []

        // (a) parent of a minor § 25a holder: kann. Asked for a sibling's route (b), not through that sibling itself.
        var excluded: Int? = nil
        if case .parentRouteOnly(let child) = variant { excluded = child }
        for child in household.children(of: me.id) where child.index != excluded {
            var s = base
            s.consequence = .kann
            let minor = child.isMinor(on: decision)
            if minor == false {
                s.fail("a2_anchor", .permanent, "\(child.name) ist volljährig – § 25a Abs. 2 S. 1 gilt nur für Eltern Minderjähriger")
            } else {
                var st = anchorState(child, pathways: [.p25a], holdsBasis: "25a")
                if minor == nil, case .met = st { st = .unknown(["\(child.id)/born"]) }
                // The child's § 25a met only from its 18th birthday on: route (a) is closed for good then.
                recordAsMinorChild(st, in: &s, "a2_anchor", minor: child, "Elternteil von \(child.name)")
            }
            if s.settled { routes.append(s); continue }
            community(&s, with: child)
            ownConditions(&s, adultRoute: true)
            if (anchorSatisfied(s)) {
                s.note("Erhalten die Eltern keine Aufenthaltserlaubnis, soll ihnen und den minderjährigen Geschwistern eine Duldung erteilt werden, solange \(child.name) minderjährig ist.", "§ 60a Abs. 2b AufenthG")
            }
            routes.append(s)
        }
        if excluded != nil { return bestRoute(routes) { closed(base) } }

        // (b) minor child of a parent who receives a permit under (a): kann.
        for (parent, _) in household.parents(of: me.id) {
            var s = base
            s.consequence = .kann
            if me.isMinor(on: decision) == false {
                s.fail("a2_anchor", .permanent, "volljährig")
            } else {
                // A parent's § 25a title may rest on Abs. 1; only a permit under Abs. 2 S. 1 (route a) counts here, and
                // only one resting on another child: this route is for the holder's siblings (spec/02-25a.md 2.5).
                var st = anchorState(parent, pathways: [.p25a2], holdsBasis: "25a-2", variant: .parentRouteOnly(excludingChild: me.index))
                if me.isMinor(on: decision) == nil, case .met = st { st = .unknown(["born"]) }
                recordAsMinorChild(st, in: &s, "a2_anchor", "Kind von \(parent.name), Elternteil nach § 25a Abs. 2 S. 1 über ein Geschwisterkind")
                // A parent not yet holding the title gets it only while the sibling it rests on is a minor: this route
                // closes then as well (QA15 A3: it was given the person's own 18th birthday only).
                if case .known(let p) = parent.status(on: decision), p.titleBasis == "25a-2" {} else if
                    let end = anchorSummary(.p25a2, of: parent, variant: .parentRouteOnly(excludingChild: me.index)).routeEnds {
                    s.closes(after: end)
                }
            }
            if s.settled { routes.append(s); continue }
            community(&s, with: parent)
            ownConditions(&s, adultRoute: false)
            routes.append(s)
        }
        // (c) spouse or registered partner of a § 25a holder: soll.
        for partner in household.partners(of: me.id) {
            var s = base
            s.consequence = .soll
            anchorState(partner, pathways: [.p25a], holdsBasis: "25a").record(&s, "a2_anchor", "Ehegatte/Lebenspartner von \(partner.name)")
            if s.settled { routes.append(s); continue }
            community(&s, with: partner)
            ownConditions(&s, adultRoute: true)
            routes.append(s)
        }
        // (d) minor unmarried child of a § 25a holder: soll.
        for (parent, _) in household.parents(of: me.id) {
            var s = base
            s.consequence = .soll
            switch me.isMinorUnmarried(on: decision) {
            case false?: s.fail("a2_anchor", .permanent, "nicht mehr minderjährig und ledig")
            case nil: s.unknown("a2_anchor", me.person.born == nil ? ["born"] : ["marital_status"])
            case true?:
                let st = anchorState(parent, pathways: [.p25a], holdsBasis: "25a")
                recordAsMinorChild(st, in: &s, "a2_anchor", "Kind von \(parent.name)")
            }
            if s.settled { routes.append(s); continue }
            community(&s, with: parent)
            ownConditions(&s, adultRoute: false)
            routes.append(s)
        }
        var best = bestRoute(routes) { closed(base) }
        // The § 25a holder herself: closed as a family member because the family's permits rest on her own. Said so,
        // instead of naming a parent as if the route had failed through them (QA41 L8).
        if explains, let i = best.conditions.firstIndex(where: { $0.id == "a2_anchor" && $0.state == .failing(.permanent) }), isOwn25aHolder() {
            best.conditions[i].detail = "selbst stammberechtigt nach § 25a Abs. 1 – Abs. 2 gilt für die Familienangehörigen, für sie selbst der eigene Weg nach Abs. 1"
        }
        return best
    }

    /// Holds a § 25a Abs. 1 permit, or meets or will meet § 25a Abs. 1.
    private func isOwn25aHolder() -> Bool {
        if case .known(let p) = subject.status(on: decision), p.titleBasis == "25a" { return true }
        let own = anchorSummary(.p25a, of: subject).outcome
        return own == .met || own == .reachable
    }

    private func anchorSatisfied(_ s: Sheet) -> Bool {
        s.conditions.first { $0.id == "a2_anchor" }.map { $0.state == .met || $0.state == .failing(.time) } ?? false
    }

    private func closed(_ base: Sheet) -> Sheet {
        var s = base
        if household.data.isSinglePerson || household.data.relationsKnown {
            s.fail("a2_anchor", .permanent, "keine stammberechtigte Person nach § 25a in der Familie")
        } else {
            s.unknown("a2_anchor", ["relations"])
        }
        return s
    }

    private func community(_ s: inout Sheet, with other: Subject) {
        s.require("a2_family_community", household.liveTogether(subject.id, other.id), fact: "household", .remediable)
    }

    /// Routes (a) and (c) need no obstruction and livelihood by employment; (b) and (d) the general § 5 Nr. 1.
    private func ownConditions(_ s: inout Sheet, adultRoute: Bool) {
        if adultRoute {
            s.require("a2_no_obstruction", person.conduct?.currentObstruction.map { $0.isEmpty }, fact: "conduct.current_obstruction", .remediable)
            let lu: Bool? = {
                guard person.livelihood != nil, let p = subject.livelihood(on: decision) else { return nil }
                return allOf(p.workShare.map { $0 >= 1 }, p.publicFunds.map { !$0 }, p.wohngeld.map { !$0 })
            }()
            s.require("a2_lu_by_employment", lu, fact: "livelihood", .remediable)
        } else {
            genLuSecured(&s, waivable: true)
        }
        crime50_90(&s, "a3_crime_50_90")
        genIdentity(&s, waivable: true)
        genPassport(&s, waivable: true)
        genNoExpulsionInterest(&s, waivable: true)
        genVisaEntry(&s, waivable: true)
        genAbs4Bar(&s)
        genNoEntryBan(&s, abschnitt5: true)
    }

    /// The 50/90 rule as a condition (K9: remediable).
    func crime50_90(_ s: inout Sheet, _ id: String, disregardJuvenileSanctions: Bool = false) {
        switch Crime.fiftyNinety(convictions, disregardJuvenileSanctions: disregardJuvenileSanctions) {
        case .met: s.met(id)
        case .fails: s.fail(id, .remediable, "Verurteilung über der Grenze von 50 bzw. 90 Tagessätzen – atypischer Fall darlegbar („grundsätzlich“)")
        case .unknown(let o): s.unknown(id, o)
        }
    }
}
