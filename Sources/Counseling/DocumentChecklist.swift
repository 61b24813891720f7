import Eligibility

/// The documents a case needs: those every application for the pathway needs, and those the engine's failing or
/// open conditions call for. Each is received, missing or not needed; the counselor records which.
public enum DocumentKind: String, Sendable, CaseIterable {
    case passport, residenceEvidence = "residence_evidence", duldungCertificates = "duldung_certificates"
    case germanCertificate = "german_certificate", civicTest = "civic_test", fdgoDeclaration = "fdgo_declaration"
    case employment, schoolCertificates = "school_certificates", training, housing, integrationCourse = "integration_course"
    case entryBanLifting = "entry_ban_lifting"

    public var german: String {
        switch self {
        case .passport: return "Pass oder Nachweis der Passbeschaffung (z. B. Botschaftsvorsprache)"
        case .residenceEvidence: return "Nachweise der Aufenthaltszeiten (Meldebescheinigung, frühere Bescheide)"
        case .duldungCertificates: return "Duldungsbescheinigungen (lückenlos)"
        case .germanCertificate: return "Sprachzertifikat (z. B. A2, Deutsch-Test für Zuwanderer)"
        case .civicTest: return "Zertifikat „Leben in Deutschland“"
        case .fdgoDeclaration: return "Bekenntnis zur freiheitlichen demokratischen Grundordnung (unterschrieben)"
        case .employment: return "Arbeitsvertrag und Lohnabrechnungen der letzten Monate"
        case .schoolCertificates: return "Schulbescheinigungen und Zeugnisse"
        case .training: return "Ausbildungsvertrag oder Berufsabschluss"
        case .housing: return "Mietvertrag / Nachweis ausreichenden Wohnraums"
        case .integrationCourse: return "Nachweis über den Integrationskurs"
        case .entryBanLifting: return "Antrag auf Aufhebung des Einreise- und Aufenthaltsverbots (§ 11 Abs. 4 AufenthG)"
        }
    }

    /// Documents every application under the pathway needs.
    public static func baseline(_ p: PathwayKey) -> [DocumentKind] {
        switch p {
        case .p25a, .p25a2: return [.passport, .residenceEvidence, .schoolCertificates]
        case .p25b: return [.passport, .residenceEvidence, .germanCertificate, .civicTest, .fdgoDeclaration, .employment]
        // The spouse's route asks Nr. 2–5 of the spouse, the child's route none of them: their papers come from the
        // conditions the answer holds (QA of 06.12.2026: a 16-year-old was asked for A2 and an employment contract).
        case .p25b4: return [.passport, .residenceEvidence]
        case .p25b6: return [.passport, .residenceEvidence, .germanCertificate, .employment]
        case .p104c: return [.passport, .residenceEvidence, .fdgoDeclaration]
        case .p60c, .p16g: return [.passport, .training, .duldungCertificates]
        case .p60d: return [.passport, .employment, .duldungCertificates, .integrationCourse]
        case .p19d1, .p19d1a: return [.passport, .training, .employment, .housing]
        case .p25_5: return [.passport, .duldungCertificates]
        }
    }

    /// The document a condition of the engine calls for when it fails or is open.
    public static func forCondition(_ id: String) -> DocumentKind? {
        switch id {
        case "gen_passport", "gen_identity_clarified", "a_identity", "b_identity", "60c_identity_deadline", "60d_identity_deadline", "16g_identity_deadline":
            return .passport
        case "a_residence_years_min", "b_residence_years_min", "b_residence_years_min_with_minor_child", "c_residence_years_min": return .residenceEvidence
        case "a_status_entry", "b_status", "c_geduldet", "19d_geduldet", "60c_duldung_months_min", "60d_duldung_months_min", "16g_duldung_months_min",
             "25_5_duldung_months_min", "b6_60d_months_min":
            return .duldungCertificates
        case "b_german_level_min": return .germanCertificate
        case "b_civic_knowledge", "civic_test_passed_on": return .civicTest
        case "b_fdgo_declaration", "c_fdgo_declaration": return .fdgoDeclaration
        case "gen_lu_secured", "b_lu_mostly_by_work", "a2_lu_by_employment", "60d_employment_months_min", "60d_weekly_hours_min", "60d_lu_last_12_months",
             "60d_lu_current", "19d_matching_job", "employment":
            return .employment
        case "a_school_years_min", "b_children_school_attendance": return .schoolCertificates
        case "60c_training_type", "16g_training_type", "19d_qualification", "training": return .training
        case "19d_housing", "housing_sufficient": return .housing
        case "60d_integration_course", "integration_course": return .integrationCourse
        case "gen_no_entry_ban": return .entryBanLifting
        default: return nil
        }
    }
}

/// One line of a case's document checklist.
public struct ChecklistItem: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        case missing, received, notNeeded = "not_needed"
        public var german: String {
            switch self {
            case .missing: return "fehlt"
            case .received: return "liegt vor"
            case .notNeeded: return "nicht nötig"
            }
        }
    }

    public var kind: DocumentKind
    public var state: State
    public var receivedOn: Day?
    /// Why the document is on the list: the pathway, or the engine's condition that calls for it.
    public var reason: String

    public init(kind: DocumentKind, state: State, receivedOn: Day?, reason: String) {
        self.kind = kind; self.state = state; self.receivedOn = receivedOn; self.reason = reason
    }
}

public enum DocumentChecklist {
    /// Conditions the authority wants proven even when the counselor recorded them as met: the children's actual
    /// school attendance (QA of 06.12.2026: the certificates left the § 25b list once the school was recorded), and
    /// § 25b Abs. 1 S. 2 Nr. 2–4 where a route asks them (the spouse's route of Abs. 4).
    static let provenByDocument: Set<String> = ["b_children_school_attendance", "b_german_level_min", "b_civic_knowledge", "b_fdgo_declaration",
                                                "b_lu_mostly_by_work"]

    /// The checklist for a case pursuing `pathway` (nil: none chosen yet), from the engine's answer and what the
    /// counselor recorded. A recorded document stays on the list even when nothing calls for it any more.
    public static func items(pathway: PathwayKey?, assessment: Assessment?, recorded: [DocumentKind: (ChecklistItem.State, Day?)]) -> [ChecklistItem] {
        var reasons: [DocumentKind: String] = [:]
        if let p = pathway { for k in DocumentKind.baseline(p) { reasons[k] = "für \(p.title) stets nötig" } }
        for c in assessment?.conditions ?? [] where c.state.isFailing || c.state == .unknown || c.state == .met && Self.provenByDocument.contains(c.id) {
            if let k = DocumentKind.forCondition(c.id), reasons[k] == nil { reasons[k] = "\(c.requirement) (\(c.citation))" }
        }
        for k in recorded.keys where reasons[k] == nil { reasons[k] = "erfasst" }
        return DocumentKind.allCases.compactMap { k in
            guard let why = reasons[k] else { return nil }
            let r = recorded[k]
            return ChecklistItem(kind: k, state: r?.0 ?? .missing, receivedOn: r?.1, reason: why)
        }
    }
}
