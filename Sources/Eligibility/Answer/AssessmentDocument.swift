import Foundation

/// The stable JSON form of an assessment (`bleibe check --json`, later the API): schema `bleibe.assessment/1`,
/// documented in docs/assessment-json.md. Field names are snake_case; dates are ISO `YYYY-MM-DD`.
public struct AssessmentDocument: Codable, Sendable, Equatable {
    public static let schemaName = "bleibe.assessment/1"

    public var schema: String
    public var caseID: String?
    public var on: String
    public var appliedOn: String?
    public var persons: [PersonDocument]

    public struct PersonDocument: Codable, Sendable, Equatable {
        public var id: String
        public var label: String?
        public var assessments: [PathwayDocument]
        public var plan: [PlanStepDocument]
        /// The status history the answer rests on, kept with a saved assessment (absent in `check --json`).
        public var statusHistory: [PeriodDocument]? = nil
    }

    /// One status period as it was recorded.
    public struct PeriodDocument: Codable, Sendable, Equatable {
        public var kind: String
        public var basis: String?
        public var from: String
        public var to: String?
        public var validUntil: String?

        public init(_ p: StatusPeriod) {
            kind = p.kind.rawValue; basis = p.basis; from = p.from.iso; to = p.to?.iso; validUntil = p.validUntil?.iso
        }
    }

    public struct PathwayDocument: Codable, Sendable, Equatable {
        public var pathway: String
        public var title: String
        public var result: String
        public var from: String?
        public var consequence: String?
        public var failing: [String]
        public var open: [String]
        public var waivers: [String]
        public var discretion: [String]
        public var conditions: [ConditionDocument]
        public var actions: [String]
        public var notes: [NoteDocument]
        public var lawVersions: [String]
        /// For a family pathway met or reachable through a relative: whom it rests on (`Assessment.anchorDetail`).
        public var restsOn: String? = nil
        /// The last day on which the route can be granted, where it rests on a minor (`Assessment.routeEnds`).
        public var routeEnds: String? = nil
        /// For an answer unclear by open legal questions only: the first day it is met under every answer to them.
        public var metUnderEveryReadingFrom: String? = nil
    }

    public struct ConditionDocument: Codable, Sendable, Equatable {
        public var id: String
        public var state: String
        public var failureClass: String?
        public var metFrom: String?
        public var open: [String]
        public var citation: String
        public var text: String
    }

    public struct NoteDocument: Codable, Sendable, Equatable {
        public var text: String
        public var citation: String
    }

    public struct PlanStepDocument: Codable, Sendable, Equatable {
        public var pathway: String?
        public var from: String
        public var text: String
        public var citation: String
        public var followUp: Bool
    }

    public init(_ a: HouseholdAssessment, caseID: String? = nil) {
        schema = Self.schemaName
        self.caseID = caseID
        on = a.on.iso
        appliedOn = a.appliedOn?.iso
        persons = a.persons.map { p in
            PersonDocument(id: p.personID, label: p.label, assessments: p.assessments.map(Self.pathway),
                           plan: p.plan.steps.map { PlanStepDocument(pathway: $0.pathway?.rawValue, from: $0.from.iso, text: $0.text, citation: $0.citation, followUp: $0.followUp) })
        }
    }

    static func pathway(_ a: Assessment) -> PathwayDocument {
        PathwayDocument(
            pathway: a.pathway.rawValue, title: a.pathway.title, result: a.outcome.rawValue, from: a.from?.iso,
            consequence: a.consequence?.rawValue, failing: a.failing, open: a.open, waivers: a.waivers,
            discretion: a.discretion,
            conditions: a.conditions.map { c in
                ConditionDocument(id: c.id, state: c.state.code, failureClass: c.state.failureClass?.rawValue,
                                  metFrom: c.metFrom?.iso, open: c.open, citation: ConditionCatalog.citation(c.id, on: a.on), text: c.sentence(names: a.names, on: a.on))
            },
            actions: a.actions, notes: a.notes.map { NoteDocument(text: $0.text, citation: $0.citation) },
            lawVersions: a.lawVersions.map(\.description), restsOn: a.anchorDetail,
            routeEnds: a.routeEnds?.iso, metUnderEveryReadingFrom: a.metUnderEveryReadingFrom?.iso)
    }

    /// Pretty, key-sorted JSON.
    public func json() throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try enc.encode(self), as: UTF8.self)
    }

    public static func decode(_ data: Data) throws -> AssessmentDocument {
        let dec = JSONDecoder()
        dec.keyDecodingStrategy = .convertFromSnakeCase
        return try dec.decode(AssessmentDocument.self, from: data)
    }
}
