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

    init(_ node: Node) {
        line = node.mark?.line
        switch node {
        case .scalar(let s): kind = .scalar(s.string, plain: s.style == .plain || s.style == .any)
        case .mapping(let m): kind = .mapping(m.map { (DocValue($0.key), DocValue($0.value)) })
        case .sequence(let s): kind = .sequence(s.map(DocValue.init))
        case .alias: kind = .other
        }
    }
}
