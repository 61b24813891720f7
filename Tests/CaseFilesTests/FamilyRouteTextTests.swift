import CaseFiles
import Eligibility
import Testing

/// What the answers say where the result alone does not tell (legal review QA31 of 06.12.2026).
@Suite("Family routes and dates: what the answers say")
struct FamilyRouteTextTests {
    func load(_ name: String) throws -> (CaseFile, HouseholdAssessment) { try Paths.projectCase(name) }

    /// L1: of two routes failing alike, the one through the child whose § 25a is met today counts; the anchor is met, and
    /// the Duldung note names that child (not the 12-year-old's route of 2028).
    @Test func theRouteThroughTheHolderMetTodayCounts() throws {
        let (_, h) = try load("351-25a2-parent-route-through-the-holder-met-today")
        for parent in ["t", "u"] {
            let a = try #require(h.person(parent)?.assessment(.p25a2))
            // The father receives Wohngeld; the mother does not.
            #expect(a.outcome == (parent == "t" ? .notMet : .met))
            #expect(a.conditions.first { $0.id == "a2_anchor" }?.state == .met, "\(parent)")
            #expect(a.notes.contains { $0.text.contains("solange s minderjährig ist") } && !a.notes.contains { $0.text.contains("solange v minderjährig") })
        }
    }

    /// L2: the date follows the spec; the answer names the condition that fails when time completes, not the law version.
    @Test func aDatePutOffByAnotherConditionNamesIt() throws {
        let (_, h) = try load("352-25b-school-age-child-without-school-puts-the-date-off")
        let a = try #require(h.person("a")?.assessment(.p25b))
        #expect(a.outcome == .reachable && a.from == Day("2038-11-10"))
        #expect(a.notes.contains { $0.text.hasPrefix("Die zeitabhängigen Voraussetzungen sind ab 17.11.2026 erfüllt; an diesem Tag fehlt aber noch: „Tatsächlicher Schulbesuch") })
        #expect(!a.notes.contains { $0.text.contains("ergibt sich aus der dann geltenden Fassung") })
    }

    /// L3: met on four years only while the child is a minor – until tomorrow.
    @Test func theFourYearVariantSaysWhenItEnds() throws {
        let (c, h) = try load("353-25b-four-years-only-while-the-child-is-a-minor")
        let a = try #require(h.person("a")?.assessment(.p25b))
        #expect(a.outcome == .met && a.notes.contains { $0.text.contains("also bei einer Entscheidung bis \(c.on.german)") && $0.text.contains("erst ab 17.11.2028 erfüllt") })
    }

    /// L4, L6: Kann today, Soll from tomorrow – said in the answer, and not as an "Anspruch".
    @Test func theDaySollBeginsIsSaid() throws {
        let (_, h) = try load("354-25-5-soll-from-tomorrow")
        let a = try #require(h.persons.first?.assessment(.p25_5))
        #expect(a.outcome == .met && a.consequence == .kann)
        #expect(a.notes.contains { $0.text.hasPrefix("Ab 17.11.2026 sind es 18 Monate ausgesetzter Abschiebung") })
        #expect(!a.conditions.contains { $0.detail?.contains("Soll-Anspruch") == true })
    }

    /// L7: the household is a fact of the case, named without a person's id.
    @Test func theCaseFactsKeepTheirNames() throws {
        let (_, h) = try load("356-25a2-household-missing-named-as-the-case-fact")
        for p in h.persons {
            for a in p.assessments { #expect(!a.open.contains { $0.hasSuffix("/household") || $0.hasSuffix("/relations") }, "\(p.personID) \(a.pathway) \(a.open)") }
        }
        #expect(h.person("t")?.assessment(.p25a2)?.open.contains("household") == true)
    }
}
