// § 5, § 10 Abs. 3, § 11 AufenthG – the general requirements (spec/01-common.md §1.1, §1.3, §1.4).

extension Context {
    /// `gen_lu_secured`: the current livelihood period without public funds and without Wohngeld.
    func livelihoodSecured() -> Bool? {
        guard person.livelihood != nil else { return nil }
        guard let lu = subject.livelihood(on: decision) else { return nil }
        return allOf(lu.publicFunds.map { !$0 }, lu.wohngeld.map { !$0 })
    }

    func identityClarified(by day: Day? = nil) -> Bool? {
        person.identity?.clarifiedOn.happened(by: day ?? decision)
    }

    func genLuSecured(_ s: inout Sheet, waivable: Bool) {
        s.general("gen_lu_secured", livelihoodSecured(), fact: "livelihood", waivable: waivable)
    }

    func genIdentity(_ s: inout Sheet, waivable: Bool) {
        s.general("gen_identity_clarified", identityClarified(), fact: "identity.clarified_on", waivable: waivable)
    }

    func genPassport(_ s: inout Sheet, waivable: Bool) {
        s.general("gen_passport", person.passport, fact: "passport", waivable: waivable)
    }

    func genVisaEntry(_ s: inout Sheet, waivable: Bool) {
        s.general("gen_visa_entry", person.enteredWithVisa, fact: "entered_with_visa", waivable: waivable)
    }

    /// The facts a crime or bar condition lacks, each by its field (QA39 F1: a missing `bars.s54_abs1_other` was asked
    /// for as `bars.other_expulsion_interest`, which the file gave). No bars at all: `bars` itself.
    func missingGrounds(_ t: Crime.Thresholds, bars fields: KeyValuePairs<String, Bool?>) -> [String] {
        var facts = t.abs1 == nil || t.abs2Nr1or2 == nil ? ["convictions"] : []
        if person.bars == nil { facts.append("bars") } else { for (name, value) in fields where value == nil { facts.append("bars." + name) } }
        return facts
    }

    func genNoExpulsionInterest(_ s: inout Sheet, waivable: Bool) {
        // `gen_no_expulsion_interest` (§ 5 Abs. 1 Nr. 2): no § 54 threshold from convictions and no bar ground.
        let t = Crime.expulsionThresholds(convictions)
        let bars = person.bars
        let grounds = anyOf(t.abs1, t.abs2Nr1or2, bars?.abs4Ground, bars?.s54Abs1Other, bars?.otherExpulsionInterest)
        s.general("gen_no_expulsion_interest", grounds.map { !$0 }, facts: missingGrounds(t, bars: ["abs4_ground": bars?.abs4Ground, "s54_abs1_other": bars?.s54Abs1Other,
                                                                                                    "other_expulsion_interest": bars?.otherExpulsionInterest]), waivable: waivable)
    }

    /// `gen_abs4_bar` (§ 5 Abs. 4): never waivable, permanent.
    func genAbs4Bar(_ s: inout Sheet) {
        s.require("gen_abs4_bar", person.bars?.abs4Ground.map { !$0 }, fact: "bars.abs4_ground", .permanent)
    }

    /// `gen_no_entry_ban` (§ 11): blocks until lifted; for Abschnitt-5 titles the ban should be lifted.
    func genNoEntryBan(_ s: inout Sheet, abschnitt5: Bool) {
        let holds = person.bars?.entryBan.map { !$0 }
        s.require("gen_no_entry_ban", holds, fact: "bars.entry_ban", .remediable)
        if holds == false && abschnitt5 {
            s.note("Das Einreise- und Aufenthaltsverbot soll aufgehoben werden – Aufhebung zusammen mit dem Antrag beantragen.", "§ 11 Abs. 4 S. 2 AufenthG")
        }
    }

    /// `gen_no_10_3_s2_bar` (§ 10 Abs. 3 S. 2, § 104 Abs. 19; U5): the bar after a qualified OU rejection.
    func genNo10_3S2Bar(_ s: inout Sheet) {
        let id = "gen_no_10_3_s2_bar"
        guard let asylum = person.asylum, let decision = asylum.decision else {
            // Never applied (applied_on: null) means no rejection at all.
            if person.asylum?.appliedOn == .never { s.met(id) } else { s.unknown(id, ["asylum.decision"]) }
            return
        }
        guard decision == .rejected else { s.met(id); return }
        guard let kind = asylum.rejectedAs else { s.unknown(id, ["asylum.rejected_as"]); return }
        guard kind == .offensichtlichUnbegruendet else { s.met(id); return }
        // A decision became final after it was taken: a final day within the old list's time fixes the list whatever the
        // day of the decision (SPEC.md § 8; legal review of 06.12.2026: `decided_on` was asked for although it could
        // not change the answer).
        let boundedByFinality = asylum.finalOn.flatMap { $0 <= Law.tenThreeOldListUntil ? $0 : nil }
        guard let decided = asylum.decidedOn ?? boundedByFinality else { s.unknown(id, ["asylum.decided_on"]); return }
        guard let basis = asylum.ouBasis else { s.unknown(id, ["asylum.ou_basis"]); return }
        let oldList: Set<String> = ["30-3-1", "30-3-2", "30-3-3", "30-3-4", "30-3-5", "30-3-6"]
        let list2024: Set<String> = ["30-1-3", "30-1-4", "30-1-5", "30-1-6", "30-1-7"]
        let geasList: Set<String> = ["art42-1-c", "art42-1-d", "art42-1-f", "art42-3-b"]
        let qualified: Bool
        // The wording applied, named with the result (QA25 L6: the counselor could not check the decisive list).
        let wording: String
        if decided <= Law.tenThreeOldListUntil {
            qualified = oldList.contains(basis)
            wording = "§ 10 Abs. 3 S. 2 a. F. i. V. m. § 104 Abs. 19 AufenthG; § 30 Abs. 3 Nr. 1–6 AsylG a. F."
        } else if decided == Law.tenThreeGeasFrom || self.decision == Law.tenThreeGeasFrom && decided < Law.tenThreeGeasFrom {
            s.unknown(id, ["U5"]); return
        } else if decided < Law.tenThreeGeasFrom {
            if self.decision < Law.tenThreeGeasFrom { qualified = list2024.contains(basis); wording = "§ 10 Abs. 3 S. 2 AufenthG i. d. F. des RückfVG; § 30 Abs. 1 Nr. 3–7 AsylG" } else {
                // Rejected under the 2024 wording, decided under the GEAS wording: no transitional rule (U5).
                s.unknown(id, ["U5"]); return
            }
        } else {
            qualified = geasList.contains(basis)
            wording = "§ 10 Abs. 3 S. 2 AufenthG i. d. F. des GEAS-Anpassungsgesetzes; Art. 42 VO (EU) 2024/1348"
        }
        if qualified {
            s.fail(id, .permanent, "qualifizierte Ablehnung als „offensichtlich unbegründet“ (Ablehnungsgrund \(basis)) – kein Titel vor der Ausreise; angewandte Fassung: \(wording)")
        } else { s.met(id, "Ablehnungsgrund \(basis) nach \(wording) nicht qualifiziert") }
    }

    /// Notes every answer carries for its decision date.
    func caveats(_ s: inout Sheet) {
        if decision >= Law.u1From {
            s.note("Vorbehalt U1: Änderungen durch das Gesetz vom 22.07.2026 (BGBl. 2026 I Nr. 222) sind nicht berücksichtigt – vor der Entscheidung prüfen.", "spec/13-open-questions.md U1")
        }
    }
}
