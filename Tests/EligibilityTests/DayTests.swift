import Eligibility
import Testing

@Suite("Calendar days (K1)")
struct DayTests {
    @Test func parsesAndPrintsIsoAndGermanDates() throws {
        let d = try #require(Day(iso: "2026-11-16"))
        #expect(d.iso == "2026-11-16")
        #expect(d.german == "16.11.2026")
        #expect(d.components == (2026, 11, 16))
        // Written in place, zero-padded, at the ends of the years a date can be written with and beyond them.
        #expect(Day("0001-01-01").iso == "0001-01-01" && Day("0001-01-01").german == "01.01.0001")
        #expect(Day("9999-12-31").iso == "9999-12-31" && Day("2000-02-09").german == "09.02.2000")
        #expect(Day("9999-12-31").adding(years: 27).iso == "10026-12-31")
        #expect(Day("9999-12-31").adding(years: 27).german == "31.12.10026")
        for ordinal in stride(from: Day("0001-01-01").ordinal, through: Day("9999-12-31").ordinal, by: 997) {
            let day = Day(ordinal: ordinal)
            #expect(Day(iso: day.iso) == day && Day(german: day.german) == day)
        }
    }

    /// Arithmetic never traps, not even beyond the years a date can be written with (a 27th birthday of someone
    /// "born" on 31.12.9999 once stopped the server); inputs are bounded to 1900–2199 elsewhere.
    @Test func arithmeticBeyondTheWritableYearsDoesNotTrap() throws {
        let last = try #require(Day(iso: "9999-12-31"))
        #expect(last.birthday(27) > last && last.birthday(27).days(to: last.adding(years: 27)) == 0)
        #expect(last.adding(months: 1).days(to: last) == -31)
        #expect(Day("2024-02-29").adding(years: 1) == Day("2025-02-28"))
        #expect(Day(german: "1.3.2024") == Day("2024-03-01") && Day(german: "31.02.2024") == nil && Day(german: "01.03.24") == nil)
    }

    @Test func parsesSubstringsAndBridgedTextLikeStrings() throws {
        // Screening parses dates out of a row's bytes (contiguous) and other text through the general path.
        let row = "p1,2026-11-16,x"
        let field = row.split(separator: ",")[1]
        #expect(Day(iso: field) == Day("2026-11-16"))
        #expect(Day(iso: row.dropFirst(3).prefix(10)) == Day("2026-11-16"))
        #expect(Day(iso: "2026-11-16".unicodeScalars.map(String.init).joined()) == Day("2026-11-16"))
        #expect(Day(iso: row.dropFirst(2).prefix(10)) == nil)
        #expect(Day(iso: "２０２６-11-16") == nil)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026/01/01", "2026-1-01", "", "abcd-ef-gh"])
    func rejectsInvalidDates(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func leapDayExistsOnlyInLeapYears() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "1900-02-29") == nil)
    }

    @Test func addingYearsKeepsTheDayOfTheMonth() {
        #expect(Day("2020-11-17").adding(years: 6) == Day("2026-11-17"))
        #expect(Day("2022-06-03").adding(years: 4) == Day("2026-06-03"))
    }

    @Test func leapDayPlusOneYearIsTheTwentyEighthOfFebruary() {
        #expect(Day("2024-02-29").adding(years: 1) == Day("2025-02-28"))
        #expect(Day("2024-02-29").adding(years: 4) == Day("2028-02-29"))
    }

    @Test func addingMonthsClampsToTheLastDayOfTheMonth() {
        #expect(Day("2024-01-31").adding(months: 1) == Day("2024-02-29"))
        #expect(Day("2023-01-31").adding(months: 1) == Day("2023-02-28"))
        #expect(Day("2024-03-31").adding(months: -1) == Day("2024-02-29"))
        #expect(Day("2024-05-17").adding(months: 30) == Day("2026-11-17"))
        #expect(Day("2026-09-01").adding(months: -7) == Day("2026-02-01"))
    }

    @Test func threeMonthGapBoundaryFromSpec() {
        // A gap from 1 March to 31 May lasts exactly 3 months; to 1 June it is 3 months and a day (spec §1.7.2).
        #expect(Day("2024-05-31").adding(days: 1) <= Day("2024-03-01").adding(months: 3))
        #expect(!(Day("2024-06-01").adding(days: 1) <= Day("2024-03-01").adding(months: 3)))
    }

    @Test func ageCountsFromTheBirthdayOn() {
        let born = Day("1999-11-20")
        #expect(born.age(on: Day("2026-11-19")) == 26)
        #expect(born.age(on: Day("2026-11-20")) == 27)
        #expect(born.birthday(27) == Day("2026-11-20"))
    }

    @Test func personBornOnTheTwentyNinthOfFebruaryHasBirthdaysOnTheTwentyEighth() {
        let born = Day("2008-02-29")
        #expect(born.age(on: Day("2026-02-27")) == 17)
        #expect(born.age(on: Day("2026-02-28")) == 18)
        #expect(born.birthday(18) == Day("2026-02-28"))
    }

    @Test func daysBetweenAndOrdering() {
        #expect(Day("2024-01-01").days(to: Day("2025-01-01")) == 366)
        #expect(Day("2023-01-01") < Day("2023-01-02"))
        #expect(Day("1970-01-01").ordinal == 0)
    }

    @Test func roundTripsEveryDayOfSeveralCenturies() {
        var d = Day("1899-12-25")
        let end = Day("2101-01-05")
        var previous = d.ordinal - 1
        while d <= end {
            #expect(d.ordinal == previous + 1)
            let (y, m, dd) = d.components
            if Day(year: y, month: m, day: dd) != d { Issue.record("round trip failed for \(d.iso)"); return }
            previous = d.ordinal
            d = d.adding(days: 1)
        }
    }
}
