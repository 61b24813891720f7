import CaseFiles
import Eligibility
import Foundation

/// Locations the tests read, relative to the package root.
enum Paths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedCases = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/law/cases").path
    static let projectCases = packageRoot.appendingPathComponent("cases").path
    static let disagreements = packageRoot.appendingPathComponent("spec-disagreements.yaml").path

    /// A case of the project's own folder and the engine's answer to it on its date.
    static func projectCase(_ name: String) throws -> (CaseFile, HouseholdAssessment) {
        let c = try CaseFileDecoder.load(path: projectCases + "/" + name + ".yaml")
        return (c, Engine().assess(c.household, on: c.on))
    }

    static func yamlFiles(in folder: String) -> [String] {
        let items = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return items.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    /// The `bleibe` executable built next to the test bundle.
    static var bleibeExecutable: String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("bleibe").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
