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
        // Every citation the engine can give reads without a file path.
        for id in ConditionCatalog.entries.keys {
            let shown = Labels.citation(ConditionCatalog.entry(id).citation)
            #expect(!shown.contains("spec/") && !shown.contains(".md"), "\(id): \(shown)")
        }
    }
}
