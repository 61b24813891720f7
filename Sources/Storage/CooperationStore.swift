import Counseling
import Eligibility
import Foundation

/// The cooperation between a counseling service and an authority: cooperations, consents, the disclosure log,
/// referrals and the authority's contact directory. Every write commits with its audit row.
public struct CooperationStore: Sendable {
    public let db: any SQLDatabase
    /// Where withdrawals are also written (they erase the person's data; see `ErasureJournal`); nil: nowhere.
    public let journal: ErasureJournal?
    public init(db: any SQLDatabase, journal: ErasureJournal? = nil) { self.db = db; self.journal = journal }

    public func cooperations(of organisation: String) async throws -> [Cooperation] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM cooperations WHERE service_id = ? OR authority_id = ? ORDER BY from_day", [organisation, organisation])).map { r in
                Cooperation(id: try r.string("id"), serviceID: try r.string("service_id"), authorityID: try r.string("authority_id"),
                            from: Day(iso: try r.string("from_day")) ?? .distantPast, until: r.text("until_day").flatMap { Day(iso: $0) })
            }
        }
    }

    // MARK: Consent

    public func addConsent(_ c: Consent, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?", [c.clientID, organisation])) != nil else { return false }
            try await Self.insert(ex, c, organisation: organisation, audit: audit)
            return true
        }
    }

    static func insert(_ ex: any SQLExecutor, _ c: Consent, organisation: String, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO consents (id, organisation_id, client_id, recipient_id, purpose, topics, valid_from, valid_until, revoked_on,
              language, form_version, signed_on, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [c.id, organisation, c.clientID, c.recipientOrganisationID, c.purpose, Self.topicText(c.topics), c.validFrom.iso,
                  c.validUntil?.iso, c.revokedOn?.iso, c.language, c.formVersion, c.signedOn?.iso, audit.userID, audit.now]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "consent", entityID: c.id, clientID: c.clientID)
    }

    /// Bulk load (demo data): consents and referrals of a service, contacts of its authority, one transaction.
    public func importAll(consents: [Consent], referrals: [Referral], contacts: [DirectoryContact], service: String,
                          serviceAudit: AuditContext, authorityAudit: AuditContext) async throws {
        try await db.transaction { ex in
            for c in consents { try await Self.insert(ex, c, organisation: service, audit: serviceAudit) }
            for r in referrals { try await Self.insert(ex, r, audit: authorityAudit) }
            for c in contacts { try await Self.insert(ex, c, audit: authorityAudit) }
        }
    }

    /// Revokes a consent from `day` on (one action); false if there is no such unrevoked consent of the organisation.
    public func revokeConsent(id: String, clientID: String, organisation: String, on day: Day, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM consents WHERE id = ? AND client_id = ? AND organisation_id = ? AND revoked_on IS NULL",
                                       [id, clientID, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE consents SET revoked_on = ? WHERE id = ?", [day.iso, id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "revoke", entity: "consent", entityID: id, clientID: clientID)
            return true
        }
    }

    /// Records the day a draft was signed (one action); false if there is no such unsigned, unrevoked consent.
    public func signConsent(id: String, clientID: String, organisation: String, on day: Day, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM consents WHERE id = ? AND client_id = ? AND organisation_id = ? AND signed_on IS NULL AND revoked_on IS NULL",
                                       [id, clientID, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE consents SET signed_on = ? WHERE id = ?", [day.iso, id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "sign", entity: "consent", entityID: id, clientID: clientID)
            return true
        }
    }

    /// Attaches the signed form's scan to a consent of the organisation.
    public func attachScan(consentID: String, clientID: String, organisation: String, file: StoredFile, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM consents WHERE id = ? AND client_id = ? AND organisation_id = ?", [consentID, clientID, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE consents SET scan_name = ?, scan_type = ?, scan_size = ?, scan_sha256 = ? WHERE id = ?",
                                     [file.name, file.contentType, file.size, file.sha256, consentID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "consent_scan", entityID: consentID, clientID: clientID)
            return true
        }
    }

    /// The scans of a client's consents, by consent id.
    public func scans(clientID: String, organisation: String) async throws -> [String: StoredFile] {
        try await db.read { ex in
            var out: [String: StoredFile] = [:]
            for r in try await ex.query(SQL("SELECT id, scan_name, scan_type, scan_size, scan_sha256 FROM consents WHERE client_id = ? AND organisation_id = ? AND scan_sha256 IS NOT NULL",
                                            [clientID, organisation])) {
                if let name = r.text("scan_name"), let type = r.text("scan_type"), let size = r.int("scan_size"), let sum = r.text("scan_sha256") {
                    out[try r.string("id")] = StoredFile(name: name, contentType: type, size: size, sha256: sum)
                }
            }
            return out
        }
    }

    public func consents(clientID: String, organisation: String) async throws -> [Consent] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM consents WHERE client_id = ? AND organisation_id = ? ORDER BY valid_from, created_at", [clientID, organisation])).map(Self.consent)
        }
    }

    static func consent(_ r: SQLRow) throws -> Consent {
        Consent(id: try r.string("id"), clientID: try r.string("client_id"), recipientOrganisationID: try r.string("recipient_id"),
                purpose: try r.string("purpose"), topics: Set((r.text("topics") ?? "").split(separator: ",").compactMap { Consent.Topic(rawValue: String($0)) }),
                validFrom: Day(iso: try r.string("valid_from")) ?? .distantFuture, validUntil: r.text("valid_until").flatMap { Day(iso: $0) },
                revokedOn: r.text("revoked_on").flatMap { Day(iso: $0) }, language: try r.string("language"), formVersion: try r.string("form_version"),
                signedOn: r.text("signed_on").flatMap { Day(iso: $0) })
    }

    static func topicText(_ topics: some Collection<Consent.Topic>) -> String {
        Consent.Topic.allCases.filter(topics.contains).map(\.rawValue).joined(separator: ",")
    }

    /// A client of a cooperating service with consents for the recipient in force: since when the earliest of them
    /// holds, and the topics they release together.
    public struct ConsentedClient: Sendable {
        public var clientID: String, serviceID: String, since: Day, topics: Set<Consent.Topic>
    }

    /// The clients of cooperating services with a consent for `recipient` in force on `day`.
    public func consentedClients(recipient: String, services: Set<String>, on day: Day) async throws -> [ConsentedClient] {
        let rows = try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM consents WHERE recipient_id = ? ORDER BY client_id", [recipient]))
        }
        var out: [ConsentedClient] = [], at: [String: Int] = [:]
        for r in rows {
            guard let c = try? Self.consent(r), let service = r.text("organisation_id"), services.contains(service), c.isValid(on: day) else { continue }
            if let i = at[c.clientID] {
                out[i].since = min(out[i].since, c.validFrom); out[i].topics.formUnion(c.topics)
            } else {
                at[c.clientID] = out.count
                out.append(ConsentedClient(clientID: c.clientID, serviceID: service, since: c.validFrom, topics: c.topics))
            }
        }
        return out
    }

    /// Decides one disclosure at this moment and, if allowed, writes exactly one disclosure row and its audit row in
    /// the same transaction: a consent revoked a moment earlier refuses it.
    public func disclose(clientID: String, service: String, recipient: String, topics: Set<Consent.Topic>, on day: Day, channel: String,
                         audit: AuditContext) async throws -> DisclosureDecision {
        try await db.transaction { ex in
            let consents = try await ex.query(SQL("SELECT * FROM consents WHERE client_id = ? AND organisation_id = ?", [clientID, service])).map(Self.consent)
            let decision = DisclosureRules.decide(clientID: clientID, recipient: recipient, topics: topics, on: day, consents: consents)
            guard case .allowed(let consentID) = decision else {
                // An attempt outside the consent leaves a trace too, so that the service sees it (QA of 06.12.2026);
                // which topics were asked is not content, but the audit trail keeps no more than the attempt.
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                          action: "refuse", entity: "disclosure", entityID: clientID, clientID: clientID)
                return decision
            }
            let id = UUID().uuidString.lowercased()
            try await ex.execute(SQL("""
                INSERT INTO disclosures (id, at, consent_id, client_id, recipient_id, user_id, topics, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, audit.now, consentID, clientID, recipient, audit.userID, Self.topicText(topics), channel]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "disclose", entity: "disclosure", entityID: id, clientID: clientID)
            return decision
        }
    }

    /// The disclosures of a client of `organisation`, newest first.
    public func disclosures(clientID: String, organisation: String) async throws -> [Disclosure] {
        try await db.read { ex in
            try await ex.query(SQL("""
                SELECT d.* FROM disclosures d JOIN clients c ON c.id = d.client_id
                WHERE d.client_id = ? AND c.organisation_id = ? ORDER BY d.at DESC, d.id
                """, [clientID, organisation])).map { r in
                Disclosure(id: try r.string("id"), at: try r.string("at"), consentID: try r.string("consent_id"), clientID: try r.string("client_id"),
                           recipientID: try r.string("recipient_id"), userID: try r.string("user_id"),
                           topics: (r.text("topics") ?? "").split(separator: ",").compactMap { Consent.Topic(rawValue: String($0)) },
                           channel: try r.string("channel"))
            }
        }
    }

    // MARK: Referrals

    public enum ReferralCreation: Sendable { case created, openAlready(Referral) }

    /// Refers a person, unless the authority's referral of the same person (name in either order, birth date) to the
    /// same service is still unanswered. Checked in the transaction that writes, holding the authority's row (QA of
    /// 06.12.2026: the form sent three times at once made three referrals).
    @discardableResult
    public func createReferral(_ r: Referral, audit: AuditContext) async throws -> ReferralCreation {
        try await db.transaction { ex in
            _ = try await ex.one(SQL("SELECT id FROM organisations WHERE id = ?" + ex.forUpdate, [r.authorityID]))
            let keys = [NameMatching.joinedKey("\(r.firstName) \(r.lastName)"), NameMatching.joinedKey("\(r.lastName) \(r.firstName)")]
            let open = try await ex.query(SQL("SELECT * FROM referrals WHERE authority_id = ? AND service_id = ? AND state = 'pending'", [r.authorityID, r.serviceID]))
                .map(Self.referral)
            if let same = open.first(where: { $0.born == r.born && keys.contains(NameMatching.joinedKey("\($0.firstName) \($0.lastName)")) }) {
                return .openAlready(same)
            }
            try await Self.insert(ex, r, audit: audit)
            return .created
        }
    }

    static func insert(_ ex: any SQLExecutor, _ r: Referral, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO referrals (id, authority_id, service_id, created_by, created_on, first_name, last_name, born, nationality, reason, state,
              decided_on, decline_reason, client_id, case_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [r.id, r.authorityID, r.serviceID, r.createdBy, r.createdOn.iso, r.firstName, r.lastName, r.born?.iso, r.nationality,
                  r.reason, r.state.rawValue, r.decidedOn?.iso, r.declineReason, r.clientID, r.caseID, audit.now]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "referral", entityID: r.id, clientID: r.clientID)
    }

    /// The referrals an organisation made (authority) or received (service), newest first.
    public func referrals(of organisation: String) async throws -> [Referral] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM referrals WHERE authority_id = ? OR service_id = ? ORDER BY created_on DESC, created_at DESC",
                                   [organisation, organisation])).map(Self.referral)
        }
    }

    public func referral(id: String, organisation: String) async throws -> Referral? {
        try await db.read { ex in
            try await ex.one(SQL("SELECT * FROM referrals WHERE id = ? AND (authority_id = ? OR service_id = ?)", [id, organisation, organisation])).map(Self.referral)
        }
    }

    static func referral(_ r: SQLRow) throws -> Referral {
        Referral(id: try r.string("id"), authorityID: try r.string("authority_id"), serviceID: try r.string("service_id"),
                 createdBy: try r.string("created_by"), createdOn: Day(iso: try r.string("created_on")) ?? .distantPast,
                 firstName: try r.string("first_name"), lastName: try r.string("last_name"), born: r.text("born").flatMap { Day(iso: $0) },
                 nationality: r.text("nationality"), reason: try r.string("reason"),
                 state: r.text("state").flatMap(Referral.State.init(rawValue:)) ?? .pending, decidedOn: r.text("decided_on").flatMap { Day(iso: $0) },
                 declineReason: r.text("decline_reason"), clientID: r.text("client_id"), caseID: r.text("case_id"))
    }

    /// Accepts a pending referral of `service`: links it to an existing client (by file number) or creates the client,
    /// opens a case with the authority as referral source, all in one transaction. Nil if there is no pending referral.
    public enum AcceptOutcome: Sendable, Equatable {
        case accepted(clientID: String, caseID: String)
        /// No pending referral of the service with this id.
        case notFound
        /// The file number belongs to someone else (name and birth date as recorded there).
        case otherPerson(String)
        /// A new file number, but the person already has a file under this one.
        case alreadyFiled(fileNumber: String)
    }

    /// Whether a client record is the referred person: the names match (tolerant of transliteration, in any order)
    /// and the birth dates agree where both are known.
    static func samePerson(_ r: Referral, first: String, last: String, born: Day?) -> Bool {
        NameMatching.matches(query: "\(r.firstName) \(r.lastName)", name: "\(first) \(last)") && (r.born == nil || born == nil || r.born == born)
    }

    /// The file number under which the service already has the referred person (same name and birth date), if any.
    static func filedAlready(_ ex: any SQLExecutor, _ r: Referral, service: String) async throws -> String? {
        guard r.born != nil else { return nil }
        let candidates = try await ex.query(SQL("SELECT file_number, first_name, last_name, born FROM clients WHERE organisation_id = ? AND name_key = ?",
                                                [service, NameMatching.searchKey("\(r.firstName) \(r.lastName)")]))
        return try candidates.first(where: { Self.samePerson(r, first: try $0.string("first_name"), last: try $0.string("last_name"),
                                                             born: $0.text("born").flatMap(Day.init(iso:))) })?.string("file_number")
    }

    /// Accepts a referral: under an existing file number (which must be the referred person's), a new one, or an empty
    /// one to draw the next (unless the person has a file already). The referral joins the client's open case or opens one.
    public func accept(referralID: String, service: String, fileNumber: String, on day: Day, counselorID: String,
                       newID: @Sendable () -> String, audit: AuditContext) async throws -> AcceptOutcome {
        try await db.transaction { ex in
            guard let row = try await ex.one(SQL("SELECT * FROM referrals WHERE id = ? AND service_id = ? AND state = 'pending'" + ex.forUpdate, [referralID, service])) else { return .notFound }
            let r = try Self.referral(row)
            let clientID: String
            if !fileNumber.isEmpty, let existing = try await ex.one(SQL("SELECT id, first_name, last_name, born FROM clients WHERE organisation_id = ? AND LOWER(file_number) = ?",
                                                   [service, fileNumber.lowercased()])) {
                let (first, last, born) = (try existing.string("first_name"), try existing.string("last_name"), existing.text("born").flatMap(Day.init(iso:)))
                guard Self.samePerson(r, first: first, last: last, born: born) else {
                    return .otherPerson("\(first) \(last)\(born.map { ", geb. \($0.german)" } ?? "")")
                }
                clientID = try existing.string("id")
            } else {
                if let filed = try await Self.filedAlready(ex, r, service: service) { return .alreadyFiled(fileNumber: filed) }
                var facts = Person(id: "")
                facts.born = r.born; facts.nationality = r.nationality
                // An empty file number is drawn, as for a new client (QA of 06.12.2026: the counselor had to guess it).
                var number = fileNumber
                if number.isEmpty {
                    _ = try await ex.one(SQL("SELECT id FROM organisations WHERE id = ?" + ex.forUpdate, [service]))
                    number = try await ClientStore.nextFileNumber(ex, organisation: service, year: day.year)
                }
                let client = Client(id: newID(), organisationID: service, fileNumber: number, firstName: r.firstName, lastName: r.lastName, facts: facts)
                try await ClientStore.insert(ex, client, audit: audit)
                clientID = client.id
            }
            let caseID: String
            if let open = try await ex.one(SQL("SELECT id FROM cases WHERE client_id = ? AND organisation_id = ? AND state <> 'closed' ORDER BY opened_on DESC, created_at DESC",
                                               [clientID, service])) {
                caseID = try open.string("id")
            } else {
                caseID = newID()
                try await CaseStore.insert(ex, CounselingCase(id: caseID, organisationID: service, clientID: clientID, openedOn: day, referralSource: .authority,
                                                              pathway: nil, counselorID: counselorID), audit: audit)
            }
            try await ex.execute(SQL("UPDATE referrals SET state = 'accepted', decided_on = ?, client_id = ?, case_id = ? WHERE id = ?",
                                     [day.iso, clientID, caseID, referralID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "accept", entity: "referral", entityID: referralID, clientID: clientID)
            return .accepted(clientID: clientID, caseID: caseID)
        }
    }

    public func decline(referralID: String, service: String, reason: String, on day: Day, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM referrals WHERE id = ? AND service_id = ? AND state = 'pending'" + ex.forUpdate, [referralID, service])) != nil else { return false }
            try await ex.execute(SQL("UPDATE referrals SET state = 'declined', decided_on = ?, decline_reason = ? WHERE id = ?", [day.iso, reason, referralID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "decline", entity: "referral", entityID: referralID, clientID: nil)
            return true
        }
    }

    /// The authority withdraws a referral the service has not answered yet. The person's data go with it: the
    /// service no longer needs them, and a referral sent in error may concern the wrong person.
    public func withdraw(referralID: String, authority: String, reason: String, on day: Day, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM referrals WHERE id = ? AND authority_id = ? AND state = 'pending'" + ex.forUpdate, [referralID, authority])) != nil else { return false }
            try await Self.blank(ex, referralID: referralID, on: day, reason: reason)
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "withdraw", entity: "referral", entityID: referralID, clientID: nil)
            try await journal?.record(ex, .referral, organisation: authority, id: referralID, at: audit.now)
            return true
        }
    }

    /// Removes the person's data from referrals no longer needed (QA of 06.12.2026: kept for good): declined and
    /// accepted ones decided before `decidedBefore` (QA43 A5: an accepted one kept them for good; they are in the
    /// client file), and accepted ones whose client file was erased (before erasure did this itself). The referral
    /// stays as the record that one was made and answered; an accepted one keeps its link to the file.
    public func blankFinishedReferrals(decidedBefore: Day) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("""
                UPDATE referrals SET \(Self.withoutPerson), decline_reason = ''
                WHERE ((state IN ('declined', 'accepted') AND decided_on < ?) OR (state = 'accepted' AND client_id IS NULL))
                  AND (first_name <> '' OR last_name <> '' OR born IS NOT NULL OR nationality IS NOT NULL OR reason <> '' OR decline_reason <> '')
                """, [decidedBefore.iso]))
        }
    }

    /// The assignments that remove the person's data from a referral (withdrawal, erasure, retention).
    static let withoutPerson = "first_name = '', last_name = '', born = NULL, nationality = NULL, reason = ''"

    /// Withdraws a pending referral and erases the person's data in it.
    static func blank(_ ex: any SQLExecutor, referralID: String, on day: Day, reason: String) async throws {
        try await ex.execute(SQL("""
            UPDATE referrals SET state = 'withdrawn', decided_on = ?, decline_reason = ?, \(withoutPerson) WHERE id = ? AND state = 'pending'
            """, [day.iso, reason, referralID]))
    }

    // MARK: Contact directory

    public func contacts(authority: String) async throws -> [DirectoryContact] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT * FROM directory_contacts WHERE authority_id = ? ORDER BY responsibility, name", [authority])).map { r in
                DirectoryContact(id: try r.string("id"), authorityID: try r.string("authority_id"), name: try r.string("name"),
                                 function: try r.string("function"), phone: try r.string("phone"), email: try r.string("email"),
                                 responsibility: try r.string("responsibility"))
            }
        }
    }

    public func addContact(_ c: DirectoryContact, audit: AuditContext) async throws {
        try await db.transaction { ex in try await Self.insert(ex, c, audit: audit) }
    }

    static func insert(_ ex: any SQLExecutor, _ c: DirectoryContact, audit: AuditContext) async throws {
        try await ex.execute(SQL("""
            INSERT INTO directory_contacts (id, authority_id, name, function, phone, email, responsibility, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [c.id, c.authorityID, c.name, c.function, c.phone, c.email, c.responsibility, audit.now]))
        try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                  action: "create", entity: "contact", entityID: c.id, clientID: nil)
    }

    /// Replaces an entry of the authority's own directory; false when it has no such entry.
    public func updateContact(_ c: DirectoryContact, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("""
                UPDATE directory_contacts SET name = ?, function = ?, phone = ?, email = ?, responsibility = ?, updated_at = ?
                WHERE id = ? AND authority_id = ? RETURNING id
                """, [c.name, c.function, c.phone, c.email, c.responsibility, audit.now, c.id, c.authorityID])) != nil else { return false }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "contact", entityID: c.id, clientID: nil)
            return true
        }
    }

    public func removeContact(id: String, authority: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM directory_contacts WHERE id = ? AND authority_id = ?", [id, authority])) != nil else { return false }
            try await ex.execute(SQL("DELETE FROM directory_contacts WHERE id = ?", [id]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "delete", entity: "contact", entityID: id, clientID: nil)
            return true
        }
    }
}
