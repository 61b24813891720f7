import CaseFiles
import Counseling
import Eligibility
import Foundation

/// Who writes, for the audit row that commits with the change.
public struct AuditContext: Sendable {
    public var userID: String
    public var organisationID: String
    public var now: String
    public init(userID: String, organisationID: String, now: String) {
        self.userID = userID; self.organisationID = organisationID; self.now = now
    }
}

/// A line of the client list: only the columns the list shows.
public struct ClientSummary: Sendable, Hashable {
    public var id: String
    public var fileNumber: String
    public var firstName: String
    public var lastName: String
    public var born: String?
    public var nationality: String?
    public var currentStatus: String?
}

/// Clients, their status history and family relations. Every query is scoped to an organisation: a client of
/// another organisation is never returned (`nil`, which the web layer answers with 404).
public struct ClientStore: Sendable {
    public let db: any SQLDatabase
    /// Read events go through the group-committing writer.
    public let reads: AuditWriter
    /// Where erasures are also written, so that a restored database loses the erased files again; nil: nowhere.
    public let journal: ErasureJournal?
    public init(db: any SQLDatabase, journal: ErasureJournal? = nil) { self.db = db; self.reads = AuditWriter(db: db); self.journal = journal }

    /// One page of the organisation's clients, optionally filtered by a name (tolerant of transliteration
    /// variants: every query word must start a word of the folded name) or a file number.
    public func list(organisation: String, search: String? = nil, limit: Int = 50, offset: Int = 0) async throws -> [ClientSummary] {
        var (where_, binds) = Self.listFilter(organisation: organisation, search: search)
        let (rank, rankBinds) = Self.rank(search: search)
        binds += rankBinds + [limit, offset]
        let sql = SQL("""
            SELECT c.id, c.file_number, c.first_name, c.last_name, c.born, c.nationality,
              (SELECT s.kind FROM status_periods s WHERE s.client_id = c.id ORDER BY s.position DESC LIMIT 1) AS current_status
            FROM clients c WHERE \(where_) ORDER BY \(rank)c.last_name, c.first_name, c.id LIMIT ? OFFSET ?
            """, binds)
        return try await db.read { ex in
            try await ex.query(sql).map { r in
                ClientSummary(id: try r.string("id"), fileNumber: try r.string("file_number"), firstName: try r.string("first_name"),
                              lastName: try r.string("last_name"), born: r.text("born").flatMap { Day(iso: $0)?.german },
                              nationality: r.text("nationality"), currentStatus: r.text("current_status"))
            }
        }
    }

    /// How many clients `list` finds with this search, over all pages.
    public func count(organisation: String, search: String?) async throws -> Int {
        let (where_, binds) = Self.listFilter(organisation: organisation, search: search)
        let sql = SQL("SELECT COUNT(*) AS n FROM clients c WHERE \(where_)", binds)
        return try await db.read { ex in try await ex.one(sql)?.int("n") ?? 0 }
    }

    /// The longest search read, in characters and in words.
    static let searchLength = 200, searchWords = 8

    /// The WHERE clause of the client list: the organisation, and every word of a search at the start of a name word,
    /// or the search inside the file number.
    static func listFilter(organisation: String, search: String?) -> (String, [any SQLBindable]) {
        var where_ = "c.organisation_id = ?"
        var binds: [any SQLBindable] = [organisation]
        let (text, born) = Self.birthDates(in: search)
        if !born.isEmpty {
            where_ += " AND c.born IN (\(born.map { _ in "?" }.joined(separator: ", ")))"
            binds += born.map(\.iso)
        }
        // A name has a handful of words: a search of hundreds is cut (QA of 06.12.2026: 995 words ran past SQLite's
        // expression depth and answered 500), so is a search longer than any name or file number.
        if let q = Self.searchText(text) {
            let words = NameMatching.queryWords(q).prefix(Self.searchWords)
            var parts: [String] = []
            for w in words {
                var either: [String] = []
                for k in [w.key, w.alternative].compactMap({ $0 }) {
                    if w.wholeWord {
                        either.append("(' ' || c.name_key || ' ') LIKE ? ESCAPE '\\'"); binds.append("% \(literal(k)) %")
                    } else {
                        either.append("(' ' || c.name_key) LIKE ? ESCAPE '\\'"); binds.append("% \(literal(k))%")
                    }
                }
                parts.append(either.count == 1 ? either[0] : "(" + either.joined(separator: " OR ") + ")")
            }
            // A name written as one word or as two ("Bensalah" for "Ben Salah").
            let joined = NameMatching.joinedKey(q)
            let together = joined.count >= 4 ? " OR c.name_joined LIKE ? ESCAPE '\\'" : ""
            where_ += " AND ((\(parts.isEmpty ? "1=0" : parts.joined(separator: " AND ")))\(together) OR LOWER(c.file_number) LIKE ? ESCAPE '\\')"
            if joined.count >= 4 { binds.append("%\(literal(joined))%") }
            binds.append("%\(literal(q.lowercased()))%")
        }
        return (where_, binds)
    }

    /// The words of a search that are dates (TT.MM.JJJJ, T.M.JJJJ or JJJJ-MM-TT) are birth dates to match; the rest is
    /// the name or file number (QA of 06.12.2026: "Qatest 05.07.1984", as one tells a person apart on the phone).
    static func birthDates(in search: String?) -> (text: String?, born: [Day]) {
        guard let search = Self.searchText(search) else { return (nil, []) }
        var born: [Day] = [], rest: [Substring] = []
        for w in search.split(whereSeparator: \.isWhitespace).prefix(Self.searchWords) {
            if let d = Day(german: w) ?? Day(iso: String(w)) { if !born.contains(d) { born.append(d) } } else { rest.append(w) }
        }
        return (born.isEmpty ? search : rest.joined(separator: " "), born)
    }

    /// The search as read: trimmed and cut to `searchLength`; nil when nothing is left.
    static func searchText(_ search: String?) -> String? {
        guard let q = search.map({ String($0.trimmingCharacters(in: .whitespaces).prefix(Self.searchLength)) }), !q.isEmpty else { return nil }
        return q
    }

    /// A typed % or _ is a character to find, not a wildcard.
    static func literal(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// The order of a search's hits before the alphabet: the file number or every word as typed (up to doubled letters
    /// and o/u: `NameMatching.nearKey`) first, then every word as a whole word of the name's key (a transliteration
    /// variant), then what only starts a word or is found in the name written as one word ("Mahmud" for "Mohammed").
    static func rank(search: String?) -> (String, [any SQLBindable]) {
        guard let q = Self.searchText(Self.birthDates(in: search).text) else { return ("", []) }
        let near = NameMatching.nearKey(q).split(separator: " ").prefix(Self.searchWords)
        let words = NameMatching.queryWords(q).prefix(Self.searchWords)
        guard !near.isEmpty, !words.isEmpty else { return ("", []) }
        var binds: [any SQLBindable] = [q.lowercased()]
        let close = near.map { w -> String in binds.append("% \(literal(String(w))) %"); return "(' ' || c.name_near || ' ') LIKE ? ESCAPE '\\'" }
        let whole = words.map { w -> String in
            let keys = [w.key, w.alternative].compactMap { $0 }
            binds += keys.map { "% \(literal($0)) %" }
            return "(" + keys.map { _ in "(' ' || c.name_key || ' ') LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")"
        }
        return ("CASE WHEN LOWER(c.file_number) = ? OR (\(close.joined(separator: " AND "))) THEN 0 WHEN \(whole.joined(separator: " AND ")) THEN 1 ELSE 2 END, ", binds)
    }

    /// The nationality of every client of the organisation (reports).
    public func nationalities(organisation: String) async throws -> [String: String?] {
        try await db.read { ex in
            var out: [String: String?] = [:]
            for r in try await ex.query(SQL("SELECT id, nationality FROM clients WHERE organisation_id = ?", [organisation])) {
                out[try r.string("id")] = .some(r.text("nationality"))
            }
            return out
        }
    }

    public func count(organisation: String) async throws -> Int {
        try await db.read { ex in try await ex.one(SQL("SELECT COUNT(*) AS n FROM clients WHERE organisation_id = ?", [organisation]))?.int("n") ?? 0 }
    }

    /// One client with its status history, or nil if it does not exist in this organisation.
    public func client(id: String, organisation: String) async throws -> Client? {
        try await db.read { ex in try await Self.load(ex, ids: [id], organisation: organisation).first }
    }

    /// The client, the members of its household (the client first) and the relations among them.
    public func household(clientID: String, organisation: String) async throws -> (members: [Client], relations: [ClientRelation])? {
        try await db.read { ex in
            guard let head = try await ex.one(SQL("SELECT household_id FROM clients WHERE id = ? AND organisation_id = ?", [clientID, organisation])) else { return nil }
            var ids = [clientID]
            if let h = head.text("household_id") {
                let others = try await ex.query(SQL("SELECT id FROM clients WHERE household_id = ? AND organisation_id = ? AND id <> ? ORDER BY born IS NULL, born, last_name, first_name, id", [h, organisation, clientID]))
                ids += others.compactMap { $0.text("id") }
            }
            let members = try await Self.load(ex, ids: ids, organisation: organisation)
            let relations = try await Self.relations(ex, ids: ids, organisation: organisation)
            return (members, relations)
        }
    }

    /// The household of an already loaded client (members share its household id) and the relations among
    /// them. A person living alone costs one query (for relations to clients elsewhere, shown but not assessed).
    public func household(of client: Client) async throws -> (members: [Client], relations: [ClientRelation]) {
        guard client.householdID != nil else {
            let rel = try await db.read { ex in try await Self.relations(ex, ids: [client.id], organisation: client.organisationID) }
            return ([client], rel)
        }
        return try await household(clientID: client.id, organisation: client.organisationID) ?? ([client], [])
    }

    public enum LinkOutcome: Sendable, Equatable { case linked, notFound, refused(RelationRules.Problem) }

    /// Links two clients of one organisation; with `sameHousehold` both (and their households) share one household.
    /// Refused where it contradicts their existing links (`RelationRules`), checked in the same transaction.
    public func link(_ r: ClientRelation, organisation: String, sameHousehold: Bool, today: Day? = nil, audit: AuditContext) async throws -> LinkOutcome {
        try await db.transaction { ex in try await Self.link(ex, r, organisation: organisation, sameHousehold: sameHousehold, today: today, audit: audit) }
    }

    static func link(_ ex: any SQLExecutor, _ r: ClientRelation, organisation: String, sameHousehold: Bool, today: Day?, audit: AuditContext) async throws -> LinkOutcome {
        let rows = try await ex.query(SQL("SELECT id, household_id, born, facts_json FROM clients WHERE organisation_id = ? AND id IN (?, ?)", [organisation, r.from, r.to]))
        guard rows.count == 2 else { return .notFound }
        var born: [String: Day] = [:], marital: [String: MaritalStatus] = [:]
        for row in rows {
            let id = try row.string("id")
            if let d = row.text("born").flatMap(Day.init(iso:)) { born[id] = d }
            if let m = try? CaseFileDecoder.person(json: try row.string("facts_json")).maritalStatus { marital[id] = m }
        }
        if let why = RelationRules.problem(adding: r, to: try await Self.relations(ex, ids: [r.from, r.to], organisation: organisation), born: born, marital: marital, today: today) {
            return .refused(why)
        }
        let id = UUID().uuidString.lowercased()
        try await ex.execute(SQL("INSERT INTO client_relations (id, organisation_id, kind, from_client, to_client, custody) VALUES (?, ?, ?, ?, ?, ?)",
                                 [id, organisation, r.kind.rawValue, r.from, r.to, r.custody]))
        if sameHousehold {
            let existing = rows.compactMap { $0.text("household_id") }
            let household = existing.first ?? UUID().uuidString.lowercased()
            for other in existing where other != household {
                try await ex.execute(SQL("UPDATE clients SET household_id = ? WHERE organisation_id = ? AND household_id = ?", [household, organisation, other]))
            }
            try await ex.execute(SQL("UPDATE clients SET household_id = ? WHERE organisation_id = ? AND id IN (?, ?)", [household, organisation, r.from, r.to]))
        }
        for c in [r.from, r.to] {
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "create", entity: "relation", entityID: id, clientID: c)
        }
        return .linked
    }

    /// Why a creation with a relative rolled back: the link was refused.
    struct LinkRefused: Error { let message: String }

    /// Removes a relation of the organisation that involves `clientID`; false if there is none.
    public func unlink(relationID: String, clientID: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard let r = try await ex.one(SQL("SELECT from_client, to_client FROM client_relations WHERE id = ? AND organisation_id = ? AND (from_client = ? OR to_client = ?)",
                                              [relationID, organisation, clientID, clientID])) else { return false }
            try await ex.execute(SQL("DELETE FROM client_relations WHERE id = ?", [relationID]))
            for c in [r.text("from_client"), r.text("to_client")].compactMap({ $0 }) {
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                          action: "delete", entity: "relation", entityID: relationID, clientID: c)
            }
            return true
        }
    }

    /// Moves a client out of its household (it then lives alone).
    public func leaveHousehold(clientID: String, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?", [clientID, organisation])) != nil else { return false }
            try await ex.execute(SQL("UPDATE clients SET household_id = NULL WHERE id = ?", [clientID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "household", entityID: clientID, clientID: clientID)
            return true
        }
    }

    /// Clients of the organisation by id (in the order given; missing ids are skipped).
    /// Every client of the organisation with name, file number and birth date only (no facts read): what a text for
    /// another organisation is checked against.
    public func people(organisation: String) async throws -> [Client] {
        try await db.read { ex in
            try await ex.query(SQL("SELECT id, file_number, first_name, last_name, born FROM clients WHERE organisation_id = ?", [organisation])).map { r in
                var facts = Person(id: try r.string("id"))
                facts.born = r.text("born").flatMap { Day(iso: $0) }
                return Client(id: facts.id, organisationID: organisation, fileNumber: try r.string("file_number"), firstName: try r.string("first_name"),
                              lastName: try r.string("last_name"), facts: facts)
            }
        }
    }

    public func clients(ids: [String], organisation: String) async throws -> [Client] {
        try await db.read { ex in try await Self.load(ex, ids: ids, organisation: organisation) }
    }

    /// The next file number of the organisation in `year`: "PB-2026-0080" after the highest "PB-2026-NNNN" so far, in
    /// the letters of the service's own newest file number of that shape ("BM" in Muldenau; QA of 06.12.2026: every
    /// service got "PB"), "AZ" for a service without one.
    /// Drawn inside the creating transaction, which holds the organisation's row (`create`).
    static func nextFileNumber(_ ex: any SQLExecutor, organisation: String, year: Int) async throws -> String {
        let newest = try await ex.query(SQL("SELECT file_number FROM clients WHERE organisation_id = ? ORDER BY created_at DESC, file_number DESC LIMIT 200", [organisation]))
        let letters = newest.compactMap { $0.text("file_number") }.lazy.compactMap(Self.fileNumberLetters).first ?? "AZ"
        let prefix = "\(letters)-\(year)-"
        let numbers = try await ex.query(SQL("SELECT file_number FROM clients WHERE organisation_id = ? AND file_number LIKE ?", [organisation, prefix + "%"]))
        let highest = numbers.compactMap { $0.text("file_number").flatMap { Int($0.dropFirst(prefix.count)) } }.max() ?? 0
        let next = String(highest + 1)
        return prefix + String(repeating: "0", count: max(0, 4 - next.count)) + next
    }

    /// Clients of the organisation with the same name (as the search compares names) and birth date: probably the same
    /// person, about to get a second file. Id and file number.
    public func sameNameAndBirth(organisation: String, firstName: String, lastName: String, born: Day?) async throws -> [(id: String, fileNumber: String)] {
        try await db.read { ex in try await Self.sameNameAndBirth(ex, organisation: organisation, firstName: firstName, lastName: lastName, born: born) }
    }

    /// `born` nil: those of the same name whose birth date is not recorded either (QA20 M3: a retried creation without
    /// a birth date made a file per retry).
    static func sameNameAndBirth(_ ex: any SQLExecutor, organisation: String, firstName: String, lastName: String, born: Day?) async throws -> [(id: String, fileNumber: String)] {
        // Either order of the names: first and last name are often swapped between documents.
        let straight = NameMatching.joinedKey("\(firstName) \(lastName)"), swapped = NameMatching.joinedKey("\(lastName) \(firstName)")
        let sql = born.map { SQL("SELECT id, file_number FROM clients WHERE organisation_id = ? AND name_joined IN (?, ?) AND born = ? ORDER BY file_number",
                                 [organisation, straight, swapped, $0.iso]) }
            ?? SQL("SELECT id, file_number FROM clients WHERE organisation_id = ? AND name_joined IN (?, ?) AND born IS NULL ORDER BY file_number",
                   [organisation, straight, swapped])
        return try await ex.query(sql).map { (id: try $0.string("id"), fileNumber: try $0.string("file_number")) }
    }

    public enum Creation: Sendable {
        case created(fileNumber: String), fileNumberTaken, duplicates([(id: String, fileNumber: String)])
        /// The relative to link the new client to is not there, or the link contradicts the family (nothing is written).
        case linkRefused(String)
    }

    /// Creates a client entered by a user: under its file number, or the next free one of `year` when it has none;
    /// refused when `refusingDuplicates` and a client of the same name and birth date exists. Checks and insert are one
    /// transaction holding the organisation's row, so that forms sent at the same moment are checked against each other
    /// (QA of 06.12.2026: two at once made two files of one person, and parallel creations drew the same file number).
    /// `linking`: a relation of the new client to a relative (an id of the same organisation), made in the same
    /// transaction: a family member created from a relative's file is linked, or not created at all.
    public func create(_ client: Client, numberedIn year: Int, refusingDuplicates: Bool, linking: (relation: ClientRelation, sameHousehold: Bool)? = nil,
                       today: Day? = nil, audit: AuditContext) async throws -> Creation {
        do { return try await db.transaction { ex in
            _ = try await ex.one(SQL("SELECT id FROM organisations WHERE id = ?" + ex.forUpdate, [client.organisationID]))
            if refusingDuplicates {
                let same = try await Self.sameNameAndBirth(ex, organisation: client.organisationID, firstName: client.firstName, lastName: client.lastName, born: client.facts.born)
                if !same.isEmpty { return .duplicates(same) }
            }
            var c = client
            if c.fileNumber.isEmpty { c.fileNumber = try await Self.nextFileNumber(ex, organisation: c.organisationID, year: year) }
            do { try await Self.insert(ex, c, audit: audit) } catch StorageError.conflict { return .fileNumberTaken }
            if let linking {
                switch try await Self.link(ex, linking.relation, organisation: c.organisationID, sameHousehold: linking.sameHousehold, today: today, audit: audit) {
                case .linked: break
                case .notFound: throw LinkRefused(message: "Die Angehörige oder der Angehörige ist nicht (mehr) in Ihrer Beratungsstelle erfasst.")
                case .refused(let why): throw LinkRefused(message: why.german)
                }
            }
            return .created(fileNumber: c.fileNumber)
        } } catch let e as LinkRefused { return .linkRefused(e.message) }   // thrown to roll the insert back
    }

    /// The letters of a file number of the shape LETTERS-YYYY-NNNN ("PB-2024-0049" → "PB"), else nil.
    static func fileNumberLetters(_ n: String) -> String? {
        let parts = n.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...6).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts[1].count == 4, parts[1].allSatisfy(\.isNumber), !parts[2].isEmpty, parts[2].allSatisfy(\.isNumber) else { return nil }
        return String(parts[0])
    }

    /// The earliest day of the client's case work: a case opened, a session held, an application filed; with what it
    /// was (German). A birth date must not come after it.
    public func firstRecordDay(clientID: String, organisation: String) async throws -> (day: Day, what: String)? {
        try await db.read { ex in
            var first: (day: Day, what: String)? = nil
            for (sql, what) in [("SELECT MIN(opened_on) AS d FROM cases WHERE client_id = ? AND organisation_id = ?", "eine Akte eröffnet"),
                                ("SELECT MIN(on_day) AS d FROM counseling_sessions WHERE client_id = ? AND organisation_id = ?", "eine Beratung"),
                                ("SELECT MIN(filed_on) AS d FROM applications WHERE client_id = ? AND organisation_id = ?", "ein Antrag gestellt")] {
                if let d = try await ex.one(SQL(sql, [clientID, organisation]))?.text("d").flatMap(Day.init(iso:)), first.map({ d < $0.day }) ?? true {
                    first = (d, what)
                }
            }
            return first
        }
    }

    /// The client with this file number, as typed: upper or lower case alike (as the search finds it).
    public func clientID(fileNumber: String, organisation: String) async throws -> String? {
        try await db.read { ex in
            try await ex.one(SQL("SELECT id FROM clients WHERE organisation_id = ? AND LOWER(file_number) = ? ORDER BY file_number = ? DESC",
                                 [organisation, fileNumber.lowercased(), fileNumber]))?.text("id")
        }
    }

    static func relations(_ ex: any SQLExecutor, ids: [String], organisation: String) async throws -> [ClientRelation] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let rows = try await ex.query(SQL("SELECT id, kind, from_client, to_client, custody FROM client_relations WHERE organisation_id = ? AND (from_client IN (\(marks)) OR to_client IN (\(marks)))", [organisation] + ids + ids))
        return rows.compactMap { r in
            guard let kind = r.text("kind").flatMap(RelationKind.init(rawValue:)), let a = r.text("from_client"), let b = r.text("to_client") else { return nil }
            return ClientRelation(kind: kind, from: a, to: b, custody: r.bool("custody"), id: r.text("id"))
        }
    }

    static func load(_ ex: any SQLExecutor, ids: [String], organisation: String) async throws -> [Client] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let rows = try await ex.query(SQL("SELECT * FROM clients WHERE organisation_id = ? AND id IN (\(marks))", [organisation] + ids))
        let periods = try await ex.query(SQL("SELECT * FROM status_periods WHERE client_id IN (\(marks)) ORDER BY client_id, position", ids))
        var byClient: [String: [StatusPeriod]] = [:]
        for p in periods { byClient[try p.string("client_id"), default: []].append(try period(p)) }
        var clients: [String: Client] = [:]
        for r in rows {
            let id = try r.string("id")
            var facts = try CaseFileDecoder.person(json: try r.string("facts_json"), source: "client \(id)")
            facts.status = byClient[id].map { $0.isEmpty ? nil : $0 } ?? nil
            clients[id] = Client(id: id, organisationID: try r.string("organisation_id"), fileNumber: try r.string("file_number"),
                                 firstName: try r.string("first_name"), lastName: try r.string("last_name"),
                                 householdID: r.text("household_id"), facts: facts)
            clients[id]?.revision = r.int("revision") ?? 0
        }
        return ids.compactMap { clients[$0] }
    }

    static func period(_ r: SQLRow) throws -> StatusPeriod {
        guard let kind = r.text("kind").flatMap(StatusKind.init(rawValue:)), let from = r.text("from_day").flatMap({ Day(iso: $0) }) else {
            throw StorageError.corrupt("status period")
        }
        var p = StatusPeriod(kind: kind, from: from, to: r.text("to_day").flatMap { Day(iso: $0) })
        p.basis = r.text("basis")
        p.validUntil = r.text("valid_until").flatMap { Day(iso: $0) }
        p.issued = r.bool("issued") ?? true
        p.holder = r.text("holder").flatMap(DuldungHolder.init(rawValue:)) ?? .main
        p.fiktion = r.text("fiktion").flatMap(FiktionKind.init(rawValue:))
        p.continues = r.text("continues")
        return p
    }

    /// Creates a client (with its status history) and the audit row, in one transaction.
    public func create(_ c: Client, audit: AuditContext) async throws {
        try await createMany([c], audit: audit)
    }

    /// Recomputes every client's search keys with the current `NameMatching` (a migration, when the keys change).
    @Sendable public static func rekeyNames(_ ex: any SQLExecutor) async throws {
        for r in try await ex.query("SELECT id, first_name, last_name, name_key, name_joined FROM clients") {
            let name = "\(try r.string("first_name")) \(try r.string("last_name"))"
            let key = NameMatching.searchKey(name), joined = NameMatching.joinedKey(name)
            let (storedKey, storedJoined) = (try r.string("name_key"), try r.string("name_joined"))
            if key != storedKey || joined != storedJoined {
                try await ex.execute(SQL("UPDATE clients SET name_key = ?, name_joined = ? WHERE id = ?", [key, joined, try r.string("id")]))
            }
        }
    }

    /// Computes every client's ranking key (`NameMatching.nearKey`; migration 33).
    @Sendable public static func fillNearKeys(_ ex: any SQLExecutor) async throws {
        for r in try await ex.query("SELECT id, first_name, last_name, name_near FROM clients") {
            let near = NameMatching.nearKey("\(try r.string("first_name")) \(try r.string("last_name"))")
            if near != (try r.string("name_near")) {
                try await ex.execute(SQL("UPDATE clients SET name_near = ? WHERE id = ?", [near, try r.string("id")]))
            }
        }
    }

    /// Both at once, in one pass over the clients: for a change of `NameMatching` after migration 33 (which added
    /// the ranking key; the earlier migrations call `rekeyNames` alone).
    @Sendable public static func rekeyAllNames(_ ex: any SQLExecutor) async throws {
        for r in try await ex.query("SELECT id, first_name, last_name, name_key, name_joined, name_near FROM clients") {
            let name = "\(try r.string("first_name")) \(try r.string("last_name"))"
            let key = NameMatching.searchKey(name), joined = NameMatching.joinedKey(name), near = NameMatching.nearKey(name)
            let stored = (try r.string("name_key"), try r.string("name_joined"), try r.string("name_near"))
            if stored != (key, joined, near) {
                try await ex.execute(SQL("UPDATE clients SET name_key = ?, name_joined = ?, name_near = ? WHERE id = ?", [key, joined, near, try r.string("id")]))
            }
        }
    }

    /// Creates several clients in one transaction (bulk loads: demo and benchmark data); each gets its audit row.
    public func createMany(_ clients: [Client], audit: AuditContext) async throws {
        try await db.transaction { ex in
            for c in clients { try await Self.insert(ex, c, audit: audit) }
        }
    }

    static func insert(_ ex: any SQLExecutor, _ c: Client, audit: AuditContext) async throws {
            // A file number is one whatever its case (as the search and the family links find it; QA of 05.12.2026:
            // "pb-2025-0003" beside "PB-2025-0003" was taken). The UNIQUE constraint covers the exact spelling.
            if try await ex.one(SQL("SELECT id FROM clients WHERE organisation_id = ? AND LOWER(file_number) = ?", [c.organisationID, c.fileNumber.lowercased()])) != nil {
                throw StorageError.conflict("file number")
            }
            try await ex.execute(SQL("""
                INSERT INTO clients (id, organisation_id, file_number, first_name, last_name, name_key, name_joined, name_near, born, nationality,
                  household_id, facts_json, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [c.id, c.organisationID, c.fileNumber, c.firstName, c.lastName, NameMatching.searchKey("\(c.firstName) \(c.lastName)"),
                      NameMatching.joinedKey("\(c.firstName) \(c.lastName)"), NameMatching.nearKey("\(c.firstName) \(c.lastName)"),
                      c.facts.born?.iso, c.facts.nationality, c.householdID, CaseFileEncoder.json(c.facts, includeStatus: false, includeID: false),
                      audit.now, audit.now]))
            try await Self.writeStatus(ex, clientID: c.id, periods: c.facts.status ?? [])
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "create", entity: "client", entityID: c.id, clientID: c.id)
    }

    /// How a change of facts or status history ended.
    public enum ChangeOutcome: Equatable, Sendable {
        /// Saved; the client's new revision.
        case saved(revision: Int)
        case notFound
        /// The client changed since the revision the change was based on; the current revision. Nothing was written.
        case conflict(current: Int)
    }

    /// Replaces the status history of a client of `organisation`. With `basedOn`, only if the client is still at
    /// that revision (read and raised in the same transaction).
    public func replaceStatus(clientID: String, organisation: String, periods: [StatusPeriod], basedOn: Int? = nil,
                              audit: AuditContext) async throws -> ChangeOutcome {
        try await db.transaction { ex in
            let outcome = try await Self.raiseRevision(ex, clientID: clientID, organisation: organisation, basedOn: basedOn, now: audit.now)
            guard case .saved = outcome else { return outcome }
            try await ex.execute(SQL("DELETE FROM status_periods WHERE client_id = ?", [clientID]))
            try await Self.writeStatus(ex, clientID: clientID, periods: periods)
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "status_history", entityID: clientID, clientID: clientID)
            return outcome
        }
    }

    /// Replaces the facts (everything but the status history) of a client; `basedOn` as for `replaceStatus`.
    public func replaceFacts(clientID: String, organisation: String, facts: Person, basedOn: Int? = nil,
                             audit: AuditContext) async throws -> ChangeOutcome {
        try await db.transaction { ex in
            let outcome = try await Self.raiseRevision(ex, clientID: clientID, organisation: organisation, basedOn: basedOn, now: audit.now)
            guard case .saved = outcome else { return outcome }
            var f = facts
            f.id = clientID
            try await ex.execute(SQL("UPDATE clients SET facts_json = ?, born = ?, nationality = ? WHERE id = ?",
                                     [CaseFileEncoder.json(f, includeStatus: false, includeID: false), f.born?.iso, f.nationality, clientID]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "facts", entityID: clientID, clientID: clientID)
            return outcome
        }
    }

    /// How to reach the client; nil for a client not of `organisation`. Recorded as a read of the client's contact,
    /// unless `audit` is nil: a page that records its own read of everything it shows (the Art. 15 page).
    public func contact(clientID: String, organisation: String, audit: AuditContext?) async throws -> ClientContact? {
        try await db.transaction { ex in
            guard let r = try await ex.one(SQL("SELECT contact FROM clients WHERE id = ? AND organisation_id = ?", [clientID, organisation])) else { return nil }
            if let audit {
                try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                          action: "read", entity: "client_contact", entityID: clientID, clientID: clientID)
            }
            return Self.contact(json: r.text("contact"))
        }
    }

    /// Replaces the client's contact data (an empty one clears it). False for a client not of `organisation`.
    public func setContact(clientID: String, organisation: String, _ contact: ClientContact, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("UPDATE clients SET contact = ?, updated_at = ? WHERE id = ? AND organisation_id = ? RETURNING id",
                                       [contact.isEmpty ? nil : Self.json(contact), audit.now, clientID, organisation])) != nil else { return false }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "client_contact", entityID: clientID, clientID: clientID)
            return true
        }
    }

    static func json(_ c: ClientContact) -> String {
        var o: [String: String] = ["phone": c.phone, "email": c.email, "address": c.address, "language": c.language].filter { !$0.value.isEmpty }
        if let s = c.salutation { o["salutation"] = s.rawValue }
        return (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func contact(json: String?) -> ClientContact {
        guard let json, let o = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String] else { return ClientContact() }
        return ClientContact(salutation: o["salutation"].flatMap(ClientContact.Salutation.init(rawValue:)), phone: o["phone"] ?? "", email: o["email"] ?? "",
                             address: o["address"] ?? "", language: o["language"] ?? "")
    }

    /// Corrects a client's name (Art. 16 DSGVO: a typo, a transliteration the passport settles); the search keys with
    /// it. False for a client not of `organisation`.
    public enum Rename: Equatable, Sendable { case renamed, fileNumberTaken, notFound }

    /// Corrects the name and the file number (nil: kept); another file of the service with that number, in any case, refuses.
    public func rename(clientID: String, organisation: String, firstName: String, lastName: String, fileNumber: String? = nil,
                       audit: AuditContext) async throws -> Rename {
        try await db.transaction { ex in
            let name = "\(firstName) \(lastName)"
            guard let old = try await ex.one(SQL("SELECT first_name, last_name, file_number FROM clients WHERE id = ? AND organisation_id = ?" + ex.forUpdate,
                                                 [clientID, organisation])) else { return .notFound }
            let number = try fileNumber ?? old.string("file_number")
            if try await ex.one(SQL("SELECT id FROM clients WHERE organisation_id = ? AND LOWER(file_number) = ? AND id <> ?",
                                    [organisation, number.lowercased(), clientID])) != nil { return .fileNumberTaken }
            do {
                try await ex.execute(SQL("""
                    UPDATE clients SET first_name = ?, last_name = ?, file_number = ?, name_key = ?, name_joined = ?, name_near = ?, updated_at = ?
                    WHERE id = ? AND organisation_id = ?
                    """, [firstName, lastName, number, NameMatching.searchKey(name), NameMatching.joinedKey(name), NameMatching.nearKey(name), audit.now,
                          clientID, organisation]))
            } catch StorageError.conflict { return .fileNumberTaken }
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "client", entityID: clientID, clientID: clientID)
            try await Self.rectifyNameInSnapshots(ex, clientID: clientID, organisation: organisation,
                                                  from: "\(try old.string("first_name")) \(try old.string("last_name"))", to: name, audit: audit)
            return .renamed
        }
    }

    /// A corrected name (Art. 16 DSGVO) is corrected where saved assessments write it: the person's own and those of
    /// relatives (linked, or naming the person's id) – not another family's, which may name a namesake. Otherwise the former name outlived an erasure, which
    /// looks for the current one (QA18 H1). Each relative's snapshot changed is a write in that relative's audit trail.
    static func rectifyNameInSnapshots(_ ex: any SQLExecutor, clientID: String, organisation: String, from old: String, to new: String,
                                       audit: AuditContext) async throws {
        let before = SnapshotRedaction.encoded(old), after = SnapshotRedaction.encoded(new)
        guard before != after, before.count > 2 else { return }
        // Not inside a relative's longer name that contains this one (QA22 M1: "Mohammed Ali Khan" became "… Ali Chan").
        let longer = try await SnapshotRedaction.longerNames(ex, organisation: organisation, except: clientID, containing: old)
        let rows = try await ex.query(SQL("""
            SELECT s.id, s.client_id, s.document_json FROM assessment_snapshots s JOIN clients k ON k.id = s.client_id
            WHERE k.organisation_id = ? AND (s.client_id = ? OR s.document_json LIKE ?
                OR s.client_id IN (SELECT to_client FROM client_relations WHERE from_client = ?)
                OR s.client_id IN (SELECT from_client FROM client_relations WHERE to_client = ?))
            """, [organisation, clientID, "%" + clientID + "%", clientID, clientID]))
        for r in rows {
            let json = try r.string("document_json"), owner = try r.string("client_id")
            let rectified = SnapshotRedaction.replacing(before, with: after, in: json, protecting: longer)
            guard rectified != json else { continue }
            try await ex.execute(SQL("UPDATE assessment_snapshots SET document_json = ? WHERE id = ?", [rectified, try r.string("id")]))
            // The person's own snapshots too (QA28 F3: only relatives' were in the trail).
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "update", entity: "assessment_snapshot", entityID: try r.string("id"), clientID: owner)
        }
    }

    /// Raises the client's revision if it is still `basedOn` (any, when nil). The conditional UPDATE itself decides,
    /// so two saves from the same revision cannot both pass, on SQLite or PostgreSQL.
    static func raiseRevision(_ ex: any SQLExecutor, clientID: String, organisation: String, basedOn: Int?, now: String) async throws -> ChangeOutcome {
        var binds: [any SQLBindable] = [now, clientID, organisation]
        if let basedOn { binds.append(basedOn) }
        let raised = try await ex.one(SQL("UPDATE clients SET revision = revision + 1, updated_at = ? WHERE id = ? AND organisation_id = ?"
                                          + (basedOn == nil ? "" : " AND revision = ?") + " RETURNING revision", binds))
        if let r = raised { return .saved(revision: r.int("revision") ?? 0) }
        guard let current = try await ex.one(SQL("SELECT revision FROM clients WHERE id = ? AND organisation_id = ?", [clientID, organisation])) else { return .notFound }
        return .conflict(current: current.int("revision") ?? 0)
    }

    public func addRelation(_ r: ClientRelation, organisation: String, id: String) async throws {
        try await db.transaction { ex in
            try await ex.execute(SQL("INSERT INTO client_relations (id, organisation_id, kind, from_client, to_client, custody) VALUES (?, ?, ?, ?, ?, ?)",
                                     [id, organisation, r.kind.rawValue, r.from, r.to, r.custody]))
        }
    }

    static func writeStatus(_ ex: any SQLExecutor, clientID: String, periods: [StatusPeriod]) async throws {
        for (i, p) in periods.enumerated() {
            try await ex.execute(SQL("""
                INSERT INTO status_periods (id, client_id, position, kind, from_day, to_day, basis, valid_until, issued, holder, fiktion, continues)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [UUID().uuidString.lowercased(), clientID, i, p.kind.rawValue, p.from.iso, p.to?.iso, p.basis, p.validUntil?.iso,
                      p.issued, p.holder.rawValue, p.fiktion?.rawValue, p.continues]))
        }
    }

    /// Records that a user listed or searched clients (names and birth dates of many records were shown): the list,
    /// and a read of each client `shown`, so that a look-up shows in that client's trail and Art. 15 page too (QA of
    /// 06.12.2026: a name searched for left no trace with the person).
    public func recordList(search: String?, shown: [String] = [], audit: AuditContext) async throws {
        let entity = search?.isEmpty == false ? "client_search" : "client_list"
        try await recordList(entity, shown: shown, audit: audit)
    }

    /// The same for any list of clients (`entity`: what the list is, e.g. the authority's released cases).
    public func recordList(_ entity: String, shown: [String], audit: AuditContext) async throws {
        try await reads.record([(audit.now, audit.userID, audit.organisationID, "read", entity, audit.organisationID, nil)]
                               + shown.map { (audit.now, audit.userID, audit.organisationID, "read", entity, $0, $0) })
    }

    /// Records that a user read a list with personal data that is no client's file yet (the referrals).
    public func recordList(_ entity: String, audit: AuditContext) async throws {
        try await reads.record(at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                               action: "read", entity: entity, entityID: audit.organisationID, clientID: nil)
    }

    /// Records that a user read records of several clients at once (a calendar names its clients): one event per
    /// record, `(entityID, clientID)`, committed together.
    public func recordReads(_ records: [(entityID: String, clientID: String)], entity: String, audit: AuditContext) async throws {
        try await reads.record(records.map { (audit.now, audit.userID, audit.organisationID, "read", entity, $0.entityID, $0.clientID) })
    }

    /// Records that a user read a client's data (the audit trail records reads too).
    public func recordRead(clientID: String, entity: String, audit: AuditContext) async throws {
        try await reads.record(at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                               action: "read", entity: entity, entityID: clientID, clientID: clientID)
    }

    // MARK: Assessment snapshots

    public func saveSnapshot(_ s: AssessmentSnapshot, organisation: String, audit: AuditContext) async throws -> Bool {
        try await db.transaction { ex in
            guard try await ex.one(SQL("SELECT id FROM clients WHERE id = ? AND organisation_id = ?", [s.clientID, organisation])) != nil else { return false }
            try await ex.execute(SQL("""
                INSERT INTO assessment_snapshots (id, client_id, on_day, created_by, created_at, law_versions, document_json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [s.id, s.clientID, s.on.iso, s.createdBy, s.createdAt, s.lawVersions.joined(separator: "\n"), s.documentJSON]))
            try await AuditLog.append(ex, at: audit.now, userID: audit.userID, organisationID: audit.organisationID,
                                      action: "create", entity: "assessment_snapshot", entityID: s.id, clientID: s.clientID)
            return true
        }
    }

    /// What the assessment page needs, in one read: the client, its relations and the list of saved assessments.
    public func forAssessment(clientID: String, organisation: String) async throws -> (Client, [ClientRelation], [AssessmentSnapshot])? {
        try await db.read { ex in
            guard let client = try await Self.load(ex, ids: [clientID], organisation: organisation).first else { return nil }
            let relations = try await Self.relations(ex, ids: [clientID], organisation: organisation)
            return (client, relations, try await Self.snapshots(ex, clientID: clientID, organisation: organisation))
        }
    }

    public func snapshots(clientID: String, organisation: String) async throws -> [AssessmentSnapshot] {
        try await db.read { ex in try await Self.snapshots(ex, clientID: clientID, organisation: organisation) }
    }

    /// One saved assessment of the organisation's client, with its document.
    public func snapshot(id: String, clientID: String, organisation: String) async throws -> AssessmentSnapshot? {
        try await db.read { ex in try await Self.snapshots(ex, clientID: clientID, organisation: organisation, id: id).first }
    }

    /// `id` nil: the list, which shows date and law version (the large documents stay in the database); else that one
    /// snapshot with its document.
    static func snapshots(_ ex: any SQLExecutor, clientID: String, organisation: String, id: String? = nil) async throws -> [AssessmentSnapshot] {
            let rows = try await ex.query(SQL("""
                SELECT s.id, s.client_id, s.on_day, s.created_by, s.created_at, s.law_versions, \(id == nil ? "''" : "s.document_json") AS document_json
                FROM assessment_snapshots s
                WHERE s.client_id = ? AND EXISTS (SELECT 1 FROM clients c WHERE c.id = s.client_id AND c.organisation_id = ?)\(id == nil ? "" : " AND s.id = ?")
                ORDER BY s.created_at DESC
                """, [clientID, organisation] + (id.map { [$0] } ?? [])))
            return try rows.map { r in
                AssessmentSnapshot(id: try r.string("id"), clientID: try r.string("client_id"), on: Day(iso: try r.string("on_day")) ?? .distantPast,
                                   createdBy: try r.string("created_by"), createdAt: try r.string("created_at"),
                                   lawVersions: try r.string("law_versions").split(separator: "\n").map(String.init),
                                   documentJSON: try r.string("document_json"))
            }
    }
}
