import Foundation

/// Erasures outlive the database they were made in. A backup made before an erasure still holds the erased records;
/// restored, it would bring them back (Art. 17 DSGVO). So every erasure is also written to this journal, a file
/// outside the database, and a restored database loses the records again (`ErasureReplay`).
///
/// One line per erasure, fields separated by tabs: time, installation, kind, organisation, id. No name and no
/// content: the ids are random keys, the same that the audit trail keeps. The installation (a random id the first
/// migration of the database drew) keeps a journal from touching another database whose ids happen to match (a new
/// demo site). The file is created owner-only and each line is written with `O_APPEND` and synced before the
/// erasure commits. The journal also carries the audit trail's anchors (`AuditAnchors`): the one file outside the
/// database that is already kept apart from it.
public struct ErasureJournal: Sendable {
    public enum Kind: String, Sendable {
        /// A client's file (`ClientStore.erase`).
        case client
        /// The person's data of a referral the authority withdrew (`CooperationStore.withdraw`).
        case referral
        /// Not an erasure: the audit trail's head (`seq:hash`) at that time, an anchor outside the database
        /// (`AuditAnchors`).
        case auditHead = "audit_head"
        /// Not an erasure: the database was restored, its trail continues from this head; earlier anchors no longer apply.
        case auditRestart = "audit_restart"
    }

    public struct Entry: Sendable, Equatable {
        public var at: String
        public var installation: String
        public var kind: Kind
        public var organisation: String
        public var id: String

        public init(at: String, installation: String, kind: Kind, organisation: String, id: String) {
            self.at = at; self.installation = installation; self.kind = kind; self.organisation = organisation; self.id = id
        }

        var line: String { [at, installation, kind.rawValue, organisation, id].joined(separator: "\t") + "\n" }

        init?(line: Substring) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5, let kind = Kind(rawValue: f[2]), f.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else { return nil }
            self.init(at: f[0], installation: f[1], kind: kind, organisation: f[3], id: f[4])
        }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public let path: String

    public init(path: String) { self.path = path }

    /// Appends `entry` and waits until it is on disk; throws if it cannot be written (the erasure is then not done).
    public func append(_ entry: Entry) throws {
        // Ids come from the database; a tab or a line break in one would forge an entry.
        guard [entry.installation, entry.organisation, entry.id].allSatisfy({ !$0.isEmpty && !$0.contains(where: { $0 == "\t" || $0.isNewline || $0 == " " }) }) else {
            throw Failure(description: "Löschjournal: ungültige Kennung")
        }
        let fd = try openForAppending()
        defer { close(fd) }
        let bytes = Array(entry.line.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw Failure(description: "Löschjournal \(path) lässt sich nicht schreiben (errno \(errno))")
        }
    }

    /// The erasure of the record `id` of `kind`, written inside the erasure's transaction (the database names itself).
    func record(_ ex: any SQLExecutor, _ kind: Kind, organisation: String, id: String, at: String) async throws {
        try append(Entry(at: at, installation: try await Self.installation(ex), kind: kind, organisation: organisation, id: id))
    }

    /// The database's id, the one its entries carry.
    static func installation(_ ex: any SQLExecutor) async throws -> String {
        guard let id = try await ex.one("SELECT id FROM installation")?.text("id") else { throw StorageError.corrupt("installation: no id") }
        return id
    }

    /// Creates the journal if it is missing and checks that it takes entries: a server that could not write it
    /// could erase nothing, so it does not start.
    public func checkWritable() throws {
        close(try openForAppending())
    }

    private func openForAppending() throws -> Int32 {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "Löschjournal \(path) lässt sich nicht zum Schreiben öffnen (errno \(errno)); BLEIBE_ERASURE_JOURNAL prüfen.") }
        return fd
    }

    /// Whether the journal holds entries but none of `db`'s installation: another installation's journal, into which
    /// nothing of this one may be written (QA36 F3, QA37 F2: an anchor written into it made it pass as this one's).
    public func belongsElsewhere(_ db: any SQLDatabase) async throws -> Bool {
        let found = try entries().entries
        guard !found.isEmpty else { return false }
        return Self.holdsOnlyOthers(found, than: try await db.read { ex in try await Self.installation(ex) })
    }

    /// Whether `entries` are another installation's: there are some, and none of `installation` (nil: a database not
    /// made yet, to which none can belong).
    public static func holdsOnlyOthers(_ entries: [Entry], than installation: String?) -> Bool {
        !entries.isEmpty && !entries.contains { $0.installation == installation }
    }

    /// The message for a journal of another installation; `refusal` says what is not done.
    public func elsewhereMessage(_ refusal: String) -> String {
        """
        Das Löschjournal \(path) enthält nur Einträge anderer Installationen, keinen dieser Datenbank. \(refusal)         Wurde die Datenbank neu angelegt (etwa die SQLite-Datei gelöscht)? Dann das alte Journal umbenennen, nicht löschen         (es schützt die Sicherungen der alten Datenbank); ein neues legt der Server selbst an. Sonst BLEIBE_ERASURE_JOURNAL         auf das Journal dieser Datenbank setzen (README, „Datensicherung“).
        """
    }

    /// Every entry, oldest first, and the numbers of the lines that are not entries (reported, never guessed at).
    /// No file yet: no erasure was made.
    public func entries() throws -> (entries: [Entry], malformed: [Int]) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure(description: "Löschjournal \(path) lässt sich nicht lesen; BLEIBE_ERASURE_JOURNAL prüfen.")
        }
        var entries: [Entry] = [], malformed: [Int] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let e = Entry(line: line) { entries.append(e) } else { malformed.append(i + 1) }
        }
        return (entries, malformed)
    }
}
