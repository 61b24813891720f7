import Eligibility
import Yams

/// A precise error in a case file: which file, which field (a path like `persons[1].status[2].from`), which line,
/// and what was expected.
public struct CaseFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String {
        let at = line.map { ":\($0)" } ?? ""
        let field = path.isEmpty ? "" : " \(path):"
        return "\(file)\(at):\(field) \(message)"
    }
}

/// A document value with its path, read with YAML 1.2 scalar rules (CASES.md §1): only `true`/`false` are booleans,
/// `null`/`~` is null, and `on`, `yes`, `none` are plain strings.
struct YAMLValue {
    let value: DocValue
    /// The path of the enclosing value and this value's step in it: `path` joins them only when asked (for an error
    /// message), so reading a mapping builds no path text per field (a client's facts are read on every page).
    private let parent: String
    private let step: Step
    let file: String

    private enum Step { case none, key(String), index(Int) }

    init(_ value: DocValue, path: String, file: String) { self.init(value, parent: path, step: .none, file: file) }

    private init(_ value: DocValue, parent: String, step: Step, file: String) {
        self.value = value; self.parent = parent; self.step = step; self.file = file
    }

    var path: String {
        switch step {
        case .none: return parent
        case .key(let k): return parent.isEmpty ? k : "\(parent).\(k)"
        case .index(let i): return "\(parent)[\(i)]"
        }
    }

    init(node: Node, path: String, file: String) throws {
        do { self.init(try DocValue.expanding(node), path: path, file: file) } catch {
            throw CaseFileError(file: file, path: path, line: nil, message: "the document expands to more than \(DocValue.largestDocument) values (YAML aliases?)")
        }
    }

    func error(_ message: String) -> CaseFileError {
        CaseFileError(file: file, path: path, line: value.line, message: message)
    }

    private func child(_ key: String, _ value: DocValue, base: String) -> YAMLValue {
        YAMLValue(value, parent: base, step: .key(key), file: file)
    }

    struct Scalar {
        let string: String
        /// Written without quotes (YAML plain style, or a JSON number, boolean or null).
        let plain: Bool
    }

    var scalar: Scalar? { if case .scalar(let s, let plain) = value.kind { return Scalar(string: s, plain: plain) } else { return nil } }

    var isMapping: Bool { if case .mapping = value.kind { return true } else { return false } }

    var isNull: Bool {
        guard let s = scalar, s.plain else { return false }
        return s.string == "null" || s.string == "~" || s.string.isEmpty
    }

    /// A mapping whose keys are all in `allowed`; unknown keys are an error.
    func mapping(allowed: [String]) throws -> Fields {
        guard case .mapping(let m) = value.kind else { throw error("expected a mapping with the fields \(allowed.joined(separator: ", "))") }
        var entries: [(key: String, value: YAMLValue)] = []
        entries.reserveCapacity(m.count)
        let base = path
        for (k, v) in m {
            guard case .scalar(let key, _) = k.kind else { throw error("expected text keys") }
            guard allowed.contains(key) else {
                throw child(key, v, base: base).error("unknown field '\(key)' (expected one of: \(allowed.joined(separator: ", ")))")
            }
            let value = child(key, v, base: base)
            // A repeated key: the last one counts (as it did when the fields were a dictionary).
            if let i = entries.firstIndex(where: { $0.key == key }) { entries[i].value = value } else { entries.append((key, value)) }
        }
        return Fields(entries: entries, owner: self)
    }

    func list() throws -> [YAMLValue] {
        guard case .sequence(let s) = value.kind else { throw error("expected a list") }
        let base = path
        return s.enumerated().map { YAMLValue($0.element, parent: base, step: .index($0.offset), file: file) }
    }

    func string() throws -> String {
        guard let s = scalar, !isNull else { throw error("expected text") }
        return s.string
    }

    /// A free text of a person's record (a label, an occupation, an offence): at most `limit` characters, without
    /// control or direction-override characters, which would garble or disguise what a page shows (QA20 L7).
    func freeText(limit: Int = 200) throws -> String {
        let s = try string()
        // Counted in code points: a letter with thousands of combining marks is one character to the eye (QA22 L2).
        let n = s.unicodeScalars.count
        if n > limit { throw error("at most \(limit) characters, found \(n)") }
        if s.unicodeScalars.contains(where: { (0x00...0x1F).contains($0.value) || (0x7F...0x9F).contains($0.value) || (0x200B...0x200F).contains($0.value)
            || (0x2028...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) || $0.value == 0xFEFF }) {
            throw error("control or direction-override characters are not allowed")
        }
        return s
    }

    func day() throws -> Day {
        guard let s = scalar, !isNull else { throw error("expected a date yyyy-mm-dd") }
        guard let d = Day(iso: s.string) else { throw error("expected a date yyyy-mm-dd, found '\(s.string)'") }
        guard FactBounds.days.contains(d) else { throw error("expected a date from 1900-01-01 to 2199-12-31, found '\(s.string)'") }
        return d
    }

    /// A date, or `null` meaning "never".
    func eventDate() throws -> EventDate { isNull ? .never : .on(try day()) }

    func bool() throws -> Bool {
        guard let s = scalar, s.plain else { throw error("expected true or false") }
        switch s.string {
        case "true": return true
        case "false": return false
        default: throw error("expected true or false, found '\(s.string)'")
        }
    }

    func int() throws -> Int {
        guard let s = scalar, s.plain, let v = Int(s.string) else {
            throw error("expected a whole number, found '\(scalar?.string ?? "a structure")'")
        }
        guard abs(v) <= FactBounds.largestNumber else { throw error("expected a number up to \(FactBounds.largestNumber), found '\(s.string)'") }
        return v
    }

    /// A whole number of a field with a range of its own.
    func int(_ range: ClosedRange<Int>, _ what: String) throws -> Int {
        let v = try int()
        guard range.contains(v) else { throw error("expected \(what) between \(range.lowerBound) and \(range.upperBound), found '\(v)'") }
        return v
    }

    /// A number of a field with a range of its own: out of it (however large) the message names that range, not the
    /// general bound (QA30 F6: hours of 1e308 were told "up to 1000000" where 80 is the limit).
    func number(_ range: ClosedRange<Double>, _ what: String) throws -> Double {
        guard let s = scalar, s.plain, let v = Double(s.string) else {
            throw error("expected a number, found '\(scalar?.string ?? "a structure")'")
        }
        func bound(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        guard v.isFinite, range.contains(v) else {
            throw error("expected \(what) between \(bound(range.lowerBound)) and \(bound(range.upperBound)), found '\(s.string)'")
        }
        return v
    }

    func oneOf<E: RawRepresentable>(_ type: E.Type, _ allowed: [E]) throws -> E where E.RawValue == String {
        let text = try string()
        guard let v = E(rawValue: text) else {
            throw error("expected one of \(allowed.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
        return v
    }

    func oneOf<E: RawRepresentable & CaseIterable>(_ type: E.Type) throws -> E where E.RawValue == String {
        try oneOf(type, Array(E.allCases))
    }

    /// `none` as the explicit shorthand of CASES.md ("conduct: none", "bars: none", "inability: none").
    /// (Quoted too: JSON input, for storage and the API, can only write it as a string.)
    var isNoneShorthand: Bool { scalar.map { $0.string == "none" } ?? false }
}

/// The fields of a mapping, read by name; missing optional fields are nil. A list searched in order, not a
/// dictionary: mappings have a few dozen short keys, and hashing each key twice cost more than comparing them
/// (a client's facts are read on every page).
struct Fields {
    let entries: [(key: String, value: YAMLValue)]
    let owner: YAMLValue

    subscript(_ key: String) -> YAMLValue? {
        for e in entries where e.key == key { return e.value }
        return nil
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func required(_ key: String) throws -> YAMLValue {
        guard let v = self[key] else { throw owner.error("missing required field '\(key)'") }
        return v
    }

    func optional<T>(_ key: String, _ read: (YAMLValue) throws -> T) throws -> T? {
        guard let v = self[key] else { return nil }
        return try read(v)
    }
}
