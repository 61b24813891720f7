import Counseling
import Storage
import Eligibility
import Testing
import Views
@testable import Web

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

    /// The navigation offers only letters the record supports (QA of 06.12.2026: the entry-ban letter was offered for
    /// a record without a ban, the certificate letter for a record without a status).
    @Test func theNavigationLinksOnlyLettersThatFit() {
        let links = { (m: LetterPages.Model) in LetterPages.navigation(m, caseID: "k").map(\.rendered).joined(separator: " | ") }
        var m = Self.model([StatusPeriod(kind: .duldung, from: Day("2020-01-01"))])
        m.template = .application
        var nav = links(m)
        #expect(nav.contains("href=\"/cases/k/letters/application\" aria-current=\"page\""))
        #expect(nav.contains("href=\"/cases/k/letters/duldung_certificate\""))
        #expect(!nav.contains("letters/entry_ban") && nav.contains("Aufenthaltsverbots (passt nicht zur Akte)"))
        var bars = Bars(); bars.entryBan = true
        m.client.facts.bars = bars
        m.client.facts.status = nil
        nav = links(m)
        #expect(nav.contains("href=\"/cases/k/letters/entry_ban\""))
        #expect(!nav.contains("letters/duldung_certificate") && nav.contains("Duldungsbescheinigung (passt nicht zur Akte)"))
    }
}

/// A case aimed at a pathway the engine excludes says so on its page; one closed by the law gets no application letter
/// (QA of 06.12.2026: cases aimed at § 104c after 31.12.2025 offered its application and a Fiktionsbescheinigung).
@Suite("Cases aimed at an excluded pathway")
struct ExcludedTargetTests {
    @Test(arguments: TestDatabase.available)
    func theCasePageWarnsAndTheLetterIsRefused(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "20.11.2026", pathway: "104c")
                let page = try await b.request(.get, casePath).body
                #expect(page.contains("<strong>Ziel ausgeschlossen:</strong> § 104c AufenthG ist nach der Prüfung durch das Gesetz ausgeschlossen"))
                let letter = try await b.request(.get, casePath + "/letters/application").body
                #expect(letter.contains("Nach § 104c AufenthG kann nach der Rechtslage vom 22.11.2026 nichts mehr erteilt werden") && !letter.contains("<article"))
                // Aimed at § 25b instead, neither is said.
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "open", "pathway": "25b", "counselor": "user-0"]).status == .seeOther)
                #expect(!(try await b.request(.get, casePath).body.contains("Ziel ausgeschlossen")))
                #expect(try await b.request(.get, casePath + "/letters/application").body.contains("<article"))
                // With an application filed under another pathway, the cover letter names that one (QA38 F4).
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25-5", "filed_on": "21.11.2026"]).status == .seeOther)
                let filed = try await b.request(.get, casePath + "/letters/application").body
                #expect(filed.contains("nach § 25 Abs. 5 AufenthG") && !filed.contains("nach § 25b Abs. 1 AufenthG"), "\(filed)")
            }
        }
    }
}

/// A residence permit held on another basis: the letter is a change of permit, and says so.
@Test func aLetterForAnotherPermitThanTheOneHeldSaysItIsAChange() {
    var m = LetterCheckTests.model([StatusPeriod(kind: .duldung, from: Day("2015-01-01"), to: Day("2026-11-30")),
                                    StatusPeriod(kind: .aufenthaltserlaubnis, from: Day("2026-12-01"), basis: "25a")])
    m.template = .application
    m.pathway = .p25b
    m.answers = Engine().assess(Household(persons: [m.client.facts]), on: m.today).persons[0].assessments
    guard case .warning(let why) = LetterPages.check(m) else { Issue.record("no warning: \(LetterPages.check(m))"); return }
    #expect(why.contains("besteht heute bereits eine Aufenthaltserlaubnis (§ 25a AufenthG) seit 01.12.2026") && why.contains("Ein Antrag nach § 25b Abs. 1 AufenthG wäre ein Wechsel"))
}

/// Letters carry the postal addresses the organisations keep themselves.
@Suite("Postal addresses on letters")
struct LetterAddressTests {
    @Test(arguments: TestDatabase.available)
    func eachOrganisationKeepsItsAddressAndLettersPrintBoth(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.11.2026")
                let before = try await b.request(.get, casePath + "/letters/application")
                #expect(before.body.contains("id=\"address-missing\"") && before.body.contains("<div class=\"letter-sender\">Beratung Elbstadt · Elbstadt</div>"))
                #expect(try await b.request(.post, "/organisation/address", form: ["csrf": csrf, "postal_address": "x"]).status == .forbidden)

                let coord = Browser(client: b.client, clock: f.clock)
                let cc = try await coord.logIn(f.login(.coordinator))
                let tooLong = try await coord.request(.post, "/organisation/address", form: ["csrf": cc, "postal_address": "1\n2\n3\n4\n5\n6"])
                #expect(tooLong.status == .unprocessableContent && tooLong.body.contains("id=\"postal_address-error\"") && tooLong.body.contains("1\n2\n3\n4\n5\n6</textarea>"))
                let saved = try await coord.request(.post, "/organisation/address", form: ["csrf": cc, "postal_address": " Am Elbufer 12\r\n\r\n01099 Elbstadt \n"])
                #expect(saved.status == .ok && saved.body.contains("id=\"address-saved\"") && saved.body.contains(">Am Elbufer 12\n\n01099 Elbstadt</textarea>"))
                let lead = Browser(client: b.client, clock: f.clock)
                let lc = try await lead.logIn(f.login(.authorityLead, organisation: "org-abh"))
                #expect(try await lead.request(.post, "/organisation/address", form: ["csrf": lc, "postal_address": "Sachgebiet Aufenthalt\nRathausplatz 1\n01067 Elbstadt"]).status == .ok)

                let letter = try await b.request(.get, casePath + "/letters/application").body
                #expect(!letter.contains("id=\"address-missing\""))
                #expect(letter.contains("<div class=\"letter-sender\">Beratung Elbstadt · Am Elbufer 12 · 01099 Elbstadt</div>"))
                // The client's plan and the public request form say how to reach the service (QA26 C5, C6).
                #expect(try await b.request(.get, "/clients/client-a/plan?lang=ar").body.contains("<p id=\"service-address\"><bdi lang=\"de\">Beratung Elbstadt<br>Am Elbufer 12<br>01099 Elbstadt</bdi></p>"))
                #expect(try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a").body.contains("Verantwortlich ist <bdi lang=\"de\">Beratung Elbstadt, Am Elbufer 12, 01099 Elbstadt</bdi>"))
                #expect(letter.contains("ABH Elbstadt<br>Sachgebiet Aufenthalt<br>Rathausplatz 1<br>01067 Elbstadt</div>"))
                // The other city's service has its own address, untouched.
                #expect(try await f.services.accounts.organisation("org-b")?.postalAddress == "")
            }
        }
    }
}
