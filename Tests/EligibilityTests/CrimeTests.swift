@testable import Eligibility
import Testing

@Suite("Conviction rules")
struct CrimeTests {
    func fine(_ n: Int, foreignersOnly: Bool = false) -> Conviction {
        var c = Conviction()
        c.date = Day("2024-01-01"); c.intentional = true; c.inGermany = true; c.stillRegistered = true
        c.foreignersOnly = foreignersOnly; c.dayFines = n
        return c
    }

    @Test func fiftyDayFinesPassAndFiftyOneFail() {
        #expect(Crime.fiftyNinety([fine(30), fine(20)]) == .met)
        #expect(Crime.fiftyNinety([fine(30), fine(21)]) == .fails)
    }

    @Test func ninetyForForeignersOnlyOffences() {
        #expect(Crime.fiftyNinety([fine(90, foreignersOnly: true)]) == .met)
        #expect(Crime.fiftyNinety([fine(91, foreignersOnly: true)]) == .fails)
    }

    @Test func mixedFinesAreOpenQuestionU6AboveFifty() {
        #expect(Crime.fiftyNinety([fine(20), fine(30, foreignersOnly: true)]) == .met)
        #expect(Crime.fiftyNinety([fine(20), fine(40, foreignersOnly: true)]) == .unknown(["U6"]))
    }

    @Test func erasedAndNegligentConvictionsDoNotCount() {
        var erased = fine(200); erased.stillRegistered = false
        var negligent = fine(200); negligent.intentional = false
        #expect(Crime.fiftyNinety([erased, negligent]) == .met)
    }

    @Test func juvenileSanctionIsOpenExceptUnderOld104c() {
        var j = Conviction()
        j.date = Day("2020-01-01"); j.intentional = true; j.inGermany = true; j.stillRegistered = true; j.foreignersOnly = false
        j.juvenileLaw = true
        #expect(Crime.fiftyNinety([j]) == .unknown(["U6"]))
        #expect(Crime.fiftyNinety([j], disregardJuvenileSanctions: true) == .met)
    }

    @Test func sixtyDToleratesOnlyOneForeignersOnlyFine() {
        #expect(Crime.sixtyDRule([]) == .met)
        #expect(Crime.sixtyDRule([fine(90, foreignersOnly: true)]) == .met)
        #expect(Crime.sixtyDRule([fine(10)]) == .fails)
        #expect(Crime.sixtyDRule([fine(10, foreignersOnly: true), fine(10, foreignersOnly: true)]) == .fails)
        #expect(Crime.sixtyDRule(nil) == .unknown(["convictions"]))
    }

    @Test func suspendedPrisonOfSixMonthsReachesSection54Abs2Nr1() {
        var c = fine(0); c.dayFines = nil; c.prisonMonths = 6; c.suspended = true
        #expect(Crime.expulsionThresholds([c]).abs2Nr1or2 == true)
        var j = fine(0); j.dayFines = nil; j.juvenileMonths = 12; j.suspended = true
        #expect(Crime.expulsionThresholds([j]).abs2Nr1or2 == false)
        j.suspended = false
        #expect(Crime.expulsionThresholds([j]).abs2Nr1or2 == true)
    }
}
