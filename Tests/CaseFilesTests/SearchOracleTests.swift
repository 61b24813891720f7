import CaseFiles
import Eligibility
import Screening
import Testing

/// The date search against the answers of the days themselves (SPEC.md, How the engine must answer § 5): a pathway
/// reachable from a day is met when decided on that day, and not on the day before. Checked over generated households
/// on decision dates around the changes of the law.
@Suite("The date search agrees with the days it names")
struct SearchOracleTests {
    @Test(arguments: ["2026-11-22", "2023-11-15", "2021-06-01"])
    func aReachableDateIsMetThatDayAndNotTheDayBefore(_ day: String) {
        let on = Day(iso: day)!
        var generator = PopulationGenerator(seed: 11, on: on)
        var failures: [String] = [], checked = 0
        for n in 0..<400 {
            let household = generator.nextHousehold()
            for person in Engine().assess(household, on: on, explains: false).persons {
                for a in person.assessments where a.outcome == .reachable {
                    guard let d = a.from, d <= on.adding(years: 3) else { continue }
                    checked += 1
                    let that = Engine().assess(household, person: person.personID, pathway: a.pathway, on: d)
                    if that.outcome != .met { failures.append("household \(n) \(person.personID) \(a.pathway.rawValue) from \(d.iso): \(that.outcome.rawValue) then \(that.failing) \(that.open)") }
                    let before = d.adding(days: -1)
                    if before > on, Engine().assess(household, person: person.personID, pathway: a.pathway, on: before).outcome == .met {
                        failures.append("household \(n) \(person.personID) \(a.pathway.rawValue) from \(d.iso): already met on \(before.iso)")
                    }
                }
            }
        }
        #expect(checked > 20, "\(checked) reachable answers checked")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(checked):\n" + failures.prefix(12).joined(separator: "\n")))
    }

    /// An excluded pathway is met on no later day with the same facts while the same version of its provision is in
    /// force (SPEC.md § 4 judges "never" under today's law by its letter; a later version may meet it: spec-disagreements
    /// 308 and 344).
    @Test(arguments: ["2026-11-22", "2023-11-15", "2021-06-01"])
    func anExcludedPathwayIsMetOnNoLaterDay(_ day: String) {
        let on = Day(iso: day)!
        var generator = PopulationGenerator(seed: 13, on: on)
        var failures: [String] = [], checked = 0
        for n in 0..<300 {
            let household = generator.nextHousehold()
            for person in Engine().assess(household, on: on).persons {
                for a in person.assessments where a.outcome == .excluded && a.reachableIfFiledOn == nil {
                    let change = Law.changeDays(of: a.pathway).filter { $0 > on }.min() ?? .distantFuture
                    checked += 1
                    for later in [on.adding(days: 30), on.adding(years: 1), on.adding(years: 3)] where later < change {
                        let then = Engine().assess(household, person: person.personID, pathway: a.pathway, on: later)
                        if then.outcome == .met { failures.append("household \(n) \(person.personID) \(a.pathway.rawValue): excluded on \(day), met on \(later.iso)") }
                    }
                }
            }
        }
        #expect(checked > 20, "\(checked) excluded answers checked")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) of \(checked):\n" + failures.prefix(12).joined(separator: "\n")))
    }
}
