import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Storage
import Testing
import Views
@testable import Web

@Suite("Cooperation: consent, shared case view, referrals, contacts")
struct CooperationTests {
    /// Records one conviction on client-a through the facts form (the other fields as stored).
    func recordConviction(_ b: Browser, _ conviction: [String: String]) async throws {
        var fields = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
        for (k, v) in conviction.merging(["intentional": "true", "in_germany": "true", "still_registered": "true", "foreigners_only": "false"]) { a, _ in a } {
            fields["convictions__0__\(k)"] = v
        }
        #expect(try await b.request(.post, "/clients/client-a/facts", form: fields).status == .seeOther)
    }

    /// A consent of client-a for the authority with these topics, in force since 01.11.2026.
    func consent(_ b: Browser, csrf: String, _ topics: [String]) async throws {
        var form = ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "valid_from": "01.11.2026", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]
        for t in topics { form["topic_\(t)"] = "1" }
        #expect(try await b.request(.post, "/clients/client-a/consents", form: form).status == .seeOther)
    }

    /// A consent recorded on a form text that did not exist on its first day, or does not exist at all, is refused at the
    /// version's field; an older text, or an organisation's own name for its form, is taken.
    @Test(arguments: TestDatabase.available)
    func aConsentNamesAFormTextThatExistedOnItsFirstDay(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let form = ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "topic_identity": "1", "language": "Deutsch"]
                let early = try await b.request(.post, "/clients/client-a/consents", form: form.merging(["valid_from": "01.03.2025", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]) { $1 })
                #expect(early.status == .unprocessableContent && early.body.contains("id=\"form_version-error\"")
                        && early.body.contains("gibt es erst seit 2026; eine Einwilligung ab dem 01.03.2025"))
                let future = try await b.request(.post, "/clients/client-a/consents", form: form.merging(["valid_from": "01.11.2026", "form_version": "se-2027-1"]) { $1 })
                #expect(future.status == .unprocessableContent && future.body.contains("die aktuelle Fassung des Formulars ist SE-2026-1"))
                #expect(try await count(f, "consents") == 0)
                for (from, version) in [("01.03.2025", "SE-2024-1"), ("01.11.2026", "Eigenes Formular 3/2026")] {
                    #expect(try await b.request(.post, "/clients/client-a/consents", form: form.merging(["valid_from": from, "form_version": version]) { $1 }).status == .seeOther)
                }
                #expect(try await count(f, "consents") == 2)
            }
        }
    }

    /// A consent recorded to print the form is a draft: it releases nothing until the day of the signature is entered
    /// (QA41 C3). A second click on "widerrufen" lands on the list (QA41 C4).
    @Test(arguments: TestDatabase.available)
    func aDraftConsentReleasesNothingUntilItIsSigned(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                #expect(try await b.request(.post, "/clients/client-a/consents", form: ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "topic_identity": "1",
                                                                                       "valid_from": "01.11.2026", "language": "Deutsch", "form_version": "SE-2026-1"]).status == .seeOther)
                let list = try await b.request(.get, "/clients/client-a/consents")
                #expect(list.body.contains("Entwurf: noch nicht unterschrieben – gibt nichts frei") && list.body.contains("Unterschrift eintragen"))
                #expect(try await clerk.request(.get, "/shared/clients/client-a").status == .notFound)
                #expect(!(try await clerk.request(.get, "/shared")).body.contains("Fall A-1"))
                let id = try #require(list.body.components(separatedBy: "/consents/").dropFirst().first?.prefix { $0 != "/" })
                let ahead = try await b.request(.post, "/clients/client-a/consents/\(id)/sign", form: ["csrf": csrf, "signed_on": "23.11.2026"])
                #expect(ahead.status == .unprocessableContent && ahead.body.contains("Die Unterschrift kann nicht in der Zukunft liegen") && ahead.body.contains("id=\"sg-\(id)-error\""))
                #expect(try await b.request(.post, "/clients/client-a/consents/\(id)/sign", form: ["csrf": csrf, "signed_on": "20.11.2026"]).status == .seeOther)
                #expect(try await clerk.request(.get, "/shared/clients/client-a").status == .ok)
                #expect(try await b.request(.get, "/clients/client-a/consents").body.contains("unterschrieben am 20.11.2026"))
                // Signed twice, revoked twice (a double click): each lands on the list, the first day kept.
                #expect(try await b.request(.post, "/clients/client-a/consents/\(id)/sign", form: ["csrf": csrf, "signed_on": "21.11.2026"]).status == .seeOther)
                for _ in 0..<2 {
                    #expect(try await b.request(.post, "/clients/client-a/consents/\(id)/revoke", form: ["csrf": csrf, "revoked_on": "22.11.2026"]).status == .seeOther)
                }
                let after = try await b.request(.get, "/clients/client-a/consents").body
                #expect(after.contains("unterschrieben am 20.11.2026") && after.contains("widerrufen am 22.11.2026"))
                #expect(try await clerk.request(.get, "/shared/clients/client-a").status == .notFound)
            }
        }
    }

    func stepsWithheld(_ page: Browser.Page) throws -> Bool? {
        (try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])?["steps_withheld"] as? Bool
    }

    func count(_ f: Fixture, _ table: String) async throws -> Int {
        try await f.services.db.read { try await $0.query(SQL("SELECT COUNT(*) AS n FROM \(table)")) }.first?.int("n") ?? -1
    }

    /// Two consents in force, each for other topics: the page shows both, each decided and logged as its own disclosure
    /// (QA of 05.12.2026: only the broadest consent's topics were shown).
    @Test(arguments: TestDatabase.available)
    func severalConsentsInForceAreShownTogether(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                for topic in ["topic_identity", "topic_status_history"] {
                    #expect(try await b.request(.post, "/clients/client-a/consents", form: [
                        "csrf": csrf, "recipient": "org-abh", "purpose": "Antrag nach § 25b", topic: "1",
                        "valid_from": "01.11.2026", "valid_until": "31.12.2026", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]).status == .seeOther)
                }
                let view = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(view.status == .ok && view.body.contains("Mohammed Haddad") && view.body.contains("id=\"status\""))
                #expect(!view.body.contains("id=\"assessment\""))
                #expect(try await count(f, "disclosures") == 2)
                try await expectTheAPIReleasesAsThePage(f, clerk)
            }
        }
    }

    /// The API answers as the page (QA41 A2): without `topics` every consent's, each logged; topics that two consents
    /// cover together released by both; one that none covers refused whole.
    func expectTheAPIReleasesAsThePage(_ f: Fixture, _ clerk: Browser) async throws {
        for query in ["", "?topics=identity,status_history"] {
            let api = try await clerk.request(.get, "/api/v1/shared/clients/client-a" + query)
            let json = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any]
            #expect(api.status == .ok && json?["identity"] != nil && json?["status_history"] != nil, "\(query)")
            #expect((json?["consent_ids"] as? [String])?.count == 2 && json?["topics"] as? [String] == ["identity", "status_history"], "\(query)")
        }
        #expect(try await count(f, "disclosures") == 6)
        let refused = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=identity,health")
        #expect(refused.status == .forbidden && refused.body.contains("umfasst nicht alle"))
        #expect(try await count(f, "disclosures") == 6)
    }

    @Test(arguments: TestDatabase.available)
    func theAuthoritySeesExactlyTheConsentedTopicsAndEveryDisclosureIsLoggedOnce(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                // Without consent the case does not exist for the authority.
                #expect(try await clerk.request(.get, "/shared/clients/client-a").status == .notFound)
                #expect(!(try await clerk.request(.get, "/shared").body.contains("A-1")))
                // Bad input: no topic, an impossible date, a recipient the service does not cooperate with.
                let bad = try await b.request(.post, "/clients/client-a/consents", form: ["csrf": csrf, "recipient": "org-b", "purpose": "Antrag",
                                                                                          "valid_from": "31.02.2026", "language": "Arabisch", "form_version": "SE-1"])
                #expect(bad.status == .unprocessableContent)
                for field in ["recipient", "topics", "valid_from"] { #expect(bad.body.contains("id=\"\(field)-error\""), "\(field)") }
                // The topics' message before the boxes, each box tied to it, the summary's link on the first (QA29 F3).
                let group = try #require(bad.body.components(separatedBy: "<legend>Umfasste Themen</legend>").dropFirst().first?.components(separatedBy: "</fieldset>").first)
                #expect(group.hasPrefix("<p class=\"error\" id=\"topics-error\"") && group.contains("type=\"checkbox\" id=\"topics\""))
                #expect(group.components(separatedBy: "aria-describedby=\"topics-error\"").count - 1 == Consent.Topic.allCases.count && bad.body.contains("href=\"#topics\""))
                #expect(try await count(f, "consents") == 0)
                // A consent for identity and assessment, 01.11.–31.12.2026.
                let ok = try await b.request(.post, "/clients/client-a/consents", form: [
                    "csrf": csrf, "recipient": "org-abh", "purpose": "Antrag nach § 25b", "topic_identity": "1", "topic_assessment": "1",
                    "valid_from": "01.11.2026", "valid_until": "31.12.2026", "language": "Arabisch (Dolmetscherin)", "form_version": "SE-2026-1", "signed_on": "01.11.2026"])
                #expect(ok.status == .seeOther)
                #expect(try await clerk.request(.get, "/shared").body.contains("Fall A-1"))
                // The list tells whose consent is in force: recorded with the client (QA of 06.12.2026).
                let listed = try await f.services.db.read { try await $0.one("SELECT COUNT(*) AS n FROM audit_events WHERE entity = 'shared_list' AND client_id = 'client-a' AND organisation_id = 'org-abh'")?.int("n") }
                #expect(listed == 1)
                let view = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(view.status == .ok)
                #expect(view.body.contains("Mohammed Haddad") && view.body.contains("id=\"assessment\""))
                #expect(!view.body.contains("id=\"status\"") && !view.body.contains("Gestattung") && !view.body.contains("id=\"missing\""))
                #expect(try await count(f, "disclosures") == 1)
                // The API gives exactly the requested topics when one consent covers them all …
                let api = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=identity")
                #expect(api.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any]
                #expect(json?["identity"] != nil && json?["assessment"] == nil && json?["status_history"] == nil)
                // … and refuses, with the reason and without a disclosure, what it does not cover (the attempt is audited).
                let wider = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=identity,status_history")
                #expect(wider.status == .forbidden)
                #expect(wider.body.contains("umfasst nicht alle"))
                #expect(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=gossip").status == .badRequest)
                #expect(try await count(f, "disclosures") == 2)
                // The service sees every disclosure (Art. 15), in the page and the API.
                let log = try await b.request(.get, "/clients/client-a/consents")
                #expect(log.body.components(separatedBy: "Gemeinsame Fallansicht").count - 1 == 1)
                #expect(log.body.components(separatedBy: "<td>Schnittstelle</td>").count - 1 == 1)
                let logAPI = try await b.request(.get, "/api/v1/clients/client-a/disclosures")
                #expect(logAPI.body.components(separatedBy: "\"channel\"").count - 1 == 2)
                // The coordination's audit page names the authority's reader with the authority, not by an id.
                let coordination = Browser(client: b.client, clock: f.clock)
                try await coordination.logIn(f.login(.coordinator))
                let auditPage = try await coordination.request(.get, "/clients/client-a/audit")
                #expect(auditPage.body.contains("(ABH Elbstadt)") && !auditPage.body.contains("<td>user-2</td>"))
                // The refused attempt is there too (QA of 06.12.2026: it left no trace).
                #expect(auditPage.body.components(separatedBy: "<td>verweigert (keine passende Einwilligung)</td><td>Offenlegung</td>").count - 1 == 1)
                // Revoked in one action: from now on nothing passes, and the list is empty.
                let consentID = try #require(log.body.components(separatedBy: "/consents/").dropFirst().first?.components(separatedBy: "/revoke").first)
                // The scan of the signed form is kept with the consent (and only an accepted file type).
                let scan = Array("%PDF-1.4 Schweigepflichtentbindung".utf8)
                #expect(try await b.upload("/clients/client-a/consents/\(consentID)/scan", fields: ["csrf": csrf], file: ("file", "se.pdf", "application/pdf", scan)).status == .seeOther)
                let svg = try await b.upload("/clients/client-a/consents/\(consentID)/scan", fields: ["csrf": csrf], file: ("file", "se.pdf", "application/pdf", Array("<svg/>".utf8)))
                // Said on the consent page, which stays in view (QA of 05.12.2026: a bare error page).
                #expect(svg.status == .unsupportedMediaType && svg.body.contains("<h1>Schweigepflichtentbindungen:") && svg.body.contains("Nur PDF-, JPEG- oder PNG-Dateien"))
                let download = try await b.request(.get, "/clients/client-a/consents/\(consentID)/scan")
                #expect(download.status == .ok && download.headers[.contentDisposition]?.hasPrefix("attachment") == true && download.body.utf8.count == scan.count)
                #expect(try await clerk.request(.get, "/clients/client-a/consents/\(consentID)/scan").status != .ok)
                // A scan for a consent that is not there is not kept (QA42 F2), and files no record names are removed by
                // the maintenance pass once they are an hour old, temporary ones too; a file in use stays.
                let uploads = URL(fileURLWithPath: f.services.config.uploadDirectory)
                let files = { try FileManager.default.contentsOfDirectory(atPath: uploads.path).sorted() }
                let before = try files()
                let stray = Array("%PDF-1.4 ohne Einwilligung".utf8)
                #expect(try await b.upload("/clients/client-a/consents/none/scan", fields: ["csrf": csrf], file: ("file", "x.pdf", "application/pdf", stray)).status == .notFound)
                #expect(try files() == before)
                let orphan = uploads.appendingPathComponent(String(repeating: "b", count: 64)), temp = uploads.appendingPathComponent("." + String(repeating: "c", count: 64) + ".tmp")
                let kept = uploads.appendingPathComponent(try #require(try await f.services.cooperation.scans(clientID: "client-a", organisation: "org-a")[consentID]?.sha256))
                for url in [orphan, temp] { try Data("x".utf8).write(to: url) }
                #expect(try await DocumentFiles.removeOrphans(services: f.services) == 0)
                let old = f.services.now().addingTimeInterval(-7200)
                for url in [orphan, temp, kept] { try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path) }
                #expect(try await DocumentFiles.removeOrphans(services: f.services) == 2)
                #expect(!FileManager.default.fileExists(atPath: orphan.path) && !FileManager.default.fileExists(atPath: temp.path) && FileManager.default.fileExists(atPath: kept.path))
                // The Art. 15 report lists the stored scan (QA of 06.12.2026: it was left out).
                #expect(try await b.request(.get, "/clients/client-a/auskunft").body.contains("<td>gespeichert: se.pdf (1 KB)</td>"))
                // The form to sign, filled from the record: recipient, purpose, exactly its topics, validity, the form's version.
                let form = try await b.request(.get, "/clients/client-a/consents/\(consentID)/form")
                #expect(form.status == .ok && form.body.contains("<strong>Mohammed Haddad</strong>") && form.body.contains("<strong>ABH Elbstadt</strong>"))
                #expect(form.body.contains("<p>Antrag nach § 25b</p>") && form.body.contains("bis einschließlich 31.12.2026") && form.body.contains("Formular SE-2026-1"))
                #expect(form.body.contains("<li>\(Consent.Topic.identity.german)</li>") && form.body.contains("<li>\(Consent.Topic.assessment.german)</li>"))
                #expect(!form.body.contains("<li>\(Consent.Topic.statusHistory.german)</li>") && !form.body.contains("Art. 9 Abs. 2"))
                #expect(form.body.contains("Der Inhalt wurde mir erklärt; Sprache: Arabisch (Dolmetscherin)") && !form.body.contains("role=\"alert\""))
                #expect(form.body.contains("<h2>Meine Rechte</h2>") && !form.body.contains("consent-translation"))
                // In the client's language, after the German text that is signed (QA26 C2).
                let arabic = try await b.request(.get, "/clients/client-a/consents/\(consentID)/form?lang=ar").body
                #expect(arabic.contains("<article class=\"letter consent-form consent-translation\" lang=\"ar\" dir=\"rtl\"") && arabic.contains("النص الألماني أعلاه وحده"))
                #expect(arabic.contains("<bdi lang=\"de\">Mohammed Haddad</bdi>") && arabic.contains("<li>الهوية (الاسم، تاريخ الميلاد، الجنسية)</li>") && arabic.contains("<bdi dir=\"ltr\">31.12.2026</bdi>"))
                #expect(!arabic.contains("<li>مسار الإقامة</li>"))
                #expect(try await clerk.request(.get, "/clients/client-a/consents/\(consentID)/form").status != .ok)
                #expect(try await b.request(.get, "/clients/client-a/consents/none/form").status == .notFound)
                // The revocation is dated the day it came in (a letter of yesterday), never a day ahead.
                // Refused at the field, the page and the typed value kept (QA38 F3: a bare error page; an empty field
                // was taken as today).
                for (typed, message) in [("23.11.2026", "nicht nach dem heutigen Tag"), ("01.01.2020", "vor dem Beginn der Schweigepflichtentbindung"),
                                         ("31.02.2026", "„31.02.2026“ ist kein gültiges Datum"), ("", "Bitte den Tag angeben")] {
                    let r = try await b.request(.post, "/clients/client-a/consents/\(consentID)/revoke", form: ["csrf": csrf, "revoked_on": typed])
                    #expect(r.status == .unprocessableContent && r.body.contains(message) && r.body.contains("value=\"\(typed)\" size=\"10\" inputmode=\"numeric\" aria-invalid=\"true\""), "\(typed)")
                }
                #expect(try await f.services.cooperation.consents(clientID: "client-a", organisation: "org-a").first { $0.id == consentID }?.revokedOn == nil)
                #expect(try await b.request(.post, "/clients/client-a/consents/\(consentID)/revoke", form: ["csrf": csrf, "revoked_on": "21.11.2026"]).status == .seeOther)
                // The views of today, made before the revocation was recorded, are marked as after its day.
                #expect(try await b.request(.get, "/clients/client-a/consents").body.contains("<strong>(nach dem Widerruf vom 21.11.2026)</strong>"))
                let twice = try await b.request(.post, "/clients/client-a/consents/\(consentID)/revoke", form: ["csrf": csrf])
                // A second revocation (a double click) lands on the list, which keeps the first day (QA41 C4).
                #expect(twice.status == .seeOther)
                #expect(try await f.services.cooperation.consents(clientID: "client-a", organisation: "org-a").first { $0.id == consentID }?.revokedOn == Day("2026-11-21"))
                let after = try await clerk.request(.get, "/shared/clients/client-a")
                // Revoked: as if there had never been a consent (the authority does not learn of the revocation).
                #expect(after.status == .notFound && !after.body.contains("widerrufen") && !after.body.contains("Haddad"))
                #expect(!(try await clerk.request(.get, "/shared").body.contains("A-1")))
                // A consent that starts in the future does not open the view either.
                _ = try await b.request(.post, "/clients/client-a/consents", form: [
                    "csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "topic_identity": "1", "valid_from": "01.01.2027", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"])
                let early = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=identity")
                #expect(early.status == .notFound && !early.body.contains("01.01.2027"))
                #expect(try await count(f, "disclosures") == 2)
                // Another city's client stays invisible, and a counselor has no shared view.
                #expect(try await clerk.request(.get, "/shared/clients/client-b").status == .notFound)
                #expect(try await b.request(.get, "/shared").status == .forbidden)
                // Every disclosure is also in the audit trail of the client.
                let audit = try await f.services.db.read { try await $0.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'disclose' AND client_id = 'client-a'") }
                #expect(audit.first?.int("n") == 2)
            }
        }
    }

    /// A step that rests on a conviction ("Tilgung abwarten …") tells that a conviction is on record: it is disclosed
    /// only under a consent that names convictions (Art. 10 DSGVO).
    @Test(arguments: TestDatabase.available)
    func stepsRestingOnAConvictionPassOnlyUnderAConsentForConvictions(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                try await recordConviction(b, ["date": "01.03.2024", "offence": "§ 242 StGB", "day_fines": "60"])
                let own = try await b.request(.get, "/clients/client-a/assessment")
                #expect(own.body.contains("Tilgung abwarten oder atypischen Fall darlegen"))
                func consent(_ topics: [String]) async throws { try await self.consent(b, csrf: csrf, topics) }
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                try await consent(["identity", "missing_documents"])
                let view = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(view.status == .ok && view.body.contains("id=\"missing\""))
                #expect(!view.body.contains("Tilgung") && !view.body.contains("§ 242"))
                let api = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=missing_documents")
                #expect(api.status == .ok && api.body.contains("missing_documents") && !api.body.contains("Tilgung"))
                // … and says that a step was left out, as the page does (QA41 A3).
                #expect(try stepsWithheld(api) == true)
                try await consent(["identity", "missing_documents", "convictions"])
                #expect(try stepsWithheld(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=missing_documents,convictions")) == false)
                let wider = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(wider.body.contains("Tilgung abwarten oder atypischen Fall darlegen") && wider.body.contains("§ 242 StGB"))
                // The API sends what the page shows under the topic (the disclosure log says it was sent).
                let widerAPI = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=convictions")
                #expect(widerAPI.status == .ok && widerAPI.body.contains("\"convictions\":[{") && widerAPI.body.contains("§ 242 StGB"))
                #expect(!(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=identity")).body.contains("convictions"))
                #expect(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=,,,").status == .badRequest)
            }
        }
    }

    /// A result decided by a conviction is not shown under a consent without convictions (QA of 05.12.2026: § 25b
    /// turned "ausgeschlossen" and no step was listed – only a conviction could explain it). What is shown is assessed
    /// from the released facts only: the same whether a conviction is on record or not (QA of 05.12.2026: "withheld"
    /// appeared exactly when one was).
    @Test(arguments: TestDatabase.available)
    func aResultDecidedByAConvictionIsWithheldWithoutConsentForConvictions(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                var clean = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                clean = clean.filter { !$0.key.hasPrefix("convictions__0__") }.merging(["convictions__none": "1"]) { $1 }
                #expect(try await b.request(.post, "/clients/client-a/facts", form: clean).status == .seeOther)
                let clerk0 = Browser(client: b.client, clock: f.clock)
                try await clerk0.logIn(f.login(.authorityClerk))
                try await self.consent(b, csrf: csrf, ["identity", "assessment"])
                let withoutConviction = try await clerk0.request(.get, "/api/v1/shared/clients/client-a?topics=assessment").body
                try await recordConviction(b, ["date": "01.03.2024", "offence": "§ 224 StGB", "prison_months": "30", "suspended": "false"])
                #expect(try await clerk0.request(.get, "/api/v1/shared/clients/client-a?topics=assessment").body == withoutConviction)
                // Nor an expulsion order, which the conviction conditions read too (QA of 05.12.2026).
                var facts = try #require(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts)
                var bars = facts.bars ?? Bars(); bars.expulsionOrder = true; bars.abs4Ground = true; facts.bars = bars
                _ = try await f.services.clients.replaceFacts(clientID: "client-a", organisation: "org-a", facts: facts,
                                                             audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-22T08:00:00.000Z"))
                #expect(try await clerk0.request(.get, "/api/v1/shared/clients/client-a?topics=assessment").body == withoutConviction)
                // Nor a deception the client admitted (QA of 06.12.2026: § 19d turned excluded, § 25b not met).
                var c = Conduct(); c.currentObstruction = [.deception]; c.pastDeception = true; c.pastObstruction = true
                c.deceptionRepeated = true; c.integrationRestsOnFalseIdentity = true; facts.conduct = c
                _ = try await f.services.clients.replaceFacts(clientID: "client-a", organisation: "org-a", facts: facts,
                                                             audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-22T08:00:00.000Z"))
                #expect(try await clerk0.request(.get, "/api/v1/shared/clients/client-a?topics=assessment").body == withoutConviction)
                func consent(_ topics: [String]) async throws { try await self.consent(b, csrf: csrf, topics) }
                func outcomes(_ body: String) throws -> [String: String] {
                    let o = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                    return ((o?["assessment"] as? [[String: Any]]) ?? []).reduce(into: [:]) { $0[$1["pathway"] as? String ?? ""] = $1["outcome"] as? String }
                }
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                try await consent(["identity", "assessment"])
                let narrow = try outcomes(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=assessment").body)
                #expect(narrow["25b"] == "withheld" && narrow.values.contains { $0 != "withheld" }, "\(narrow)")
                let page = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(page.body.contains("nicht freigegeben (kann von Angaben abhängen, die die Schweigepflichtentbindung nicht umfasst)") && !page.body.contains("§ 224"))
                #expect(page.body.contains("Angaben zu Verurteilungen und Gesundheit gibt sie nicht frei; sie sind nicht berücksichtigt"))
                // A second paper releasing the convictions alone does not widen the first one's assessment: permissions
                // are not assembled from several consents (QA of 06.12.2026: the page then showed § 25b computed with them).
                try await consent(["convictions"])
                let twoPapers = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(twoPapers.body.contains("§ 224") && twoPapers.body.contains("nicht freigegeben (kann von Angaben abhängen, die die Schweigepflichtentbindung nicht umfasst)"))
                func results(_ body: String) -> String { body.components(separatedBy: "Ergebnis der Prüfung").dropFirst().first?.components(separatedBy: "</table>").first ?? "" }
                #expect(!results(page.body).isEmpty && results(twoPapers.body) == results(page.body))
                try await consent(["identity", "assessment", "convictions"])
                let wide = try outcomes(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=assessment,convictions").body)
                #expect(wide["25b"] == "excluded" && !wide.values.contains("withheld"), "\(wide)")
                // The narrow view says nothing the wide one contradicts: no result it shows is better than the true one.
                let order = ["met": 0, "reachable": 1, "unclear": 2, "not_met": 3, "excluded": 4]
                for (k, v) in narrow where v != "withheld" && v != "unclear" { #expect((order[wide[k] ?? ""] ?? 9) >= (order[v] ?? 0), "\(k): \(v) / \(wide[k] ?? "")") }
            }
        }
    }

    /// The steps toward a pathway whose result is withheld (it rests on a conviction the consent does not release) are
    /// said to be withheld, not "none" (QA of 06.12.2026: "Keine offenen Schritte" while documents were missing).
    @Test(arguments: TestDatabase.available)
    func stepsOfAWithheldPathwayAreNotSaidToBeNone(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                try await recordConviction(b, ["date": "01.03.2024", "offence": "§ 224 StGB", "prison_months": "30", "suspended": "false"])
                _ = try await b.openCase("client-a", csrf: csrf, on: "01.11.2026", source: "authority", pathway: "25b")
                try await self.consent(b, csrf: csrf, ["identity", "assessment", "missing_documents"])
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                let page = try await clerk.request(.get, "/shared/clients/client-a").body
                let steps = page.components(separatedBy: "id=\"missing\"").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
                #expect(page.contains("nicht freigegeben (kann von Angaben abhängen"))
                #expect(steps.contains("Für den angestrebten Weg: § 25b Abs. 1 AufenthG") && !steps.contains("Keine offenen Schritte"), "\(steps)")
                #expect(steps.contains("Die Schritte hängen von Angaben ab") || steps.contains("Weitere Schritte hängen von nicht freigegebenen Angaben ab"), "\(steps)")
            }
        }
    }

    /// Every topic a consent names reaches the authority: applications and decisions, and health (the facts of
    /// § 25b Abs. 3). A consent for "Anträge und Entscheidungen" had been logged as disclosed but showed nothing.
    @Test(arguments: TestDatabase.available)
    func applicationsAndHealthReachTheAuthorityWhenConsented(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026", source: "authority", pathway: "25b")
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "01.10.2026"]).status == .seeOther)
                var fields = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                fields["inability__german"] = "true"
                #expect(try await b.request(.post, "/clients/client-a/facts", form: fields).status == .seeOther)
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                #expect(try await b.request(.post, "/clients/client-a/consents", form: ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "topic_applications": "1",
                                                                                       "valid_from": "01.11.2026", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]).status == .seeOther)
                let view = try await clerk.request(.get, "/shared/clients/client-a")
                #expect(view.body.contains("id=\"applications\"") && view.body.contains("<td>§ 25b Abs. 1 AufenthG</td><td>01.10.2026</td><td>offen</td>"))
                #expect(!view.body.contains("id=\"health\"") && !view.body.contains("Haddad"))
                #expect(try await b.request(.post, "/clients/client-a/consents", form: ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "topic_applications": "1",
                                                                                       "topic_health": "1", "valid_from": "01.11.2026", "language": "Deutsch", "form_version": "SE-2026-1", "signed_on": "01.11.2026"]).status == .seeOther)
                let api = try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=applications,health")
                #expect(api.status == .ok && api.body.contains("\"filed_on\":\"2026-10-01\"") && api.body.contains("\"german_impossible\":true"))
                let health = try await clerk.request(.get, "/shared/clients/client-a").body
                #expect(health.contains("Deutsch A2 wegen Krankheit, Behinderung oder Alter nicht erreichbar: ja"))
                // A reason is said in German, not as the schema's word (QA of 06.12.2026: "Begründung: illness").
                #expect(!health.contains("illness") && FactReading.word("illness") == "Krankheit" && FactReading.word("disability") == "Behinderung")
            }
        }
    }

    @Test func everyConditionNamedAsSpecialIsInTheRegistry() {
        for id in ["60d_no_conviction", "b_illness_age_exception", "gen_no_expulsion_interest"] { #expect(Consent.specialTopic(ofCondition: id) != nil) }
        #expect(Consent.specialTopic(ofCondition: "b_passport") == nil)
        for id in ConditionCatalog.allIDs where Consent.specialTopic(ofCondition: id) != nil { #expect(ConditionCatalog.isKnown(id)) }
        #expect(Consent.specialConditionIDs.allSatisfy(ConditionCatalog.isKnown))
    }

    @Test(arguments: TestDatabase.available)
    func aReferralIsAcceptedIntoACaseOrDeclinedWithAReasonAndBothSidesSeeItsState(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let clerk = Browser(client: b.client, clock: f.clock)
                let clerkCSRF = try await clerk.logIn(f.login(.authorityClerk))
                // The authority starts at its referrals.
                #expect(try await clerk.request(.get, "/").headers[.location] == "/referrals")
                var form = ["csrf": clerkCSRF, "service": "org-a", "first_name": "Samir", "last_name": "Yousef", "born": "12.03.1999",
                            "nationality": "syr", "reason": "Seit 2017 geduldet, Ausbildung abgeschlossen"]
                // Without the person's agreement nothing is passed on; the country comes back as typed (QA42 coordination #10).
                let refused = try await clerk.request(.post, "/referrals", form: form.merging(["nationality": "Syrien"]) { $1 })
                #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"agreed-error\"") && refused.body.contains("value=\"Syrien\""))
                // Not to a service without cooperation.
                var other = form; other["service"] = "org-b"; other["agreed"] = "1"
                #expect(try await clerk.request(.post, "/referrals", form: other).status == .unprocessableContent)
                // A nationality must be a real ISO code, not just three letters.
                let fantasy = try await clerk.request(.post, "/referrals", form: form.merging(["agreed": "1", "nationality": "XYZ"]) { $1 })
                #expect(fantasy.status == .unprocessableContent && fantasy.body.contains("id=\"nationality-error\""))
                #expect(try await count(f, "referrals") == 0)
                // The reason carries no health data and no one else's birth date (QA of 05.12.2026); a Duldung's date passes.
                for (reason, said) in [("Psychisch krank, PTBS, Depression", "Gesundheitsangaben"), ("Ehefrau Fatima T., geb. 02.03.1992, ebenfalls", "weiteren Angaben zu Personen"),
                                       ("Wohnt Lindenstraße 5", "weiteren Angaben zu Personen"), ("wie PB-2024-0049", "weiteren Angaben zu Personen")] {
                    let r = try await clerk.request(.post, "/referrals", form: form.merging(["agreed": "1", "reason": reason]) { $1 })
                    #expect(r.status == .unprocessableContent && r.body.contains(said), "\(reason)")
                }
                #expect(HealthWords.found(in: "Hat die Schule besucht, sucht Arbeit, Krankenhaus").map { $0 } == ["Krankenhaus"])
                #expect(HealthWords.found(in: "Rollstuhlfahrer, gehörlos") == ["Rollstuhlfahrer", "gehörlos"])
                #expect(HealthWords.found(in: "Posttraumatische Belastungsstörung, Angststörung, schwerbehindert, Versuch") == ["Posttraumatische", "Belastungsstörung", "Angststörung", "schwerbehindert"])
                #expect(try await count(f, "referrals") == 0)
                form["agreed"] = "1"
                form["reason"] = "Seit 2017 geduldet, Duldung bis 31.12.2026, Ausbildung abgeschlossen"
                #expect(try await clerk.request(.post, "/referrals", form: form).status == .seeOther)
                // The same person again while that referral is open (another spelling of the name): refused, said why.
                let sameAgain = try await clerk.request(.post, "/referrals", form: form.merging(["first_name": "Sameer"]) { $1 })
                #expect(sameAgain.status == .unprocessableContent && sameAgain.body.contains("ist bereits am 22.11.2026 an diese Beratungsstelle vermittelt"))
                let swapped = try await clerk.request(.post, "/referrals", form: form.merging(["first_name": "Yousef", "last_name": "Samir"]) { $1 })
                #expect(swapped.status == .unprocessableContent && swapped.body.contains("ist bereits am 22.11.2026"))
                form["first_name"] = "Leyla"; form["last_name"] = "Karimi"
                let sent = try await clerk.request(.post, "/referrals", form: form)
                #expect(sent.status == .seeOther && sent.headers[.location] == "/referrals?gesendet=1")
                // Said on the page, whose form comes before the list (QA of 06.12.2026).
                let confirmed = try await clerk.request(.get, "/referrals?gesendet=1").body
                #expect(confirmed.contains("<label for=\"first_name\">Vorname (Pflichtangabe)</label><input id=\"first_name\" name=\"first_name\" value=\"\" required>") && confirmed.contains("Geburtsdatum (TT.MM.JJJJ) (freiwillig)"))
                #expect(confirmed.contains("Die Vermittlung ist gesendet") && confirmed.range(of: "Person vermitteln")!.lowerBound < confirmed.range(of: "Ihre Vermittlungen")!.lowerBound)
                // The service of the other city sees none of it.
                let muldenau = Browser(client: b.client, clock: f.clock)
                try await muldenau.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(!(try await muldenau.request(.get, "/referrals").body.contains("Yousef")))
                // The service accepts one (a new client and a case referred by the authority) and declines the other.
                let csrf = try await b.logIn(f.login(.counselor))
                let inbox = try await b.request(.get, "/referrals")
                #expect(inbox.body.contains("Yousef, Samir") && inbox.body.contains("Karimi, Leyla"))
                #expect(inbox.body.contains("Annehmen<span class=\"visually-hidden\">: Yousef, Samir</span>") && inbox.body.contains("Ablehnen<span class=\"visually-hidden\">: Karimi, Leyla</span>"))
                // Reading the list (names and birth dates of referred persons) is in the audit trail.
                let reads = try await f.services.db.read { try await $0.query("SELECT COUNT(*) AS n FROM audit_events WHERE entity = 'referral_list' AND user_id = 'user-0'") }
                #expect((reads.first?.int("n") ?? 0) >= 1)
                let ids = inbox.body.components(separatedBy: "action=\"/referrals/").dropFirst().map { String($0.prefix { $0 != "/" }) }
                let (samir, leyla) = (ids[0], ids[2])
                #expect(try await clerk.request(.post, "/referrals/\(samir)/accept", form: ["csrf": clerkCSRF, "file_number": "Z-1"]).status == .forbidden)
                #expect(try await muldenau.request(.get, "/referrals").status == .ok)
                // Another person's file number is refused (at the referral's form, the number kept); nothing is written.
                let wrong = try await b.request(.post, "/referrals/\(samir)/accept", form: ["csrf": csrf, "file_number": "A-1"])
                #expect(wrong.status == .unprocessableContent && wrong.body.contains("eine andere Person erfasst (Mohammed Haddad, geb. 05.05.1990)"))
                #expect(wrong.body.contains("id=\"fn-\(samir)-error\"") && wrong.body.contains("value=\"A-1\""))
                #expect(try await count(f, "cases") == 0)
                #expect(try await b.request(.post, "/referrals/\(samir)/accept", form: ["csrf": csrf, "file_number": "=cmd|calc"]).status == .unprocessableContent)
                // A year that has not begun is a typo (QA42); this year's is taken.
                let future = try await b.request(.post, "/referrals/\(samir)/accept", form: ["csrf": csrf, "file_number": "PB-2099-0001"])
                #expect(future.status == .unprocessableContent && future.body.contains("nennt das Jahr 2099, das noch nicht begonnen hat"))
                #expect(FileNumber.futureYear("PB-2026-0001", today: Day("2026-11-22")) == nil && FileNumber.futureYear("AZ 20270 12", today: Day("2026-11-22")) == nil)
                let accepted = try await b.request(.post, "/referrals/\(samir)/accept", form: ["csrf": csrf, "file_number": "Z-1"])
                #expect(accepted.status == .seeOther)
                let casePage = try await b.request(.get, try #require(accepted.headers[.location]))
                #expect(casePage.status == .ok && casePage.body.contains("Yousef"))
                let client = try await f.services.db.read { try await $0.one("SELECT id, born, nationality FROM clients WHERE file_number = 'Z-1'") }
                #expect(client?.text("born") == "1999-03-12" && client?.text("nationality") == "SYR")
                let cases = try await b.request(.get, "/api/v1/clients/\(client?.text("id") ?? "")/cases")
                #expect(cases.body.contains("\"referral_source\":\"authority\""))
                let noReason = try await b.request(.post, "/referrals/\(leyla)/decline", form: ["csrf": csrf, "reason": ""])
                #expect(noReason.status == .unprocessableContent && noReason.body.contains("id=\"why-\(leyla)-error\""))
                // The reason goes to the authority: no health data, no one's details (QA of 06.12.2026).
                for (reason, said) in [("Bei uns in Beratung wegen Posttraumatischer Belastungsstörung", "keine Gesundheitsangaben enthalten (Posttraumatischer, Belastungsstörung)"),
                                       ("Frau Karimi wohnt Hauptstraße 5", "keine Angaben zu Personen"), ("Leyla, geb. 01.01.1990", "keine Angaben zu Personen")] {
                    let r = try await b.request(.post, "/referrals/\(leyla)/decline", form: ["csrf": csrf, "reason": reason])
                    #expect(r.status == .unprocessableContent && r.body.contains(said) && r.body.contains("id=\"why-\(leyla)-error\""), "\(reason)")
                }
                #expect(try await b.request(.post, "/referrals/\(leyla)/decline", form: ["csrf": csrf, "reason": "Zuständig ist die Beratung in Muldenau"]).status == .seeOther)
                // A decided referral cannot be decided again (a second tab is told why).
                let again2 = try await b.request(.post, "/referrals/\(samir)/decline", form: ["csrf": csrf, "reason": "doch nicht"])
                #expect(again2.status == .conflict && again2.body.contains("bereits angenommen"))
                let state = try await clerk.request(.get, "/referrals")
                #expect(state.body.contains("angenommen am 22.11.2026"))
                // Each look at a list naming the person is in the file's trail, on both sides and in the API (QA28 F2).
                let samirFile = try #require(client?.text("id"))
                func looks(_ user: String) async throws -> Int {
                    try await f.services.db.read { ex in try await ex.one(SQL("SELECT COUNT(*) AS n FROM audit_events WHERE entity = 'referral_list' AND user_id = ? AND client_id = ?", [user, samirFile]))?.int("n") ?? 0 }
                }
                let counselorBefore = try await looks("user-0")
                #expect(try await looks("user-2") == 1)
                _ = try await b.request(.get, "/referrals")
                _ = try await b.request(.get, "/api/v1/referrals")
                #expect(try await looks("user-0") == counselorBefore + 2)
                #expect(state.body.contains("abgelehnt am 22.11.2026: Zuständig ist die Beratung in Muldenau"))
                // The list narrows to one state, each state's count beside it (QA42 coordination #10); an unknown one shows all.
                #expect(state.body.contains("<a href=\"/referrals?stand=accepted#list\">angenommen (1)</a>") && state.body.contains("aria-current=\"page\"><strong>alle ("))
                let declinedOnly = try await clerk.request(.get, "/referrals?stand=declined").body
                #expect(declinedOnly.contains("Karimi, Leyla") && !declinedOnly.contains("Yousef, Samir") && declinedOnly.contains("aria-current=\"page\"><strong>abgelehnt (1)</strong>"))
                #expect(try await clerk.request(.get, "/referrals?stand=withdrawn").body.contains("Keine Vermittlungen im Stand „zurückgezogen“."))
                #expect(try await clerk.request(.get, "/referrals?stand=irgendwas").body.contains("Yousef, Samir"))
                // The authority learns the state, not the case or the client file.
                #expect(!state.body.contains("/cases/"))
                #expect(try await clerk.request(.get, "/api/v1/referrals").body.contains("\"state\":\"accepted\""))
                #expect(!(try await clerk.request(.get, "/api/v1/referrals").body.contains("case_id")))
                // Referred again: a new file number for the same person is refused; the existing one joins the open case.
                #expect(try await clerk.request(.post, "/referrals", form: form.merging(["first_name": "Samir", "last_name": "Yousef"]) { _, b in b }).status == .seeOther)
                let again = try #require(try await b.request(.get, "/referrals").body.components(separatedBy: "action=\"/referrals/").dropFirst()
                    .map { String($0.prefix { $0 != "/" }) }.first { $0 != samir && $0 != leyla })
                let twice = try await b.request(.post, "/referrals/\(again)/accept", form: ["csrf": csrf, "file_number": "Z-2"])
                #expect(twice.status == .unprocessableContent && twice.body.contains("bereits eine Akte unter dem Aktenzeichen „Z-1“"))
                // Left empty, the number is not drawn for a person already filed: the file is named instead.
                let empty = try await b.request(.post, "/referrals/\(again)/accept", form: ["csrf": csrf, "file_number": ""])
                #expect(empty.status == .unprocessableContent && empty.body.contains("bereits eine Akte unter dem Aktenzeichen „Z-1“"))
                let joined = try await b.request(.post, "/referrals/\(again)/accept", form: ["csrf": csrf, "file_number": "z-1"])
                #expect(joined.status == .seeOther && joined.headers[.location] == accepted.headers[.location])
                #expect(try await count(f, "cases") == 1)
                // A new person accepted with the field left empty gets the next file number, as a new client does
                // (QA of 06.12.2026: the counselor had to guess it).
                #expect(try await clerk.request(.post, "/referrals", form: form.merging(["first_name": "Nadia", "last_name": "Amiri", "born": "02.02.2002"]) { _, b in b }).status == .seeOther)
                let nadia = try #require(try await b.request(.get, "/referrals").body.components(separatedBy: "action=\"/referrals/").dropFirst()
                    .map { String($0.prefix { $0 != "/" }) }.first { ![samir, leyla, again].contains($0) })
                #expect(try await b.request(.post, "/referrals/\(nadia)/accept", form: ["csrf": csrf, "file_number": ""]).status == .seeOther)
                let drawn = try await f.services.db.read { try await $0.one("SELECT file_number FROM clients WHERE last_name = 'Amiri'") }
                #expect(drawn?.text("file_number")?.hasSuffix("-2026-0001") == true)
            }
        }
    }

    /// The documents the case's pathway needs and the case lacks are named under "missing documents" (QA of 06.12.2026:
    /// the topic showed nothing though the employment contract was missing); a received one is not.
    @Test(arguments: TestDatabase.available)
    func theSharedViewNamesTheDocumentsNotYetReceived(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "22.11.2026")
                #expect(try await b.upload(casePath + "/documents", fields: ["csrf": csrf, "kind": "passport", "state": "received", "received_on": "15.11.2026"], file: nil).status == .seeOther)
                try await self.consent(b, csrf: csrf, ["identity", "missing_documents"])
                let docs = try await clerk.request(.get, "/shared/clients/client-a").body.components(separatedBy: "id=\"documents-not-received\"").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
                #expect(docs.contains("<li>Arbeitsvertrag und Lohnabrechnungen der letzten Monate</li>") && !docs.contains("Pass oder Nachweis"))
                #expect(try await clerk.request(.get, "/api/v1/shared/clients/client-a?topics=missing_documents").body.contains("\"documents_not_received\":[\""))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAuthorityWithdrawsAnUnansweredReferralAndItsPersonalDataAreErased(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let clerk = Browser(client: b.client, clock: f.clock)
                let clerkCSRF = try await clerk.logIn(f.login(.authorityClerk))
                let form = ["csrf": clerkCSRF, "service": "org-a", "first_name": "Samir", "last_name": "Yousef", "born": "12.03.1999",
                            "nationality": "SYR", "reason": "Seit 2017 geduldet", "agreed": "1"]
                #expect(try await clerk.request(.post, "/referrals", form: form).status == .seeOther)
                #expect(try await clerk.request(.post, "/referrals", form: form.merging(["first_name": "Leyla"]) { $1 }).status == .seeOther)
                let page = try await clerk.request(.get, "/referrals")
                let ids = page.body.components(separatedBy: "action=\"/referrals/").dropFirst().map { String($0.prefix { $0 != "/" }) }
                #expect(ids.count == 2 && page.body.contains("Zurückziehen"))
                // The service cannot withdraw; the authority must say why.
                let csrf = try await b.logIn(f.login(.counselor))
                #expect(try await b.request(.post, "/referrals/\(ids[0])/withdraw", form: ["csrf": csrf, "reason": "x"]).status == .forbidden)
                #expect(try await clerk.request(.post, "/referrals/\(ids[0])/withdraw", form: ["csrf": clerkCSRF, "reason": ""]).status == .unprocessableContent)
                // The reason must not carry the person's data back (they are erased with the withdrawal).
                let naming = try await clerk.request(.post, "/referrals/\(ids[0])/withdraw", form: ["csrf": clerkCSRF, "reason": "Herr Yousef, geb. 12.03.1999, wohnt anderswo"])
                #expect(naming.status == .unprocessableContent && naming.body.contains("id=\"wd-\(ids[0])-error\"") && naming.body.contains("keine Angaben zur Person"))
                #expect(try await clerk.request(.post, "/referrals/\(ids[0])/withdraw", form: ["csrf": clerkCSRF, "reason": "An die falsche Stelle gesandt"]).status == .seeOther)
                // Both sides see it withdrawn, without the person; the service can no longer accept it.
                let inbox = try await b.request(.get, "/referrals")
                #expect(inbox.body.contains("zurückgezogen am 22.11.2026: An die falsche Stelle gesandt") && inbox.body.contains("Angaben gelöscht"))
                #expect(inbox.body.contains("Yousef, Leyla") && !inbox.body.contains("Yousef, Samir"))
                #expect(try await b.request(.post, "/referrals/\(ids[0])/accept", form: ["csrf": csrf, "file_number": "Z-1"]).status == .conflict)
                let stored = try await f.services.db.read { try await $0.one(SQL("SELECT first_name, born, reason FROM referrals WHERE id = ?", [ids[0]])) }
                #expect(stored?.text("first_name") == "" && stored?.text("born") == nil && stored?.text("reason") == "")
                // An answered referral cannot be withdrawn any more.
                #expect(try await b.request(.post, "/referrals/\(ids[1])/decline", form: ["csrf": csrf, "reason": "Zuständig ist Muldenau"]).status == .seeOther)
                #expect(try await clerk.request(.post, "/referrals/\(ids[1])/withdraw", form: ["csrf": clerkCSRF, "reason": "zu spät"]).status == .conflict)
            }
        }
    }

    /// The shared list in an order, and a search (QA42 coordination #8): by file number among the rows, by name only
    /// where the consent releases the identity, each hit logged as a disclosure of the name; nobody else is found.
    @Test(arguments: TestDatabase.available)
    func theAuthorityFindsASharedCaseByNameOnlyWhereTheConsentReleasesTheIdentity(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await f.addClient("client-k", fileNumber: "A-10", firstName: "Leyla", lastName: "Karimi", born: Day("1995-02-03"))
                try await f.addClient("client-n", fileNumber: "A-9", firstName: "Nasrin", lastName: "Karimi", born: Day("1990-07-01"))
                let csrf = try await b.logIn(f.login(.counselor))
                func consent(_ client: String, from: String, _ topics: [String]) async throws {
                    var form = ["csrf": csrf, "recipient": "org-abh", "purpose": "Antrag", "valid_from": from, "language": "Deutsch",
                                "form_version": "SE-2026-1", "signed_on": from]
                    for t in topics { form["topic_\(t)"] = "1" }
                    #expect(try await b.request(.post, "/clients/\(client)/consents", form: form).status == .seeOther)
                }
                try await consent("client-a", from: "01.11.2026", ["identity", "assessment"])
                try await consent("client-k", from: "10.11.2026", ["assessment"])        // no identity: never found by name
                try await consent("client-n", from: "05.11.2026", ["identity"])
                let clerk = Browser(client: b.client, clock: f.clock)
                try await clerk.logIn(f.login(.authorityClerk))
                // By file number (A-9 before A-10), or the newest consents first; no names in the list.
                let list = try await clerk.request(.get, "/shared").body
                let positions = ["Fall A-1<", "Fall A-9<", "Fall A-10<"].map { list.range(of: $0)?.lowerBound }
                #expect(positions.allSatisfy { $0 != nil } && positions[0]! < positions[1]! && positions[1]! < positions[2]!, "\(list)")
                #expect(!list.contains("Haddad") && !list.contains("Karimi") && list.contains("<td>10.11.2026</td><td>Einschätzung der Bleiberechtswege</td>"))
                let newest = try await clerk.request(.get, "/shared?sortierung=freigabe").body
                #expect(newest.range(of: "Fall A-10<")!.lowerBound < newest.range(of: "Fall A-9<")!.lowerBound && newest.contains("value=\"freigabe\" selected"))
                // By name, spelled another way: found with the name the service recorded, and logged as a disclosure.
                let disclosuresBefore = try await count(f, "disclosures")
                let found = try await clerk.request(.get, "/shared?q=Muhammad%20Hadad").body
                #expect(found.contains("Ein Treffer für „Muhammad Hadad“") && found.contains("<td>Haddad, Mohammed</td>") && !found.contains("Fall A-9"), "\(found)")
                #expect(try await count(f, "disclosures") == disclosuresBefore + 1)
                #expect(try await b.request(.get, "/clients/client-a/consents").body.contains("Suche nach Namen"))
                // Two persons named Karimi: only the one whose consent releases the identity is found.
                let karimi = try await clerk.request(.get, "/shared?q=karimi").body
                #expect(karimi.contains("Ein Treffer") && karimi.contains("<td>Karimi, Nasrin</td>") && !karimi.contains("Leyla") && !karimi.contains("Fall A-10"), "\(karimi)")
                #expect(try await count(f, "disclosures") == disclosuresBefore + 2)
                let refusals = try await f.services.db.read { try await $0.one("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refuse' AND entity = 'disclosure'")?.int("n") }
                #expect(refusals == 0)
                // A file number is found among the rows, without a name and without a disclosure; a name of no consent, nowhere.
                let number = try await clerk.request(.get, "/shared?q=a-10").body
                #expect(number.contains("Fall A-10<") && !number.contains("Fall A-9<") && !number.contains("Karimi"))
                #expect(try await clerk.request(.get, "/shared?q=Schulze").body.contains("Kein freigegebener Fall gefunden."))
                #expect(try await count(f, "disclosures") == disclosuresBefore + 2)
                // Too few letters would list everyone: refused at the field.
                let short = try await clerk.request(.get, "/shared?q=ka")
                #expect(short.status == .unprocessableContent && short.body.contains("id=\"q-error\"") && !short.body.contains("Fall A-"))
                // As the page's own GET form sends it, "+" for the space (QA43 A2); a disclosure like any search by name.
                #expect(try await clerk.request(.get, "/shared?q=Muhammad+Hadad").body.contains("<td>Haddad, Mohammed</td>"))
                #expect(try await count(f, "disclosures") == disclosuresBefore + 3)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAuthorityMaintainsItsContactDirectoryAndTheCooperatingServiceReadsIt(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let lead = Browser(client: b.client, clock: f.clock)
                let leadCSRF = try await lead.logIn(f.login(.authorityLead))
                let bad = try await lead.request(.post, "/contacts", form: ["csrf": leadCSRF, "name": "", "responsibility": "", "email": "kein-at", "phone": "abc"])
                #expect(bad.status == .unprocessableContent)
                for field in ["name", "responsibility", "email", "phone"] { #expect(bad.body.contains("id=\"\(field)-error\""), "\(field)") }
                #expect(try await lead.request(.post, "/contacts", form: ["csrf": leadCSRF, "name": "Frau Beispiel", "function": "Sachgebietsleitung",
                                                                           "phone": "+49 351 000-0000", "email": "duldung@abh.example", "responsibility": "Duldung A–K"]).status == .seeOther)
                // Addresses and numbers that cannot be reached, and the same entry twice, are refused.
                for (field, value) in [("email", "@"), ("email", "foo@"), ("email", "a@b"), ("email", "javascript:alert(1)//@x.de"), ("email", "\"><b>@x.de"),
                                       ("phone", "()"), ("phone", "+"), ("phone", "- - -"), ("function", "")] {
                    let r = try await lead.request(.post, "/contacts", form: ["csrf": leadCSRF, "name": "Herr Test", "responsibility": "Test", field: value])
                    // Neither a phone number nor an address ("function" sent instead): the phone field asks for one.
                    #expect(r.status == .unprocessableContent && r.body.contains("id=\"\(field == "function" ? "phone" : field)-error\""), "\(field) \(value)")
                }
                #expect(try await lead.request(.post, "/contacts", form: ["csrf": leadCSRF, "name": "Herr Test", "responsibility": "Test", "phone": "00000000"]).status == .unprocessableContent)
                let again = try await lead.request(.post, "/contacts", form: ["csrf": leadCSRF, "name": "frau  beispiel", "responsibility": "Duldung A–K", "phone": "0351 488-1234"])
                #expect(again.status == .unprocessableContent && again.body.contains("schon eingetragen"))
                let csrf = try await b.logIn(f.login(.counselor))
                let page = try await b.request(.get, "/contacts")
                #expect(page.status == .ok && page.body.contains("Frau Beispiel") && page.body.contains("Duldung A–K"))
                #expect(page.body.contains("<a href=\"tel:+493510000000\">+49 351 000-0000</a>"))   // dialled from the list (QA42 coordination #10)
                #expect(!page.body.contains("/contacts/") )   // read only for the service
                #expect(try await b.request(.post, "/contacts", form: ["csrf": csrf, "name": "X", "responsibility": "Y"]).status == .forbidden)
                let muldenau = Browser(client: b.client, clock: f.clock)
                try await muldenau.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(!(try await muldenau.request(.get, "/contacts").body.contains("Frau Beispiel")))
                let volunteer = Browser(client: b.client, clock: f.clock)
                try await volunteer.logIn(f.login(.volunteer))
                #expect(try await volunteer.request(.get, "/contacts").status == .forbidden)
                let entry = try #require(try await lead.request(.get, "/contacts").body.components(separatedBy: "/contacts/").dropFirst().first?.prefix { $0 != "/" })
                // An entry is corrected in place (QA42 coordination #10): the form comes filled in, is checked as a new
                // one, and is no duplicate of itself; the service and another authority cannot change it.
                let edit = try await lead.request(.get, "/contacts/\(entry)/edit")
                #expect(edit.status == .ok && edit.body.contains("Eintrag ändern") && edit.body.contains("action=\"/contacts/\(entry)\"") && edit.body.contains("value=\"Frau Beispiel\""))
                let wrong = try await lead.request(.post, "/contacts/\(entry)", form: ["csrf": leadCSRF, "name": "Frau Beispiel", "responsibility": "Duldung A–K", "phone": "abc"])
                #expect(wrong.status == .unprocessableContent && wrong.body.contains("id=\"phone-error\"") && wrong.body.contains("Eintrag ändern"))
                let changed = try await lead.request(.post, "/contacts/\(entry)", form: ["csrf": leadCSRF, "name": "Frau Beispiel", "function": "Sachgebietsleitung",
                                                                                       "phone": "0351 488-9999", "email": "duldung@abh.example", "responsibility": "Duldung A–L"])
                #expect(changed.status == .seeOther && changed.headers[.location] == "/contacts#contact-\(entry)")
                let updated = try await b.request(.get, "/contacts").body
                #expect(updated.contains("Duldung A–L") && updated.contains("0351 488-9999") && !updated.contains("000-0000"))
                #expect(try await b.request(.get, "/contacts/\(entry)/edit").status == .forbidden)
                #expect(try await b.request(.post, "/contacts/\(entry)", form: ["csrf": csrf, "name": "X", "responsibility": "Y", "phone": "0351 1234567"]).status == .forbidden)
                #expect(try await lead.request(.post, "/contacts/unbekannt", form: ["csrf": leadCSRF, "name": "X", "responsibility": "Y", "phone": "0351 1234567"]).status == .notFound)
                let trail = try await f.services.db.read { try await $0.query(SQL("SELECT action FROM audit_events WHERE entity = 'contact' AND entity_id = ? ORDER BY seq", [String(entry)])) }
                #expect(trail.compactMap { $0.text("action") } == ["create", "update"])
                #expect(try await lead.request(.post, "/contacts/\(entry)/delete", form: ["csrf": leadCSRF]).status == .seeOther)
                #expect(!(try await b.request(.get, "/contacts").body.contains("Frau Beispiel")))
            }
        }
    }

    @Test func theFormNamesSpecialCategoriesAndFlagsAnotherVersion() {
        let client = Client(id: "c", organisationID: "s", fileNumber: "PB-1", firstName: "Amina", lastName: "Yusuf", facts: Person(id: "c"))
        let service = Organisation(id: "s", name: "Beratung", kind: .counselingService, city: "Elbstadt", land: "DE-SN")
        var consent = Consent(id: "k", clientID: "c", recipientOrganisationID: "abh", purpose: "Antrag", topics: [.health, .convictions],
                              validFrom: Day("2026-11-01"), validUntil: nil, language: "Somali", formVersion: ConsentFormPage.version, signedOn: Day("2026-11-01"))
        let page = ConsentFormPage.page(frame: PageFrame(title: "x", csrf: "t"), client: client, consent: consent, service: service, recipient: nil).rendered
        #expect(page.contains("Gesundheit (Art. 9 Abs. 2 Buchst. a DSGVO)") && page.contains("Verurteilungen (Art. 10 DSGVO)"))
        #expect(page.contains("bis zu meinem Widerruf") && page.contains("geboren am ____________") && !page.contains("role=\"alert\""))
        consent.formVersion = "SE-2019-3"
        let old = ConsentFormPage.page(frame: PageFrame(title: "x", csrf: "t"), client: client, consent: consent, service: service, recipient: nil).rendered
        #expect(old.contains("role=\"alert\"") && old.contains("„SE-2019-3“"))
    }
}
