import Foundation
/// Numbered, additive migrations, applied in order at start-up. A migration that shipped is never edited: a change
/// is a new migration. Portable types only: TEXT ids (UUIDs made in Swift), BIGINT, DOUBLE PRECISION; enums as text,
/// legal days as ISO text, timestamps as ISO-8601 UTC text.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: @Sendable (SQLDialect) -> [String]
    /// Work SQL alone cannot do (e.g. recomputing keys with the application's own function), in the same transaction.
    public let then: (@Sendable (any SQLExecutor) async throws -> Void)?

    public init(version: Int, name: String, then: (@Sendable (any SQLExecutor) async throws -> Void)? = nil,
                statements: @escaping @Sendable (SQLDialect) -> [String]) {
        self.version = version; self.name = name; self.statements = statements; self.then = then
    }
}

public enum Migrations {
    public static let all: [Migration] = [
        Migration(version: 1, name: "0001_CreateOrganisations") { _ in [
            """
            CREATE TABLE organisations (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, city TEXT NOT NULL, land TEXT NOT NULL,
              created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE cooperations (
              id TEXT PRIMARY KEY, service_id TEXT NOT NULL REFERENCES organisations(id),
              authority_id TEXT NOT NULL REFERENCES organisations(id), from_day TEXT NOT NULL, until_day TEXT)
            """,
        ] },
        Migration(version: 2, name: "0002_CreateUsersAndSessions") { _ in [
            """
            CREATE TABLE users (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              email TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL, active BIGINT NOT NULL,
              password_hash TEXT NOT NULL, totp_secret TEXT, totp_enabled BIGINT NOT NULL DEFAULT 0,
              totp_last_step BIGINT NOT NULL DEFAULT 0, recovery_codes TEXT NOT NULL DEFAULT '',
              failed_logins BIGINT NOT NULL DEFAULT 0, locked_until TEXT, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX users_organisation ON users(organisation_id)",
            """
            CREATE TABLE sessions (
              id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), csrf_token TEXT NOT NULL,
              second_factor_done BIGINT NOT NULL, created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions(user_id)",
            """
            CREATE TABLE login_attempts (key TEXT NOT NULL, at TEXT NOT NULL)
            """,
            "CREATE INDEX login_attempts_key ON login_attempts(key, at)",
            """
            CREATE TABLE api_tokens (
              id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), token_hash TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL, created_at TEXT NOT NULL, revoked BIGINT NOT NULL DEFAULT 0)
            """,
        ] },
        Migration(version: 3, name: "0003_CreateClients") { _ in [
            """
            CREATE TABLE clients (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              file_number TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL, name_key TEXT NOT NULL,
              born TEXT, nationality TEXT, household_id TEXT, facts_json TEXT NOT NULL, created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              UNIQUE (organisation_id, file_number))
            """,
            "CREATE INDEX clients_organisation ON clients(organisation_id, last_name)",
            "CREATE INDEX clients_household ON clients(household_id)",
            """
            CREATE TABLE status_periods (
              id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES clients(id), position BIGINT NOT NULL,
              kind TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT, basis TEXT, valid_until TEXT,
              issued BIGINT NOT NULL DEFAULT 1, holder TEXT NOT NULL DEFAULT 'main', fiktion TEXT, continues TEXT,
              note TEXT NOT NULL DEFAULT '')
            """,
            "CREATE INDEX status_periods_client ON status_periods(client_id, from_day)",
            """
            CREATE TABLE client_relations (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), kind TEXT NOT NULL,
              from_client TEXT NOT NULL REFERENCES clients(id), to_client TEXT NOT NULL REFERENCES clients(id),
              custody BIGINT)
            """,
            "CREATE INDEX client_relations_from ON client_relations(from_client)",
            "CREATE INDEX client_relations_to ON client_relations(to_client)",
            """
            CREATE TABLE assessment_snapshots (
              id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES clients(id), on_day TEXT NOT NULL,
              created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL, law_versions TEXT NOT NULL,
              document_json TEXT NOT NULL)
            """,
            "CREATE INDEX assessment_snapshots_client ON assessment_snapshots(client_id, created_at)",
        ] },
        Migration(version: 4, name: "0004_CreateAuditTrail") { _ in [
            // Append-only: each row carries the hash of the previous one; `audit_head` serializes appends.
            """
            CREATE TABLE audit_events (
              seq BIGINT PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, organisation_id TEXT NOT NULL,
              action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, client_id TEXT,
              prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE INDEX audit_events_client ON audit_events(client_id, seq)",
            "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
        ] },
        Migration(version: 5, name: "0005_CreateCasesAndSessions") { _ in [
            """
            CREATE TABLE cases (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              client_id TEXT NOT NULL REFERENCES clients(id), opened_on TEXT NOT NULL, referral_source TEXT NOT NULL,
              pathway TEXT, state TEXT NOT NULL, counselor_id TEXT REFERENCES users(id), closed_on TEXT, outcome TEXT,
              created_at TEXT NOT NULL)
            """,
            "CREATE INDEX cases_client ON cases(client_id)",
            """
            CREATE TABLE counseling_sessions (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              case_id TEXT NOT NULL REFERENCES cases(id), client_id TEXT NOT NULL REFERENCES clients(id),
              on_day TEXT NOT NULL, duration_minutes BIGINT NOT NULL, channel TEXT NOT NULL, language TEXT NOT NULL,
              interpreter BIGINT NOT NULL, pathways TEXT NOT NULL, record TEXT NOT NULL, confidential_note TEXT NOT NULL,
              counselor_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX counseling_sessions_case ON counseling_sessions(case_id, on_day)",
        ] },
        Migration(version: 6, name: "0006_CreateCooperation") { _ in [
            """
            CREATE TABLE consents (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              client_id TEXT NOT NULL REFERENCES clients(id), recipient_id TEXT NOT NULL REFERENCES organisations(id),
              purpose TEXT NOT NULL, topics TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT, revoked_on TEXT,
              language TEXT NOT NULL, form_version TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL)
            """,
            "CREATE INDEX consents_client ON consents(client_id)",
            "CREATE INDEX consents_recipient ON consents(recipient_id, client_id)",
            // One row per disclosure; never updated or deleted (the client's Art. 15 request lists them).
            """
            CREATE TABLE disclosures (
              id TEXT PRIMARY KEY, at TEXT NOT NULL, consent_id TEXT NOT NULL REFERENCES consents(id),
              client_id TEXT NOT NULL REFERENCES clients(id), recipient_id TEXT NOT NULL REFERENCES organisations(id),
              user_id TEXT NOT NULL REFERENCES users(id), topics TEXT NOT NULL, channel TEXT NOT NULL)
            """,
            "CREATE INDEX disclosures_client ON disclosures(client_id, at)",
            """
            CREATE TABLE referrals (
              id TEXT PRIMARY KEY, authority_id TEXT NOT NULL REFERENCES organisations(id),
              service_id TEXT NOT NULL REFERENCES organisations(id), created_by TEXT NOT NULL REFERENCES users(id),
              created_on TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL, born TEXT, nationality TEXT,
              reason TEXT NOT NULL, state TEXT NOT NULL, decided_on TEXT, decline_reason TEXT,
              client_id TEXT REFERENCES clients(id), case_id TEXT REFERENCES cases(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX referrals_service ON referrals(service_id, state)",
            "CREATE INDEX referrals_authority ON referrals(authority_id, state)",
            """
            CREATE TABLE directory_contacts (
              id TEXT PRIMARY KEY, authority_id TEXT NOT NULL REFERENCES organisations(id), name TEXT NOT NULL,
              function TEXT NOT NULL, phone TEXT NOT NULL, email TEXT NOT NULL, responsibility TEXT NOT NULL,
              updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX directory_contacts_authority ON directory_contacts(authority_id, name)",
        ] },
        Migration(version: 7, name: "0007_CreateApplicationsAndDocuments") { _ in [
            """
            CREATE TABLE applications (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              case_id TEXT NOT NULL REFERENCES cases(id), client_id TEXT NOT NULL REFERENCES clients(id), pathway TEXT NOT NULL,
              filed_on TEXT NOT NULL, decided_on TEXT, outcome TEXT NOT NULL, permit_until TEXT, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX applications_case ON applications(case_id, filed_on)",
            // One row per document kind and case; an upload is stored outside the database under its checksum.
            """
            CREATE TABLE case_documents (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              case_id TEXT NOT NULL REFERENCES cases(id), kind TEXT NOT NULL, state TEXT NOT NULL, received_on TEXT,
              file_name TEXT, content_type TEXT, size BIGINT, sha256 TEXT, updated_at TEXT NOT NULL,
              UNIQUE (case_id, kind))
            """,
        ] },
        Migration(version: 8, name: "0008_CreateCaseReminders") { _ in [
            """
            CREATE TABLE case_reminders (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              case_id TEXT NOT NULL REFERENCES cases(id), client_id TEXT NOT NULL REFERENCES clients(id), on_day TEXT NOT NULL,
              title TEXT NOT NULL, done_on TEXT, created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX case_reminders_case ON case_reminders(case_id, on_day)",
        ] },
        Migration(version: 9, name: "0009_CreateAppointments") { _ in [
            """
            CREATE TABLE appointments (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id),
              client_id TEXT NOT NULL REFERENCES clients(id), counselor_id TEXT NOT NULL REFERENCES users(id), on_day TEXT NOT NULL,
              start_minute BIGINT NOT NULL, duration_minutes BIGINT NOT NULL, place TEXT NOT NULL, language TEXT NOT NULL,
              state TEXT NOT NULL, requested_via TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            "CREATE INDEX appointments_counselor ON appointments(counselor_id, on_day)",
            "CREATE INDEX appointments_organisation ON appointments(organisation_id, on_day)",
            // The secret of a counselor's calendar feed, stored hashed; a new one replaces (revokes) the old.
            "CREATE TABLE calendar_tokens (user_id TEXT PRIMARY KEY REFERENCES users(id), token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)",
        ] },
        Migration(version: 10, name: "0010_CreateAuthorityStatistics") { _ in [
            // Flows during the quarter and the stock on its last day, kept in separate columns.
            """
            CREATE TABLE authority_procedure_stats (
              authority_id TEXT NOT NULL REFERENCES organisations(id), quarter TEXT NOT NULL, regulation TEXT NOT NULL,
              applications BIGINT NOT NULL, grants BIGINT NOT NULL, refusals BIGINT NOT NULL, pending_at_end BIGINT NOT NULL,
              updated_at TEXT NOT NULL, PRIMARY KEY (authority_id, quarter, regulation))
            """,
            """
            CREATE TABLE authority_population_stats (
              authority_id TEXT NOT NULL REFERENCES organisations(id), quarter TEXT NOT NULL, tolerated BIGINT NOT NULL,
              tolerated_over_3_years BIGINT NOT NULL, tolerated_over_5_years BIGINT NOT NULL, updated_at TEXT NOT NULL,
              PRIMARY KEY (authority_id, quarter))
            """,
        ] },
        Migration(version: 11, name: "0011_CreateMeetings") { _ in [
            """
            CREATE TABLE meetings (
              id TEXT PRIMARY KEY, cooperation_id TEXT NOT NULL REFERENCES cooperations(id), on_day TEXT NOT NULL,
              participants TEXT NOT NULL, agenda TEXT NOT NULL, minutes TEXT NOT NULL DEFAULT '',
              created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX meetings_cooperation ON meetings(cooperation_id, on_day)",
            // Anonymised fact sheets: deliberately without a link to the client or the case.
            """
            CREATE TABLE meeting_cases (
              id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id), sheet TEXT NOT NULL,
              added_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE meeting_followups (
              id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id), text TEXT NOT NULL, owner TEXT NOT NULL,
              due TEXT NOT NULL, done_on TEXT, created_at TEXT NOT NULL)
            """,
        ] },
        Migration(version: 12, name: "0012_CreateExpertAdviceAndKnowledgeBase") { _ in [
            // Fachberatung for volunteers and other services: no client file, no personal data of the person concerned.
            """
            CREATE TABLE expert_requests (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), requester TEXT NOT NULL,
              legal_area TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, minutes_spent BIGINT NOT NULL,
              asked_on TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
            """,
            "CREATE INDEX expert_requests_organisation ON expert_requests(organisation_id, asked_on)",
            """
            CREATE TABLE articles (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), pathway TEXT NOT NULL,
              title TEXT NOT NULL, body TEXT NOT NULL, updated_by TEXT NOT NULL REFERENCES users(id), updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX articles_organisation ON articles(organisation_id, pathway)",
        ] },
        Migration(version: 13, name: "0013_AddConsentScan") { _ in [
            "ALTER TABLE consents ADD COLUMN scan_name TEXT",
            "ALTER TABLE consents ADD COLUMN scan_type TEXT",
            "ALTER TABLE consents ADD COLUMN scan_size BIGINT",
            "ALTER TABLE consents ADD COLUMN scan_sha256 TEXT",
        ] },
        Migration(version: 14, name: "0014_CreateScreeningJobs") { _ in [
            // Background work lives in the database: any instance may claim a queued job.
            """
            CREATE TABLE screening_jobs (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), created_by TEXT NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL, file_name TEXT NOT NULL, format TEXT NOT NULL, on_day TEXT NOT NULL, state TEXT NOT NULL,
              total_rows BIGINT NOT NULL, processed_rows BIGINT NOT NULL DEFAULT 0, rejected_rows BIGINT NOT NULL DEFAULT 0,
              summary_json TEXT, rejections TEXT NOT NULL DEFAULT '', error TEXT, expires_at TEXT NOT NULL)
            """,
            "CREATE INDEX screening_jobs_organisation ON screening_jobs(organisation_id, created_at)",
            "CREATE INDEX screening_jobs_state ON screening_jobs(state, created_at)",
        ] },
        Migration(version: 15, name: "0015_AddSessionWithFamily") { _ in [
            "ALTER TABLE counseling_sessions ADD COLUMN with_family BIGINT NOT NULL DEFAULT 0",
        ] },
        Migration(version: 16, name: "0016_CreateAppointmentRequests") { _ in [
            // Requests from the public online form: kept at most 90 days (the form says so).
            """
            CREATE TABLE appointment_requests (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), created_at TEXT NOT NULL,
              name TEXT NOT NULL, contact TEXT NOT NULL, language TEXT NOT NULL, preferred TEXT NOT NULL, message TEXT NOT NULL,
              form_language TEXT NOT NULL, handled_at TEXT)
            """,
            "CREATE INDEX appointment_requests_organisation ON appointment_requests(organisation_id, created_at)",
        ] },
        Migration(version: 17, name: "0017_ScreeningJobHeartbeat") { _ in [
            // A running job's instance writes this while it works; a job whose instance died is taken up again.
            "ALTER TABLE screening_jobs ADD COLUMN heartbeat_at TEXT",
        ] },
        Migration(version: 18, name: "0018_AdviceAskedByVolunteers") { _ in [
            // A volunteer asks in the application; the service answers later. Recorded requests have neither.
            "ALTER TABLE expert_requests ADD COLUMN asked_by TEXT REFERENCES users(id)",
            "ALTER TABLE expert_requests ADD COLUMN answered_on TEXT",
            "CREATE INDEX expert_requests_asked_by ON expert_requests(asked_by)",
        ] },
        Migration(version: 19, name: "0019_AdviceAnsweredBy") { _ in [
            // Who gave the advice: the one who recorded it, or who answered a volunteer's request (unknown for requests
            // answered before this column; the audit trail has them).
            "ALTER TABLE expert_requests ADD COLUMN answered_by TEXT REFERENCES users(id)",
            "UPDATE expert_requests SET answered_by = created_by WHERE asked_by IS NULL",
        ] },
        // The search key now folds every diacritic (Nikolić finds Nikolic) and escapes nothing into LIKE patterns.
        // (Its recomputation of the stored keys is 0030's now, which recomputes them with the columns the keys have since.)
        Migration(version: 20, name: "0020_NameKeyFoldsDiacritics") { _ in [] },
        // How the status period a grant cut had ended before ("" open, a day, "-" none): to undo a grant recorded in error.
        Migration(version: 21, name: "0021_ApplicationGrantPreviousEnd") { _ in ["ALTER TABLE applications ADD COLUMN grant_previous_end TEXT"] },
        // Optimistic locking of a client's facts and status history (Client.revision).
        Migration(version: 22, name: "0022_ClientRevision") { _ in ["ALTER TABLE clients ADD COLUMN revision BIGINT NOT NULL DEFAULT 0"] },
        // File numbers are one whatever their case (ClientStore.insert, clientID(fileNumber:)): looked up by an index.
        Migration(version: 23, name: "0023_FileNumberAnyCase") { _ in ["CREATE INDEX clients_file_number_lower ON clients(organisation_id, LOWER(file_number))"] },
        // The search key folds German spellings of Arabic and Slavic sounds (ch, dsch, zh): stored keys recomputed.
        Migration(version: 24, name: "0024_NameKeyFoldsGermanSpellings") { _ in [] },
        // A password set by the coordination (a new account, a reset) is the user's to replace at the next login; the
        // account events (created, reset, role changed, deactivated) are found by the account they concern.
        Migration(version: 25, name: "0025_AccountAdministration") { _ in [
            "ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX audit_events_entity ON audit_events(entity, entity_id, seq)",
        ] },
        // The organisation's postal address, for the letters it writes and receives.
        Migration(version: 26, name: "0026_OrganisationPostalAddress") { _ in [
            "ALTER TABLE organisations ADD COLUMN postal_address TEXT NOT NULL DEFAULT ''",
        ] },
        // The coordination's review of accesses reads an organisation's events of a period (AccessReview).
        Migration(version: 27, name: "0027_AuditByOrganisationAndTime") { _ in [
            "CREATE INDEX audit_events_organisation_at ON audit_events(organisation_id, at)",
        ] },
        // What an erased file leaves for the service's statistics (Art. 17 Abs. 3 lit. d, Art. 89 Abs. 1 DSGVO): per
        // session and application only what the reports count, under a random key per person (ClientStore.erase).
        Migration(version: 28, name: "0028_CreateStatisticalResidue") { _ in [
            """
            CREATE TABLE erased_sessions (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), person TEXT NOT NULL,
              on_day TEXT NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL, language TEXT NOT NULL, pathways TEXT NOT NULL,
              nationality TEXT)
            """,
            "CREATE INDEX erased_sessions_organisation ON erased_sessions(organisation_id, on_day)",
            """
            CREATE TABLE erased_applications (
              id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL REFERENCES organisations(id), pathway TEXT NOT NULL,
              filed_on TEXT NOT NULL, decided_on TEXT, outcome TEXT NOT NULL)
            """,
            "CREATE INDEX erased_applications_organisation ON erased_applications(organisation_id)",
        ] },
        // The database's own id: the erasure journal outside it names the database its entries belong to
        // (ErasureJournal). A backup and its restore keep it; a new database draws a random one. A database with a
        // history takes its first audit event's hash, so that a backup made before this migration, restored and
        // migrated, gets the id the live database got.
        Migration(version: 29, name: "0029_CreateInstallation", then: { ex in
            let first = try await ex.one("SELECT hash FROM audit_events WHERE seq = 1")?.text("hash").map { "audit-" + $0.prefix(32) }
            try await ex.execute(SQL("INSERT INTO installation (id, created_at) VALUES (?, ?)", [first ?? UUID().uuidString.lowercased(), Timestamp.string(Date())]))
        }) { _ in [
            "CREATE TABLE installation (id TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
        ] },
        // The search key keeps a word's first vowel and "c" apart from "k" (Çelik is not Kılıç); the name as one word
        // (Bensalah = Ben Salah, duplicates) gets a column of its own, since the word key no longer gives it.
        Migration(version: 30, name: "0030_NameKeyFirstVowel", then: ClientStore.rekeyNames) { _ in [
            "ALTER TABLE clients ADD COLUMN name_joined TEXT NOT NULL DEFAULT ''",
        ] },
        // A login attempt is counted before it is checked and forgotten when it succeeds (AccountStore.beginAttempt).
        Migration(version: 31, name: "0031_LoginAttemptId") { _ in [
            "ALTER TABLE login_attempts ADD COLUMN attempt TEXT",
            "CREATE INDEX login_attempts_attempt ON login_attempts(attempt)",
        ] },
        // The search key reads "đ" both as "dj" and as "d" (Vietnamese), and skips invisible format characters.
        Migration(version: 32, name: "0032_NameKeyStrokeD", then: ClientStore.rekeyNames) { _ in [] },
        // A closer key ranks the search's hits: the name as typed before its transliteration variants.
        Migration(version: 33, name: "0033_NameNearKey", then: ClientStore.fillNearKeys) { _ in [
            "ALTER TABLE clients ADD COLUMN name_near TEXT NOT NULL DEFAULT ''",
        ] },
        // An automatic reminder acknowledged by a counselor is kept as a reminder done, naming the one it stands for
        // (kind and underlying date): a new date (a new Duldung recorded) is a new reminder again.
        Migration(version: 34, name: "0034_ReminderDerivedFrom") { _ in [
            "ALTER TABLE case_reminders ADD COLUMN derived_from TEXT",
        ] },
        // A calendar updates an event it knows by its SEQUENCE (RFC 5545 3.8.7.4): raised on every change of an appointment.
        Migration(version: 35, name: "0035_AppointmentSequence") { _ in [
            "ALTER TABLE appointments ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE appointments ADD COLUMN updated_at TEXT",
        ] },
        // A restored copy starts a lineage of its own: its audit anchors do not mix with those of the database it was
        // copied from, which may still be in service (QA of 06.12.2026: a restore drill broke the live verification).
        Migration(version: 36, name: "0036_AuditLineage") { _ in [
            "ALTER TABLE installation ADD COLUMN lineage TEXT",
        ] },
        // The search key reads Persian "gh" as "q" (Ghaderi = Qaderi).
        Migration(version: 37, name: "0037_NameKeyGhQ", then: ClientStore.rekeyAllNames) { _ in [] },
        // A screening for its figures only (the Land coordination): no results per person are kept.
        Migration(version: 38, name: "0038_ScreeningFiguresOnly") { _ in [
            "ALTER TABLE screening_jobs ADD COLUMN figures_only BIGINT NOT NULL DEFAULT 0",
        ] },
        // The search key reads English "dzh" and "ts" as German "dsch" and "z" (Dzhabrailov = Dschabrailow).
        Migration(version: 39, name: "0039_NameKeyDzhTs", then: ClientStore.rekeyAllNames) { _ in [] },
        // How an appointment takes place, which client pages translate; a place that only said so becomes the mode.
        Migration(version: 40, name: "0040_AppointmentMode") { _ in [
            "ALTER TABLE appointments ADD COLUMN mode TEXT NOT NULL DEFAULT 'in_person'",
            "UPDATE appointments SET mode = 'phone', place = '' WHERE lower(trim(place)) IN ('telefon', 'telefonisch', 'per telefon', 'am telefon')",
            "UPDATE appointments SET mode = 'video', place = '' WHERE lower(trim(place)) IN ('video', 'per video', 'videoberatung', 'videocall', 'videoanruf')",
        ] },
        // The day a consent was signed; without it a consent is a draft, recorded to print the form, and releases nothing.
        // A consent recorded before was in force from its start: it counts as signed then.
        Migration(version: 41, name: "0041_ConsentSignedOn") { _ in [
            "ALTER TABLE consents ADD COLUMN signed_on TEXT",
            "UPDATE consents SET signed_on = valid_from",
        ] },
        // How to reach a client (QA41 C5), as one JSON object; gone with the row when the file is erased.
        Migration(version: 42, name: "0042_ClientContact") { _ in [
            "ALTER TABLE clients ADD COLUMN contact TEXT",
        ] },
        // Links of the audit chain keyed with a secret outside the database (QA42 F1): 1 = HMAC, 0 = the plain hash of
        // the events written before.
        Migration(version: 43, name: "0043_AuditKeyedLinks") { _ in [
            "ALTER TABLE audit_events ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0",
        ] },
        // An API token's scope (QA42 F6): tokens made before could write, and keep that; new ones read unless asked.
        // When it was last used, to the quarter of an hour, so an owner sees a token nobody needs any more.
        Migration(version: 44, name: "0044_APITokenScope") { _ in [
            "ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write'",
            "ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT",
        ] },
        // A request of the online form that came in while the form was flooded (QA42 F3) is kept, but held for review
        // apart from the others: 1 = held.
        Migration(version: 45, name: "0045_HeldOnlineRequests") { _ in [
            "ALTER TABLE appointment_requests ADD COLUMN held INTEGER NOT NULL DEFAULT 0",
        ] },
        // The search key reads "d"/"t" and "b"/"p" inside a word as one, and French "ou" + vowel as "w" (QA43 C12).
        Migration(version: 46, name: "0046_NameKeyVoicingFrenchW", then: ClientStore.rekeyAllNames) { _ in [] },
    ]

    /// A database migrated by a newer release.
    public struct TooNew: Error, CustomStringConvertible { public let description: String }

    /// Applies every migration not yet applied (up to `through`: tests of a later migration on an older database),
    /// each in its own transaction.
    public static func migrate(_ db: any SQLDatabase, now: String, through last: Int = .max) async throws {
        try await db.transaction { ex in
            if ex.dialect == .postgres { try await ex.execute("SELECT pg_advisory_xact_lock(4242001)") }
            try await ex.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        }
        let applied = Set(try await db.read { ex in try await ex.query("SELECT version FROM schema_migrations").compactMap { $0.int("version") } })
        // A database a newer release has migrated has tables and meanings this binary does not know: refused before
        // anything is read or written (QA32 F14: an older binary started after an upgrade wrote to it in silence).
        if let newest = applied.max(), let known = all.last?.version, newest > known {
            throw TooNew(description: "Die Datenbank ist auf dem Stand einer neueren Version von Bleibe (Migration \(newest)); diese Version kennt nur die Migrationen bis \(known). Bitte die neuere Version starten – oder eine Sicherung von vor dem Update zurückspielen.")
        }
        for m in all where !applied.contains(m.version) && m.version <= last {
            try await db.transaction { ex in
                // Several instances may start at once on one PostgreSQL: one migrates, the others find it done.
                if ex.dialect == .postgres { try await ex.execute("SELECT pg_advisory_xact_lock(4242001)") }
                if try await ex.one(SQL("SELECT version FROM schema_migrations WHERE version = ?", [m.version])) != nil { return }
                for statement in m.statements(ex.dialect) { try await ex.execute(SQL(statement)) }
                try await m.then?(ex)
                try await ex.execute(SQL("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [m.version, m.name, now]))
            }
        }
    }
}
