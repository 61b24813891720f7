import Counseling
import Eligibility

/// The counselors' own reminders (Wiedervorlagen) on the open cases: about one case in three has one, due between
/// a week ago and five weeks ahead; some of the past ones are done. A random stream of its own, so that adding
/// reminders changed nothing else of the site.
enum DemoReminders {
    static let titles = [
        "Nachfrage bei der ABH zum Stand des Antrags", "Passbeschaffung: Termin bei der Botschaft nachhalten",
        "Sprachzertifikat (B1) nachreichen lassen", "Arbeitsvertrag und Lohnabrechnungen anfordern",
        "Schulbescheinigungen der Kinder anfordern", "Erklärung zur Identitätsklärung vorbereiten",
        "Anmeldung zum Test „Leben in Deutschland“ prüfen", "Rückruf der Klientin / des Klienten vereinbaren",
    ]

    static func make(seed: UInt64, today: Day, cases: [CounselingCase]) -> [ManualReminder] {
        var rng = DemoRandom(seed: seed ^ 0x5EED_0000_0000_0327)
        var out: [ManualReminder] = []
        for c in cases where c.state != .closed && rng.chance(0.35) {
            let on = max(c.openedOn, today.adding(days: rng.int(-7...35)))
            let done = on < today && rng.chance(0.5) ? on : nil
            out.append(ManualReminder(id: rng.uuid(), caseID: c.id, clientID: c.clientID, on: on, title: rng.pick(titles), doneOn: done))
        }
        return out
    }
}
