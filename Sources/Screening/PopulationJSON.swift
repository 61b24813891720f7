import CaseFiles
import Eligibility

/// One household as a line of JSON Lines screening input (the case-file schema without `on` and `expect`).
public enum PopulationJSON {
    public static func line(_ h: Household, id: String, appliedOn: Day? = nil) -> String {
        let applied = appliedOn.map { ",\"applied_on\":\"\($0.iso)\"" } ?? ""
        if h.isSinglePerson { return "{\"id\":\(CaseFileEncoder.quote(id))\(applied),\"person\":\(CaseFileEncoder.json(h.persons[0]))}" }
        let persons = h.persons.map { CaseFileEncoder.json($0) }.joined(separator: ",")
        let relations = h.relations.map { r -> String in
            r.kind == .parent
                ? "{\"kind\":\"parent\",\"parent\":\(CaseFileEncoder.quote(r.persons[0])),\"child\":\(CaseFileEncoder.quote(r.persons[1]))}"
                : "{\"kind\":\(CaseFileEncoder.quote(r.kind.rawValue)),\"between\":[\(r.persons.map(CaseFileEncoder.quote).joined(separator: ","))]}"
        }.joined(separator: ",")
        // An unknown household stays unknown (the key is left out).
        let members = h.household.map { ",\"household\":[" + $0.sorted().map(CaseFileEncoder.quote).joined(separator: ",") + "]" } ?? ""
        // Relations not known stay unknown too.
        let related = h.relationsKnown ? ",\"relations\":[\(relations)]" : ""
        return "{\"id\":\(CaseFileEncoder.quote(id))\(applied),\"persons\":[\(persons)]\(related)\(members)}"
    }
}

