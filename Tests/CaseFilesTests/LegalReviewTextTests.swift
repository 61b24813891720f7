import CaseFiles
import Eligibility
import Testing

/// What the answers say where the result is right but the text misled (legal review QA41 of 07.12.2026).
@Suite("Mandatory refusals, family routes and later law: what the answers say")
struct LegalReviewTextTests {
    func load(_ name: String) throws -> (CaseFile, HouseholdAssessment) { try Paths.projectCase(name) }

    /// L4: § 25b Abs. 2 Nr. 2 names the conviction and its § 54 ground, says it lasts until erasure (not "for good"),
    /// and no line beside it says the authority could waive the expulsion interest.
    @Test func aMandatoryRefusalNamesItsGround() throws {
        let (_, h) = try load("364-25b-mandatory-refusal-names-its-ground")
        let grounds = ["b": "Jugendstrafe von 12 Monaten ohne Bewährung (§ 54 Abs. 2 Nr. 2 AufenthG)",
                       "c": "Freiheitsstrafe von 6 Monaten auf Bewährung (§ 54 Abs. 2 Nr. 1 AufenthG)",
                       "d": "Jugendstrafe von 24 Monaten auf Bewährung (§ 54 Abs. 1 Nr. 1 AufenthG)"]
        for (person, ground) in grounds {
            for key in [PathwayKey.p25b, .p25b6] {
                let a = try #require(h.person(person)?.assessment(key))
                #expect(a.outcome == .excluded, "\(person) \(key)")
                let bar = try #require(a.conditions.first { $0.id == "b_excl_crime" })
                let sentence = bar.sentence()
                #expect(sentence.contains("nicht erfüllt (zwingender Versagungsgrund); \(ground)"), "\(sentence)")
                #expect(sentence.contains("getilgt oder tilgungsreif ist (§ 51 BZRG)") && !sentence.contains("nicht mehr erreichbar"))
                #expect(!a.conditions.contains { $0.id == "gen_no_expulsion_interest" }, "\(person) \(key): waiver line beside the refusal")
            }
            // § 25a knows no such bar: there the authority may still waive the expulsion interest.
            let a25a = try #require(h.person(person)?.assessment(.p25a))
            #expect(a25a.conditions.first { $0.id == "gen_no_expulsion_interest" }?.state == .waiver)
        }
        // The suspended Jugendstrafe of 12 months reaches no threshold: § 25b is met, the expulsion interest examined.
        let a = try #require(h.person("a")?.assessment(.p25b))
        #expect(a.outcome == .met && a.conditions.first { $0.id == "gen_no_expulsion_interest" }?.state == .met)
    }

    /// L6: an adult child who was 18 at entry sees that the family route of § 104c Abs. 2 was examined and why it fails;
    /// the sibling who was 17 has it met.
    @Test func aFailedFamilyRouteOf104cSaysWhy() throws {
        let (_, h) = try load("365-104c-family-route-adult-child-18-at-entry")
        let d = try #require(h.person("d")?.assessment(.p104c))
        #expect(d.outcome == .excluded)
        let route = try #require(d.conditions.first { $0.id == "c_family_route" })
        #expect(route.state == .failing(.permanent) && route.detail?.contains("bei der Einreise bereits volljährig") == true, "\(route)")
        #expect(h.person("c")?.assessment(.p104c)?.conditions.first { $0.id == "c_family_route" }?.state == .met)
        // A screening asks for no texts: the result is the same.
        let (c, _) = try load("365-104c-family-route-adult-child-18-at-entry")
        let quiet = Engine().assess(c.household, on: c.on, explains: false)
        #expect(quiet.person("d")?.assessment(.p104c)?.outcome == .excluded)
    }

    /// L8: the § 25a holder herself is told that Abs. 2 is for her family, not that a parent's route failed.
    @Test func theHolderHerselfIsNotAFamilyMember() throws {
        let (_, h) = try load("366-25a2-the-holder-herself")
        let k = try #require(h.person("k"))
        #expect(k.assessment(.p25a)?.outcome == .met)
        let anchor = try #require(k.assessment(.p25a2)?.conditions.first { $0.id == "a2_anchor" })
        #expect(anchor.detail?.hasPrefix("selbst stammberechtigt nach § 25a Abs. 1") == true, "\(anchor)")
        // The parents' route through her is not touched.
        #expect(h.person("f")?.assessment(.p25a2)?.conditions.first { $0.id == "a2_anchor" }?.detail?.hasPrefix("selbst") == false)
    }

    /// L7: on 01.06.2023 the FEG (16.08.2023) was not yet law: no advice to wait for its § 60d. L10: the practice note
    /// on the minimum age of 14 stands only under minors.
    @Test func noAdviceOnALawNotYetEnacted() throws {
        let (c, h) = try load("367-60d-2023-no-advice-on-a-law-not-yet-enacted")
        let a = try #require(h.persons.first?.assessment(.p60d))
        #expect(a.outcome == .notMet)
        #expect(!a.notes.contains { $0.text.hasPrefix("Nach der ab") }, "\(a.notes)")
        // Once the FEG was enacted, the same person on a later day is told of it.
        let later = Engine().assess(c.household, on: Day("2023-09-01")).persons.first?.assessment(.p60d)
        #expect(later?.outcome == .notMet && later?.notes.contains { $0.text.hasPrefix("Nach der ab 01.03.2024 geltenden Fassung") } == true, "\(later?.notes ?? [])")
        #expect(Law.enacted(changeOn: Day("2024-03-01")) == Day("2023-08-16"))
        for p in h.persons {
            #expect(!(p.assessment(.p25a)?.notes.contains { $0.text.hasPrefix("Mindestalter 14 Jahre") } ?? false), "\(p.personID)")
        }
        let (_, family) = try load("366-25a2-the-holder-herself")
        #expect(family.person("k")?.assessment(.p25a)?.notes.contains { $0.text.hasPrefix("Mindestalter 14 Jahre") } == true)
    }
}
