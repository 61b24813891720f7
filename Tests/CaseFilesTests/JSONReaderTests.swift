@testable import CaseFiles
import Eligibility
import Foundation
import Screening
import Testing

@Suite("JSON reader")
struct JSONReaderTests {
    /// One text per value, the same for our reader and for Foundation's, so that the two can be compared.
    static func canonical(_ v: DocValue) -> String {
        switch v.kind {
        case .scalar(let s, let plain): return !plain ? "q:\(s)" : Double(s).map(number) ?? "p:\(s)"
        case .mapping(let pairs):
            return "{" + pairs.map { p -> String in
                guard case .scalar(let k, _) = p.key.kind else { return "?" }
                return k + "=" + canonical(p.value)
            }.sorted().joined(separator: ",") + "}"
        case .sequence(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .other: return "?"
        }
    }

    static func canonical(foundation v: Any) -> String {
        switch v {
        case let d as [String: Any]: return "{" + d.map { $0.key + "=" + canonical(foundation: $0.value) }.sorted().joined(separator: ",") + "}"
        case let a as [Any]: return "[" + a.map { canonical(foundation: $0) }.joined(separator: ",") + "]"
        case let s as String: return "q:" + s
        case is NSNull: return "p:null"
        case let n as NSNumber:
            if n.objCType.pointee == 99 { return n.boolValue ? "p:true" : "p:false" }
            return number(n.doubleValue)
        default: return "?"
        }
    }

    /// Numbers to 12 significant digits: Foundation's reader on Linux rounds some long decimals in the last digits
    /// (0.9299999999999999 → 0.93); this one reads them exactly (Swift's `Double(_:)`).
    static func number(_ d: Double) -> String { "n:" + String(format: "%.12g", d) }

    static func foundation(_ text: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])).map { canonical(foundation: $0) }
    }

    @Test(arguments: [
        #"{"a":"b","n":12,"x":-3,"z":0,"t":true,"f":false,"u":null,"l":[1,"2",[],{}]}"#,
        #"  { "born" : "1990-05-05" , "status" : [ { "kind" : "duldung" , "from" : "2020-01-01" } ] }  "#,
        #"{"esc":"a\"b\\c\/d\b\f\n\r\t","u":"\u00e4\u20AC\ud83d\ude00","raw":"Ägypten – ø 😀"}"#,
        #"{"f":0.5,"g":-2.25,"h":1.0,"i":2e3}"#,
        #"["a",{"b":[{"c":null}]}]"#,
        #""just text""#,
        #"{}"#,
    ])
    func readsLikeFoundation(_ text: String) throws {
        #expect(Self.canonical(try JSONReader.read(text)) == Self.foundation(text))
    }

    @Test(arguments: [
        "", "{", "{\"a\"}", "{\"a\":}", "[1 2]", "{a:1}", "tru", "nul", "01x", "-", "1.", "1e",
        "\"unterminated", "\"bad \\x escape\"", "\"lone \\ud800 surrogate\"", "\"\\udc00\"", "\"ctrl \u{01}\"", "{} {}",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(text) }
        #expect(Self.foundation(text) == nil, "Foundation accepts \(text)")
    }

    /// Foundation's reader forgives a trailing comma; this one keeps to RFC 8259.
    @Test func refusesTrailingCommas() {
        for text in ["{\"a\":1,}", "[1,]"] { #expect(throws: JSONReader.Failure.self) { try JSONReader.read(text) } }
    }

    /// A repeated key is found in a large object as in a small one, early and late (the large object's keys are hashed).
    @Test func findsARepeatedKeyInALargeObject() throws {
        let keys = (0..<50_000).map { "\"k\($0)\":\($0)" }
        guard case .mapping(let pairs) = try JSONReader.read("{" + keys.joined(separator: ",") + "}").kind else {
            Issue.record("not a mapping"); return
        }
        #expect(pairs.count == 50_000)
        for repeated in ["\"k3\":0", "\"k49999\":0"] {
            #expect(throws: JSONReader.Failure.self) { try JSONReader.read("{" + (keys + [repeated]).joined(separator: ",") + "}") }
        }
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read("{\"a\":1,\"b\":2,\"a\":3}") }
    }

    /// Generated households as JSON Lines read the same through our reader and through Foundation's.
    @Test func generatedHouseholdsReadAlike() throws {
        var gen = PopulationGenerator(seed: 21, on: Day("2026-11-22"))
        for n in 0..<300 {
            let line = PopulationJSON.line(gen.nextHousehold(), id: "h\(n)")
            let ours = Self.canonical(try JSONReader.read(line)), theirs = Self.foundation(line) ?? ""
            if ours != theirs {
                let at = zip(ours, theirs).prefix { $0 == $1 }.count
                Issue.record("h\(n) differs at \(at): \(ours.dropFirst(max(0, at - 60)).prefix(120)) / \(theirs.dropFirst(max(0, at - 60)).prefix(120))")
            }
        }
    }

    @Test func nestingHasALimit() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(deep) }
    }
}
