import Yams

/// A value of a case document as the case-file rules read it, from YAML (through Yams) or from JSON (through
/// `JSONReader`): a scalar keeps its text and whether it was written plain (YAML 1.2 booleans, null and numbers are
/// plain; quoted text is not), a mapping keeps its pairs in document order, and every value the line it started on
/// where the source knows it (YAML files; a JSON line is one line).
struct DocValue {
    indirect enum Kind {
        case scalar(String, plain: Bool)
        case mapping([(key: DocValue, value: DocValue)])
        case sequence([DocValue])
        /// A YAML alias or anything else the case-file schema has no use for.
        case other
    }

    let kind: Kind
    let line: Int?

    init(_ kind: Kind, line: Int? = nil) { self.kind = kind; self.line = line }

    /// The most values a YAML document may expand to. Aliases let a few hundred bytes stand for billions of values
    /// (QA34 S1: 387 bytes of the facts form took a gigabyte and ten seconds), so the expansion stops there; the
    /// largest case file of the corpus has a few hundred.
    static let largestDocument = 100_000

    struct TooLarge: Error {}

    /// The values of `node`, aliases expanded, at most `largestDocument` of them.
    static func expanding(_ node: Node) throws -> DocValue {
        var budget = largestDocument
        return try DocValue(node, budget: &budget)
    }

    private init(_ node: Node, budget: inout Int) throws {
        budget -= 1
        if budget < 0 { throw TooLarge() }
        line = node.mark?.line
        switch node {
        case .scalar(let s): kind = .scalar(s.string, plain: s.style == .plain || s.style == .any)
        case .mapping(let m): kind = .mapping(try m.map { (try DocValue($0.key, budget: &budget), try DocValue($0.value, budget: &budget)) })
        case .sequence(let s): kind = .sequence(try s.map { try DocValue($0, budget: &budget) })
        case .alias: kind = .other
        }
    }
}
