import Counseling
import Eligibility
import Reports

/// The work of the Elbstadt service and its cooperation with the authority, since the project began (1.3.2024):
/// cases and sessions at about the model project's pace per case (346 sessions Mar–Dec 2024, 567 by June 2025), with
/// the clients' cases opened over the whole time up to the day of seeding (so the early months get thinner as that
/// day moves on), referrals from the authority, consents for the authority, and the authority's contact directory.
public struct DemoCaseWork: Sendable {
    public var cases: [CounselingCase] = []
    public var sessions: [CounselingSession] = []
    public var consents: [Consent] = []
    public var referrals: [Referral] = []
    public var contacts: [DirectoryContact] = []
    public var appointments: [Appointment] = []
    public var applications: [PermitApplication] = []
    public var reminders: [ManualReminder] = []
    /// The authority's quarterly procedure statistics.
    public var statistics = QuarterlyStatistics()
    public var advice: [ExpertRequest] = []
    public var articles: [Article] = []

    public init() {}

    static let projectStart = Day(year: 2024, month: 3, day: 1)!

    /// The usual language of counseling for a country of origin (the demo's simplification), one of the forms' names
    /// (`CounselingLanguages.common`), so that sessions recorded later count in the same row of the report.
    static func language(_ country: String?) -> String {
        switch country {
        case "AFG": return "Dari"
        case "IRN": return "Farsi"
        case "IRQ", "SYR", "LBN", "XXA", "DZA", "MAR", "TUN": return "Arabisch"
        case "TUR": return "Türkisch"
        case "GEO": return "Georgisch"
        case "RUS", "AZE", "ARM": return "Russisch"
        case "NGA", "GMB", "CMR", "IND", "PAK", "LKA": return "Englisch"
        case "GIN": return "Französisch"
        case "SOM": return "Somali"
        case "ERI", "ETH": return "Tigrinya"
        case "VNM": return "Vietnamesisch"
        case "XKX", "ALB", "MKD": return "Albanisch"
        case "SRB": return "Serbisch"
        default: return "Deutsch"
        }
    }

    static func make(seed: UInt64, today: Day, service: String, authority: String, counselors: [String], clerk: String, clients: [Client]) -> DemoCaseWork {
        var rng = DemoRandom(seed: seed ^ 0xCA5E_0000_2024_0301)
        var out = DemoCaseWork()
        guard !counselors.isEmpty, today > projectStart.adding(days: 30) else { return out }
        let span = projectStart.days(to: today.adding(days: -14))
        let channels: [(CounselingSession.Channel, Int)] = [(.inPerson, 62), (.phone, 24), (.email, 9), (.video, 5)]
        let sources: [(CounselingCase.ReferralSource, Int)] = [(.own, 38), (.authority, 34), (.otherService, 16), (.volunteer, 12)]
        // About nine in ten clients of the service have a case; the rest are family members counseled with them.
        for client in clients where rng.chance(0.95) {
            let offset = rng.int(0...span)
            var opened = projectStart.adding(days: offset)
            // Not before the person came: one who entered later has their case opened since then (same draw, moved).
            if let entered = client.facts.entered ?? client.facts.status?.first?.from, entered > opened {
                let room = entered.days(to: today.adding(days: -14))
                guard room > 0 else { continue }
                opened = entered.adding(days: offset % room)
            }
            // A child is counseled with its parents, in their case; only young people from 14 have a case of their own.
            if let born = client.facts.born, born.adding(years: 14) > opened { continue }
            let source = rng.weighted(sources)
            let counselor = rng.pick(counselors)
            var pathway = rng.weighted([(PathwayKey.p25b, 40), (.p25a, 18), (.p104c, 14), (.p60d, 10), (.p16g, 6), (.p25_5, 6), (.p19d1a, 6)])
            // § 25a needs the application before the 27th birthday (filed at most 400 days after the case opens): an
            // older client's case aims at § 25b.
            if pathway == .p25a, let born = client.facts.born, born.adding(years: 27) <= opened.adding(days: 400) { pathway = .p25b }
            var c = CounselingCase(id: rng.uuid(), organisationID: service, clientID: client.id, openedOn: opened, referralSource: source,
                                   pathway: pathway, counselorID: counselor)
            // Sessions: the Erstberatung on the day the case opened, follow-ups every few weeks up to today.
            var day = opened, count = 0
            let planned = rng.weighted([(2, 6), (3, 12), (4, 18), (5, 20), (6, 17), (8, 15), (10, 12)])
            let language = language(client.facts.nationality)
            while count < planned && day <= today {
                let interpreter = language != "Deutsch" && language != "Englisch" && rng.chance(0.55)
                out.sessions.append(CounselingSession(
                    id: rng.uuid(), caseID: c.id, clientID: client.id, on: day, durationMinutes: count == 0 ? rng.pick([60, 75, 90]) : rng.pick([20, 30, 45, 60]),
                    channel: count == 0 ? .inPerson : rng.weighted(channels), language: language, interpreter: interpreter,
                    pathways: [pathway], record: count == 0 ? "Erstberatung: Aufenthaltsverlauf und Unterlagen aufgenommen." : "Folgeberatung: Stand der Unterlagen besprochen.",
                    confidentialNote: "", counselorID: counselor, createdAt: "\(day.iso)T10:00:00.000Z"))
                count += 1
                day = day.adding(days: rng.int(10...45))
            }
            let age = opened.days(to: today)
            if age > 400 && rng.chance(0.45) {
                c.state = .closed; c.closedOn = opened.adding(days: rng.int(200...400))
                c.outcome = rng.weighted([("Aufenthaltserlaubnis erteilt", 55), ("Beratung abgeschlossen, kein Weg erreichbar", 25), ("Kontakt abgebrochen", 20)])
            } else if age > 120 {
                c.state = rng.weighted([(.open, 30), (.waitingForDocuments, 40), (.applicationFiled, 30)])
            }
            // Applications: pending for filed cases; decided for decided and closed ones. New § 104c permits ended with
            // 2025, so a case aiming at § 104c applies for § 25b.
            let applied = pathway == .p104c ? PathwayKey.p25b : pathway
            if c.state == .applicationFiled {
                out.applications.append(PermitApplication(id: rng.uuid(), caseID: c.id, clientID: client.id, pathway: applied,
                                                          filedOn: min(today, opened.adding(days: rng.int(60...120)))))
            } else if c.state == .closed, let closed = c.closedOn, c.outcome != "Kontakt abgebrochen" {
                let granted = c.outcome == "Aufenthaltserlaubnis erteilt"
                out.applications.append(PermitApplication(id: rng.uuid(), caseID: c.id, clientID: client.id, pathway: applied,
                                                          filedOn: closed.adding(days: -rng.int(60...150)), decidedOn: closed,
                                                          outcome: granted ? .granted : rng.weighted([(.refused, 2), (.withdrawn, 1)]),
                                                          permitUntil: granted ? closed.adding(months: ApplicationRules.longestValidity(pathway)?.months ?? (pathway == .p60d ? 30 : 36)).adding(days: -1) : nil))
            }
            out.cases.append(c)
            // A referral of the authority that the service accepted, and for many of them a consent for the authority.
            if source == .authority {
                out.referrals.append(Referral(id: rng.uuid(), authorityID: authority, serviceID: service, createdBy: clerk, createdOn: opened.adding(days: -rng.int(3...20)),
                                              firstName: client.firstName, lastName: client.lastName, born: client.facts.born, nationality: client.facts.nationality,
                                              reason: "Langjährig geduldet; Prüfung der Bleiberechtswege erbeten", state: .accepted, decidedOn: opened,
                                              clientID: client.id, caseID: c.id))
            }
            if source == .authority && rng.chance(0.6) || rng.chance(0.08) {
                var consent = Consent(id: rng.uuid(), clientID: client.id, recipientOrganisationID: authority, purpose: "Prüfung und Begleitung eines Bleiberechtsantrags",
                                      topics: [.identity, .statusHistory, .assessment, .missingDocuments], validFrom: opened, validUntil: opened.adding(years: 2),
                                      language: interpreterLanguage(language), formVersion: opened.year < 2026 ? Consent.firstFormVersion : Consent.currentFormVersion, signedOn: opened)
                if rng.chance(0.05) { consent.revokedOn = opened.adding(days: rng.int(30...200)) }
                if consent.revokedOn.map({ $0 > today }) ?? false { consent.revokedOn = nil }
                out.consents.append(consent)
            }
        }
        // Referrals still waiting for the service's answer, and two it declined.
        let newcomers = [("Dawit", "Tesfaye", "ERI"), ("Nasrin", "Haidari", "AFG"), ("Giorgi", "Beridze", "GEO"), ("Amadou", "Diallo", "GIN"), ("Rustam", "Alijew", "AZE")]
        for (i, (first, last, country)) in newcomers.enumerated() {
            let on = today.adding(days: -rng.int(1...20))
            var r = Referral(id: rng.uuid(), authorityID: authority, serviceID: service, createdBy: clerk, createdOn: on, firstName: first, lastName: last,
                             born: Day(year: rng.int(1975...2004), month: rng.int(1...12), day: rng.int(1...28)), nationality: country,
                             reason: rng.pick(["Duldung seit mehr als fünf Jahren", "Ausbildung begonnen, Ausbildungsduldung möglich", "Beschäftigt, Lebensunterhalt überwiegend gesichert"]))
            if i >= 3 { r.state = .declined; r.decidedOn = on.adding(days: 1); r.declineReason = "Wohnort außerhalb von \(DemoSite.mainCity): an die dortige Beratungsstelle verwiesen" }
            out.referrals.append(r)
        }
        // The coming two weeks: appointments of open cases, on working days between 9 and 16 o'clock.
        let open = out.cases.filter { $0.state != .closed }
        let monday = CalendarWeek.monday(of: today)
        for i in 0..<min(24, open.count) {
            let c = open[(i * 7) % open.count]
            var day = monday.adding(days: rng.int(0...13))
            while !Holidays.isWorkingDay(day, land: "DE-SN") { day = day.adding(days: 1) }
            let client = clients.first { $0.id == c.clientID }
            var a = Appointment(id: rng.uuid(), clientID: c.clientID, counselorID: c.counselorID ?? counselors[0], day: day,
                                startMinute: rng.int(9...15) * 60 + rng.pick([0, 30]), durationMinutes: rng.pick([30, 45, 60]),
                                place: rng.pick(["Beratungsstelle, Raum 1", "Beratungsstelle, Raum 2", ""]),
                                language: language(client?.facts.nationality), state: day < today ? .confirmed : rng.weighted([(.confirmed, 3), (.requested, 1)]),
                                requestedVia: rng.weighted([(.phone, 5), (.inPerson, 3), (.mail, 2)]))
            if a.place.isEmpty { a.mode = .phone }   // a third by phone
            // A counselor is never booked twice at once: move to the next free half hour of the day, or drop it.
            while a.clash(in: out.appointments) != nil && a.endMinute + 30 <= 17 * 60 { a.startMinute += 30 }
            if a.clash(in: out.appointments) == nil { out.appointments.append(a) }
        }
        out.statistics = DemoStatistics.make(seed: seed, today: today)
        // Fachberatung for volunteers and other services, a few a month.
        let askers = ["Ehrenamtsnetz Elbstadt", "Migrationsberatung für Erwachsene", "Jugendmigrationsdienst", "Kirchliche Flüchtlingshilfe", "Sozialdienst einer Gemeinschaftsunterkunft"]
        let questions: [(String, String, String)] = [
            ("25b", "Zählt ein Minijob zur überwiegenden Sicherung des Lebensunterhalts?", "Nur im Zusammenhang mit weiteren Einkünften; maßgeblich ist der Anteil am Bedarf (§ 25b Abs. 1 S. 2 Nr. 3)."),
            ("25a", "Reicht der Schulbesuch an einer Berufsschule für § 25a?", "Ja, wenn er erfolgreich ist; Bescheinigungen der Schule vorlegen."),
            ("60d", "Ab wann kann die Beschäftigungsduldung beantragt werden?", "Nach 12 Monaten Duldung und 12 Monaten sozialversicherungspflichtiger Beschäftigung (Fassung ab 01.03.2024)."),
            ("other", "Was tun, wenn die Botschaft keinen Pass ausstellt?", "Bemühungen dokumentieren (Vorsprache, Schreiben); an die Ausländerbehörde weitergeben."),
        ]
        var day = projectStart
        while day < today {
            let q = rng.pick(questions)
            out.advice.append(ExpertRequest(id: rng.uuid(), requester: rng.pick(askers), legalArea: q.0, question: q.1, answer: q.2,
                                            minutesSpent: rng.pick([10, 15, 20, 30, 45]), askedOn: day))
            day = day.adding(days: rng.int(4...15))
        }
        out.articles = [
            Article(id: rng.uuid(), organisationID: service, pathway: "25b", title: "§ 25b: nachhaltige Integration in fünf Schritten",
                    body: "Aufenthaltszeiten: 6 Jahre, mit minderjährigem Kind 4 Jahre (seit 31.12.2022); ab 01.07.2027 gelten 8 bzw. 6 Jahre.\n\nSprache A2 und der Test „Leben in Deutschland“.\n\nLebensunterhalt überwiegend durch Erwerbstätigkeit.\n\nIdentität klären oder Mitwirkung belegen.\n\nBekenntnis zur freiheitlichen demokratischen Grundordnung.",
                    updatedAt: "\(today.adding(days: -40).iso)T09:00:00.000Z"),
            Article(id: rng.uuid(), organisationID: service, pathway: "25a", title: "§ 25a: bis zum 27. Geburtstag",
                    body: "Seit 3 Jahren geduldet, gestattet oder erlaubt im Bundesgebiet, 3 Jahre erfolgreicher Schulbesuch oder Abschluss.\n\nDer Antrag muss vor dem 27. Geburtstag gestellt sein.",
                    updatedAt: "\(today.adding(days: -90).iso)T09:00:00.000Z"),
            Article(id: rng.uuid(), organisationID: service, pathway: "104c", title: "Chancen-Aufenthaltsrecht: was nach dem 30.06.2027 gilt",
                    body: "Neue Erteilungen nach § 104c sind seit 31.12.2025 nicht mehr möglich (letzter Antragstag 30.12.2025).\n\nInhaber sollten rechtzeitig vor dem 30.06.2027 einen Antrag nach § 25a oder § 25b stellen.",
                    updatedAt: "\(today.adding(days: -20).iso)T09:00:00.000Z"),
        ]
        out.contacts = [
            DirectoryContact(id: rng.uuid(), authorityID: authority, name: "Sabine Hartung", function: "Sachgebietsleitung Aufenthalt", phone: "+49 000 4880-100",
                             email: "aufenthalt@abh-elbstadt.example", responsibility: "Grundsatzfragen, Kooperation"),
            DirectoryContact(id: rng.uuid(), authorityID: authority, name: "Torsten Pfeiffer", function: "Sachbearbeitung", phone: "+49 000 4880-131",
                             email: "duldung-a-k@abh-elbstadt.example", responsibility: "Duldung, Familiennamen A–K"),
            DirectoryContact(id: rng.uuid(), authorityID: authority, name: "Katrin Vogel", function: "Sachbearbeitung", phone: "+49 000 4880-132",
                             email: "duldung-l-z@abh-elbstadt.example", responsibility: "Duldung, Familiennamen L–Z"),
            DirectoryContact(id: rng.uuid(), authorityID: authority, name: "Deniz Arslan", function: "Sachbearbeitung", phone: "+49 000 4880-140",
                             email: "bleiberecht@abh-elbstadt.example", responsibility: "§§ 25a, 25b, 104c"),
            DirectoryContact(id: rng.uuid(), authorityID: authority, name: "Heike Lorenz", function: "Sachbearbeitung", phone: "+49 000 4880-150",
                             email: "beschaeftigung@abh-elbstadt.example", responsibility: "§§ 60c, 60d, 16g, 19d (Ausbildung und Beschäftigung)"),
        ]
        out.reminders = DemoReminders.make(seed: seed, today: today, cases: out.cases)
        return out
    }

    static func interpreterLanguage(_ language: String) -> String {
        language == "Deutsch" ? "Deutsch" : "Deutsch, mündlich übersetzt (\(language))"
    }
}
