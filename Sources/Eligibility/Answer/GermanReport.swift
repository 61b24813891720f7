/// A readable German report of an assessment, for counselors (`bleibe check`).
public enum GermanReport {
    public static func render(_ a: HouseholdAssessment, title: String? = nil, household: Household? = nil) -> String {
        var out: [String] = []
        if let title { out.append(title) }
        var header = "Prüfung zum \(a.on.german)"
        if let app = a.appliedOn { header += " (Antrag vom \(app.german))" }
        out.append(header)
        out.append(String(repeating: "=", count: header.count))
        for p in a.persons {
            out.append("")
            let name = p.label.map { "\($0) (\(p.personID))" } ?? p.personID
            out.append("Person \(name)")
            out.append(String(repeating: "-", count: 7 + name.count))
            for x in p.assessments { out += pathway(x) }
            if !p.plan.steps.isEmpty {
                out.append("")
                out.append("  Aufenthaltsplan:")
                for s in p.plan.steps { out.append("    \(s.from.german)  \(s.text) [\(s.citation)]") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func pathway(_ a: Assessment) -> [String] {
        var out: [String] = [""]
        var head = "  \(a.pathway.title) – \(a.pathway.subtitle): \(a.outcome.german.uppercased())"
        if let f = a.from { head += " ab \(f.german)" }
        if let w = a.waiverCondition { head += ", " + w }
        if let d = a.metUnderEveryReadingFrom { head += " – spätestens ab \(d.german) erfüllt, wie die offene Rechtsfrage auch beantwortet wird" }
        if let c = a.consequence { head += " – \(c.german)" }
        out.append(head)
        for c in a.conditions where c.state != .met && c.state != .notApplicable {
            out.append("    • " + c.sentence(names: a.names, on: a.on))
        }
        let met = a.conditions.filter { $0.state == .met }
        if !met.isEmpty { out.append("    Erfüllt: " + met.map { "\($0.requirement(on: a.on))\($0.waivedDetail.map { " – " + $0 } ?? "") (\($0.citation(on: a.on)))" }.joined(separator: "; ")) }
        let actions = a.actions
        if !actions.isEmpty {
            out.append("    Handlungsbedarf:")
            for x in actions { out.append("      – \(x)") }
        }
        for n in a.notes { out.append("    Hinweis: \(n.text) (\(n.citation))") }
        return out
    }
}
