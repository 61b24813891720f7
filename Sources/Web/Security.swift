import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Passwords, second factor, tokens. Hashing runs off the event loops (bcrypt takes a quarter second on purpose).
public enum Credentials {
    /// A password must be at least 10 characters long, of at least 5 different characters, not one of the common
    /// passwords, and must not contain the login, the person's name or the organisation's domain (the first guesses
    /// of anyone who knows whose account it is).
    public static func problem(with password: String, email: String = "", name: String = "") -> String? {
        if password.count < 10 { return "Das Passwort muss mindestens 10 Zeichen lang sein." }
        // bcrypt reads at most 72 bytes and stops at a NUL: what lies beyond would not protect anything.
        if password.utf8.count > 72 { return "Das Passwort darf höchstens 72 Byte lang sein (etwa 72 Zeichen, mit Umlauten weniger)." }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) {
            return "Das Passwort darf keine Steuer- oder unsichtbaren Zeichen enthalten."
        }
        if Set(password).count < 5 { return "Das Passwort besteht aus zu wenigen verschiedenen Zeichen." }
        let lower = password.lowercased()
        if commonPasswords.contains(lower) || commonWords.contains(Self.unleet(Self.core(of: lower))) || Self.isPattern(lower) {
            return "Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes."
        }
        let parts = email.lowercased().split(separator: "@").map(String.init)
        // From four letters, as for the name's parts: a two-letter login ("jo") is inside too many words.
        if let login = parts.first, login.count >= 4, lower.contains(login) { return "Das Passwort darf nicht den Anmeldenamen enthalten." }
        let words = (parts.first.map { [$0] } ?? []) + (parts.dropFirst().first.map { [$0] } ?? []) + [name.lowercased()]
        for word in words.flatMap({ $0.split { !$0.isLetter } }) where word.count >= 4 && word != "example" && lower.contains(word) {
            return "Das Passwort darf keinen Teil des Namens, des Anmeldenamens oder der Organisation enthalten („\(word)“)."
        }
        return nil
    }

    public static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public static func verify(_ password: String, hash: String) async throws -> Bool {
        // A NUL would end the password for bcrypt: "abc\0xyz" must not pass for "abc". Checked after the same work.
        let valid = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        return valid && !password.utf8.contains(0)
    }

    /// A valid hash of a random password: verified against when the user does not exist, so that unknown users
    /// and wrong passwords take the same time.
    static let dummyHash = Bcrypt.hash(randomToken(), cost: 12)

    /// A small bundled list of common passwords (lower case), of at least 10 characters.
    static let commonPasswords: Set<String> = [
        "1234567890", "12345678910", "123456789a", "0123456789", "1111111111", "0000000000", "1q2w3e4r5t", "qwertyuiop",
        "password12", "password123", "password1!", "passwort123", "passwort12", "hallo12345", "hallohallo", "qwertz1234",
        "qwertzuiop", "asdfghjkl1", "iloveyou12", "sommer2024", "sommer2025", "sommer2026", "winter2024", "winter2025",
        "fussball12", "fußball123", "schalke04!", "bayern1900", "deutschland", "deutschland1", "welcome123", "willkommen",
        "willkommen1", "administrator", "admin12345", "letmein123", "abcdefghij", "abc1234567", "geheim1234", "geheimnis1",
        "passwort1!", "changeme12", "zaq12wsxcde", "1qaz2wsx3edc", "superman12", "monkey1234", "dragon1234", "trustno1!!",
        "bleibe2026", "bleibe1234", "dresden123", "leipzig123", "sachsen123",
    ]

    /// Words that guessing tools try first with digits and a sign around them ("Passwort123!", "Sommer2026!").
    static let commonWords: Set<String> = [
        "passwort", "password", "kennwort", "hallo", "sommer", "winter", "herbst", "fruehling", "frühling", "januar",
        "februar", "maerz", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
        "dezember", "willkommen", "welcome", "admin", "geheim", "qwertz", "qwerty", "asdf", "test", "schatz", "liebe",
        "fussball", "fußball", "bayern", "schalke", "dortmund", "deutschland", "berlin", "dresden", "leipzig", "sachsen",
        "bleibe", "beratung", "abc", "start", "login", "iloveyou", "letmein", "changeme", "monkey", "dragon", "master",
    ]

    /// The password without the digits and signs before and after its letters: "passwort123!" → "passwort".
    static func core(of lower: String) -> String {
        let letters = lower.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed()
        return String(letters)
    }

    /// A word's letters as written with digits and signs: "p@ssw0rd" → "password".
    static func unleet(_ s: String) -> String {
        String(s.map { ch -> Character in
            switch ch { case "0": "o"; case "1": "i"; case "3": "e"; case "4", "@": "a"; case "5", "$": "s"; case "7": "t"; default: ch }
        })
    }

    /// Rows in which guessing tools walk: the alphabet, digits (also "…890") and the keyboard's rows (QWERTZ and QWERTY).
    static let rows = ["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertzuiopü", "qwertyuiop", "asdfghjklöä", "yxcvbnm", "zxcvbnm"].map(Array.init)

    /// Whether `b` stands next to `a` in one of the rows, either way.
    static func isStep(_ a: Character, _ b: Character) -> Bool {
        rows.contains { row in
            row.indices.dropLast().contains { (row[$0] == a && row[$0 + 1] == b) || (row[$0] == b && row[$0 + 1] == a) }
        }
    }

    /// A pattern rather than a password (QA of 06.12.2026): a word written twice or more ("passwortpasswort"), a walk
    /// along a row with at most one jump ("12345678901", "0987654321", "abcd123456"), or two walks interleaved
    /// ("a1b2c3d4e5", "1q2w3e4r5t6y").
    static func isPattern(_ lower: String) -> Bool {
        let c = Array(lower)
        for unit in 1...(c.count / 2) where c.count % unit == 0 {
            if (unit..<c.count).allSatisfy({ c[$0] == c[$0 - unit] }) { return true }
        }
        func jumps(_ xs: [Character]) -> Int { zip(xs, xs.dropFirst()).filter { !isStep($0, $1) }.count }
        if jumps(c) <= 1 { return true }
        let even = stride(from: 0, to: c.count, by: 2).map { c[$0] }, odd = stride(from: 1, to: c.count, by: 2).map { c[$0] }
        return jumps(even) == 0 && jumps(odd) == 0
    }

    /// 32 random bytes, URL-safe base64 (cookie-safe).
    public static func randomToken(bytes: Int = 32) -> String {
        var g = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &g) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func newID() -> String { UUID().uuidString.lowercased() }

    /// Ten one-time recovery codes like `k7p2-9xqd`.
    public static func recoveryCodes() -> [String] {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var g = SystemRandomNumberGenerator()
        return (0..<10).map { _ in
            let s = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] })
            return String(s.prefix(4)) + "-" + String(s.suffix(4))
        }
    }

    /// Constant-time comparison of two secrets.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in 0..<x.count { d |= x[i] ^ y[i] }
        return d == 0
    }
}

/// Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s steps) with base32 secrets (RFC 4648).
public enum TOTP {
    public static func newSecret() -> String {
        var g = SystemRandomNumberGenerator()
        return base32Encode((0..<20).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    public static func step(at date: Date) -> Int { Int(date.timeIntervalSince1970) / 30 }

    public static func code(secret: String, step: Int) -> String? {
        guard let key = base32Decode(secret) else { return nil }
        var counter = UInt64(step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let value = (Int(mac[offset] & 0x7f) << 24) | (Int(mac[offset + 1]) << 16) | (Int(mac[offset + 2]) << 8) | Int(mac[offset + 3])
        let s = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - s.count) + s
    }

    /// The step a code matches within ±1 step of `date` (clock drift), or nil.
    public static func matchingStep(secret: String, code: String, at date: Date) -> Int? {
        let c = code.filter(\.isNumber)
        guard c.count == 6 else { return nil }
        let now = step(at: date)
        for s in [now, now - 1, now + 1] where Self.code(secret: secret, step: s).map({ Credentials.equal($0, c) }) == true { return s }
        return nil
    }

    public static func uri(secret: String, account: String, issuer: String = "Bleibe") -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ":@"))) ?? account
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func base32Encode(_ bytes: [UInt8]) -> String {
        var out = "", buffer = 0, bits = 0
        for b in bytes {
            buffer = (buffer << 8) | Int(b); bits += 8
            while bits >= 5 { out.append(alphabet[(buffer >> (bits - 5)) & 31]); bits -= 5 }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    public static func base32Decode(_ s: String) -> [UInt8]? {
        var out: [UInt8] = [], buffer = 0, bits = 0
        for ch in s.uppercased() where ch != "=" && ch != " " {
            guard let v = alphabet.firstIndex(of: ch) else { return nil }
            buffer = (buffer << 5) | v; bits += 5
            if bits >= 8 { out.append(UInt8((buffer >> (bits - 8)) & 0xff)); bits -= 8 }
        }
        return out.isEmpty ? nil : out
    }
}
