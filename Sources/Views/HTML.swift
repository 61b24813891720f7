/// HTML whose interpolations are escaped by default: `let page: HTML = "<p>\(name)</p>"` escapes `name`;
/// only another `HTML` value is inserted as markup. So no view can forget to escape client data.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var rendered: String

    public init(stringLiteral value: String) { rendered = value }
    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.out }
    init(raw: String) { rendered = raw }

    public var description: String { rendered }
    public static let empty = HTML(raw: "")

    public struct Interpolation: StringInterpolationProtocol {
        var out = ""
        public init(literalCapacity: Int, interpolationCount: Int) { out.reserveCapacity(literalCapacity + interpolationCount * 16) }
        public mutating func appendLiteral(_ literal: String) { out += literal }
        public mutating func appendInterpolation(_ html: HTML) { out += html.rendered }
        public mutating func appendInterpolation(_ htmls: [HTML]) { for h in htmls { out += h.rendered } }
        public mutating func appendInterpolation(_ text: String) { out += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { if let text { out += HTML.escape(text) } }
        public mutating func appendInterpolation(_ n: Int) { out += String(n) }
    }

    public static func escape(_ s: String) -> String {
        // Most text has nothing to escape: check the bytes first (pages are built from thousands of fragments).
        // On the string's contiguous bytes: a tight loop, not an index walk through the UTF-8 view.
        var bytes = s
        guard bytes.withUTF8(containsSpecial) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        for b in s.utf8 {
            switch b {
            case 38: out.append(contentsOf: Array("&amp;".utf8))
            case 60: out.append(contentsOf: Array("&lt;".utf8))
            case 62: out.append(contentsOf: Array("&gt;".utf8))
            case 34: out.append(contentsOf: Array("&quot;".utf8))
            case 39: out.append(contentsOf: Array("&#39;".utf8))
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Builds one fragment in one buffer: for sections with many items, where a value per item would mean a string
    /// allocated, copied and freed per item (the assessment page has a few hundred).
    public struct Builder {
        private var out: String
        public init(capacity: Int) { out = ""; out.reserveCapacity(capacity) }
        /// Markup, inserted as it is: only for this module's own literals (other modules pass `HTML`, which escapes).
        mutating func raw(_ markup: String) { out += markup }
        public mutating func raw(_ html: HTML) { out += html.rendered }
        /// Text, escaped.
        public mutating func text(_ text: String) { out += HTML.escape(text) }
        public var html: HTML { HTML(raw: out) }
    }

    /// Whether the bytes contain one of `& < > " '`, eight bytes at a time (a page scans some 25 KB of text; this
    /// was a sixth of its rendering): a byte equal to `c` makes `w ^ c·0x0101…01` have a zero byte, which the
    /// classic `(x − 0x01…01) & ~x & 0x80…80` test finds.
    static func containsSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func special(_ b: UInt8) -> Bool { b == 38 || b == 60 || b == 62 || b == 34 || b == 39 }
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasByte(_ w: UInt64, _ c: UInt8) -> Bool { let x = w ^ (ones &* UInt64(c)); return (x &- ones) & ~x & highs != 0 }
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasByte(w, 38) || hasByte(w, 60) || hasByte(w, 62) || hasByte(w, 34) || hasByte(w, 39) { return true }
            i += 8
        }
        while i < bytes.count { if special(bytes[i]) { return true }; i += 1 }
        return false
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(raw: a.rendered + b.rendered) }

    /// Joins fragments.
    public static func join(_ parts: [HTML], separator: String = "") -> HTML { HTML(raw: parts.map(\.rendered).joined(separator: separator)) }

    /// A translated text with its `{key}` placeholders filled by German values (names, dates, addresses), each isolated
    /// (`bdi`) and marked as German: inside a right-to-left sentence they keep their order and are read with a German
    /// voice. The request form, the information request and the consent translation fill their texts with it.
    public static func withGerman(_ template: String, _ values: [String: String]) -> HTML {
        var out = escape(template)
        // A date or number is isolated left to right but not marked German: a screen reader reads it in the page's
        // language (QA40 L7: a German voice read "neunter Juni …" to an Arabic listener).
        for (k, v) in values {
            let numeric = !v.isEmpty && v.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 44 || $0 == 58 || $0 == 32 || $0 == 45 }
            out = out.replacingOccurrences(of: "{\(k)}", with: (numeric ? "<bdi dir=\"ltr\">" : "<bdi lang=\"de\">") + escape(v) + "</bdi>")
        }
        return HTML(raw: out)
    }
}

/// Percent-encodes a query value for links.
public func urlQuery(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        let c = Character(UnicodeScalar(b))
        if c.isLetter && b < 128 || c.isNumber && b < 128 || "-_.~".contains(c) { out.append(c) } else { out += String(format: "%%%02X", b) }
    }
    return out
}

import Foundation
