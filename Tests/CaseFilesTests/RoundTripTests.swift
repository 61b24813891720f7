import CaseFiles
import Eligibility
import Testing

/// Facts written in the case-file schema read back unchanged: storage and the API depend on it.
@Suite("Facts round trip")
struct RoundTripTests {
    @Test("every person of every shared case", arguments: Paths.yamlFiles(in: Paths.sharedCases) + Paths.yamlFiles(in: Paths.projectCases))
    func personSurvivesEncodeAndDecode(_ path: String) throws {
        let file = try CaseFileDecoder.load(path: path)
        for p in file.household.persons {
            let json = CaseFileEncoder.json(p, includeStatus: true, includeID: false)
            var back = try CaseFileDecoder.person(json: json, on: file.on)
            back.id = p.id
            #expect(back == p, "\(file.id) \(p.id): \(json)")
        }
    }
}
