import Eligibility
import Foundation
import Yams

/// Reads case files (CASES.md) into facts and expectations, with precise errors: file, field path, line, and what
/// was expected. Also reads the same schema without `expect` (screening input, one household as JSON).
public enum CaseFileDecoder {
    public static func load(path: String) throws -> CaseFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CaseFileError(file: path, path: "", line: nil, message: "cannot read the file as UTF-8 text")
        }
        return try decode(text, file: path)
    }

    /// Decodes one case file. `file` names the source in errors; its base name must equal `id`.
    /// `on`: a decision date other than the file's; the file is then checked against it (nothing in it may lie after
    /// the day it is judged on: legal review of 06.12.2026, `check --on` answered from later facts).
    public static func decode(_ text: String, file: String, requireExpectations: Bool = true, on: Day? = nil) throws -> CaseFile {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw CaseFileError(file: file, path: "", line: nil, message: "the file is empty")
            }
            root = node
        } catch let e as CaseFileError {
            throw e
        } catch let e as YamlError {
            throw CaseFileError(file: file, path: "", line: yamlLine(e), message: "not valid YAML: \(yamlProblem(e))")
        }
        var d = CaseDecoding(file: file, requireExpectations: requireExpectations)
        d.on = on
        return try d.decodeCase(try YAMLValue(node: root, path: "", file: file))
    }

    static func yamlLine(_ e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): return m.line
        default: return nil
        }
    }

    static func yamlProblem(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): return p
        case .duplicatedKeysInMapping(let d, _): return "duplicate keys \(d.joined(separator: ", "))"
        default: return "\(e)"
        }
    }

    /// One household of a JSON Lines screening file: the case-file schema without `on` and `expect` (CASES.md).
    /// `on` bounds the status history. Errors name the line.
    public static func household(jsonLine text: String, line: Int, on: Day, source: String = "input") throws -> (id: String?, household: Household, appliedOn: Day?) {
        let doc: DocValue
        do { doc = try JSONReader.read(text) } catch {
            throw CaseFileError(file: source, path: "", line: line, message: "not a JSON object (\(error))")
        }
        guard case .mapping = doc.kind else { throw CaseFileError(file: source, path: "", line: line, message: "not a JSON object") }
        let root = YAMLValue(doc, path: "", file: "\(source):\(line)")
        let d = CaseDecoding(file: "\(source):\(line)", requireExpectations: false)
        let f = try root.mapping(allowed: ["id", "title", "source", "notes", "applied_on", "person", "persons", "relations", "household"])
        let household = try d.household(f, root: root, on: on)
        // A pending application, as in a case file (K10; QA35 L6): not after the screening date.
        let appliedOn = try f.optional("applied_on") { try $0.day() }
        if let a = appliedOn, a > on { throw CaseFileError(file: source, path: "applied_on", line: line, message: "must not be after the screening date (\(on.iso))") }
        // A list from outside names only countries that exist (QA of 06.12.2026: "QQQ" left every safe-country question
        // open). Case files and stored facts keep the decoder's check of the form; the forms check the code.
        for (i, p) in household.persons.enumerated() {
            let at = household.isSinglePerson && f["person"] != nil ? "person" : "persons[\(i)]"
            if let n = p.nationality, !ISO3166.isKnown(n) {
                throw CaseFileError(file: source, path: at + ".nationality", line: line, message: "unknown ISO 3166-1 alpha-3 code '\(n)' (XXA stateless, XXX unknown)")
            }
            for (j, c) in (p.degrees ?? []).enumerated() {
                if let c = c.country, !ISO3166.isKnown(c) {
                    throw CaseFileError(file: source, path: at + ".degrees[\(j)].country", line: line, message: "unknown ISO 3166-1 alpha-3 code '\(c)' (XXA stateless, XXX unknown)")
                }
            }
        }
        if let problem = relationProblem(household, on: on) {
            throw CaseFileError(file: source, path: "relations", line: line, message: problem)
        }
        return (try f.optional("id") { try $0.string() }, household, appliedOn)
    }

    /// Relations no family can have, refused in a list from outside as the client pages refuse them (QA35 F3: mutual
    /// parents, a 15-year-old parent of a 48-year-old, a spouse under 16 were screened without a word).
    static func relationProblem(_ h: Household, on: Day) -> String? {
        var pairs: Set<Set<String>> = [], parents: [String: Int] = [:]
        let born = Dictionary(h.persons.compactMap { p in p.born.map { (p.id, $0) } }, uniquingKeysWith: { a, _ in a })
        for r in h.relations where r.persons.count == 2 {
            let (a, b) = (r.persons[0], r.persons[1])
            guard pairs.insert([a, b]).inserted else { return "related twice: \(a), \(b)" }
            switch r.kind {
            case .spouse, .registeredPartner:
                // A second spouse is possible (a marriage abroad; case 325): not refused.
                for x in [a, b] { if let d = born[x], d.age(on: on) < 16 { return "married under 16 (§ 1303 BGB): \(x)" } }
            case .parent:
                if let p = born[a], let c = born[b], p.adding(years: 12) > c { return "parent not 12 years older than the child: \(a) (child \(b))" }
                if let p = born[a], p.age(on: on) < 12 { return "parent under 12: \(a)" }
                parents[b, default: 0] += 1
                if parents[b]! > 2 { return "more than two parents: \(b)" }
            case .cohabiting: break
            }
        }
        return nil
    }

    /// Every `.yaml`/`.yml` file under the given files or folders, sorted; a path that does not exist is an error.
    public static func caseFiles(in paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw CaseFileError(file: p, path: "", line: nil, message: "no such file or folder")
            }
            if isDir.boolValue {
                let items = (fm.enumerator(atPath: p)?.allObjects as? [String]) ?? []
                out += items.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { (p as NSString).appendingPathComponent($0) }
            } else { out.append(p) }
        }
        return out
    }
}

/// The decoding of one file.
struct CaseDecoding {
    let file: String
    let requireExpectations: Bool
    /// The decision date that replaces the file's `on`, when one is given.
    var on: Day? = nil
    /// Free texts are checked (length, control characters) on input; stored records are read as they are, so that a
    /// text stored before the check cannot break a page.
    var checksFreeText = true

    func text(_ v: YAMLValue) throws -> String { checksFreeText ? try v.freeText() : try v.string() }

    init(file: String, requireExpectations: Bool) { self.file = file; self.requireExpectations = requireExpectations }

    static let topKeys = ["id", "title", "source", "on", "applied_on", "person", "persons", "relations", "household", "expect", "notes"]

    func decodeCase(_ root: YAMLValue) throws -> CaseFile {
        let f = try root.mapping(allowed: Self.topKeys)
        let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var id = base
        if requireExpectations {
            id = try f.required("id").string()
            if id != base { throw f["id"]!.error("must equal the file name without .yaml ('\(base)'), found '\(id)'") }
        } else if let v = f["id"] { id = try v.string() }
        let title = requireExpectations ? try f.required("title").string() : (try f.optional("title") { try $0.string() } ?? "")
        let source = requireExpectations ? try f.required("source").string() : (try f.optional("source") { try $0.string() } ?? "")
        let written = try f.required("on").day()
        let on = self.on ?? written
        let appliedOn = try f.optional("applied_on") { try $0.day() }
        if let a = appliedOn, a > on { throw f["applied_on"]!.error("must not be after on (\(on.iso))") }

        let household = try self.household(f, root: root, on: on)

        var expectations: [Expectation] = []
        if let e = f["expect"] {
            expectations = try expect(e, household: household)
        } else if requireExpectations {
            throw root.error("missing required field 'expect'")
        }
        let notes = try f.optional("notes") { try $0.string() }
        return CaseFile(id: id, title: title, source: source, on: on, appliedOn: appliedOn, household: household,
                        expectations: expectations, notes: notes, path: file)
    }


    /// The person or household of a case (or of one line of a screening file).
    func household(_ f: Fields, root: YAMLValue, on: Day) throws -> Household {
        let household: Household
        switch (f["person"], f["persons"]) {
        case (let p?, nil):
            for k in ["relations", "household"] where f.has(k) { throw f[k]!.error("only allowed with 'persons'") }
            household = Household(single: try person(p, on: on, single: true))
        case (nil, let ps?):
            let list = try ps.list()
            if list.isEmpty { throw ps.error("expected at least one person") }
            var persons: [Person] = []
            for v in list {
                let p = try person(v, on: on, single: false)
                if persons.contains(where: { $0.id == p.id }) { throw v.error("duplicate person id '\(p.id)'") }
                persons.append(p)
            }
            let ids = Set(persons.map(\.id))
            let relations = try f.optional("relations") { try $0.list().map { try relation($0, ids: ids) } } ?? []
            let members: Set<String>? = try f.optional("household") { v in
                Set(try v.list().map { m in
                    let id = try m.string()
                    guard ids.contains(id) else { throw m.error("unknown person id '\(id)'") }
                    return id
                })
            }
            household = Household(persons: persons, relations: relations, household: members, relationsKnown: f.has("relations"))
        case (_?, _?):
            throw root.error("give either 'person' or 'persons', not both")
        case (nil, nil):
            throw root.error("missing required field 'person' or 'persons'")
        }

        return household
    }

    // MARK: Person

    /// A country as CASES.md writes it: ISO 3166-1 alpha-3 (a degree's `country` as a nationality; QA of 05.12.2026:
    /// "Germany" was taken, and a German degree then did not count).
    static func alpha3(_ n: YAMLValue) throws -> String {
        let s = try n.string()
        guard s.count == 3, s.allSatisfy({ $0.isUppercase && $0.isLetter }) else { throw n.error("expected an ISO 3166-1 alpha-3 code, found '\(s)'") }
        return s
    }

    static let personKeys = ["id", "label", "born", "nationality", "safe_country_of_origin", "marital_status", "entered",
        "entered_with_visa", "entered_for_benefits", "status", "asylum", "identity", "passport", "german",
        "civic_test_passed_on", "fdgo_declaration_on", "fdgo_doubts", "integration_prognosis", "integration_course",
        "livelihood", "lu_prognosis_full", "single_parent_work_unreasonable", "caring_for_relative", "housing_sufficient",
        "matching_job_offer", "employment", "education", "degrees", "training", "convictions", "conduct", "bars",
        "inability", "departure", "removal_measures", "informed_per_104c_abs4"]

    /// `^[a-z][a-z0-9_]*$`, checked by hand: a regular expression was compiled on every read of a client's facts.
    static func isPersonID(_ id: String) -> Bool {
        var bytes = id.utf8.makeIterator()
        guard let first = bytes.next(), (97...122).contains(first) else { return false }
        while let b = bytes.next() { guard (97...122).contains(b) || (48...57).contains(b) || b == 95 else { return false } }
        return true
    }

    /// The grounds of an "offensichtlich unbegründet" rejection CASES.md names (besides "other"): § 30 Abs. 3
    /// Nr. 1–7 AsylG a.F., § 30 Abs. 1 Nr. 1–7 AsylG (2024), Art. 42 Abs. 1 a–j and Abs. 3 a–b Reg. (EU) 2024/1348.

    func person(_ v: YAMLValue, on: Day, single: Bool) throws -> Person {
        let f = try v.mapping(allowed: Self.personKeys)
        let id: String
        if let idv = f["id"] {
            id = try idv.string()
            guard Self.isPersonID(id) else {
                throw idv.error("expected an id of lower-case letters, digits and _ starting with a letter, found '\(id)'")
            }
        } else if single { id = "p" } else { throw v.error("missing required field 'id'") }
        var p = Person(id: id)
        p.label = try f.optional("label") { try text($0) }
        p.born = try f.optional("born") { try $0.day() }
        // Not born or arrived after the date the facts are judged on (a screening's Stichtag, the editor's today).
        if let b = p.born, b > on { throw f["born"]!.error("must not be after on (\(on.iso))") }
        p.nationality = try f.optional("nationality") { try Self.alpha3($0) }
        p.safeCountryOfOrigin = try f.optional("safe_country_of_origin") { try $0.bool() }
        p.maritalStatus = try f.optional("marital_status") { try $0.oneOf(MaritalStatus.self) }
        p.entered = try f.optional("entered") { try $0.day() }
        if let e = p.entered, e > on { throw f["entered"]!.error("must not be after on (\(on.iso))") }
        p.enteredWithVisa = try f.optional("entered_with_visa") { try $0.bool() }
        p.enteredForBenefits = try f.optional("entered_for_benefits") { try $0.bool() }
        p.status = try f.optional("status") { try statusHistory($0, on: on) }
        // A status before the birth cannot be true; the engine would count it (QA of 06.12.2026).
        if let b = p.born, let first = p.status?.first, first.from < b {
            throw f["status"]!.error("the first period begins \(first.from.iso), before the birth (\(b.iso))")
        }
        if let b = p.born, let e = p.entered, e < b { throw f["entered"]!.error("must not be before born (\(b.iso))") }
        p.asylum = try f.optional("asylum") { try asylum($0) }
        p.identity = try f.optional("identity") { v in
            let g = try v.mapping(allowed: ["clarified_on", "all_steps_taken_on"])
            return Identity(clarifiedOn: try g.optional("clarified_on") { try $0.eventDate() } ?? .unknown,
                            allStepsTakenOn: try g.optional("all_steps_taken_on") { try $0.eventDate() } ?? .unknown)
        }
        p.passport = try f.optional("passport") { try $0.bool() }
        p.german = try f.optional("german") { try $0.list().map { c in
            let g = try c.mapping(allowed: ["level", "scope", "date"])
            let lv = try g.required("level")
            guard let level = LanguageLevel(code: try lv.string()) else { throw lv.error("expected one of A1, A2, B1, B2, C1, C2") }
            return GermanCertificate(level: level, scope: try g.required("scope").oneOf(LanguageScope.self), date: try g.required("date").day())
        } }
        p.civicTestPassedOn = try f.optional("civic_test_passed_on") { try $0.eventDate() } ?? .unknown
        p.fdgoDeclarationOn = try f.optional("fdgo_declaration_on") { try $0.eventDate() } ?? .unknown
        p.fdgoDoubts = try f.optional("fdgo_doubts") { try $0.bool() }
        p.integrationPrognosis = try f.optional("integration_prognosis") { try $0.oneOf(IntegrationPrognosis.self) }
        p.integrationCourse = try f.optional("integration_course") { v in
            let g = try v.mapping(allowed: ["possible", "obliged", "completed_on", "dropout_not_at_fault"])
            var c = IntegrationCourse()
            c.possible = try g.optional("possible") { try $0.bool() }
            c.obliged = try g.optional("obliged") { try $0.bool() }
            c.completedOn = try g.optional("completed_on") { try $0.eventDate() } ?? .unknown
            c.dropoutNotAtFault = try g.optional("dropout_not_at_fault") { try $0.bool() }
            return c
        }
        p.livelihood = try f.optional("livelihood") { try livelihood($0, on: on) }
        p.luPrognosisFull = try f.optional("lu_prognosis_full") { try $0.bool() }
        p.singleParentWorkUnreasonable = try f.optional("single_parent_work_unreasonable") { try $0.bool() }
        p.caringForRelative = try f.optional("caring_for_relative") { try $0.bool() }
        p.housingSufficient = try f.optional("housing_sufficient") { try $0.bool() }
        p.matchingJobOffer = try f.optional("matching_job_offer") { try $0.bool() }
        p.employment = try f.optional("employment") { try employment($0, on: on) }
        p.education = try f.optional("education") { try $0.list().map { e in
            let g = try e.mapping(allowed: ["kind", "from", "to", "successful"])
            let period = EducationPeriod(kind: try g.required("kind").oneOf(EducationKind.self), from: try g.required("from").day(),
                                         to: try g.optional("to") { try $0.day() }, successful: try g.optional("successful") { try $0.bool() })
            if let t = period.to, t < period.from { throw g["to"]!.error("must not be before from (\(period.from.iso))") }
            try notAfter(g, "to", period.to, on)
            return period
        } }
        p.degrees = try f.optional("degrees") { try $0.list().map { d in
            let g = try d.mapping(allowed: ["kind", "on", "country", "recognised"])
            return Degree(kind: try g.required("kind").oneOf(DegreeKind.self), on: try g.required("on").day(),
                          country: try g.optional("country") { try Self.alpha3($0) }, recognised: try g.optional("recognised") { try $0.bool() })
        } }
        p.training = try f.optional("training") { try $0.list().map(training) }
        p.convictions = try f.optional("convictions") { try $0.list().map(conviction) }
        p.conduct = try f.optional("conduct") { try conduct($0) }
        p.bars = try f.optional("bars") { try bars($0) }
        p.inability = try f.optional("inability") { v in
            if v.isNoneShorthand { return Inability.noneStated }
            let g = try v.mapping(allowed: ["school", "livelihood", "german", "reason"])
            var i = Inability()
            i.school = try g.optional("school") { try $0.bool() }
            i.livelihood = try g.optional("livelihood") { try $0.bool() }
            i.german = try g.optional("german") { try $0.bool() }
            i.reason = try g.optional("reason") { r in
                let s = try r.string()
                guard ["illness", "disability", "age"].contains(s) else { throw r.error("expected one of illness, disability, age, found '\(s)'") }
                return s
            }
            return i
        }
        p.departure = try f.optional("departure") { v in
            let g = try v.mapping(allowed: ["impossible_since", "end_foreseeable", "own_fault"])
            var d = Departure()
            d.impossibleSince = try g.optional("impossible_since") { try $0.eventDate() } ?? .unknown
            d.endForeseeable = try g.optional("end_foreseeable") { try $0.bool() }
            d.ownFault = try g.optional("own_fault") { try $0.bool() }
            return d
        }
        p.removalMeasures = try f.optional("removal_measures") { try $0.list().map { try $0.oneOf(RemovalMeasure.self) } }
        p.informedPer104cAbs4 = try f.optional("informed_per_104c_abs4") { try $0.bool() }
        return p
    }

    /// A period's end lies on or before `on` (CASES.md § 6.2): an end known after the day judged would tell the engine a
    /// future it cannot know; the last period omits `to` and continues (QA of 06.12.2026: `check --on` read later ends).
    func notAfter(_ g: Fields, _ key: String, _ day: Day?, _ on: Day) throws {
        if let day, day > on { throw g[key]!.error("must not be after on (\(on.iso)); a period going on omits 'to'") }
    }

    func statusHistory(_ v: YAMLValue, on: Day) throws -> [StatusPeriod] {
        var out: [StatusPeriod] = []
        let items = try v.list()
        for (i, item) in items.enumerated() {
            let g = try item.mapping(allowed: ["kind", "from", "to", "basis", "valid_until", "issued", "as", "fiktion", "continues", "note"])
            let kind = try g.required("kind").oneOf(StatusKind.self)
            let from = try g.required("from").day()
            let to = try g.optional("to") { try $0.day() }
            if let t = to {
                if t < from { throw g["to"]!.error("must not be before from (\(from.iso))") }
                if t > on { throw g["to"]!.error("must not be after on (\(on.iso))") }
            } else if i != items.count - 1 {
                throw item.error("only the last period may omit 'to'")
            }
            if from > on { throw g["from"]!.error("must not be after on (\(on.iso))") }
            if let prev = out.last, let prevTo = prev.to, from <= prevTo {
                throw g["from"]!.error("overlaps the previous period (which ends \(prevTo.iso)); periods must be oldest first without overlaps")
            }
            var p = StatusPeriod(kind: kind, from: from, to: to)
            p.basis = try g.optional("basis") { try $0.string() }
            if kind == .aufenthaltserlaubnis, p.basis == nil { throw item.error("missing required field 'basis' for an aufenthaltserlaubnis") }
            p.validUntil = try g.optional("valid_until") { try $0.day() }
            p.issued = try g.optional("issued") { try $0.bool() } ?? true
            if g.has("issued"), !kind.isDuldung { throw g["issued"]!.error("only allowed for the Duldung kinds") }
            p.holder = try g.optional("as") { try $0.oneOf(DuldungHolder.self) } ?? .main
            if g.has("as"), kind != .duldung60d { throw g["as"]!.error("only allowed for duldung_60d") }
            p.fiktion = try g.optional("fiktion") { try $0.oneOf(FiktionKind.self) }
            if kind == .fiktion, p.fiktion == nil { throw item.error("missing required field 'fiktion' (81-3-1, 81-3-2 or 81-4)") }
            p.continues = try g.optional("continues") { try $0.string() }
            if p.fiktion == .continuation, p.continues == nil { throw item.error("missing required field 'continues' for fiktion 81-4") }
            if kind == .duldung60b, from < Day("2019-08-01") {
                throw g["from"]!.error("a § 60b Duldung before August 2019 is not possible (§ 60b in force since August 2019)")
            }
            if let first = p.firstPossibleDay, from < first.day {
                throw g["from"]!.error("a \(kind.rawValue) period is not possible before \(first.day.iso) (\(first.provision) in force since then)")
            }
            out.append(p)
        }
        return out
    }

    func asylum(_ v: YAMLValue) throws -> Asylum {
        let g = try v.mapping(allowed: ["applied_on", "decision", "decided_on", "final_on", "rejected_as", "ou_basis",
                                        "withdrawn_after_12b_advice", "unaccompanied_minor_welfare"])
        var a = Asylum()
        a.appliedOn = try g.optional("applied_on") { try $0.eventDate() } ?? .unknown
        a.decision = try g.optional("decision") { try $0.oneOf(AsylumDecision.self) }
        a.decidedOn = try g.optional("decided_on") { try $0.day() }
        a.finalOn = try g.optional("final_on") { try $0.day() }
        a.rejectedAs = try g.optional("rejected_as") { try $0.oneOf(RejectionKind.self) }
        a.ouBasis = try g.optional("ou_basis") { b in
            let s = try b.string()
            guard s == "other" || Asylum.ouBases.contains(s) else { throw b.error("expected 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b or other, found '\(s)'") }
            return s
        }
        a.withdrawnAfter12bAdvice = try g.optional("withdrawn_after_12b_advice") { try $0.bool() }
        a.unaccompaniedMinorWelfare = try g.optional("unaccompanied_minor_welfare") { try $0.bool() }
        return a
    }

    func share(_ v: YAMLValue) throws -> Double {
        try v.number(0...1, "a share")
    }

    func livelihood(_ v: YAMLValue, on: Day) throws -> [LivelihoodPeriod] {
        var out: [LivelihoodPeriod] = []
        for item in try v.list() {
            let g = try item.mapping(allowed: ["from", "to", "work_share", "own_work_share", "public_funds", "wohngeld",
                                               "benefits_temporary", "bafoeg_need_covered", "public_funds_housing_only"])
            var p = LivelihoodPeriod(from: try g.required("from").day(), to: try g.optional("to") { try $0.day() })
            if let t = p.to, t < p.from { throw g["to"]!.error("must not be before from (\(p.from.iso))") }
            try notAfter(g, "to", p.to, on)
            if let prev = out.last, let prevTo = prev.to, p.from <= prevTo { throw g["from"]!.error("overlaps the previous period") }
            p.workShare = try g.optional("work_share", share)
            p.ownWorkShare = try g.optional("own_work_share", share)
            p.publicFunds = try g.optional("public_funds") { try $0.bool() }
            p.wohngeld = try g.optional("wohngeld") { try $0.bool() }
            p.benefitsTemporary = try g.optional("benefits_temporary") { try $0.bool() }
            p.bafoegNeedCovered = try g.optional("bafoeg_need_covered") { try $0.bool() }
            p.publicFundsHousingOnly = try g.optional("public_funds_housing_only") { try $0.bool() }
            out.append(p)
        }
        return out
    }

    func employment(_ v: YAMLValue, on: Day) throws -> [EmploymentPeriod] {
        try v.list().map { item in
            let g = try item.mapping(allowed: ["from", "to", "hours", "insured", "qualified", "matches_qualification"])
            var e = EmploymentPeriod(from: try g.required("from").day(), to: try g.optional("to") { try $0.day() })
            if let t = e.to, t < e.from { throw g["to"]!.error("must not be before from (\(e.from.iso))") }
            try notAfter(g, "to", e.to, on)
            e.hours = try g.optional("hours") { try $0.number(0...80, "weekly hours") }
            e.insured = try g.optional("insured") { try $0.bool() }
            e.qualified = try g.optional("qualified") { try $0.bool() }
            e.matchesQualification = try g.optional("matches_qualification") { try $0.bool() }
            return e
        }
    }

    func training(_ v: YAMLValue) throws -> Training {
        let g = try v.mapping(allowed: ["kind", "occupation", "from", "planned_end", "registered_on", "follow_on_place_confirmed",
                                        "passed_on", "ended_early_on"])
        var t = Training(kind: try g.required("kind").oneOf(TrainingKind.self), from: try g.required("from").day())
        t.occupation = try g.optional("occupation") { try text($0) }
        t.plannedEnd = try g.optional("planned_end") { try $0.day() }
        t.registeredOn = try g.optional("registered_on") { try $0.eventDate() } ?? .unknown
        t.followOnPlaceConfirmed = try g.optional("follow_on_place_confirmed") { try $0.bool() }
        t.passedOn = try g.optional("passed_on") { try $0.eventDate() } ?? .unknown
        t.endedEarlyOn = try g.optional("ended_early_on") { try $0.eventDate() } ?? .unknown
        return t
    }

    func conviction(_ v: YAMLValue) throws -> Conviction {
        let g = try v.mapping(allowed: ["date", "offence", "intentional", "in_germany", "still_registered", "foreigners_only",
                                        "day_fines", "prison_months", "juvenile_months", "suspended", "juvenile_law",
                                        "jugendstrafe", "s54_group", "btmg_29_1_1"])
        var c = Conviction()
        c.date = try g.required("date").day()
        c.offence = try g.optional("offence") { try text($0) }
        c.intentional = try g.required("intentional").bool()
        c.inGermany = try g.required("in_germany").bool()
        c.stillRegistered = try g.required("still_registered").bool()
        c.foreignersOnly = try g.required("foreigners_only").bool()
        // At most 720 Tagessätze, the ceiling of a Gesamtstrafe (§ 54 Abs. 2 S. 2 StGB; one fine: 360, § 40 Abs. 1 StGB).
        c.dayFines = try g.optional("day_fines") { try $0.int(0...720, "day fines (Tagessätze; § 54 Abs. 2 S. 2 StGB)") }
        c.prisonMonths = try g.optional("prison_months") { try $0.int() }
        c.juvenileMonths = try g.optional("juvenile_months") { try $0.int() }
        c.suspended = try g.optional("suspended") { try $0.bool() }
        c.juvenileLaw = try g.optional("juvenile_law") { try $0.bool() } ?? false
        c.jugendstrafe = try g.optional("jugendstrafe") { try $0.bool() } ?? false
        c.s54Group = try g.optional("s54_group") { s in
            let x = try s.string()
            guard ["1a", "1b", "1c", "1d"].contains(x) else { throw s.error("expected one of 1a, 1b, 1c, 1d, found '\(x)'") }
            return x
        }
        c.btmg2911 = try g.optional("btmg_29_1_1") { try $0.bool() } ?? false
        // A Jugendstrafe is a sanction of juvenile criminal law (CASES.md: "with `juvenile_law`").
        if c.jugendstrafe && !c.juvenileLaw { throw g["jugendstrafe"]!.error("only allowed with juvenile_law: true") }
        let sanctions = [c.dayFines, c.prisonMonths, c.juvenileMonths].compactMap { $0 }.count
        if sanctions > 1 { throw v.error("give exactly one of day_fines, prison_months, juvenile_months") }
        if sanctions == 0 && !c.juvenileLaw {
            throw v.error("give exactly one of day_fines, prison_months, juvenile_months (or juvenile_law: true for a sanction other than Jugendstrafe)")
        }
        if c.isCustodial && c.suspended == nil { throw v.error("missing required field 'suspended' with a prison or juvenile sentence") }
        for (k, x) in [("day_fines", c.dayFines), ("prison_months", c.prisonMonths), ("juvenile_months", c.juvenileMonths)] {
            if let n = x, n < 0 { throw g[k]!.error("must not be negative") }
        }
        return c
    }

    func conduct(_ v: YAMLValue) throws -> Conduct {
        if v.isNoneShorthand { return Conduct.noneStated }
        let g = try v.mapping(allowed: ["current_obstruction", "past_deception", "past_obstruction", "deception_repeated",
                                        "integration_rests_on_false_identity"])
        var c = Conduct()
        c.currentObstruction = try g.optional("current_obstruction") { try $0.list().map { try $0.oneOf(Obstruction.self) } }
        c.pastDeception = try g.optional("past_deception") { try $0.bool() }
        c.pastObstruction = try g.optional("past_obstruction") { try $0.bool() }
        c.deceptionRepeated = try g.optional("deception_repeated") { try $0.bool() }
        c.integrationRestsOnFalseIdentity = try g.optional("integration_rests_on_false_identity") { try $0.bool() }
        return c
    }

    func bars(_ v: YAMLValue) throws -> Bars {
        if v.isNoneShorthand { return Bars.noneStated }
        let g = try v.mapping(allowed: ["entry_ban", "abs4_ground", "s54_abs1_other", "other_expulsion_interest", "expulsion_order", "extremism"])
        var b = Bars()
        b.entryBan = try g.optional("entry_ban") { try $0.bool() }
        b.abs4Ground = try g.optional("abs4_ground") { try $0.bool() }
        b.s54Abs1Other = try g.optional("s54_abs1_other") { try $0.bool() }
        b.otherExpulsionInterest = try g.optional("other_expulsion_interest") { try $0.bool() }
        b.expulsionOrder = try g.optional("expulsion_order") { try $0.bool() }
        b.extremism = try g.optional("extremism") { try $0.bool() }
        return b
    }

    func relation(_ v: YAMLValue, ids: Set<String>) throws -> Relation {
        let g = try v.mapping(allowed: ["kind", "between", "parent", "child", "custody"])
        let kind = try g.required("kind").oneOf(RelationKind.self)
        func person(_ x: YAMLValue) throws -> String {
            let id = try x.string()
            guard ids.contains(id) else { throw x.error("unknown person id '\(id)'") }
            return id
        }
        if kind == .parent {
            for k in ["between"] where g.has(k) { throw g[k]!.error("not allowed for kind parent (use parent and child)") }
            let (p, c) = (try person(g.required("parent")), try person(g.required("child")))
            // A relation joins two persons (QA of 05.12.2026: a person as their own spouse became their own anchor).
            guard p != c else { throw g["child"]!.error("a person cannot be their own parent") }
            return Relation(kind: kind, persons: [p, c], custody: try g.optional("custody") { try $0.bool() })
        }
        for k in ["parent", "child", "custody"] where g.has(k) { throw g[k]!.error("only allowed for kind parent") }
        let between = try g.required("between").list()
        guard between.count == 2 else { throw g["between"]!.error("expected exactly two person ids") }
        let persons = try between.map(person)
        guard persons[0] != persons[1] else { throw g["between"]!.error("expected two different persons") }
        return Relation(kind: kind, persons: persons)
    }

    // MARK: Expectations

    func expect(_ v: YAMLValue, household: Household) throws -> [Expectation] {
        if household.isSinglePerson {
            return try expectations(v, person: household.persons[0].id)
        }
        let ids = Set(household.persons.map(\.id))
        guard v.isMapping else { throw v.error("expected a mapping from person ids to expectations") }
        let f = try v.mapping(allowed: household.persons.map(\.id))
        var out: [Expectation] = []
        for id in household.persons.map(\.id) where ids.contains(id) {
            if let e = f[id] { out += try expectations(e, person: id) }
        }
        return out
    }

    func expectations(_ v: YAMLValue, person: String) throws -> [Expectation] {
        let keys = PathwayKey.allCases.map(\.rawValue)
        let f = try v.mapping(allowed: keys)
        var out: [Expectation] = []
        for key in PathwayKey.allCases {
            guard let e = f[key.rawValue] else { continue }
            let g = try e.mapping(allowed: ["result", "from", "consequence", "failing", "open", "waivers"])
            let result = try g.required("result").oneOf(Outcome.self)
            let from = try g.optional("from") { try $0.day() }
            if result == .reachable, from == nil { throw e.error("missing required field 'from' for result reachable") }
            if result != .reachable, from != nil { throw g["from"]!.error("only allowed with result reachable") }
            let consequence = try g.optional("consequence") { try $0.oneOf(Consequence.self) }
            if consequence != nil, result != .met, result != .reachable { throw g["consequence"]!.error("only allowed with result met or reachable") }
            func ids(_ k: String) throws -> [String] {
                try g.optional(k) { l in try l.list().map { x in
                    let id = try x.string()
                    guard ConditionCatalog.isKnown(id) else { throw x.error("unknown condition id '\(id)' (not in the registry of SPEC.md)") }
                    return id
                } } ?? []
            }
            let failing = try ids("failing")
            let waivers = try ids("waivers")
            if !waivers.isEmpty, result != .met, result != .reachable { throw g["waivers"]!.error("only allowed with result met or reachable") }
            let open = try g.optional("open") { try $0.list().map { try $0.string() } } ?? []
            if !open.isEmpty, ![.unclear, .notMet, .excluded].contains(result) { throw g["open"]!.error("only allowed with result unclear, not_met or excluded") }
            out.append(Expectation(person: person, pathway: key, result: result, from: from, consequence: consequence,
                                   failing: failing, open: open, waivers: waivers))
        }
        return out
    }
}
