import Eligibility
import Foundation

/// The nationality codes a form accepts (`ISO3166`) and their German names.
public enum CountryCodes {
    public static let all: Set<String> = ISO3166.alpha3

    public static func isValid(_ code: String) -> Bool { all.contains(code) }

    /// The German name of a nationality code for pages staff read ("SYR" → "Syrien"); the code itself if unknown.
    public static func germanName(_ code: String) -> String { germanNames[code] ?? code }

    /// The German name with the code, for the client file where the code is what the form takes ("Syrien (SYR)").
    public static func germanNameWithCode(_ code: String) -> String { germanNames[code].map { "\($0) (\(code))" } ?? code }

    /// The code for what a counselor typed: a code in any case ("syr"), or a German name in any case, with or without
    /// diacritics ("Syrien", "elfenbeinkuste"); nil if neither (QA41 C9: "Syrien" was refused, counselors do not know
    /// the codes).
    public static func code(fromInput input: String) -> String? {
        let typed = input.trimmingCharacters(in: .whitespaces)
        if isValid(typed.uppercased()) { return typed.uppercased() }
        return byGermanName[folded(typed)]
    }

    /// The error text of a country field that takes a name or a code.
    public static let inputHint = "Bitte ein Land angeben: den deutschen Namen (z. B. Syrien, Elfenbeinküste) oder den dreistelligen ISO-Code (z. B. SYR; XXA für staatenlos)."

    static func folded(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "de_DE")).replacingOccurrences(of: "ß", with: "ss")
    }

    static let byGermanName: [String: String] = {
        var out: [String: String] = [:]
        for (code, name) in germanNames { out[folded(name)] = code }
        // Names counselors use that ICU's German list spells otherwise.
        for (name, code) in ["Elfenbeinküste": "CIV", "Demokratische Republik Kongo": "COD", "Republik Kongo": "COG", "Weißrussland": "BLR",
                             "Palästina": "PSE", "Burma": "MMR", "Vereinigte Staaten": "USA", "Großbritannien": "GBR", "Staatenlos": "XXA"] {
            out[folded(name)] = code
        }
        return out
    }()

    /// Built once from the ICU data that Foundation bundles (it takes alpha-3 codes); the non-ISO codes by hand.
    static let germanNames: [String: String] = {
        let de = Locale(identifier: "de_DE")
        var names: [String: String] = ["XKX": "Kosovo", "XXA": "staatenlos", "XXB": "Flüchtling (GFK)", "XXC": "Flüchtling (sonstiger)", "XXX": "ungeklärt"]
        for code in all where names[code] == nil {
            if let n = de.localizedString(forRegionCode: code), n != code { names[code] = n }
        }
        return names
    }()
}
