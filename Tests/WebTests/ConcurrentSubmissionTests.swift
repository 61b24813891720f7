import Foundation
import HTTPTypes
import Counseling
import Eligibility
import Storage
import Testing
@testable import Web

/// A form sent several times at the same moment (a double click, a resend after a slow answer) is recorded once: the
/// checks run in the transaction that writes (QA of 06.12.2026: three at once gave three cases, three sessions, two
/// files of one person, and parallel creations drew the same file number).
@Suite("Forms sent several times at once")
struct ConcurrentSubmissionTests {
    /// The stores, called at once from several tasks (on PostgreSQL each on its own connection of the pool).
    @Test(arguments: TestDatabase.available)
    func aCaseASessionAndAClientAreRecordedOnce(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let s = f.services
            let audit = AuditContext(userID: "user-0", organisationID: "org-a", now: s.timestamp())
            let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let c = CounselingCase(id: Credentials.newID(), organisationID: "org-a", clientID: "client-a", openedOn: Day("2026-11-20"),
                                               referralSource: .own, pathway: .p25b, counselorID: "user-0")
                        if case .opened = try await s.cases.open(c, audit: audit) { return true }
                        return false
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            let cases = try await s.cases.cases(clientID: "client-a", organisation: "org-a")
            #expect(opened == 1 && cases.filter { $0.state != .closed }.count == 1)
            let caseID = try #require(cases.first).id
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let session = CounselingSession(id: Credentials.newID(), caseID: caseID, clientID: "client-a", on: Day("2026-11-21"), durationMinutes: 45,
                                                        channel: .phone, language: "Deutsch", interpreter: false, pathways: [], record: "Telefonat",
                                                        confidentialNote: "", counselorID: "user-0", createdAt: s.timestamp(), withFamily: false)
                        let recorded = try await s.cases.record(session, organisation: "org-a", audit: audit)
                        #expect(recorded)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await s.cases.sessions(caseID: caseID, organisation: "org-a").count == 1)
            // A new file for one person (name and birth date) sent at once: one file, the others asked to confirm.
            let results = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        var facts = Person(id: ""); facts.born = Day("1991-03-03")
                        let id = Credentials.newID()
                        switch try await s.clients.create(Client(id: id, organisationID: "org-a", fileNumber: "", firstName: "Rana", lastName: "Gleichzeitig", facts: facts),
                                                          numberedIn: 2026, refusingDuplicates: true, audit: audit) {
                        case .created: return "created"
                        case .duplicates: return "duplicate"
                        case .fileNumberTaken: return "taken"
                        case .linkRefused: return "link refused"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(results.filter { $0 == "created" }.count == 1 && results.filter { $0 == "duplicate" }.count == 5, "\(results)")
            // One person referred by the authority several times at once: one referral (QA of 06.12.2026: three).
            let referred = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        let r = Referral(id: Credentials.newID(), authorityID: "org-abh", serviceID: "org-a", createdBy: "user-2", createdOn: Day("2026-11-21"),
                                         firstName: "Samir", lastName: "Gleichzeitig", born: Day("1999-03-12"), nationality: "SYR", reason: "Beratung")
                        if case .created = try await s.cooperation.createReferral(r, audit: audit) { return true }
                        return false
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(referred == 1)
            // Through the form, one after another: the second is refused with the open case named.
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let again = try await b.request(.post, "/clients/client-a/cases", form: ["csrf": csrf, "opened_on": "21.11.2026", "referral_source": "self", "pathway": "25b"])
                #expect(again.status == .unprocessableContent && again.body.contains("bereits eine Akte offen (eröffnet am 20.11.2026)"))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func parallelCreationsDrawDistinctFileNumbers(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let token = try await APITests().token(b, f)
                let auth: HTTPFields = [.authorization: "Bearer \(token)"]
                // Several creations at once (on PostgreSQL each on its own connection), none with a file number.
                let s = f.services
                let audit = AuditContext(userID: "user-0", organisationID: "org-a", now: s.timestamp())
                let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for i in 0..<12 {
                        group.addTask {
                            let id = Credentials.newID()
                            let r = try await s.clients.create(Client(id: id, organisationID: "org-a", fileNumber: "", firstName: "Par", lastName: "Allel" + ["bauer", "koch", "richter", "wolf", "schulz", "neumann", "krause", "meier", "lehmann", "braun", "hartmann", "lange"][i], facts: Person(id: "")),
                                                               numberedIn: 2026, refusingDuplicates: true, audit: audit)
                            if case .created = r { return true }
                            return false
                        }
                    }
                    return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
                }
                #expect(created == 12)
                let numbers = try await f.services.db.read { try await $0.query("SELECT file_number FROM clients WHERE last_name LIKE 'Allel%'") }.map { try $0.string("file_number") }
                #expect(numbers.count == 12 && Set(numbers).count == 12)
                // A number given that is taken is named as such.
                let taken = try await b.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Dup\",\"last_name\":\"Nummer\",\"file_number\":\"\(numbers[0])\"}", headers: auth)
                #expect(taken.status == .conflict && taken.body.contains("file_number: \(numbers[0]) is already the file number"))
            }
        }
    }

    /// A file erased while an appointment is booked for it is named as such, not as a wrong counselor (QA of 06.12.2026).
    @Test(arguments: TestDatabase.available)
    func anAppointmentForAFileErasedMeanwhileNamesTheFile(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            let audit = AuditContext(userID: "user-0", organisationID: "org-a", now: f.services.timestamp())
            func add(client: String, counselor: String) async throws -> AppointmentStore.AddOutcome {
                try await f.services.appointments.add(Appointment(id: Credentials.newID(), clientID: client, counselorID: counselor, day: Day("2026-11-26"),
                                                                  startMinute: 600, durationMinutes: 60, place: "Raum 1", language: "Deutsch",
                                                                  state: .requested, requestedVia: .phone), organisation: "org-a", audit: audit)
            }
            guard case .unknownClient = try await add(client: "erased-meanwhile", counselor: "user-0") else { Issue.record("not named as the file"); return }
            guard case .unknownCounselor = try await add(client: "client-a", counselor: "user-5") else { Issue.record("not named as the counselor"); return }
            guard case .added = try await add(client: "client-a", counselor: "user-0") else { Issue.record("not added"); return }
        }
    }
}
