import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

/// Every registered route, called by every login with the ids of real objects of an organisation it has nothing to
/// do with: nothing is shown, and nothing of that organisation changes (a digest of all its rows is compared).
@Suite("Authorization with real foreign objects")
struct ForeignObjectTests {
    /// One object of every kind for an organisation's client, made through the stores.
    static func objects(_ f: Fixture, client: Client, userID: String) async throws -> [String: String] {
        let s = f.services, org = client.organisationID
        let audit = AuditContext(userID: userID, organisationID: org, now: s.timestamp())
        let caseID = "case-\(org)"
        _ = try await s.cases.open(CounselingCase(id: caseID, organisationID: org, clientID: client.id, openedOn: Day("2026-10-01"), referralSource: .own,
                                                  pathway: .p25b, counselorID: userID), audit: audit)
        _ = try await s.cases.record(CounselingSession(id: "session-\(org)", caseID: caseID, clientID: client.id, on: Day("2026-10-02"), durationMinutes: 30,
                                                       channel: .phone, language: "Deutsch", interpreter: false, pathways: [], record: "r", confidentialNote: "geheim-\(org)",
                                                       counselorID: userID, createdAt: s.timestamp()), organisation: org, audit: audit)
        _ = try await s.applications.file(PermitApplication(id: "application-\(org)", caseID: caseID, clientID: client.id, pathway: .p25b, filedOn: Day("2026-10-05")),
                                          organisation: org, audit: audit)
        _ = try await s.applications.setDocument(caseID: caseID, organisation: org, kind: .passport, state: .received, receivedOn: Day("2026-10-06"), file: nil, audit: audit)
        _ = try await s.cases.addReminder(ManualReminder(id: "reminder-\(org)", caseID: caseID, clientID: client.id, on: Day("2026-12-01"), title: "t"), organisation: org, audit: audit)
        _ = try await s.appointments.add(Appointment(id: "appointment-\(org)", clientID: client.id, counselorID: userID, day: Day("2026-11-24"), startMinute: 600,
                                                     durationMinutes: 60, place: "Raum", language: "Deutsch", requestedVia: .phone), organisation: org, audit: audit)
        _ = try await s.cooperation.addConsent(Consent(id: "consent-\(org)", clientID: client.id, recipientOrganisationID: "org-abh", purpose: "p", topics: [.identity],
                                                       validFrom: Day("2026-01-01"), validUntil: nil, language: "de", formVersion: "1", signedOn: Day("2026-01-01")), organisation: org, audit: audit)
        try await s.screeningJobs.create(ScreeningJob(id: "job-\(org)", organisationID: org, createdAt: s.timestamp(), fileName: "l.csv", format: "csv", on: Day("2026-11-22"),
                                                      state: .queued, totalRows: 0, expiresAt: "2099-01-01T00:00:00.000Z"), userID: userID, audit: audit)
        // Finished at once, so no background run touches it during the walk (`finish` records only a running job's end).
        try await s.db.transaction { try await $0.execute(SQL("UPDATE screening_jobs SET state = 'done', summary_json = '{}' WHERE id = ?", ["job-\(org)"])) }
        return ["/cases/": caseID, "{application}": "application-\(org)", "{reminder}": "reminder-\(org)", "{kind}": "passport", "{consent}": "consent-\(org)",
                "/appointments/": "appointment-\(org)", "/screening/": "job-\(org)", "/clients/": client.id, "/shared/clients/": client.id]
    }

    /// Every row that belongs to the organisation, as text.
    static func digest(_ f: Fixture, _ org: String) async throws -> String {
        var out = ""
        for table in ["clients", "cases", "counseling_sessions", "applications", "case_documents", "case_reminders", "appointments", "consents",
                      "screening_jobs", "client_relations", "expert_requests", "articles", "appointment_requests"] {
            let rows = try await f.services.db.read { try await $0.query(SQL("SELECT * FROM \(table) WHERE organisation_id = ? ORDER BY id", [org])) }
            out += table + ":" + rows.map { r in r.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }.joined(separator: "|") + "\n"
        }
        let periods = try await f.services.db.read { try await $0.query(SQL("SELECT p.* FROM status_periods p JOIN clients c ON c.id = p.client_id WHERE c.organisation_id = ? ORDER BY p.id", [org])) }
        out += "status_periods:" + periods.map { r in r.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }.joined(separator: "|")
        return out
    }

    @Test(arguments: TestDatabase.available)
    func noRouteShowsOrChangesAnythingOfAnotherOrganisation(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let a = try await Self.objects(f, client: f.clientA, userID: "user-0")
            let b = try await Self.objects(f, client: f.clientB, userID: "user-5")
            for (org, ids) in [("org-a", a), ("org-b", b)] {
                let d = try await Self.digest(f, org)
                for id in ["case-", "session-", "application-", "reminder-", "appointment-", "consent-", "job-"] { #expect(d.contains(id + org), "\(id)\(org) was not created") }
                #expect(ids.count == 9)
            }
            let endpoints = allEndpoints(f.services).filter { !["/logout", "/login", "/login/totp", "/account/totp"].contains($0.path) && $0.path.contains("{") }
            try await f.run { browser in
                // The ids are real: their owners open them.
                let owner = Browser(client: browser.client, clock: f.clock)
                try await owner.logIn(f.login(.coordinator))
                for path in ["/cases/case-org-a", "/screening/job-org-a", "/api/v1/cases/case-org-a/applications", "/clients/client-a/consents"] {
                    #expect(try await owner.request(.get, path).status == .ok, "\(path)")
                }
                for login in f.logins {
                    // Muldenau's service and the Elbstadt partner face Elbstadt's service; everyone else Muldenau's.
                    let foreignOrg = login.organisation == "org-b" || login.organisation == "org-p" ? "org-a" : "org-b"
                    let ids = foreignOrg == "org-a" ? a : b
                    let foreignClient = foreignOrg == "org-a" ? f.clientA : f.clientB
                    let user = Browser(client: browser.client, clock: f.clock)
                    let csrf = try await user.logIn(login)
                    let before = try await Self.digest(f, foreignOrg)
                    for e in endpoints where !e.path.hasPrefix("/anfrage/") && !e.path.hasPrefix("/selbstcheck/") && !e.path.hasPrefix("/calendar/") {
                        var path = e.path
                        let prefix = ids.keys.filter { $0.hasPrefix("/") && path.hasPrefix($0) }.max { $0.count < $1.count }
                        path = path.replacingOccurrences(of: "{id}", with: prefix.flatMap { ids[$0] } ?? "none")
                        for (k, v) in ids where k.hasPrefix("{") { path = path.replacingOccurrences(of: k, with: v) }
                        path = path.replacingOccurrences(of: "\\{[a-z]+\\}", with: "none", options: .regularExpression)
                        let r: Browser.Page
                        if path.hasPrefix("/api/") {
                            r = try await user.request(e.method, path, json: e.method == .get ? nil : "{}", headers: [HTTPField.Name("X-CSRF-Token")!: csrf])
                        } else {
                            r = try await user.request(e.method, path, form: e.method == .post ? ["csrf": csrf, "state": "closed", "outcome": "x", "closed_on": "22.11.2026",
                                                                                                "on": "22.11.2026", "title": "x", "question": "x", "minutes": "x", "text": "x",
                                                                                                "owner": "x", "due": "22.11.2026", "reason": "x", "file_number": "Z-9"] : nil)
                        }
                        #expect([.notFound, .forbidden, .methodNotAllowed, .unauthorized, .badRequest].contains(r.status), "\(login.email) \(e.method) \(path) → \(r.status)")
                        #expect(!r.body.contains(foreignClient.lastName) && !r.body.contains("geheim-"), "\(login.email) \(e.method) \(path) revealed foreign data")
                    }
                    let after = try await Self.digest(f, foreignOrg)
                    let changed = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0.0 != $0.1 }.map { String($0.1.prefix(400)) }
                    #expect(before == after, "\(login.email) changed data of \(foreignOrg): \(changed)")
                }
            }
        }
    }
}
