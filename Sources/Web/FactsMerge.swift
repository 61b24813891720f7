import CaseFiles
import Eligibility
import Foundation
import Views

/// A facts form saved after someone else saved the same client (QA41 C8: the notice said only "inzwischen geändert",
/// and saving again silently wiped the colleague's entry). The form carries the facts it was built from (`base`), so
/// the save knows what each side changed: changes to different facts are merged, and where both changed the same fact
/// differently the form comes back naming it, with what is stored now.
///
/// A unit of comparison is one fact (`identity.clarified_on`) or one whole list (`german`, `employment`): rows of a
/// list have no identity of their own, so two edits of one list are one clash, not guessed apart.
enum FactsMerge {
    struct Outcome {
        /// The stored facts with this form's changes (where both changed one unit: this form's value).
        var merged: [String: Any]
        /// Units changed only by the other save, kept.
        var theirs: [String]
        /// Units both changed, to different values.
        var clashing: [String]
    }

    static func merge(base: [String: Any], mine: [String: Any], theirs: [String: Any]) -> Outcome {
        let b = flatten(base), m = flatten(mine), t = flatten(theirs)
        var merged: [String: Any] = [:], kept: [String] = [], clashing: [String] = []
        for unit in Set(b.keys).union(m.keys).union(t.keys).sorted() {
            let value: Any?
            if same(m[unit], b[unit]) {
                value = t[unit]
                if !same(t[unit], b[unit]) { kept.append(unit) }
            } else {
                value = m[unit]
                if !same(t[unit], b[unit]) && !same(t[unit], m[unit]) { clashing.append(unit) }
            }
            if let value { merged[unit] = value }
        }
        return Outcome(merged: unflatten(merged), theirs: kept, clashing: clashing)
    }

    /// The status history as the status editor sends it back (JSON text): facts and history share one revision, so a
    /// history saved over a facts change alone is saved, not refused (QA41 C8).
    static func statusText(_ p: Person) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(CaseFileEncoder.json(p, includeStatus: true, includeID: false).utf8))) as? [String: Any]
        return canonical(object?["status"] ?? NSNull())
    }

    /// The facts as sent back by the form (JSON text), or nil when missing or not an object.
    static func base(_ text: String?) -> [String: Any]? {
        guard let text, !text.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    static func text(_ object: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func flatten(_ object: [String: Any], prefix: String = "") -> [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in object {
            if let nested = v as? [String: Any] { out.merge(flatten(nested, prefix: prefix + k + "."), uniquingKeysWith: { a, _ in a }) }
            else { out[prefix + k] = v }
        }
        return out
    }

    static func unflatten(_ units: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        func put(_ parts: ArraySlice<Substring>, _ value: Any, into dict: inout [String: Any]) {
            let key = String(parts.first!)
            if parts.count == 1 { dict[key] = value; return }
            var inner = dict[key] as? [String: Any] ?? [:]
            put(parts.dropFirst(), value, into: &inner)
            dict[key] = inner
        }
        for (path, value) in units { put(path.split(separator: ".")[...], value, into: &out) }
        return out
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): canonical(x) == canonical(y)
        default: false
        }
    }

    static func canonical(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }

    // MARK: Naming units for the counselor

    /// "Deutschkenntnisse" for a list, "Identität und Pass: Identität geklärt am" for one fact; a fact the form does
    /// not show (set in the JSON editor) by its path.
    static func label(_ unit: String) -> String { knownLabel(unit) ?? unit }

    static func knownLabel(_ unit: String) -> String? {
        for g in FactsForm.groups {
            if g.list == unit { return g.title }
            if g.list == nil, let f = g.fields.first(where: { $0.key == unit }) { return "\(g.title): \(f.label)" }
        }
        return nil
    }

    /// A unit's value as the form would show it, for the notice ("B2, mündlich und schriftlich, 01.11.2026").
    static func describe(_ unit: String, _ value: Any?) -> String {
        guard let value else { return "leer (unbekannt)" }
        for g in FactsForm.groups {
            if g.list == unit {
                let rows = value as? [[String: Any]] ?? []
                if rows.isEmpty { return "keine" }
                return rows.map { row in
                    g.fields.compactMap { f in row[f.key].map { "\(f.label) \(describe(f.kind, $0))" } }.joined(separator: ", ")
                }.joined(separator: "; ")
            }
            if g.list == nil, let f = g.fields.first(where: { $0.key == unit }) { return describe(f.kind, value) }
        }
        return canonical(value)
    }

    static func describe(_ kind: FactsForm.Kind, _ value: Any) -> String {
        if value is NSNull { return "nie" }
        switch kind {
        case .date, .dateOrNever: return (value as? String).flatMap { Day(iso: $0)?.german } ?? "\(value)"
        case .yesNo, .flag: return (value as? Bool).map { $0 ? "ja" : "nein" } ?? "\(value)"
        case .choice(let options): return options.first { $0.0 == "\(value)" }?.1 ?? "\(value)"
        case .percent: return (value as? Double).map { "\(Int(($0 * 100).rounded())) %" } ?? "\(value)"
        case .text, .number: return "\(value)"
        }
    }
}
