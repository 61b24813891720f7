import Testing
@testable import Eligibility
import Views

@Suite("Citations as staff read them")
struct CitationLabelTests {
    @Test func specificationReferencesReadAsRulesAndOpenQuestions() {
        #expect(Labels.citation("spec/13-open-questions.md U1") == "offene Rechtsfrage U1")
        #expect(Labels.citation("§ 25b Abs. 1 S. 2 Nr. 1, 3 AufenthG; spec/13-open-questions.md U8") == "§ 25b Abs. 1 S. 2 Nr. 1, 3 AufenthG; offene Rechtsfrage U8")
        #expect(Labels.citation("spec/01-common.md §1.8") == "Auslegungsregel 1.8")
        #expect(Labels.citation("spec/01-common.md §1.7.3 (U3)") == "Auslegungsregel 1.7.3 (U3)")
        #expect(Labels.citation("Inkrafttreten (spec/12-timeline.md)") == "Inkrafttreten (Zeitleiste der Gesetzesfassungen)")
        #expect(Labels.citation("§ 60d Abs. 1 Nr. 3 AufenthG") == "§ 60d Abs. 1 Nr. 3 AufenthG")
        #expect(Labels.citation("§ 5 Abs. 3 S. 2 AufenthG; SPEC.md § 6") == "§ 5 Abs. 3 S. 2 AufenthG; Auslegungsregel § 6")
        // A condition's sentence on a page names the rule, not the file (QA of 05.12.2026: "(Inkrafttreten (spec/12-timeline.md))").
        let sentence = ConditionResult("law_in_force", .failing(.time), metFrom: Day("2015-08-01")).sentence(citation: Labels.citation)
        #expect(sentence.hasSuffix("(Inkrafttreten (Zeitleiste der Gesetzesfassungen)).") && !sentence.contains(".md"))
        // Every citation the engine can give reads without a file path.
        for id in ConditionCatalog.entries.keys {
            let shown = Labels.citation(ConditionCatalog.entry(id).citation)
            #expect(!shown.contains("spec/") && !shown.contains(".md"), "\(id): \(shown)")
        }
    }
}
