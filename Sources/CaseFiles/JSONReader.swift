/// A small JSON reader (RFC 8259) straight into `DocValue`. Storage decodes a client's facts on every page view and
/// screening decodes a household per line; going through Foundation's `Any` tree (dynamic casts) and Yams nodes
/// (a tag object per node) cost more than the decoding itself. Text is read without copying where it has no escapes;
/// a number keeps its text as written (`1.0` is a number, not a whole number, as it was through Foundation).
enum JSONReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let message: String
        var description: String { "not valid JSON at byte \(offset + 1): \(message)" }
    }

    static func read(_ text: String) throws -> DocValue {
        var text = text
        return try text.withUTF8 { bytes in
            var p = Parser(bytes: bytes)
            p.skipSpace()
            let v = try p.value(depth: 0)
            p.skipSpace()
            guard p.i == bytes.count else { throw p.fail("unexpected text after the value") }
            return v
        }
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func fail(_ message: String) -> Failure { Failure(offset: i, message: message) }

        var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipSpace() {
            while let b = current, b == 32 || b == 9 || b == 10 || b == 13 { i += 1 }
        }

        mutating func expect(_ b: UInt8, _ what: String) throws {
            skipSpace()
            guard current == b else { throw fail("expected \(what)") }
            i += 1
        }

        mutating func value(depth: Int) throws -> DocValue {
            guard depth < 64 else { throw fail("nested too deeply") }
            guard let b = current else { throw fail("unexpected end") }
            switch b {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(key: DocValue, value: DocValue)] = []
                // The keys so far, hashed: a scan of the pairs per key made a body of many keys cost quadratic time
                // (security review of 06.12.2026: 12,000 keys took 12 s of CPU).
                var keys = Set<String>()
                skipSpace()
                if current == UInt8(ascii: "}") { i += 1; return DocValue(.mapping(pairs)) }
                while true {
                    skipSpace()
                    guard current == 34 else { throw fail("expected a key in quotes") }
                    let start = i
                    let key = try string()
                    // A repeated key would let the last one win unseen (QA of 06.12.2026: two ids in one line), as YAML refuses it.
                    guard keys.insert(key).inserted else {
                        i = start
                        throw fail("repeated key '\(key.prefix(40))'")
                    }
                    try expect(UInt8(ascii: ":"), "':'")
                    skipSpace()
                    pairs.append((DocValue(.scalar(key, plain: false)), try value(depth: depth + 1)))
                    skipSpace()
                    if current == 44 { i += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    return DocValue(.mapping(pairs))
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [DocValue] = []
                skipSpace()
                if current == UInt8(ascii: "]") { i += 1; return DocValue(.sequence(items)) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if current == 44 { i += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']'")
                    return DocValue(.sequence(items))
                }
            case 34:
                return DocValue(.scalar(try string(), plain: false))
            case UInt8(ascii: "t"): return try word("true")
            case UInt8(ascii: "f"): return try word("false")
            case UInt8(ascii: "n"): return try word("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return DocValue(.scalar(try number(), plain: true))
            default:
                throw fail("unexpected character")
            }
        }

        mutating func word(_ w: StaticString) throws -> DocValue {
            let n = w.utf8CodeUnitCount
            guard i + n <= bytes.count, (0..<n).allSatisfy({ bytes[i + $0] == w.utf8Start[$0] }) else { throw fail("unexpected word") }
            i += n
            return DocValue(.scalar(w.description, plain: true))
        }

        mutating func digits() -> Int {
            let start = i
            while let b = current, b >= 48 && b <= 57 { i += 1 }
            return i - start
        }

        mutating func number() throws -> String {
            let start = i
            if current == UInt8(ascii: "-") { i += 1 }
            if current == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { throw fail("expected digits") }
            if current == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw fail("expected digits after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                i += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw fail("expected digits in the exponent") }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("expected four hex digits") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt8
                switch b {
                case 48...57: d = b - 48
                case 65...70: d = b - 55
                case 97...102: d = b - 87
                default: throw fail("expected a hex digit")
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        /// A quoted text at `i`; the common case without escapes is one slice of the input.
        mutating func string() throws -> String {
            i += 1
            let start = i
            while let b = current, b != 34, b != 92, b >= 0x20 { i += 1 }
            if current == 34 {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            var out = Array(bytes[start..<i])
            while let b = current {
                i += 1
                switch b {
                case 34: return String(decoding: out, as: UTF8.self)
                case 92:
                    guard let e = current else { throw fail("unterminated text") }
                    i += 1
                    switch e {
                    case 34, 92, 47: out.append(e)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard current == 92, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") else { throw fail("lone surrogate") }
                            i += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(scalar) {
                            throw fail("lone surrogate")
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw fail("not a character") }
                        out.append(contentsOf: String(Character(u)).utf8)
                    default: throw fail("unknown escape")
                    }
                default:
                    guard b >= 0x20 else { throw fail("control character in text") }
                    out.append(b)
                }
            }
            throw fail("unterminated text")
        }
    }
}

/// Whether a text is JSON (RFC 8259) before a reader that also takes YAML sees it: the API takes JSON only.
public enum JSONCheck {
    /// Nil for JSON, else where and why not ("not valid JSON at byte 7: expected a key in quotes").
    public static func problem(_ text: String) -> String? {
        do { _ = try JSONReader.read(text); return nil } catch { return "\(error)" }
    }
}
