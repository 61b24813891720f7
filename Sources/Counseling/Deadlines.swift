import Eligibility

/// A reminder (Wiedervorlage) derived from a client's data and the engine's answer.
public struct Deadline: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A Duldung or residence permit runs out (reminder four weeks ahead).
        case statusEnds = "status_ends"
        /// The last day to apply for § 25a (the day before the 27th birthday).
        case lastDay25a = "last_day_25a"
        /// A pathway becomes reachable.
        case pathwayReachable = "pathway_reachable"
        /// The § 104c privileges in §§ 25a, 25b end (30.6.2027): apply before.
        case car104cPrivilegesEnd = "car_104c_privileges_end"
        /// A route a minor has as a child (§ 25b Abs. 4, § 25a Abs. 2) ends with the 18th birthday.
        case childRouteEnds = "child_route_ends"
        /// Set by hand by a counselor.
        case manual

        /// A hard limit: the reminder must not move past it, so a weekend or holiday moves it earlier.
        public var isHardLimit: Bool { self == .lastDay25a || self == .car104cPrivilegesEnd || self == .statusEnds || self == .childRouteEnds }
    }

    public var kind: Kind
    /// The day the reminder is due, moved to a working day of the Land.
    public var due: Day
    /// The underlying date (the end of the permit, the birthday's eve, the reachable date …).
    public var date: Day
    public var title: String
    public var citation: String
    public var pathway: PathwayKey?

    public init(kind: Kind, due: Day, date: Day, title: String, citation: String, pathway: PathwayKey?) {
        self.kind = kind; self.due = due; self.date = date; self.title = title; self.citation = citation; self.pathway = pathway
    }

    /// What identifies an automatic reminder across recomputations: its kind, pathway and underlying date. When the data
    /// change that date (a new Duldung recorded), it is another reminder.
    public var key: String { "\(kind.rawValue):\(pathway?.rawValue ?? "-"):\(date.iso)" }
}

/// Derives the automatic deadlines; they are recomputed whenever the client's data changes.
public enum DeadlineRules {
    public static let car104cPrivilegesEnd = Day("2027-06-30")

    public static func derive(person: PersonAssessment, land: String, today: Day, appliedOn: Day? = nil) -> [Deadline] {
        let p = person.person
        var out: [Deadline] = []
        func add(_ kind: Deadline.Kind, date: Day, reminder: Day, _ title: String, _ citation: String, _ pathway: PathwayKey? = nil) {
            let due = kind.isHardLimit ? previousWorkingDay(reminder, land: land) : Holidays.nextWorkingDay(from: reminder, land: land)
            out.append(Deadline(kind: kind, due: due, date: date, title: title, citation: citation, pathway: pathway))
        }
        // The last recorded status ends: remind four weeks ahead; if it has already run out, at once (the history, or
        // the certificate, is out of date).
        if let current = p.status?.last, let end = current.validUntil ?? current.to {
            if end < today && current.to == nil && current.kind.isDuldung {
                add(.statusEnds, date: end, reminder: today,
                    "Duldungsbescheinigung am \(end.german) abgelaufen – neue Bescheinigung bei der Ausländerbehörde beantragen und im Statusverlauf eintragen",
                    "§ 60a Abs. 4 AufenthG")
            } else if end < today {
                add(.statusEnds, date: end, reminder: today,
                    "Statusverlauf endet am \(end.german) – den heutigen Aufenthaltsstatus erfassen (sonst fehlt der Prüfung die Grundlage)",
                    "SPEC.md, Engine conventions K4")
            } else if current.kind.isDuldung {
                // A Duldung is not extended by an application (no Fiktion): the certificate is renewed by the authority.
                add(.statusEnds, date: end, reminder: end.adding(days: -28),
                    "Duldungsbescheinigung gültig bis \(end.german) – rechtzeitig zur Verlängerung bei der Ausländerbehörde vorsprechen; Bleiberechtsweg vorher prüfen",
                    "§ 60a Abs. 4 AufenthG")
            } else {
                add(.statusEnds, date: end, reminder: end.adding(days: -28),
                    "\(current.kind == .aufenthaltserlaubnis ? "Aufenthaltserlaubnis" : "Aufenthaltsstatus") endet am \(end.german) – rechtzeitig Verlängerung oder Folgetitel beantragen",
                    current.titleBasis == "104c" ? "§ 104c Abs. 2 AufenthG n. F., § 81 Abs. 4 AufenthG" : "§ 81 Abs. 4 AufenthG")
            }
        }
        // § 25a: the last filing day is the day before the 27th birthday.
        // Not when an application is pending: it was filed in time, and its day is the one that counts (K10).
        // Nor for a holder of a § 25a permit (QA of 06.12.2026: the reminder outlived the grant). An answer excluded only
        // because a later application comes too late is the case it is most needed for (QA21 M3).
        if appliedOn == nil, let born = p.born, born.age(on: today) < 27, let a = person.assessment(.p25a), a.outcome != .excluded || a.reachableIfFiledOn != nil,
           p.status?.last?.titleBasis?.hasPrefix("25a") != true {
            let last = born.birthday(27).adding(days: -1)
            // Reminded eight weeks ahead: the application needs its papers (QA of 05.12.2026: on the last day itself).
            add(.lastDay25a, date: last, reminder: last.adding(days: -56), "Letzter Tag für einen Antrag nach § 25a: \(last.german) (Tag vor dem 27. Geburtstag)", "§ 25a Abs. 1 S. 1 Nr. 3 AufenthG", .p25a)
        }
        // A route resting on a minor ends with the 18th birthday, and the decision must come before it: reminded twelve
        // weeks ahead (QA of 06.12.2026: the plan said "jetzt" with no end, a day after the birthday it was excluded).
        // Not while another pathway is met for good: nothing is lost then (a father meeting § 25b himself).
        // A residence title, that is: a Duldung (§§ 60c, 60d) keeps nothing of a permit route (QA21 H1).
        let metForGood = person.assessments.contains { $0.outcome == .met && $0.routeEnds == nil && Plan.titles.contains($0.pathway) }
        for a in person.assessments where !metForGood && (a.outcome == .met || a.outcome == .reachable) {
            guard let last = Plan.childRouteEnds(a, on: today), (a.from ?? today) <= last else { continue }
            let why = Plan.endsAsChild(last, person: p) ? "als Kind nur bis \(last.german) (Tag vor dem 18. Geburtstag)"
                : "nur bis \(last.german) (dann wird das Kind mit der Aufenthaltserlaubnis nach § 25a volljährig)"
            add(.childRouteEnds, date: last, reminder: max(today, last.adding(days: -84)),
                "\(a.pathway.title) \(why): Antrag jetzt stellen, die Entscheidung muss vorher ergehen",
                a.pathway.title, a.pathway)
        }
        // A pathway becomes reachable.
        for a in person.assessments where a.outcome == .reachable {
            guard let from = a.from else { continue }
            add(.pathwayReachable, date: from, reminder: from, "\(a.pathway.title) erreichbar ab \(from.german) – Antrag vorbereiten", a.pathway.title, a.pathway)
        }
        // Open by a legal question only, but certain from a day (QA43 C2): that day too.
        for a in person.assessments where a.outcome == .unclear {
            guard let from = a.metUnderEveryReadingFrom else { continue }
            add(.pathwayReachable, date: from, reminder: from,
                "\(a.pathway.title) spätestens ab \(from.german) erfüllt, wie die offene Rechtsfrage \(a.open.joined(separator: ", ")) auch beantwortet wird – Antrag vorbereiten",
                a.pathway.title, a.pathway)
        }
        // § 104c holders: only § 25a/§ 25b keep the Fiktion, and only until 30.6.2027.
        if appliedOn == nil, let current = p.status?.last, current.titleBasis == "104c", today <= car104cPrivilegesEnd {
            add(.car104cPrivilegesEnd, date: car104cPrivilegesEnd, reminder: car104cPrivilegesEnd.adding(days: -28),
                "Privilegien des § 104c in §§ 25a, 25b enden am 30.06.2027 – Antrag nach § 25a oder § 25b vorher stellen", "Art. 5 Nr. 2, 3 ChAufenthG; § 104c Abs. 2 AufenthG n. F.")
        }
        return out.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    /// The day itself if it is a working day, otherwise the working day before (never past a hard limit).
    public static func previousWorkingDay(_ d: Day, land: String) -> Day {
        var day = d
        while !Holidays.isWorkingDay(day, land: land) { day = day.adding(days: -1) }
        return day
    }
}
