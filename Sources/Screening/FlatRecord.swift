import Eligibility
import Foundation

/// The flat CSV an authority can export: one row per person, no names. A column that is left out (or empty) makes
/// the facts it carries unknown. The status history is rebuilt from four dates (see `FlatRecord.statusHistory`).
public enum FlatRecord {
    public static let columns = [
        "id", "born", "nationality", "safe_country_of_origin", "marital_status", "entered",
        "stay_since", "duldung_since", "status", "status_since", "status_basis", "days_60b",
        "asylum_applied_on", "asylum_decision", "asylum_rejected_as", "ou_basis", "asylum_decided_on",
        "minor_children", "children_at_school", "children_born",
        "german_oral", "german_written", "german_date", "civic_test_passed_on", "fdgo_declaration_on",
        "identity_clarified_on", "identity_steps_on", "passport",
        "work_share", "own_work_share", "public_funds", "wohngeld",
        "employment_since", "employment_hours", "employment_insured",
        "day_fines", "day_fines_foreigners_only", "prison_months",
        "obstruction", "entered_for_benefits", "bars",
        "integration_prognosis", "fdgo_doubts", "school_since", "school_successful", "degree_de",
        "training_kind", "training_from", "training_registered_on", "training_passed_on", "removal_measures",
        "housing_sufficient", "departure_impossible_since", "departure_end_foreseeable", "departure_own_fault",
        "integration_course_possible", "integration_course_obliged", "integration_course_completed_on", "integration_course_dropout_not_at_fault",
        "past_deception", "false_identity", "unaccompanied_minor_welfare", "applied_on",
    ]

    /// The columns by position in `columns` (raw value = position): rows are read through a file's `Layout`
    /// without hashing column names per field.
    public enum Column: Int, CaseIterable, Sendable {
        case id, born, nationality, safeCountryOfOrigin, maritalStatus, entered, staySince, duldungSince, status
        case statusSince, statusBasis, days60b, asylumAppliedOn, asylumDecision, asylumRejectedAs, ouBasis
        case asylumDecidedOn, minorChildren, childrenAtSchool, childrenBorn, germanOral, germanWritten, germanDate
        case civicTestPassedOn, fdgoDeclarationOn, identityClarifiedOn, identityStepsOn, passport, workShare
        case ownWorkShare, publicFunds, wohngeld, employmentSince, employmentHours, employmentInsured, dayFines
        case dayFinesForeignersOnly, prisonMonths, obstruction, enteredForBenefits, bars, integrationPrognosis
        case fdgoDoubts, schoolSince, schoolSuccessful, degreeDe, trainingKind, trainingFrom, trainingRegisteredOn
        case trainingPassedOn, removalMeasures, housingSufficient, departureImpossibleSince, departureEndForeseeable
        case departureOwnFault, integrationCoursePossible, integrationCourseObliged, integrationCourseCompletedOn
        case integrationCourseDropoutNotAtFault, pastDeception, falseIdentity, unaccompaniedMinorWelfare, appliedOn

        public var name: String { FlatRecord.columns[rawValue] }
    }

    /// Where each column sits in the rows of one file (built once from its header); -1 when the file lacks it.
    public struct Layout: Sendable {
        let slots: [Int]
        /// The number of fields of a row.
        public let width: Int
        /// The field separator of the file: a comma, or a semicolon (German spreadsheet exports).
        public let separator: UInt8

        public init(header: [String], separator: UInt8 = 44) {
            self.separator = separator
            var slots = [Int](repeating: -1, count: Column.allCases.count)
            for (i, name) in header.enumerated() {
                if let c = FlatRecord.columns.firstIndex(of: name), slots[c] < 0 { slots[c] = i }
            }
            self.slots = slots
            width = header.count
        }
    }

    /// One CSV row read through its file's layout.
    /// Per column, the German words its cells may hold (`GermanCodes`).
    static let germanCodes = columns.map(GermanCodes.lookup)

    public struct Row {
        public let fields: [String]
        public let layout: Layout
        public init(fields: [String], layout: Layout) { self.fields = fields; self.layout = layout }
        public subscript(_ c: Column) -> String? {
            let i = layout.slots[c.rawValue]
            return i < 0 || i >= fields.count ? nil : fields[i]
        }
    }

    public struct RowError: Error, CustomStringConvertible {
        public var column: String
        public var message: String
        public var description: String { "\(column): \(message)" }
    }

    /// The household of a row given as column names and values (tests, round trips).
    public static func household(_ row: [String: String], on: Day) throws -> (id: String, household: Household) {
        try household(Row(fields: Array(row.values), layout: Layout(header: Array(row.keys))), on: on)
    }

    /// Builds the household of one row. `minor_children` become persons of the case (unmarried, born as
    /// `children_born` says or else 10 years old, attending school as `children_at_school` says) so that the household
    /// rules apply.
    public static func household(_ row: Row, on: Day) throws -> (id: String, household: Household) {
        let (id, household, _) = try application(row, on: on)
        return (id, household)
    }

    /// The household of a row and the date of its pending application (`applied_on`: one for the whole row, as a
    /// case file's; nil = filed on the screening date).
    public static func application(_ row: Row, on: Day) throws -> (id: String, household: Household, appliedOn: Day?) {
        let r = try parsed(row, on: on)
        return (r.id, r.household, r.appliedOn)
    }

    /// A row as read: its household, the date of its pending application, and whether its children's ages are assumed.
    public struct Parsed {
        public var id: String, household: Household, appliedOn: Day?
        /// The row has children but no `children_born`: they stand in at an assumed age.
        public var childAgesAssumed = false
        /// `children_at_school` as the row says it.
        var childrenAtSchool: Bool? = nil

        /// The household with the children as old as a minor can be (18 the next day, or born on the person's 12th
        /// birthday) and as young (born on the screening date); none when their ages are known. A pathway whose answer
        /// changes between these and the assumed age rests on the children's ages (QA42 L4: a confident date four years
        /// on, for a child that would be 18 before).
        public func childAgeBounds(on: Day) -> [Household] {
            guard childAgesAssumed else { return [] }
            let person = household.persons[0]
            let oldest = min(on, max(on.adding(years: -18).adding(days: 1), person.born.map { $0.adding(years: 12) } ?? .distantPast))
            return [oldest, on].map { day in
                var h = household
                h.persons = [person] + household.persons.dropFirst().map { FlatRecord.reborn($0, on: day, school: childrenAtSchool, screening: on) }
                return h
            }
        }
    }

    public static func parsed(_ row: Row, on: Day) throws -> Parsed {
        func v(_ k: Column) -> String? { row[k].flatMap(trimmed) }
        /// A code, also as its German word (`GermanCodes`).
        func g(_ k: Column) -> String? { v(k).map { GermanCodes.code($0, germanCodes[k.rawValue]) } }
        func day(_ k: Column) throws -> Day? {
            guard let t = v(k) else { return nil }
            guard let d = Day(iso: t) ?? Day(german: t), FactBounds.days.contains(d) else {
                throw RowError(column: k.name, message: "expected a date YYYY-MM-DD or DD.MM.YYYY from 1900 to 2199, found '\(t)'")
            }
            return d
        }
        func event(_ k: Column) throws -> EventDate {
            guard let t = g(k) else { return .unknown }
            if t == "none" || t == "null" { return .never }
            return .on(try day(k)!)
        }
        /// An event that has happened by the screening date, if at all (a test passed, a declaration signed).
        func pastEvent(_ k: Column) throws -> EventDate {
            let e = try event(k)
            if case .on(let d) = e, d > on { throw RowError(column: k.name, message: "after the screening date") }
            return e
        }
        func bool(_ k: Column) throws -> Bool? {
            guard let t = v(k) else { return nil }
            // As written by `synth` and most exports: decided without folding the case.
            if t == "true" { return true }
            if t == "false" { return false }
            // As spreadsheets write them in any case, German ones too (WAHR/FALSCH; QA of 05.12.2026).
            switch t.lowercased() { case "true", "1", "ja", "wahr", "yes": return true; case "false", "0", "nein", "falsch", "no": return false
            default: throw RowError(column: k.name, message: "expected true or false (also ja/nein, wahr/falsch, 1/0), found '\(t)'") }
        }
        // A decimal comma ("0,5") as German exports write it.
        func decimal(_ t: String) -> Double? { Double(t) ?? Double(t.replacingOccurrences(of: ",", with: ".")) }
        func number(_ k: Column) throws -> Double? {
            guard let t = v(k) else { return nil }
            guard let x = decimal(t), x >= 0, x <= Double(FactBounds.largestNumber) else {
                throw RowError(column: k.name, message: "expected a number from 0 to \(FactBounds.largestNumber), found '\(t)'")
            }
            return x
        }
        /// A count (children, day fines, months, days): a whole number. "1.5" or "1e3" children cannot be true and
        /// were cut to 1 or capped (QA of 06.12.2026); such a row is rejected, not clamped.
        func count(_ k: Column) throws -> Int? {
            guard let t = v(k) else { return nil }
            guard t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(t), n <= FactBounds.largestNumber else {
                throw RowError(column: k.name, message: "expected a whole number from 0 to \(FactBounds.largestNumber), found '\(t)'")
            }
            return n
        }
        /// A share of the livelihood: from 0 to 1 (a decimal comma allowed).
        func share(_ k: Column) throws -> Double? {
            if let t = v(k), let x = decimal(t), x < 0 {
                throw RowError(column: k.name, message: "expected a share from 0 to 1, found '\(t)'")
            }
            guard let x = try number(k) else { return nil }
            guard x <= 1 else { throw RowError(column: k.name, message: "expected a share from 0 to 1, found '\(v(k) ?? "")'") }
            return x
        }
        /// A date that cannot lie after the screening date (a birth, an entry, the start of a stay).
        func past(_ k: Column) throws -> Day? {
            guard let d = try day(k) else { return nil }
            guard d <= on else { throw RowError(column: k.name, message: "after the screening date") }
            return d
        }
        guard let id = v(.id) else { throw RowError(column: "id", message: "missing") }
        // A pending application (K10): age limits and the law's version are judged on its date.
        let appliedOn = try past(.appliedOn)
        var p = Person(id: "p")
        p.label = id
        p.born = try past(.born)
        // ISO 3166-1 alpha-3 as the case files take it, in either case ("srb" is SRB); a name or another code is refused
        // (QA of 06.12.2026: "Serbien" and "srb" made every safe-country decision unclear without a word).
        if let n = v(.nationality) {
            guard n.utf8.count == 3, n.utf8.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else {
                throw RowError(column: "nationality", message: "expected an ISO 3166-1 alpha-3 code such as AFG or SRB, found '\(n.prefix(40))'")
            }
            // A well-formed code that names no country is refused too (QA of 06.12.2026: "QQQ" passed).
            guard ISO3166.isKnown(n.uppercased()) else {
                throw RowError(column: "nationality", message: "unknown ISO 3166-1 alpha-3 code '\(n)' (XXA stateless, XXX unknown)")
            }
            p.nationality = n.uppercased()
        }
        p.safeCountryOfOrigin = try bool(.safeCountryOfOrigin)
        if let m = g(.maritalStatus) {
            guard let ms = MaritalStatus(rawValue: m) else { throw RowError(column: "marital_status", message: "unknown value '\(m)'") }
            p.maritalStatus = ms
        }
        p.entered = try past(.entered)
        p.enteredForBenefits = try bool(.enteredForBenefits)
        p.status = try statusHistory(row, on: on, entered: p.entered, day: past, count: count)
        // Any asylum column makes an application record (its date may be unknown): a decision without the date is
        // read and checked, not dropped (QA of 05.12.2026).
        let asylumColumns: [Column] = [.asylumAppliedOn, .asylumDecision, .asylumRejectedAs, .ouBasis, .asylumDecidedOn, .unaccompaniedMinorWelfare]
        if asylumColumns.contains(where: { v($0) != nil }) {
            var a = Asylum()
            if let applied = g(.asylumAppliedOn) { a.appliedOn = applied == "none" ? .never : .on(try past(.asylumAppliedOn)!) }
            if let d = g(.asylumDecision) {
                guard let dec = AsylumDecision(rawValue: d) else { throw RowError(column: "asylum_decision", message: "unknown value '\(d)'") }
                a.decision = dec
            }
            if let r = g(.asylumRejectedAs) {
                guard let rej = RejectionKind(rawValue: r) else { throw RowError(column: "asylum_rejected_as", message: "unknown value '\(r)'") }
                a.rejectedAs = rej
            }
            if let b = v(.ouBasis) {
                guard b == "other" || Asylum.ouBases.contains(b) else {
                    throw RowError(column: "ou_basis", message: "expected 30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b or other, found '\(b)'")
                }
                a.ouBasis = b
            }
            a.decidedOn = try past(.asylumDecidedOn)
            a.unaccompaniedMinorWelfare = try bool(.unaccompaniedMinorWelfare)
            p.asylum = a
        }
        // An empty cell is unknown like a missing column (QA of 05.12.2026: empty German, conviction and school cells
        // were read as "none" and turned unclear rows into not_met, or met).
        if v(.germanOral) != nil || v(.germanWritten) != nil {
            var certs: [GermanCertificate] = []
            // Without its date, a certificate is known to exist by the screening date, not earlier.
            let date = try past(.germanDate) ?? on
            for (k, scope) in [(Column.germanOral, LanguageScope.oral), (.germanWritten, .written)] {
                guard let t = g(k), t != "none" else { continue }
                guard let level = LanguageLevel(code: t.uppercased()) else { throw RowError(column: k.name, message: "expected A1…C2 or none, found '\(t)'") }
                certs.append(GermanCertificate(level: level, scope: scope, date: date))
            }
            p.german = certs
        }
        p.civicTestPassedOn = try pastEvent(.civicTestPassedOn)
        p.fdgoDeclarationOn = try pastEvent(.fdgoDeclarationOn)
        if v(.identityClarifiedOn) != nil || v(.identityStepsOn) != nil {
            p.identity = Identity(clarifiedOn: try pastEvent(.identityClarifiedOn), allStepsTakenOn: try pastEvent(.identityStepsOn))
        }
        p.passport = try bool(.passport)
        let employmentSince = try past(.employmentSince)
        if let work = try share(.workShare) {
            var lu = LivelihoodPeriod(from: employmentSince ?? p.entered ?? on)
            if lu.from > on { lu.from = on }
            lu.workShare = work; lu.ownWorkShare = try share(.ownWorkShare)
            lu.publicFunds = try bool(.publicFunds); lu.wohngeld = try bool(.wohngeld)
            p.livelihood = [lu]
        }
        // Hours are checked whether or not the start is given (a bad value must not pass because it is not used).
        let hours = try number(.employmentHours)
        if let h = hours, h > 80 { throw RowError(column: "employment_hours", message: "expected weekly hours from 0 to 80, found '\(v(.employmentHours) ?? "")'") }
        if let since = employmentSince {
            var e = EmploymentPeriod(from: since)
            e.hours = hours; e.insured = try bool(.employmentInsured)
            p.employment = [e]
        } else if v(.employmentHours) == "0" {
            p.employment = []
        }
        // Known only with all three cells given: one empty cell leaves open whether there is such a conviction (QA of
        // 05.12.2026: "0" in two cells and an empty one read as no convictions).
        let convictionCells: [Column] = [.dayFines, .prisonMonths, .dayFinesForeignersOnly]
        for k in convictionCells { _ = try count(k) }   // a bad value is an error even beside an empty cell
        if convictionCells.allSatisfy({ v($0) != nil }) {
            var list: [Conviction] = []
            func conviction(_ fines: Int?, prison: Int?, foreignersOnly: Bool) -> Conviction {
                var c = Conviction()
                c.date = on; c.intentional = true; c.inGermany = true; c.stillRegistered = true; c.foreignersOnly = foreignersOnly
                c.dayFines = fines; c.prisonMonths = prison; c.suspended = prison == nil ? nil : true
                c.aggregate = true   // the columns are totals (README)
                return c
            }
            if let f = try count(.dayFines), f > 0 { list.append(conviction(f, prison: nil, foreignersOnly: false)) }
            if let f = try count(.dayFinesForeignersOnly), f > 0 { list.append(conviction(f, prison: nil, foreignersOnly: true)) }
            if let m = try count(.prisonMonths), m > 0 { list.append(conviction(nil, prison: m, foreignersOnly: false)) }
            p.convictions = list
        }
        // Three columns, each its own facts (QA35 L4: "none" today was read as never, and as no false identity).
        let obstruction = g(.obstruction), deceivedBefore = try bool(.pastDeception), falseIdentity = try bool(.falseIdentity)
        if obstruction != nil || deceivedBefore != nil || falseIdentity != nil {
            var c = Conduct()
            if let o = obstruction {
                if o == "none" { c.currentObstruction = [] } else {
                    guard let ob = Obstruction(rawValue: o) else { throw RowError(column: "obstruction", message: "expected none, deception, false_statements or non_cooperation") }
                    c.currentObstruction = [ob]
                }
            }
            // Earlier deception, false statements or obstruction: "false" rules out all of them (and a repetition).
            if let deceivedBefore {
                c.pastDeception = deceivedBefore
                if !deceivedBefore { c.pastObstruction = false; c.deceptionRepeated = false }
            }
            c.integrationRestsOnFalseIdentity = falseIdentity
            p.conduct = c
        }
        if let b = g(.bars) {
            var bars = Bars.noneStated
            for part in b.split(separator: "|") where part != "none" {
                switch part {
                case "entry_ban": bars.entryBan = true
                case "abs4_ground": bars.abs4Ground = true
                case "s54_abs1_other": bars.s54Abs1Other = true
                case "other_expulsion_interest": bars.otherExpulsionInterest = true
                case "expulsion_order": bars.expulsionOrder = true
                case "extremism": bars.extremism = true
                default: throw RowError(column: "bars", message: "unknown bar '\(part)'")
                }
            }
            p.bars = bars
        }
        if let ip = g(.integrationPrognosis) {
            guard let x = IntegrationPrognosis(rawValue: ip) else { throw RowError(column: "integration_prognosis", message: "positive or negative") }
            p.integrationPrognosis = x
        }
        p.fdgoDoubts = try bool(.fdgoDoubts)
        // The integration course (§ 60d Abs. 1 Nr. 11, § 25b Abs. 6): without these columns § 60d and § 25b Abs. 6 could
        // never be met from a flat list (QA of 06.12.2026).
        var course = IntegrationCourse()
        course.possible = try bool(.integrationCoursePossible); course.obliged = try bool(.integrationCourseObliged)
        course.completedOn = try pastEvent(.integrationCourseCompletedOn); course.dropoutNotAtFault = try bool(.integrationCourseDropoutNotAtFault)
        if course != IntegrationCourse() { p.integrationCourse = course }
        if g(.schoolSince) == "none" { p.education = [] } else if let since = try past(.schoolSince) {
            p.education = [EducationPeriod(kind: .school, from: since, to: nil, successful: try bool(.schoolSuccessful))]
        }
        if let d = g(.degreeDe) {
            switch d {
            case "none": p.degrees = []
            case "school", "vocational", "university", "care_assistant":
                p.degrees = [Degree(kind: DegreeKind(rawValue: d)!, on: p.entered ?? on, country: "DEU")]
            default: throw RowError(column: "degree_de", message: "none, school, vocational, care_assistant or university")
            }
        }
        if let k = g(.trainingKind) {
            if k == "none" { p.training = [] } else {
                guard let kind = TrainingKind(rawValue: k), let from = try day(.trainingFrom) else {
                    throw RowError(column: "training_kind", message: "qualified or helper, with training_from")
                }
                var t = Training(kind: kind, from: from)
                t.registeredOn = try event(.trainingRegisteredOn)
                t.passedOn = try pastEvent(.trainingPassedOn)
                t.endedEarlyOn = .never
                p.training = [t]
            }
        }
        if let rm = g(.removalMeasures) {
            p.removalMeasures = try rm == "none" ? [] : rm.split(separator: "|").map {
                guard let m = RemovalMeasure(rawValue: String($0)) else { throw RowError(column: "removal_measures", message: "unknown measure '\($0)'") }
                return m
            }
        }
        p.housingSufficient = try bool(.housingSufficient)
        if v(.departureImpossibleSince) != nil || v(.departureOwnFault) != nil {
            var d = Departure()
            d.impossibleSince = try pastEvent(.departureImpossibleSince)
            d.endForeseeable = try bool(.departureEndForeseeable)
            d.ownFault = try bool(.departureOwnFault)
            p.departure = d
        }
        // Nothing of the row before the birth, no stay before the entry, no decision before the application (QA of
        // 05.12.2026: such rows were screened as given).
        // Read from the person already built (no cell is parsed twice: this runs for every row of a population).
        if let born = p.born {
            func dayOf(_ e: EventDate?) -> Day? { if case .on(let d)? = e { return d } else { return nil } }
            let dated: [(Column, Day?)] = [
                (.entered, p.entered), (.statusSince, p.status?.first?.from), (.germanDate, p.german?.first?.date),
                (.schoolSince, p.education?.first?.from), (.civicTestPassedOn, dayOf(p.civicTestPassedOn)),
                (.fdgoDeclarationOn, dayOf(p.fdgoDeclarationOn)), (.identityClarifiedOn, dayOf(p.identity?.clarifiedOn)),
                (.identityStepsOn, dayOf(p.identity?.allStepsTakenOn)), (.asylumAppliedOn, dayOf(p.asylum?.appliedOn)),
                (.asylumDecidedOn, p.asylum?.decidedOn), (.employmentSince, p.employment?.first?.from),
                (.trainingFrom, p.training?.first?.from), (.trainingRegisteredOn, dayOf(p.training?.first?.registeredOn)),
                (.trainingPassedOn, dayOf(p.training?.first?.passedOn)),
                (.departureImpossibleSince, dayOf(p.departure?.impossibleSince)),
            ]
            if let (k, _) = dated.first(where: { $0.1.map { $0 < born } ?? false }) {
                // The history's first period may come from any of its three columns: name the one that is given first.
                let column = k == .statusSince ? [Column.staySince, .duldungSince, .statusSince].first { v($0) != nil } ?? k : k
                throw RowError(column: column.name, message: "before the birth date")
            }
        }
        if case .on(let applied)? = p.asylum?.appliedOn, let decided = p.asylum?.decidedOn, decided < applied {
            throw RowError(column: "asylum_decided_on", message: "before the application (asylum_applied_on)")
        }
        // A row holds one person: a spouse (married, or the status not given) or the parents of a minor may live with
        // them without being in it, so their relations are not known and the family routes through them are open, not
        // closed (SPEC.md § 8; QA of 06.12.2026: § 25b Abs. 4 and § 25a Abs. 2 came out "excluded" for them).
        let minor = p.born.map { $0.adding(years: 18) > on } ?? true
        let alone = p.maritalStatus != nil && p.maritalStatus != .married && !minor
        let births = try childrenBorn(row, parent: p, on: on)
        if let births, let given = try count(.minorChildren), given != births.count {
            throw RowError(column: "children_born", message: "\(births.count) birth date\(births.count == 1 ? "" : "s") given, but minor_children is \(given)")
        }
        guard let kids = try births?.count ?? count(.minorChildren), kids > 0 else {
            // "0" (not an empty cell: unknown, as the README says – QA of 05.12.2026) and no one else: alone.
            if v(.minorChildren) != nil, alone { return Parsed(id: id, household: Household(single: p), appliedOn: appliedOn) }
            // Children unknown, or a spouse or parents not in the row: family and household are not known.
            return Parsed(id: id, household: Household(persons: [p], relations: [], household: nil, relationsKnown: false, childrenListed: v(.minorChildren) != nil),
                          appliedOn: appliedOn)
        }
        var persons = [p], relations: [Relation] = []
        let school = try bool(.childrenAtSchool)
        // Children beyond ten are alike to the rules: ten stand for them all (the youngest, whose minority lasts longest).
        let born = births.map { Array($0.sorted(by: >).prefix(10)) } ?? Array(repeating: assumedChildBirth(parent: p, on: on), count: min(kids, 10))
        for (i, day) in born.enumerated() {
            var c = Person(id: "c\(i)")
            // Named in the first action ("… von Kind 1"), not by the internal id (QA of 05.12.2026).
            c.label = "Kind \(i + 1)"
            c.maritalStatus = .single
            c.convictions = []
            persons.append(Self.reborn(c, on: day, school: school, screening: on))
            relations.append(Relation(kind: .parent, persons: ["p", c.id]))
        }
        return Parsed(id: id, household: Household(persons: persons, relations: relations, household: Set(persons.map(\.id)), relationsKnown: alone),
                      appliedOn: appliedOn, childAgesAssumed: births == nil, childrenAtSchool: school)
    }

    /// Without `children_born`: ten years old, or for a young parent born when the parent was 16 (QA36 F8: a
    /// 20-year-old's children were born when the parent was 10); a newborn for a parent under 16.
    static func assumedChildBirth(parent p: Person, on: Day) -> Day {
        min(on, max(on.adding(years: -10), p.born.map { $0.adding(years: 16) } ?? .distantPast))
    }

    /// An implied child born on `day`: at school (as `children_at_school` says) from the age of six, at most the last
    /// four years. A child under six on the screening day starts school at six, as the README states the column (QA43
    /// A1: with no school at all, a child turning six before the parent's years complete put § 25b at its 18th birthday).
    static func reborn(_ child: Person, on day: Day, school: Bool?, screening on: Day) -> Person {
        var c = child
        c.born = day
        let schoolFrom = max(on.adding(years: -4), day.adding(years: 6))
        if let school { c.education = school ? [EducationPeriod(kind: .school, from: schoolFrom, successful: true)] : [] }
        return c
    }

    /// `children_born`: the minor children's birth dates, separated by `;` or spaces (nil when the cell is empty).
    /// Each must make a minor on the screening date, born after the parent's 12th birthday.
    static func childrenBorn(_ row: Row, parent p: Person, on: Day) throws -> [Day]? {
        guard let cell = row[.childrenBorn].flatMap(trimmed) else { return nil }
        let parts = cell.split { $0 == ";" || $0 == " " }
        guard !parts.isEmpty else { return nil }
        return try parts.map { part in
            let t = String(part)
            guard let d = Day(iso: t) ?? Day(german: t), FactBounds.days.contains(d) else {
                throw RowError(column: "children_born", message: "expected dates YYYY-MM-DD or DD.MM.YYYY separated by ';', found '\(t.prefix(40))'")
            }
            guard d <= on else { throw RowError(column: "children_born", message: "\(d.iso) is after the screening date") }
            guard d.adding(years: 18) > on else { throw RowError(column: "children_born", message: "\(d.iso): not a minor on the screening date (minor_children counts children under 18)") }
            if let parentBorn = p.born, d < parentBorn.adding(years: 12) {
                throw RowError(column: "children_born", message: "\(d.iso) is before the person's 12th birthday")
            }
            return d
        }
    }

    /// The field without surrounding spaces, nil when empty (Foundation's trimming is slow on millions of rows).
    static func trimmed(_ s: String) -> String? {
        let u = s.utf8
        // Nearly every field is empty or untrimmed already: decided on its first and last byte (read from the
        // contiguous bytes: the UTF-8 view's `last` steps back through its index, a percent of a screening).
        let ends = u.withContiguousStorageIfAvailable { $0.isEmpty ? nil : (head: $0[0], tail: $0[$0.count - 1]) }
            ?? u.first.map { (head: $0, tail: u.last!) }
        guard let ends else { return nil }
        if ends.head != 32, ends.head != 9, ends.tail != 32, ends.tail != 9 { return s }
        guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }) else { return nil }
        let last = u.lastIndex(where: { $0 != 32 && $0 != 9 })!
        return first == u.startIndex && last == u.index(before: u.endIndex) ? s : String(s[first...last])
    }

    /// stay_since … duldung_since − 1: a qualifying stay (taken as Gestattung); `days_60b` of it as a § 60b Duldung
    /// just before duldung_since; duldung_since … status_since − 1: Duldung; from status_since: the current status.
    static func statusHistory(_ row: Row, on: Day, entered: Day? = nil, day: (Column) throws -> Day?, count: (Column) throws -> Int?) throws -> [StatusPeriod]? {
        guard let kindText = row[.status].flatMap(trimmed).map({ GermanCodes.code($0, germanCodes[Column.status.rawValue]) }) else {
            // The history is built from the current status: without it these dates would be lost without a word.
            for k in [Column.staySince, .duldungSince, .days60b] where row[k].flatMap(trimmed) != nil {
                throw RowError(column: "status", message: "required with \(k.name) (the status history is built from the current status and status_since)")
            }
            return nil
        }
        guard let kind = StatusKind(rawValue: kindText) else { throw RowError(column: "status", message: "unknown status '\(kindText)'") }
        guard let since = try day(.statusSince) else { throw RowError(column: "status_since", message: "required with status") }
        guard since <= on else { throw RowError(column: "status_since", message: "after the screening date") }
        var periods: [StatusPeriod] = []
        // The dates must follow each other: a contradiction is a row error, not a history stretched to fit (QA of
        // 05.12.2026: a status_since before stay_since moved the whole stay back and met § 25b).
        let duldung = try day(.duldungSince), stay = try day(.staySince)
        if let duldung, duldung > since {
            throw RowError(column: "duldung_since", message: "\(duldung.iso) is after status_since \(since.iso) (the first Duldung cannot follow the current status)")
        }
        if let stay, let entered, stay < entered { throw RowError(column: "stay_since", message: "before the entry (entered)") }
        if let stay, stay > (duldung ?? since) {
            throw RowError(column: "stay_since", message: "\(stay.iso) is after \(duldung != nil ? "duldung_since" : "status_since") \((duldung ?? since).iso)")
        }
        let days60b = try count(.days60b) ?? 0
        let end = duldung ?? since
        // More § 60b days than the stay holds cannot be true: rejected, not cut to the stay (QA of 06.12.2026: 5,000 days
        // in a stay of 830 were taken and moved § 25b by years).
        if days60b > 0, let bound = stay ?? entered, end.adding(days: -days60b) < bound {
            throw RowError(column: "days_60b", message: "\(days60b) days exceed the \(bound.days(to: end)) days from \(stay != nil ? "stay_since" : "entered") \(bound.iso) until \(end.iso)")
        }
        // The § 60b days lie just before the (first) Duldung, within the stay when it is known.
        let split = days60b > 0 ? max(stay ?? .distantPast, end.adding(days: -days60b)) : end
        // § 60b exists since 01.08.2019: days before it cannot be § 60b days (the case-file check refuses them too).
        if split < end, split < Day("2019-08-01") {
            throw RowError(column: "days_60b", message: "\(days60b) days before \(end.iso) reach back to \(split.iso), before § 60b existed (01.08.2019)")
        }
        // From the entry to the start of the uninterrupted stay the person held no qualifying status: the stay begins
        // with stay_since by definition (QA of 05.12.2026: the days between were unknown, and a day's gap left § 25b
        // unclear). Without stay_since, the time before the first status stays unknown.
        if let stay, let entered, entered < stay { periods.append(StatusPeriod(kind: .none, from: entered, to: stay.adding(days: -1))) }
        if let stay, stay < split { periods.append(StatusPeriod(kind: .gestattung, from: stay, to: split.adding(days: -1))) }
        if split < end { periods.append(StatusPeriod(kind: .duldung60b, from: split, to: end.adding(days: -1))) }
        if let duldung, duldung < since { periods.append(StatusPeriod(kind: .duldung, from: duldung, to: since.adding(days: -1))) }
        var current = StatusPeriod(kind: kind, from: since)
        // An export may write "§ 104c" or "104C"; the engine compares the short form.
        let basis = row[.statusBasis].map(StatusPeriod.shortBasis).flatMap { $0.isEmpty ? nil : $0 }
        if kind == .aufenthaltserlaubnis { current.basis = basis ?? "?" }
        if kind == .fiktion { current.fiktion = .continuation; current.continues = basis ?? "?" }
        // Not before its provision existed, as the case files (QA25 S3).
        if let first = current.firstPossibleDay, since < first.day {
            throw RowError(column: "status_since", message: "a \(kind.rawValue) period is not possible before \(first.day.iso) (\(first.provision) in force since then)")
        }
        periods.append(current)
        return periods
    }

    /// A person's facts as a flat row (lossy: the inverse of `household`, for `synth` and tests).
    public static func row(id: String, _ p: Person, minorChildren: Int, childrenAtSchool: Bool?, childrenBorn: [Day] = [], on: Day) -> [String: String] {
        var r: [String: String] = ["id": id]
        r["born"] = p.born?.iso; r["nationality"] = p.nationality; r["safe_country_of_origin"] = p.safeCountryOfOrigin.map(String.init)
        r["marital_status"] = p.maritalStatus?.rawValue; r["entered"] = p.entered?.iso
        r["entered_for_benefits"] = p.enteredForBenefits.map(String.init)
        if let status = p.status, let last = status.last {
            r["status"] = last.kind.rawValue; r["status_since"] = last.from.iso; r["status_basis"] = last.titleBasis
            let qualifying = status.filter { $0.kind != .none && $0.kind != .abroad }
            r["stay_since"] = qualifying.first?.from.iso
            if let firstDuldung = status.lastIndex(where: { !$0.kind.isDuldung || $0.kind == .duldung60b }).map({ $0 + 1 }), firstDuldung < status.count {
                r["duldung_since"] = status[firstDuldung].from.iso
            } else if status.allSatisfy({ $0.kind.isDuldung && $0.kind != .duldung60b }) { r["duldung_since"] = status.first?.from.iso }
            r["days_60b"] = String(status.filter { $0.kind == .duldung60b }.reduce(0) { $0 + $1.from.days(to: $1.to ?? on) + 1 })
        }
        if let a = p.asylum {
            switch a.appliedOn { case .never: r["asylum_applied_on"] = "none"; case .on(let d): r["asylum_applied_on"] = d.iso; case .unknown: break }
            r["asylum_decision"] = a.decision?.rawValue; r["asylum_rejected_as"] = a.rejectedAs?.rawValue
            r["ou_basis"] = a.ouBasis; r["asylum_decided_on"] = a.decidedOn?.iso
            r["unaccompanied_minor_welfare"] = a.unaccompaniedMinorWelfare.map(String.init)
        }
        r["minor_children"] = String(minorChildren); r["children_at_school"] = childrenAtSchool.map(String.init)
        if !childrenBorn.isEmpty { r["children_born"] = childrenBorn.map(\.iso).joined(separator: ";") }
        if let g = p.german {
            r["german_oral"] = g.filter { $0.scope != .written }.map(\.level).max()?.code ?? "none"
            r["german_written"] = g.filter { $0.scope != .oral }.map(\.level).max()?.code ?? "none"
            r["german_date"] = g.map(\.date).max()?.iso
        }
        func ev(_ e: EventDate) -> String? { switch e { case .unknown: return nil; case .never: return "none"; case .on(let d): return d.iso } }
        r["civic_test_passed_on"] = ev(p.civicTestPassedOn); r["fdgo_declaration_on"] = ev(p.fdgoDeclarationOn)
        if let i = p.identity { r["identity_clarified_on"] = ev(i.clarifiedOn); r["identity_steps_on"] = ev(i.allStepsTakenOn) }
        r["passport"] = p.passport.map(String.init)
        if let lu = p.livelihood?.last {
            r["work_share"] = lu.workShare.map { String($0) }; r["own_work_share"] = lu.ownWorkShare.map { String($0) }
            r["public_funds"] = lu.publicFunds.map(String.init); r["wohngeld"] = lu.wohngeld.map(String.init)
        }
        if let e = p.employment?.last(where: { $0.to == nil }) {
            r["employment_since"] = e.from.iso; r["employment_hours"] = e.hours.map { String(Int($0)) }; r["employment_insured"] = e.insured.map(String.init)
        } else if p.employment?.isEmpty == true { r["employment_hours"] = "0" }
        if let cs = p.convictions {
            r["day_fines"] = String(cs.filter { $0.foreignersOnly == false }.compactMap(\.dayFines).reduce(0, +))
            r["day_fines_foreigners_only"] = String(cs.filter { $0.foreignersOnly == true }.compactMap(\.dayFines).reduce(0, +))
            r["prison_months"] = String(cs.compactMap(\.prisonMonths).reduce(0, +))
        }
        if let c = p.conduct {
            r["obstruction"] = c.currentObstruction.map { $0.first?.rawValue ?? "none" }
            if c.pastDeception == true || c.pastObstruction == true { r["past_deception"] = "true" }
            else if c.pastDeception == false, c.pastObstruction == false, c.deceptionRepeated != true { r["past_deception"] = "false" }
            r["false_identity"] = c.integrationRestsOnFalseIdentity.map(String.init)
        }
        r["integration_prognosis"] = p.integrationPrognosis?.rawValue; r["fdgo_doubts"] = p.fdgoDoubts.map(String.init)
        if let ic = p.integrationCourse {
            r["integration_course_possible"] = ic.possible.map(String.init); r["integration_course_obliged"] = ic.obliged.map(String.init)
            r["integration_course_completed_on"] = ev(ic.completedOn); r["integration_course_dropout_not_at_fault"] = ic.dropoutNotAtFault.map(String.init)
        }
        if let school = p.education?.filter({ $0.kind == .school }).first { r["school_since"] = school.from.iso; r["school_successful"] = school.successful.map(String.init) }
        else if p.education != nil { r["school_since"] = "none" }
        if let d = p.degrees { r["degree_de"] = d.first(where: { $0.country == "DEU" })?.kind.rawValue ?? "none" }
        if let t = p.training { if let last = t.last { r["training_kind"] = last.kind.rawValue; r["training_from"] = last.from.iso
            r["training_registered_on"] = ev(last.registeredOn); r["training_passed_on"] = ev(last.passedOn) } else { r["training_kind"] = "none" } }
        r["removal_measures"] = p.removalMeasures.map { $0.isEmpty ? "none" : $0.map(\.rawValue).joined(separator: "|") }
        r["housing_sufficient"] = p.housingSufficient.map(String.init)
        if let d = p.departure {
            r["departure_impossible_since"] = ev(d.impossibleSince); r["departure_end_foreseeable"] = d.endForeseeable.map(String.init)
            r["departure_own_fault"] = d.ownFault.map(String.init)
        }
        if let b = p.bars {
            var parts: [String] = []
            if b.entryBan == true { parts.append("entry_ban") }; if b.abs4Ground == true { parts.append("abs4_ground") }
            if b.s54Abs1Other == true { parts.append("s54_abs1_other") }; if b.otherExpulsionInterest == true { parts.append("other_expulsion_interest") }
            if b.expulsionOrder == true { parts.append("expulsion_order") }; if b.extremism == true { parts.append("extremism") }
            r["bars"] = parts.isEmpty ? "none" : parts.joined(separator: "|")
        }
        return r
    }
}
