import CaseFiles
import Counseling
import Eligibility
import Foundation
import Storage
import Testing
@testable import Views
@testable import Web

/// Art. 15 DSGVO: on request, the client gets everything the service holds about them on one printable page – what,
/// why, from where, to whom, for how long, who looked – and only theirs.
@Suite("The client's information request")
struct SubjectAccessTests {
    /// What the service sent on the person's behalf is a transmission too (QA18 M3), and a child counseled in the
    /// father's case learns of that case and of the family sessions, not their content (QA18 M2).
    @Test(arguments: TestDatabase.available)
    func applicationsFiledAreTransmissionsAndAChildLearnsOfTheFamilyCase(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.addClient("client-k", fileNumber: "A-7", firstName: "Luka", lastName: "Haddad", born: Day("2015-03-01"))
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.request(.post, "/clients/client-a/relations", form: ["csrf": csrf, "kind": "child", "other": "A-7", "household": "1"]).status == .seeOther)
                #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": "05.10.2026", "duration": "45", "channel": "in_person",
                                                                                  "language": "Arabisch", "record": "Schulprobleme des Sohnes", "with_family": "1"]).status == .seeOther)
                let before = try await b.request(.get, "/clients/client-a/auskunft").body
                #expect(before.contains("id=\"no-disclosure\""))
                #expect(try await b.request(.post, casePath + "/applications", form: ["csrf": csrf, "pathway": "25b", "filed_on": "15.11.2026"]).status == .seeOther)
                let father = try await b.request(.get, "/clients/client-a/auskunft").body
                #expect(!father.contains("id=\"no-disclosure\"") && father.contains("id=\"submitted\"") && father.contains("Von der Beratungsstelle an die Ausländerbehörde übermittelt")
                        && father.contains("<td>15.11.2026</td><td lang=\"de\">Ausländerbehörde</td><td lang=\"de\">Antrag nach § 25b Abs. 1 AufenthG"))
                let son = try await b.request(.get, "/clients/client-k/auskunft").body
                #expect(son.contains("id=\"family-cases\"") && son.contains("Akte von Mohammed Haddad (Elternteil) vom 01.10.2026")
                        && son.contains("Beratungen mit der Familie am 05.10.2026") && !son.contains("Schulprobleme des Sohnes") && !son.contains("Keine Akte."),
                        "\(son.components(separatedBy: "<h3>Beratung</h3>").dropFirst().first?.prefix(800) ?? "")")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theInformationListsTheRecordsRecipientsAndAccessesOfThePersonOnly(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.request(.post, casePath + "/sessions", form: ["csrf": csrf, "on": "05.10.2026", "duration": "45", "channel": "phone",
                                                                                  "language": "Arabisch", "record": "Zertifikat A2 besprochen",
                                                                                  "confidential": "Vermerk über den Bruder"]).status == .seeOther)
                let booking = ["csrf": csrf, "file_number": "A-1", "day": "24.11.2026", "time": "10:00", "duration": "60", "place": "Raum 2",
                               "language": "Arabisch", "channel": "phone", "counselor": "user-0"]
                #expect(try await b.request(.post, "/appointments", form: booking).status == .seeOther)
                let audit = AuditContext(userID: "user-0", organisationID: "org-a", now: f.services.timestamp())
                _ = try await f.services.cooperation.addConsent(Consent(id: "consent-1", clientID: "client-a", recipientOrganisationID: "org-abh", purpose: "Antrag begleiten",
                                                                        topics: [.identity, .statusHistory], validFrom: Day("2026-10-01"), validUntil: nil,
                                                                        language: "Deutsch", formVersion: "1", signedOn: Day("2026-01-01")), organisation: "org-a", audit: audit)
                _ = try await f.services.cooperation.disclose(clientID: "client-a", service: "org-a", recipient: "org-abh", topics: [.identity], on: Day("2026-11-20"),
                                                              channel: "shared", audit: AuditContext(userID: "user-2", organisationID: "org-abh", now: f.services.timestamp()))

                #expect(try await b.request(.get, "/clients/client-a").body.contains("href=\"/clients/client-a/auskunft\""))
                let page = try await b.request(.get, "/clients/client-a/auskunft")
                #expect(page.status == .ok)
                let body = page.body
                // Who, what, why, the rights.
                #expect(body.contains("Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)") && body.contains("Aktenzeichen A-1"))
                #expect(body.contains("Verantwortlich: Beratung Elbstadt") && body.contains("Art. 77 DSGVO"))
                // The records: status history, facts as stored, the session (not its confidential note), the appointment, the consent.
                #expect(body.contains("id=\"status\"") && body.contains("id=\"facts\"") && body.contains("&quot;2020-11-15&quot;"))
                #expect(body.contains("Zertifikat A2 besprochen") && !body.contains("Vermerk über den Bruder"))
                #expect(body.contains("id=\"confidential-hint\"") && body.contains("Ein vertraulicher Vermerk ist"))
                #expect(body.contains("id=\"appointments\"") && body.contains("24.11.2026, 10:00 Uhr, Raum 2"))
                #expect(body.contains("id=\"consents\"") && body.contains("Antrag begleiten"))
                // The recipient of the disclosure, and the accesses with the organisation that made them.
                #expect(body.contains("id=\"disclosures\"") && body.contains("ABH Elbstadt") && !body.contains("id=\"no-disclosure\""))
                #expect(body.contains("id=\"accesses\"") && body.contains("Auskunft nach Art. 15 DSGVO gelesen"))
                // Open work: kept while the counseling runs.
                #expect(body.contains("Solange die Beratung läuft"))
                // Nothing of another client.
                #expect(!body.contains("B-1") && !body.contains(f.clientB.lastName))

                // The confidential notes only when asked for, with the reminder to check them.
                let full = try await b.request(.get, "/clients/client-a/auskunft?vertraulich=1")
                #expect(full.body.contains("Vermerk über den Bruder") && full.body.contains("Geheimnisse Dritter"))

                // The explanations in the client's language, right to left where written so; the data stay German.
                let arabic = try await b.request(.get, "/clients/client-a/auskunft?lang=ar").body
                #expect(arabic.contains("id=\"explained\" lang=\"ar\" dir=\"rtl\"") && arabic.contains("معلومات عن بياناتك المخزنة"))
                #expect(arabic.contains("id=\"stored\"") && arabic.contains("lang=\"de\" dir=\"ltr\" id=\"stored\"") && arabic.contains("Zertifikat A2 besprochen"))
                // Every value filled in (the stored facts below are JSON, with braces of their own).
                let explained = try #require(arabic.range(of: "id=\"explained\"").flatMap { start in arabic.range(of: "id=\"stored\"").map { arabic[start.lowerBound..<$0.lowerBound] } })
                #expect(arabic.contains("<option value=\"ar\" selected>") && !explained.contains("{") && explained.contains("Beratung Elbstadt"))
                // Names inside the Arabic text are isolated as German (QA26 C1), dates left to right in the page's language (QA40 L7).
                #expect(explained.contains("<bdi lang=\"de\">Mohammed Haddad</bdi>") && explained.contains("<bdi dir=\"ltr\">05.05.1990</bdi>"))
                // The link to the confidential notes keeps the language, its "&" escaped once (QA40 M1).
                #expect(arabic.contains("auskunft?lang=ar&amp;vertraulich=1\"") && !arabic.contains("&amp;amp;"))
                #expect(body.contains("id=\"explained\" lang=\"de\" dir=\"ltr\""))

                // Reading it is an audit event of the client.
                let events = try await AuditLog.events(ofClient: "client-a", in: f.services.db)
                #expect(events.first?.action == "read" && events.first?.entity == "subject_access")

                // Another city's service cannot ask for it, nor can the authority.
                let muldenau = Browser(client: b.client, clock: f.clock)
                _ = try await muldenau.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(try await muldenau.request(.get, "/clients/client-a/auskunft").status == .notFound)
                let authority = Browser(client: b.client, clock: f.clock)
                _ = try await authority.logIn(f.login(.authorityClerk))
                #expect([.forbidden, .notFound].contains(try await authority.request(.get, "/clients/client-a/auskunft").status))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFinishedFileNamesTheDayItFallsDue(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let casePath = try await b.openCase("client-a", csrf: csrf, on: "01.10.2026")
                #expect(try await b.request(.post, casePath + "/state", form: ["csrf": csrf, "state": "closed", "pathway": "25b", "counselor": "user-0",
                                                                              "closed_on": "21.11.2026", "outcome": "Beratung beendet"]).status == .seeOther)
                let body = try await b.request(.get, "/clients/client-a/auskunft").body
                // The file was changed today (22.11.2026): three years on.
                #expect(body.contains("Wenn bis dahin nichts mehr geschieht, ist das der 22.11.2029."))
                #expect(body.contains("Ihre Daten wurden an niemanden weitergegeben.") && !body.contains("id=\"confidential-hint\""))
            }
        }
    }

    @Test func everyClientLanguageHasEveryExplanation() {
        for language in PublicPages.all { #expect(SubjectAccessPage.untranslated(language.code).isEmpty, "\(language.code)") }
        // The consent form's translation too, every topic included (QA26 C2).
        let keys = Set(ConsentFormTexts.table["en"]!.keys)
        #expect(Consent.Topic.allCases.allSatisfy { keys.contains("topic." + $0.rawValue) })
        for language in PublicPages.all where language.code != "de" { #expect(Set(ConsentFormTexts.table[language.code]?.keys ?? [:].keys) == keys, "\(language.code)") }
    }

    /// More accesses than the page lists: all are counted, and it says that the newest are listed.
    @Test func aLongAccessLogIsCountedInFullAndSaysWhichAreListed() {
        let client = Client(id: "c", organisationID: "o", fileNumber: "A-1", firstName: "Amira", lastName: "Haddad", facts: Person(id: "c"))
        var m = SubjectAccessPage.Model(client: client, controller: Organisation(id: "o", name: "Beratung", kind: .counselingService, city: "E", land: "DE-SN"),
                                        today: Day("2026-11-22"), retentionYears: 3)
        m.accesses = [.init(at: "2026-11-21T08:00:00.000Z", organisation: "Beratung", action: "read", entity: "client"),
                      .init(at: "2026-11-20T08:00:00.000Z", organisation: "Beratung", action: "update", entity: "facts")]
        m.accessCount = 12_001
        let page = SubjectAccessPage.render(frame: PageFrame(title: "Auskunft"), m).rendered
        #expect(page.contains("12.001 Zugriffe, der jüngste zuerst: Aufgeführt sind die jüngsten 2."))
        m.accessCount = 2
        #expect(!SubjectAccessPage.render(frame: PageFrame(title: "Auskunft"), m).rendered.contains("Aufgeführt"))
    }

    /// Art. 15 Abs. 3 DSGVO: a copy of what is held, so the referral's reason itself, not only its category (QA of 06.12.2026).
    @Test func aReferralIsShownWithItsReason() {
        let client = Client(id: "c", organisationID: "o", fileNumber: "A-1", firstName: "Amira", lastName: "Haddad", facts: Person(id: "c"))
        var m = SubjectAccessPage.Model(client: client, controller: Organisation(id: "o", name: "Beratung", kind: .counselingService, city: "E", land: "DE-SN"),
                                        today: Day("2026-11-22"), retentionYears: 3)
        m.referrals = [Referral(id: "r", authorityID: "abh", serviceID: "o", createdBy: "u", createdOn: Day("2026-10-01"), firstName: "Amira", lastName: "Haddad",
                                born: nil, nationality: nil, reason: "Langjährig geduldet <Prüfung>", state: .accepted, clientID: "c")]
        m.names = ["abh": "ABH Elbstadt"]
        let page = SubjectAccessPage.render(frame: PageFrame(title: "Auskunft"), m).rendered
        #expect(page.contains("Vermittlung durch ABH Elbstadt vom 01.10.2026: Name, Geburtsdatum, Staatsangehörigkeit und Anlass der Vermittlung: <q class=\"referral-reason\">Langjährig geduldet &lt;Prüfung&gt;</q>"))
    }

    /// Art. 12 Abs. 1 DSGVO: the person reads their facts in plain German – dates as TT.MM.JJJJ, yes and no, the schema's
    /// values and nested fields by German names – next to the value as stored.
    @Test func storedFactsReadInPlainGerman() throws {
        let person = try CaseFileDecoder.person(json: """
            {"born":"1990-05-05","marital_status":"married","passport":true,"civic_test_passed_on":null,
             "asylum":{"applied_on":"2013-03-03","decision":"rejected","rejected_as":"offensichtlich_unbegruendet","ou_basis":"30-3-1"},
             "german":[{"level":"B1","scope":"oral","date":"2024-02-01"}],"livelihood":[{"from":"2024-01-01","work_share":0.5,"public_funds":true}],
             "employment":[{"from":"2023-06-01","hours":19.5,"insured":true}],"removal_measures":[]}
            """)
        let reading = Dictionary(FactReading.rows(person).map { ($0.key, $0.reading) }, uniquingKeysWith: { a, _ in a })
        #expect(reading["born"] == "05.05.1990" && reading["marital_status"] == "verheiratet" && reading["passport"] == "ja")
        #expect(reading["civic_test_passed_on"] == "nie")
        #expect(reading["asylum"] == "Antrag gestellt am: 03.03.2013; Entscheidung: abgelehnt; abgelehnt als: offensichtlich unbegründet; Vorschrift der Ablehnung: § 30 Abs. 3 Nr. 1 AsylG")
        #expect(reading["german"] == "Niveau: B1; Teil: mündlich; Datum: 01.02.2024")
        // Every code of the provision in words (QA42: "other" was shown as it is stored).
        #expect(FactReading.asylumProvision("other") == "eine andere Vorschrift")
        #expect(FactReading.asylumProvision("art42-1-c") == "Art. 42 Abs. 1 Buchst. c Verordnung (EU) 2024/1348")
        #expect(reading["livelihood"] == "von: 01.01.2024; Anteil durch Arbeit: 50 %; öffentliche Leistungen: ja")
        #expect(reading["employment"] == "von: 01.06.2023; Wochenstunden: 19,5; sozialversicherungspflichtig: ja")
        #expect(reading["removal_measures"] == "keine")
        // Two entries of a list stand on lines of their own; the field is named without the editor's notes on the format.
        let two = try CaseFileDecoder.person(json: #"{"german":[{"level":"A2","scope":"written","date":"2023-01-01"},{"level":"B1","scope":"oral","date":"2024-02-01"}]}"#)
        #expect(FactReading.rows(two).first?.reading == "Niveau: A2; Teil: schriftlich; Datum: 01.01.2023\nNiveau: B1; Teil: mündlich; Datum: 01.02.2024")
        #expect(FactReading.label("asylum") == "Asylverfahren" && FactReading.label("born") == "Geburtsdatum"
                && FactReading.label("nationality") == "Staatsangehörigkeit" && FactReading.label("safe_country_of_origin") == "sicherer Herkunftsstaat")
        #expect(FactReading.rows(person).first { $0.key == "passport" }?.stored == "true")
    }

    /// Every nested field and every value of the schema that the case files use has its German word: no English
    /// schema word is left in what the person reads.
    @Test func everyFieldAndValueOfTheCaseFilesHasAGermanWord() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = [root.deletingLastPathComponent().appendingPathComponent("shared/law/cases").path, root.appendingPathComponent("cases").path]
        var missing: Set<String> = [], persons = 0
        // Free text and codes that stay as they are.
        // (`inability.reason` is a value of the schema: "illness" was left in English, QA of 06.12.2026.)
        let asIs: Set<String> = ["nationality", "country", "level", "s54_group", "ou_basis", "offence", "occupation"]
        func walk(_ value: Any, key: String) {
            switch value {
            case let o as JSONObject:
                for (k, v) in o.pairs { if FactReading.names[k] == nil { missing.insert("field " + k) }; walk(v, key: k) }
            case let list as [Any]: for v in list { walk(v, key: key) }
            case let s as String where !asIs.contains(key) && Day(iso: Substring(s)) == nil:
                if FactReading.words[s] == nil { missing.insert("value \(key)=\(s)") }
            default: break
            }
        }
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".yaml") {
                for p in try CaseFileDecoder.load(path: folder + "/" + name).household.persons {
                    persons += 1
                    for (key, value) in CaseFileEncoder.values(p) { walk(value, key: key) }
                }
            }
        }
        #expect(persons > 200)
        for value in ["illness", "disability", "age"] { #expect(FactReading.words[value] != nil, "\(value)") }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }
}
