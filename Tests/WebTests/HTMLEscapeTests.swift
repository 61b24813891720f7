import Testing
@testable import Views

/// Escaping checks eight bytes at a time; every position of a special character, in texts of every length and
/// with multi-byte letters around it, must still be found.
@Suite("HTML escaping")
struct HTMLEscapeTests {
    static func reference(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    @Test func everyPositionOfEverySpecialCharacterIsEscaped() {
        let fillers: [Character] = ["a", "ä", "م", "🙂", "§", " "]
        for length in 0...40 {
            for filler in fillers {
                let plain = String(repeating: filler, count: length)
                #expect(HTML.escape(plain) == plain)
                for position in 0...length {
                    for special in ["&", "<", ">", "\"", "'"] {
                        var chars = Array(plain)
                        chars.insert(Character(special), at: position)
                        let text = String(chars)
                        #expect(HTML.escape(text) == Self.reference(text), "\(text)")
                    }
                }
            }
        }
    }

    @Test func interpolatedTextIsEscapedAndMarkupIsNot() {
        let name = "Müller & <Söhne> \"Zitat\" 'x'"
        let br: HTML = "<br>"
        let html: HTML = "<p>\(name)</p>\(br)"
        #expect(html.rendered == "<p>Müller &amp; &lt;Söhne&gt; &quot;Zitat&quot; &#39;x&#39;</p><br>")
    }
}
