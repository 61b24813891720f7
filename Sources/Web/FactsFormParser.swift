import CaseFiles
import Counseling
import Eligibility
import Foundation
import Views

/// Turns the posted facts form into the case-file JSON object, keeping facts the form does not show. The
/// case-file decoder then checks the result, so the form and case files share one validation.
enum FactsFormParser {
    /// The facts as a JSON object (case-file schema, without status and id).
    static func object(_ facts: Person) -> [String: Any] {
        var f = facts
        f.status = nil
        let json = CaseFileEncoder.json(f, includeStatus: false, includeID: false)
        return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    }

    /// Applies the form to `base`; returns the new object or the field errors (German, by form field name).
    /// `born`: the client's birth date; no fact of theirs can lie before it.
    static func apply(_ form: Form, to base: [String: Any], born: Day? = nil) -> (object: [String: Any], errors: [String: String]) {
        var obj = base
        var errors: [String: String] = [:]
        for g in FactsForm.groups {
            if let list = g.list {
                var rows: [[String: Any]] = []
                let stored = base[list] as? [[String: Any]] ?? []
                for i in 0..<50 {
                    // What the form does not show of the stored row at this place stays (QA of 05.12.2026: a row rebuilt
                    // from the form's fields alone lost what only the JSON editor sets). A row emptied in the form goes.
                    let unshown = i < stored.count ? stored[i].filter { k, _ in !g.fields.contains { $0.key == k } } : [:]
                    var row: [String: Any] = [:], touched = false, present = false
                    for f in g.fields {
                        let n = FactsForm.name("\(list).\(i).\(f.key)")
                        guard let raw = form[n] else { continue }
                        present = true
                        switch value(f, raw.trimmingCharacters(in: .whitespaces), born: born) {
                        case .omit: break
                        case .set(let v): row[f.key] = v; touched = true
                        case .error(let m): errors[n] = m; touched = true
                        }
                    }
                    if !present { break }
                    if touched { rows.append(unshown.merging(row) { _, typed in typed }) }
                }
                // "None" ticked beside a filled row contradicts itself: asked back rather than one of them silently kept.
                // Not when "none" was what was stored (the form shows it ticked): a row added to it is the news.
                let storedNone = (base[list] as? [Any])?.isEmpty == true
                if !rows.isEmpty, !storedNone, form[FactsForm.name(list + ".none")] == "1" {
                    errors[FactsForm.name(list + ".none")] = "„keine“ ist angekreuzt, aber es ist auch eine Zeile ausgefüllt. Bitte eines von beiden."
                }
                if !rows.isEmpty { obj[list] = rows }
                else if form[FactsForm.name(list + ".none")] == "1" { obj[list] = [Any]() }
                else if anyField(of: g, list: list, in: form) { obj[list] = nil }
                // else: the list is not part of this post at all (no browser sends that): it stays as stored.
            } else {
                for f in g.fields {
                    let n = FactsForm.name(f.key)
                    guard let raw = form[n] else { continue }
                    // The form shows one kind of current obstruction; several stored stay when that one is sent back.
                    if f.key == "conduct.current_obstruction", let stored = FactsForm.lookup(base, f.key) as? [String], stored.count > 1,
                       raw.trimmingCharacters(in: .whitespaces) == stored[0] { continue }
                    switch value(f, raw.trimmingCharacters(in: .whitespaces), born: born) {
                    case .omit: set(&obj, f.key, nil)
                    case .set(let v): set(&obj, f.key, v)
                    case .error(let m): errors[n] = m
                    }
                }
            }
        }
        return (obj, errors)
    }

    /// Whether the post carries any field of the list (its first row's fields, or its "none" box).
    static func anyField(of g: FactsForm.Group, list: String, in form: Form) -> Bool {
        form[FactsForm.name(list + ".none")] != nil || g.fields.contains { form[FactsForm.name("\(list).0.\($0.key)")] != nil }
    }

    enum Value { case omit, set(Any), error(String) }

    static func value(_ f: FactsForm.Field, _ raw: String, born: Day? = nil) -> Value {
        switch f.kind {
        case .date, .dateOrNever:
            if raw.isEmpty { return .omit }
            if case .dateOrNever = f.kind, raw.lowercased() == "nie" { return .set(NSNull()) }
            guard let d = try? parseDay(raw) else { return .error("„\(Typed.echo(raw))“ ist kein gültiges Datum (TT.MM.JJJJ).") }
            if let born, d < born { return .error("„\(Typed.echo(raw))“ liegt vor der Geburt (\(born.german)).") }
            return .set(d.iso)
        case .flag:
            switch raw {
            case "true": return .set(true)
            case "false", "": return .omit   // the schema's default
            default: return .error("Bitte ja oder nein wählen.")
            }
        case .yesNo:
            switch raw {
            case "true": return .set(true)
            case "false": return .set(false)
            case "": return .omit
            default: return .error("Bitte ja, nein oder unbekannt wählen.")
            }
        case .choice(let options):
            if raw == "?" || (raw.isEmpty && f.key != "conduct.current_obstruction") { return .omit }
            // Only what the list offers (a tampered value would otherwise reach the decoder's English message).
            guard raw.isEmpty || options.contains(where: { $0.0 == raw }) else { return .error("Bitte einen der angebotenen Werte wählen.") }
            if f.key == "conduct.current_obstruction" { return .set(raw.isEmpty ? [String]() : [raw]) }
            return .set(raw)
        case .text:
            if raw.isEmpty { return .omit }
            guard raw.count <= FactsForm.textLimit else { return .error("Bitte höchstens \(FactsForm.textLimit) Zeichen angeben.") }
            guard f.key == "nationality" || f.key == "country" else { return .set(raw) }
            guard let code = CountryCodes.code(fromInput: raw) else { return .error(CountryCodes.inputHint) }
            return .set(code)
        case .number:
            if raw.isEmpty { return .omit }
            // The range a reader expects of the field (QA of 06.12.2026: "0 bis 1.000.000" for weekly hours); the
            // decoder's bound stays the limit of the others.
            let hours = f.key.hasSuffix("hours")
            if let problem = thousands(raw) { return .error(problem) }
            guard let x = Double(raw.replacingOccurrences(of: ",", with: ".")), x.isFinite else {
                return .error("„\(Typed.echo(raw))“ ist keine Zahl. Bitte eine Zahl angeben (z. B. 20 oder 20,5).")
            }
            if hours, !(0...80).contains(x) { return .error("Bitte Wochenstunden von 0 bis 80 angeben.") }
            guard x >= 0 else { return .error("Bitte eine Zahl ab 0 angeben.") }
            guard x <= Double(FactBounds.largestNumber) else { return .error("Die Zahl ist zu groß.") }
            return .set(x == x.rounded() ? Int(x) as Any : x as Any)
        case .percent:
            if raw.isEmpty { return .omit }
            // Decimals allowed ("33,3"): a share stored as 0.504 must not come back as 50 % (QA of 05.12.2026).
            let bare = raw.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
            if let problem = thousands(bare) { return .error(problem) }
            let text = bare.replacingOccurrences(of: ",", with: ".")
            guard let p = Double(text), p.isFinite, (0...100).contains(p) else {
                return .error("Bitte einen Prozentsatz von 0 bis 100 angeben.")
            }
            return .set(p / 100)
        }
    }

    /// "1.000" is one thousand in German, 1 in English: refused rather than read either way (QA40 L5: stored as 1 %).
    /// A dot before exactly three digits (and only digits and such dots) is taken as a thousands separator.
    static func thousands(_ raw: String) -> String? {
        let groups = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count > 1, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              groups.dropFirst().allSatisfy({ $0.count == 3 }), groups[0].count <= 3, groups[0].first != "0" else { return nil }
        return "„\(Typed.echo(raw))“ ist nicht eindeutig (Tausenderpunkt oder Dezimalpunkt?). Bitte ohne Tausenderpunkt und mit Dezimalkomma angeben (z. B. 1000 oder 20,5)."
    }

    /// Sets (or removes, for nil) a value at a dotted path, creating nested objects as needed.
    static func set(_ obj: inout [String: Any], _ path: String, _ v: Any?) {
        let parts = path.split(separator: ".").map(String.init)
        if parts.count == 1 { obj[parts[0]] = v; return }
        var inner = obj[parts[0]] as? [String: Any] ?? [:]
        set(&inner, parts.dropFirst().joined(separator: "."), v)
        obj[parts[0]] = inner.isEmpty ? nil : inner
    }

    /// The field a decoder error belongs to and its message in German, with dates as TT.MM.JJJJ. A missing field of a
    /// list entry (a German level without its scope) is shown at that field, not at the entry.
    static func error(_ e: CaseFileError) -> (field: String, message: String) {
        let missing = "missing required field '"
        if e.message.hasPrefix(missing), let key = e.message.dropFirst(missing.count).split(separator: "'").first {
            return (fieldName(e.path.isEmpty ? String(key) : "\(e.path).\(key)"), "Bitte angeben – die übrigen Angaben dieser Zeile brauchen diese Angabe.")
        }
        var text = DecoderMessages.german(e.message).replacingOccurrences(of: "darf nicht vor „from“ liegen", with: "„bis“ darf nicht vor dem Beginn liegen")
            // The form's facts are judged on today: a period's end lies in the past (CASES.md § 6.2); other dates (the
            // entry) are named as what they are (QA22 L3: "„bis“" was said of the entry).
            .replacingOccurrences(of: "darf nicht nach dem Prüfdatum liegen (", with: e.path.hasSuffix(".to") ? "„bis“ darf nicht nach heute liegen (" : "darf nicht nach heute liegen (")
        // Field names as the form labels them, whole numbers without ".0".
        text = text.replacingOccurrences(of: "(oder juvenile_law: true bei", with: "(oder „nach Jugendstrafrecht“: ja bei")
        for (key, label) in [("day_fines", "Tagessätze"), ("prison_months", "Freiheitsstrafe (Monate)"), ("juvenile_months", "Jugendstrafe (Monate)"),
                             ("juvenile_law: true", "„nach Jugendstrafrecht“: ja")] {
            text = text.replacingOccurrences(of: key, with: "„\(label)“")
        }
        text = text.replacing(/(\d+)\.0\b/) { String($0.1) }
        // A rule about a whole row ("exactly one of …") is shown at the row's first field it names.
        var path = e.path
        let exactlyOne = "give exactly one of "
        if path.hasSuffix("]"), e.message.hasPrefix(exactlyOne), let first = e.message.dropFirst(exactlyOne.count).split(separator: ",").first {
            path += "." + first.trimmingCharacters(in: .whitespaces)
        }
        return (fieldName(path), text.replacing(/(\d{4})-(\d{2})-(\d{2})/) { "\($0.3).\($0.2).\($0.1)" })
    }

    /// Removes the value at a decoder error path (`entered`, `german[1].date`); false when there is none. Not a whole
    /// row (`german[1]`): the rows after it would move up, and their errors would be shown at the row before.
    static func remove(_ path: String, from obj: inout [String: Any]) -> Bool {
        var steps: [Any] = []
        for part in path.split(separator: ".") {
            let name = part.prefix { $0 != "[" }
            if !name.isEmpty { steps.append(String(name)) }
            for index in part.matches(of: /\[(\d+)\]/) { steps.append(Int(index.1)!) }
        }
        func drop(_ value: Any, _ rest: ArraySlice<Any>) -> (Any, Bool) {
            guard let step = rest.first else { return (value, false) }
            if var o = value as? [String: Any], let key = step as? String, let inner = o[key] {
                if rest.count == 1 { o[key] = nil; return (o, true) }
                let (changed, done) = drop(inner, rest.dropFirst()); o[key] = changed; return (o, done)
            }
            if var a = value as? [Any], let i = step as? Int, a.indices.contains(i), rest.count > 1 {
                let (changed, done) = drop(a[i], rest.dropFirst()); a[i] = changed; return (a, done)
            }
            return (value, false)
        }
        guard let last = steps.last, last is String else { return false }
        let (changed, done) = drop(obj, steps[...])
        if done, let o = changed as? [String: Any] { obj = o }
        return done
    }

    /// The form field name for a decoder error path such as `german[1].date`.
    static func fieldName(_ path: String) -> String {
        FactsForm.name(path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: ""))
    }
}
