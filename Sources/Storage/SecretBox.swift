import Crypto
import Foundation

/// Secrets the application must read back (the users' TOTP keys), sealed with AES-GCM under a key kept outside the
/// database: a dump or a stolen copy of the database alone gives away no one's second factor. The key is a file of
/// 32 random bytes, readable by the owner only, made at the first start.
public struct SecretBox: Sendable {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    static let prefix = "enc1:"
    /// How to mend a missing or wrong key file, said with each refusal.
    static let hint = "Die Datei aus der Sicherung (secret.key) dorthin legen oder BLEIBE_SECRET_KEY_FILE auf sie setzen."
    private let key: SymmetricKey

    public init(key: Data) throws {
        guard key.count == 32 else { throw Failure(description: "Der Schlüssel muss 32 Bytes lang sein, nicht \(key.count).") }
        self.key = SymmetricKey(data: key)
    }

    /// The key in the file at `path`.
    public static func load(path: String) throws -> SecretBox {
        var folder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue {
            throw Failure(description: "\(path) ist ein Ordner, keine Schlüsseldatei (BLEIBE_SECRET_KEY_FILE prüfen).")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "Die Schlüsseldatei \(path) ist nicht lesbar (Zugriffsrechte prüfen).") }
        do { return try SecretBox(key: data) } catch let f as Failure {
            throw Failure(description: "Die Schlüsseldatei \(path) ist beschädigt: \(f.description)")
        }
    }

    /// The key in the file at `path`, made when there is none.
    public static func loadOrCreate(path: String) throws -> SecretBox {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return try load(path: path) }
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let data = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        guard fm.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "Die Schlüsseldatei \(path) kann nicht angelegt werden (Ordner und Zugriffsrechte prüfen, BLEIBE_SECRET_KEY_FILE).")
        }
        return try SecretBox(key: data)
    }

    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// The key of the audit chain's links (`AuditKey`): derived from this one, so that `secret.key` stays the one file
    /// to keep apart from the database and in its backup.
    public var auditChainKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("bleibe audit chain v1".utf8), outputByteCount: 32)
    }

    public func seal(_ secret: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else { throw Failure(description: "AES-GCM without a nonce") }
        return Self.prefix + combined.base64EncodedString()
    }

    /// The secret; a value stored before secrets were sealed is returned as it is (sealed at the next start).
    public func open(_ stored: String) throws -> String {
        guard Self.isSealed(stored) else { return stored }
        guard let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key) else {
            throw Failure(description: "Ein gespeichertes Geheimnis lässt sich mit diesem Schlüssel nicht öffnen.")
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The key for `db`, checked against it before the server starts: refused when it is missing or another one while
    /// the database holds sealed secrets (every second factor would fail); secrets stored unsealed are sealed.
    public static func prepare(path: String, db: any SQLDatabase) async throws -> SecretBox {
        let stored = try await secrets(db)
        try check(path: path, stored: stored)
        let box = try loadOrCreate(path: path)
        let plain = stored.filter { !isSealed($0.secret) }
        if !plain.isEmpty {
            try await db.transaction { ex in
                for p in plain {
                    try await ex.execute(SQL("UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?", [try box.seal(p.secret), p.id, p.secret]))
                }
            }
        }
        return box
    }

    /// `prepare`'s refusals alone, before the database is migrated, so that a missing or wrong key leaves it as it was
    /// (the review of the twenty-eighth session: a refused key left a migrated database behind). Nothing is written,
    /// no key file made; a database without the users table yet (a new one) has nothing to check.
    public static func check(path: String, db: any SQLDatabase) async throws {
        guard let stored = try? await secrets(db) else { return }
        try check(path: path, stored: stored)
        // The audit chain's keyed links need the same key: with another one, every new event would be linked under a
        // key the earlier ones fail, and the trail could no longer be checked.
        guard let last = try? await db.read({ try await $0.one("SELECT * FROM audit_events WHERE keyed = 1 ORDER BY seq DESC LIMIT 1") }),
              let e = try? AuditLog.event(last) else { return }
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "Die Schlüsseldatei \(path) fehlt: ohne sie lässt sich das Protokoll dieser Datenbank weder prüfen noch fortschreiben. \(hint)")
        }
        let box = try load(path: path)
        let h = AuditLog.digest(prev: e.prevHash, seq: e.seq, at: e.at, userID: e.userID, organisationID: e.organisationID, action: e.action,
                                entity: e.entity, entityID: e.entityID, clientID: e.clientID, key: box.auditChainKey)
        guard h == e.hash else {
            throw Failure(description: "Der Schlüssel in \(path) gehört nicht zu dieser Datenbank: ihr Protokoll ist mit einem anderen Schlüssel gesichert. \(hint)")
        }
    }

    static func secrets(_ db: any SQLDatabase) async throws -> [(id: String, secret: String)] {
        try await db.read { ex in
            try await ex.query("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL").map { (try $0.string("id"), try $0.string("totp_secret")) }
        }
    }

    static func check(path: String, stored: [(id: String, secret: String)]) throws {
        guard let sealed = stored.first(where: { isSealed($0.secret) }) else { return }
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "Die Schlüsseldatei \(path) fehlt: ohne sie ist kein zweiter Faktor dieser Datenbank lesbar. \(hint)")
        }
        guard (try? load(path: path).open(sealed.secret)) != nil else {
            // A folder or an unreadable file is said as such rather than as a wrong key.
            _ = try load(path: path)
            throw Failure(description: "Der Schlüssel in \(path) gehört nicht zu dieser Datenbank: ihre zweiten Faktoren lassen sich mit ihm nicht öffnen. \(hint)")
        }
    }
}
