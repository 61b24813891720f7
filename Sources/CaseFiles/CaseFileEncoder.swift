import Eligibility
import Yams
import Foundation

/// A JSON object that keeps its key order (distinct from an array, even when empty).
public struct JSONObject {
    public var pairs: [(String, Any)]
    public init(_ pairs: [(String, Any)]) { self.pairs = pairs }
}

/// Writes facts in the case-file schema (CASES.md §3) as JSON: for storage, the API and JSON Lines screening input.
/// `CaseFileDecoder.person(json:)` reads it back; omitted facts stay omitted (unknown).
public enum CaseFileEncoder {
    /// A person's facts as a JSON object; `includeStatus: false` leaves out the status history, `includeID: false`
    /// the person id (stored records and the API carry their own ids).
    public static func json(_ p: Person, includeStatus: Bool = true, includeID: Bool = true) -> String {
        serialize(JSONObject(object(p, includeStatus: includeStatus, includeID: includeID)))
    }

    /// Each top-level field of the person's facts (status history, id and label left out) in the schema's order, with
    /// its value before serialising (strings, booleans, numbers, `NSNull`, lists, `JSONObject`): the stored facts as
    /// an information request lists them.
    public static func values(_ p: Person) -> [(key: String, value: Any)] {
        object(p, includeStatus: false, includeID: false).filter { $0.0 != "label" }.map { (key: $0.0, value: $0.1) }
    }

    static func object(_ p: Person, includeStatus: Bool, includeID: Bool) -> [(String, Any)] {
        var o: [(String, Any)] = includeID ? [("id", p.id)] : []
        func put(_ k: String, _ v: Any?) { if let v { o.append((k, v)) } }
        put("label", p.label)
        put("born", p.born?.iso)
        put("nationality", p.nationality)
        put("safe_country_of_origin", p.safeCountryOfOrigin)
        put("marital_status", p.maritalStatus?.rawValue)
        put("entered", p.entered?.iso)
        put("entered_with_visa", p.enteredWithVisa)
        put("entered_for_benefits", p.enteredForBenefits)
        if includeStatus, let status = p.status { put("status", status.map(statusObject)) }
        if let a = p.asylum {
            var m: [(String, Any)] = []
            func am(_ k: String, _ v: Any?) { if let v { m.append((k, v)) } }
            am("applied_on", event(a.appliedOn)); am("decision", a.decision?.rawValue); am("decided_on", a.decidedOn?.iso)
            am("final_on", a.finalOn?.iso); am("rejected_as", a.rejectedAs?.rawValue); am("ou_basis", a.ouBasis)
            am("withdrawn_after_12b_advice", a.withdrawnAfter12bAdvice); am("unaccompanied_minor_welfare", a.unaccompaniedMinorWelfare)
            o.append(("asylum", JSONObject(m)))
        }
        if let i = p.identity {
            var m: [(String, Any)] = []
            if let v = event(i.clarifiedOn) { m.append(("clarified_on", v)) }
            if let v = event(i.allStepsTakenOn) { m.append(("all_steps_taken_on", v)) }
            o.append(("identity", JSONObject(m)))
        }
        put("passport", p.passport)
        put("german", p.german.map { $0.map { JSONObject([("level", $0.level.code), ("scope", $0.scope.rawValue), ("date", $0.date.iso)]) } })
        put("civic_test_passed_on", event(p.civicTestPassedOn))
        put("fdgo_declaration_on", event(p.fdgoDeclarationOn))
        put("fdgo_doubts", p.fdgoDoubts)
        put("integration_prognosis", p.integrationPrognosis?.rawValue)
        if let c = p.integrationCourse {
            var m: [(String, Any)] = []
            if let v = c.possible { m.append(("possible", v)) }
            if let v = c.obliged { m.append(("obliged", v)) }
            if let v = event(c.completedOn) { m.append(("completed_on", v)) }
            if let v = c.dropoutNotAtFault { m.append(("dropout_not_at_fault", v)) }
            o.append(("integration_course", JSONObject(m)))
        }
        put("livelihood", p.livelihood.map { $0.map { l in
            var m: [(String, Any)] = [("from", l.from.iso)]
            if let t = l.to { m.append(("to", t.iso)) }
            let fields: [(String, Any?)] = [("work_share", l.workShare), ("own_work_share", l.ownWorkShare), ("public_funds", l.publicFunds),
                                            ("wohngeld", l.wohngeld), ("benefits_temporary", l.benefitsTemporary),
                                            ("bafoeg_need_covered", l.bafoegNeedCovered), ("public_funds_housing_only", l.publicFundsHousingOnly)]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            return JSONObject(m)
        } })
        put("lu_prognosis_full", p.luPrognosisFull)
        put("single_parent_work_unreasonable", p.singleParentWorkUnreasonable)
        put("caring_for_relative", p.caringForRelative)
        put("housing_sufficient", p.housingSufficient)
        put("matching_job_offer", p.matchingJobOffer)
        put("employment", p.employment.map { $0.map { e in
            var m: [(String, Any)] = [("from", e.from.iso)]
            if let t = e.to { m.append(("to", t.iso)) }
            let fields: [(String, Any?)] = [("hours", e.hours), ("insured", e.insured), ("qualified", e.qualified), ("matches_qualification", e.matchesQualification)]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            return JSONObject(m)
        } })
        put("education", p.education.map { $0.map { e in
            var m: [(String, Any)] = [("kind", e.kind.rawValue), ("from", e.from.iso)]
            if let t = e.to { m.append(("to", t.iso)) }
            if let s = e.successful { m.append(("successful", s)) }
            return JSONObject(m)
        } })
        put("degrees", p.degrees.map { $0.map { d in
            var m: [(String, Any)] = [("kind", d.kind.rawValue), ("on", d.on.iso)]
            if let c = d.country { m.append(("country", c)) }
            if let r = d.recognised { m.append(("recognised", r)) }
            return JSONObject(m)
        } })
        put("training", p.training.map { $0.map { t in
            var m: [(String, Any)] = [("kind", t.kind.rawValue), ("from", t.from.iso)]
            let fields: [(String, Any?)] = [("occupation", t.occupation), ("planned_end", t.plannedEnd?.iso), ("registered_on", event(t.registeredOn)),
                                            ("follow_on_place_confirmed", t.followOnPlaceConfirmed), ("passed_on", event(t.passedOn)),
                                            ("ended_early_on", event(t.endedEarlyOn))]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            return JSONObject(m)
        } })
        put("convictions", p.convictions.map { $0.map { c in
            var m: [(String, Any)] = []
            let fields: [(String, Any?)] = [("date", c.date?.iso), ("offence", c.offence), ("intentional", c.intentional), ("in_germany", c.inGermany),
                                            ("still_registered", c.stillRegistered), ("foreigners_only", c.foreignersOnly), ("day_fines", c.dayFines),
                                            ("prison_months", c.prisonMonths), ("juvenile_months", c.juvenileMonths), ("suspended", c.suspended),
                                            ("juvenile_law", c.juvenileLaw ? true : nil), ("jugendstrafe", c.jugendstrafe ? true : nil),
                                            ("s54_group", c.s54Group), ("btmg_29_1_1", c.btmg2911 ? true : nil)]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            return JSONObject(m)
        } })
        if let c = p.conduct {
            var m: [(String, Any)] = []
            if let v = c.currentObstruction { m.append(("current_obstruction", v.map(\.rawValue))) }
            let fields: [(String, Bool?)] = [("past_deception", c.pastDeception), ("past_obstruction", c.pastObstruction),
                                             ("deception_repeated", c.deceptionRepeated), ("integration_rests_on_false_identity", c.integrationRestsOnFalseIdentity)]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            o.append(("conduct", JSONObject(m)))
        }
        if let b = p.bars {
            var m: [(String, Any)] = []
            let fields: [(String, Bool?)] = [("entry_ban", b.entryBan), ("abs4_ground", b.abs4Ground), ("s54_abs1_other", b.s54Abs1Other),
                                             ("other_expulsion_interest", b.otherExpulsionInterest), ("expulsion_order", b.expulsionOrder), ("extremism", b.extremism)]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            o.append(("bars", JSONObject(m)))
        }
        if let i = p.inability {
            var m: [(String, Any)] = []
            let fields: [(String, Any?)] = [("school", i.school), ("livelihood", i.livelihood), ("german", i.german), ("reason", i.reason)]
            for (k, v) in fields { if let v { m.append((k, v)) } }
            o.append(("inability", JSONObject(m)))
        }
        if let d = p.departure {
            var m: [(String, Any)] = []
            if let v = event(d.impossibleSince) { m.append(("impossible_since", v)) }
            if let v = d.endForeseeable { m.append(("end_foreseeable", v)) }
            if let v = d.ownFault { m.append(("own_fault", v)) }
            o.append(("departure", JSONObject(m)))
        }
        put("removal_measures", p.removalMeasures.map { $0.map(\.rawValue) })
        put("informed_per_104c_abs4", p.informedPer104cAbs4)
        return o
    }

    public static func statusObject(_ s: StatusPeriod) -> JSONObject {
        var m: [(String, Any)] = [("kind", s.kind.rawValue), ("from", s.from.iso)]
        if let t = s.to { m.append(("to", t.iso)) }
        if let b = s.basis { m.append(("basis", b)) }
        if let v = s.validUntil { m.append(("valid_until", v.iso)) }
        if !s.issued { m.append(("issued", false)) }
        if s.kind == .duldung60d && s.holder != .main { m.append(("as", s.holder.rawValue)) }
        if let f = s.fiktion { m.append(("fiktion", f.rawValue)) }
        if let c = s.continues { m.append(("continues", c)) }
        return JSONObject(m)
    }

    /// `null` for "never", the ISO date, or nil (omitted) when unknown.
    static func event(_ e: EventDate) -> Any? {
        switch e {
        case .unknown: return nil
        case .never: return NSNull()
        case .on(let d): return d.iso
        }
    }

    /// Minimal JSON writer that keeps the key order of the case-file schema.
    public static func serialize(_ v: Any) -> String {
        switch v {
        case let o as JSONObject:
            return "{" + o.pairs.map { "\(quote($0.0)):\(serialize($0.1))" }.joined(separator: ",") + "}"
        case let list as [Any]:
            return "[" + list.map(serialize).joined(separator: ",") + "]"
        case let s as String: return quote(s)
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case is NSNull: return "null"
        default: return "null"
        }
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension CaseFileDecoder {
    /// Reads one person's facts from JSON (or YAML) in the case-file schema, with precise errors.
    /// `on` bounds the status history (`to` not after it); pass a far date where there is no evaluation date.
    public static func person(json text: String, source: String = "facts", on: Day = .distantFuture) throws -> Person {
        // Fast path for JSON (storage reads facts on every request): `JSONReader`, then the same checks. Text that is
        // not JSON goes through the YAML parser, whose errors name the line.
        let decoding = factsDecoding(source: source, on: on)
        if let doc = try? JSONReader.read(text) {
            return try decoding.person(YAMLValue(doc, path: "", file: source), on: on, single: true)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw CaseFileError(file: source, path: "", line: nil, message: "empty document")
            }
            root = node
        } catch let e as CaseFileError { throw e } catch let e as YamlError {
            throw CaseFileError(file: source, path: "", line: yamlLine(e), message: "not valid JSON: \(yamlProblem(e))")
        }
        return try decoding.person(try YAMLValue(node: root, path: "", file: source), on: on, single: true)
    }

    /// Every field of a JSON facts object that is refused, not only the first (QA30 F4: a bulk import mended one field
    /// per round trip): `first` is `person(json:)`'s error for `text`; the object is read again without each top-level
    /// field refused, up to `limit` of them. A nested error refuses its top-level field (`employment[0].from` →
    /// `employment`); others within it show once it is mended. Text that is no JSON object gives `first` alone.
    public static func problems(after first: CaseFileError, json text: String, source: String = "facts", on: Day = .distantFuture, limit: Int = 25) -> [CaseFileError] {
        guard let doc = try? JSONReader.read(text), case .mapping(var pairs) = doc.kind else { return [first] }
        let decoding = factsDecoding(source: source, on: on)
        var found = [first]
        while found.count < limit {
            let top = String(found.last!.path.prefix { $0 != "." && $0 != "[" })
            guard !top.isEmpty, let i = pairs.firstIndex(where: { if case .scalar(let k, _) = $0.key.kind { k == top } else { false } }) else { break }
            pairs.remove(at: i)
            do { _ = try decoding.person(YAMLValue(DocValue(.mapping(pairs), line: doc.line), path: "", file: source), on: on, single: true); break }
            catch let next as CaseFileError { found.append(next) }
            catch { break }
        }
        return found
    }

    /// The decoder of a person's facts: free text is checked where there is an evaluation date.
    static func factsDecoding(source: String, on: Day) -> CaseDecoding {
        var decoding = CaseDecoding(file: source, requireExpectations: false)
        decoding.checksFreeText = on < .distantFuture
        return decoding
    }
}
