import Eligibility

/// The JSON Schema of a person's facts in the case-file schema (CASES.md § 3), for the OpenAPI document: the values
/// the decoder takes, with the vocabularies read from the engine's own enumerations (QA20 M6: "type: object" said
/// nothing to an integrating developer). The decoder stays the judge: dates in order, periods without overlaps, a
/// conviction with one sanction are its checks, answered with 422.
enum FactsSchema {
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    /// An event: its day, or null when it did not and will not happen; omitted when not known.
    static var event: [String: Any] { ["type": ["string", "null"], "format": "date", "description": "the day; null: did not happen; omitted: not known"] }
    static var bool: [String: Any] { ["type": "boolean"] }
    static var text: [String: Any] { ["type": "string", "maxLength": 200] }
    static func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "additionalProperties": false, "properties": properties]
        if !required.isEmpty { o["required"] = required }
        return o
    }
    static func list(_ item: [String: Any]) -> [String: Any] { ["type": "array", "items": item] }
    /// `none` as short for "nothing of this kind", or the object.
    static func noneOr(_ o: [String: Any]) -> [String: Any] { ["oneOf": [["const": "none"], o]] }
    static func raw<T: RawRepresentable & CaseIterable>(_ t: T.Type) -> [String] where T.RawValue == String { t.allCases.map(\.rawValue) }

    static var statusPeriod: [String: Any] {
        object([
        "kind": enumeration(raw(StatusKind.self)), "from": date, "to": date, "basis": ["type": "string", "description": "for aufenthaltserlaubnis: the section in short form, e.g. 25b, 104c, 25-5, 19d-1a"],
        "valid_until": date, "issued": ["type": "boolean", "description": "for the Duldung kinds only: false when the Duldung was due but no certificate was issued"], "as": enumeration(["main", "spouse", "child"]), "fiktion": enumeration(["81-3-1", "81-3-2", "81-4"]),
        "continues": ["type": "string"],
        ], required: ["kind", "from"])
    }

    /// Built when the OpenAPI document is (once).
    static var schema: [String: Any] {
        var o = object([
            "id": ["type": "string", "pattern": "^[a-z][a-z0-9_]*$"], "label": text, "born": date,
            "nationality": ["type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 3166-1 alpha-3 (XXA stateless, XXX unknown)"],
            "safe_country_of_origin": bool, "marital_status": enumeration(raw(MaritalStatus.self)), "entered": date,
            "entered_with_visa": bool, "entered_for_benefits": bool,
            "status": ["description": "the status history, oldest first (on PUT /facts refused: use /status-periods)", "type": "array", "items": statusPeriod],
            "asylum": object([
                "applied_on": event, "decision": enumeration(raw(AsylumDecision.self)), "decided_on": date, "final_on": date,
                "rejected_as": enumeration(raw(RejectionKind.self)), "ou_basis": ["type": "string", "pattern": "^(30-3-[1-7]|30-1-[1-7]|art42-1-[a-j]|art42-3-[ab]|other)$", "description": "30-3-1 … 30-3-7, 30-1-1 … 30-1-7, art42-1-a … art42-1-j, art42-3-a, art42-3-b or other"],
                "withdrawn_after_12b_advice": bool, "unaccompanied_minor_welfare": bool,
            ]),
            "identity": object(["clarified_on": event, "all_steps_taken_on": event]),
            "passport": bool,
            "german": list(object(["level": enumeration(["A1", "A2", "B1", "B2", "C1", "C2"]), "scope": enumeration(raw(LanguageScope.self)), "date": date],
                                  required: ["level", "scope", "date"])),
            "civic_test_passed_on": event, "fdgo_declaration_on": event, "fdgo_doubts": bool,
            "integration_prognosis": enumeration(raw(IntegrationPrognosis.self)),
            "integration_course": object(["possible": bool, "obliged": bool, "completed_on": event, "dropout_not_at_fault": bool]),
            "livelihood": list(object([
                "from": date, "to": date, "work_share": ["type": "number", "minimum": 0, "maximum": 1], "own_work_share": ["type": "number", "minimum": 0, "maximum": 1],
                "public_funds": bool, "wohngeld": bool, "benefits_temporary": bool, "bafoeg_need_covered": bool, "public_funds_housing_only": bool,
            ], required: ["from"])),
            "lu_prognosis_full": bool, "single_parent_work_unreasonable": bool, "caring_for_relative": bool, "housing_sufficient": bool, "matching_job_offer": bool,
            "employment": list(object(["from": date, "to": date, "hours": ["type": "number", "minimum": 0, "maximum": 80], "insured": bool, "qualified": bool,
                                       "matches_qualification": bool], required: ["from"])),
            "education": list(object(["kind": enumeration(raw(EducationKind.self)), "from": date, "to": date, "successful": bool], required: ["kind", "from"])),
            "degrees": list(object(["kind": enumeration(raw(DegreeKind.self)), "on": date, "country": ["type": "string", "pattern": "^[A-Z]{3}$"], "recognised": bool],
                                   required: ["kind", "on"])),
            "training": list(object(["kind": enumeration(raw(TrainingKind.self)), "occupation": text, "from": date, "planned_end": date, "registered_on": event,
                                     "follow_on_place_confirmed": bool, "passed_on": event, "ended_early_on": event], required: ["kind", "from"])),
            "convictions": list(object([
                "date": date, "offence": text, "intentional": bool, "in_germany": bool, "still_registered": bool, "foreigners_only": bool,
                "day_fines": ["type": "integer", "minimum": 0, "maximum": 720], "prison_months": ["type": "integer", "minimum": 0], "juvenile_months": ["type": "integer", "minimum": 0],
                "suspended": ["type": "boolean", "description": "required with prison_months or juvenile_months: whether the sentence was suspended on probation"], "juvenile_law": bool, "jugendstrafe": bool, "s54_group": enumeration(["1a", "1b", "1c", "1d"]), "btmg_29_1_1": bool,
            ], required: ["date", "intentional", "in_germany", "still_registered", "foreigners_only"])),
            "conduct": noneOr(object(["current_obstruction": list(enumeration(raw(Obstruction.self))), "past_deception": bool, "past_obstruction": bool,
                                      "deception_repeated": bool, "integration_rests_on_false_identity": bool])),
            "bars": noneOr(object(["entry_ban": bool, "abs4_ground": bool, "s54_abs1_other": bool, "other_expulsion_interest": bool, "expulsion_order": bool, "extremism": bool])),
            "inability": noneOr(object(["school": bool, "livelihood": bool, "german": bool, "reason": enumeration(["illness", "disability", "age"])])),
            "departure": object(["impossible_since": event, "end_foreseeable": bool, "own_fault": bool]),
            "removal_measures": list(enumeration(raw(RemovalMeasure.self))),
            "informed_per_104c_abs4": bool,
        ])
        o["description"] = "A person in the case-file schema (CASES.md § 3). An omitted fact is unknown. Dates are ISO days (YYYY-MM-DD)."
        return o
    }
}
