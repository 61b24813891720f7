import Counseling
@testable import Eligibility
import Testing

@Suite("Document checklist")
struct DocumentChecklistTests {
    static func answer(_ conditions: [ConditionResult]) -> Assessment {
        Assessment(pathway: .p25b, outcome: .met, from: nil, consequence: .soll, conditions: conditions, notes: [], on: Day("2026-12-06"), lawVersions: [])
    }

    /// The children's school attendance is proven by certificates even when recorded as met (QA of 06.12.2026: they left
    /// the § 25b list once the school was recorded); a met condition of another kind calls for nothing.
    @Test func schoolCertificatesStayWhileTheChildrensAttendanceCounts() {
        let met = DocumentChecklist.items(pathway: .p25b, assessment: Self.answer([ConditionResult("b_children_school_attendance", .met),
                                                                                   ConditionResult("b_german_level_min", .met)]), recorded: [:])
        #expect(met.contains { $0.kind == .schoolCertificates && $0.state == .missing })
        let none = DocumentChecklist.items(pathway: .p25b, assessment: Self.answer([ConditionResult("b_children_school_attendance", .notApplicable)]), recorded: [:])
        #expect(!none.contains { $0.kind == .schoolCertificates })
        // § 25b Abs. 4: the spouse's route asks A2, civic test, declaration and livelihood, the child's route none of them.
        let spouse = DocumentChecklist.items(pathway: .p25b4, assessment: Self.answer([ConditionResult("b_german_level_min", .met),
                                                                                     ConditionResult("b_lu_mostly_by_work", .met)]), recorded: [:]).map(\.kind)
        #expect(spouse.contains(.germanCertificate) && spouse.contains(.employment))
        let child = DocumentChecklist.items(pathway: .p25b4, assessment: Self.answer([ConditionResult("b_children_school_attendance", .notApplicable)]), recorded: [:]).map(\.kind)
        #expect(Set(child) == [.passport, .residenceEvidence])
        // Without an assessment (a decided or closed case) the list is the pathway's baseline and what was recorded.
        let baseline = DocumentChecklist.items(pathway: .p25b, assessment: nil, recorded: [.housing: (.received, Day("2026-11-01"))])
        #expect(Set(baseline.map(\.kind)) == Set(DocumentKind.baseline(.p25b) + [.housing]))
    }
}
