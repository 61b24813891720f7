import Eligibility

/// Facts that can each be true but hardly together: said on the assessment page, never refused (a counselor may know
/// why). The livelihood shares and the work recorded decide §§ 25b, 25a Abs. 2, 60d; a slip in one of them changes
/// the answer without anyone noticing (QA43 C11).
public enum FactHints {
    /// German sentences for the disagreements on `day`.
    public static func hints(_ p: Person, on day: Day) -> [String] {
        var out: [String] = []
        let jobs = (p.employment ?? []).filter { $0.covers(day) }
        // A training's pay is earned income too (Ausbildungsvergütung).
        let earns = !jobs.isEmpty || (p.training ?? []).contains { $0.isOngoing(on: day) }
        guard let living = (p.livelihood ?? []).last(where: { $0.covers(day) }) else { return out }
        let percent = { (share: Double) in "\(Int((share * 100).rounded())) %" }
        // The own share is the person's own work by definition (CASES.md `own_work_share`).
        if !earns, let own = living.ownWorkShare, own > 0 {
            out.append("Der eigene Lebensunterhalt ist am \(day.german) zu \(percent(own)) durch eigene Erwerbstätigkeit gedeckt angegeben, aber an diesem Tag ist weder eine Beschäftigung noch eine Ausbildung erfasst.")
        } else if !earns, let share = living.workShare, share > 0, p.maritalStatus == .single || p.maritalStatus == .divorced || p.maritalStatus == .widowed,
                  let born = p.born, born.age(on: day) >= 25 {
            // Of the Bedarfsgemeinschaft: a spouse's earnings count too, and a parent's for an unmarried child under 25
            // (§ 7 Abs. 3 Nr. 4 SGB II), so only for a person who has neither.
            out.append("Der Lebensunterhalt ist am \(day.german) zu \(percent(share)) durch Erwerbseinkommen gedeckt angegeben, aber an diesem Tag ist weder eine Beschäftigung noch eine Ausbildung erfasst (und die Person lebt ohne Ehegatten und ist über 25, das Einkommen anderer zählt also nicht).")
        }
        if let share = living.workShare, share == 0, let job = jobs.first(where: { ($0.hours ?? 0) >= 20 }) {
            out.append("Am \(day.german) ist eine Beschäftigung mit \(Int(job.hours!.rounded())) Wochenstunden erfasst, aber der Anteil des Erwerbseinkommens am Lebensunterhalt ist mit 0 % angegeben.")
        }
        return out
    }
}
