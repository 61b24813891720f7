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
