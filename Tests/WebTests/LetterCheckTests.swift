import Counseling
import Eligibility
import Testing
import Views

/// A letter is offered only where the record supports what it says.
@Suite("Letters checked against the record")
struct LetterCheckTests {
    static func model(_ status: [StatusPeriod]?) -> LetterPages.Model {
        var facts = Person(id: "c")
        facts.born = Day("1990-05-05"); facts.status = status
        let client = Client(id: "c", organisationID: "org", fileNumber: "A-1", firstName: "Nour", lastName: "Saleh", facts: facts)
        let sender = Organisation(id: "org", name: "Beratung", kind: .counselingService, city: "Elbstadt", land: "DE-SN")
        return LetterPages.Model(template: .duldungCertificate, sender: sender, senderPerson: "B", recipient: nil, client: client, pathway: nil,
                                 today: Day("2026-12-05"), answers: [])
    }

    /// "Die Abschiebung ist ausgesetzt" needs a status for today (QA of 05.12.2026: offered with an empty history).
    @Test func theDuldungCertificateLetterNeedsAStatusForToday() {
        guard case .refusal(let why) = LetterPages.check(Self.model(nil)) else { Issue.record("offered without a status history"); return }
        #expect(why.contains("keinen Status"))
        let ended = [StatusPeriod(kind: .duldung, from: Day("2020-01-01"), to: Day("2026-06-30"))]
        guard case .refusal = LetterPages.check(Self.model(ended)) else { Issue.record("offered after the last period ended"); return }
        #expect(LetterPages.check(Self.model([StatusPeriod(kind: .duldung, from: Day("2020-01-01"))])) == .fits)
    }
}
