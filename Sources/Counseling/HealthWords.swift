import Foundation

/// Health data in a free text that must not carry them (the authority's reason for a referral says "ohne
/// Gesundheitsangaben": health is a topic of its own that only a consent releases, Art. 9 GDPR).
public enum HealthWords {
    /// Word beginnings that name an illness, a treatment or a condition ("PTBS", "psychisch", "Krankenhaus").
    /// (Those that `parts` finds anywhere in a word are not repeated here.)
    static let stems = [
        "krank", "ptbs", "ptsd", "psych", "therap",
        "behinder", "schwanger", "hiv", "aids", "krebs", "tumor", "suchtkrank", "drogen", "alkoholkrank", "medikament",
        "klinik", "krankenhaus", "epilep", "diabet", "dialyse", "chemo", "pflegegrad", "pflegebedürf", "attest",
        // Disabilities and aids are health data too (Art. 9 GDPR; QA of 06.12.2026: "Rollstuhlfahrer" passed).
        "rollstuhl", "blind", "gehörlos", "taub", "gelähmt", "lähmung", "amputiert", "prothese", "autis",
    ].map(fold)

    /// Parts of compounds that name a condition wherever they stand ("Posttraumatische Belastungsstörung",
    /// "Angststörung", "schwerbehindert"; QA of 06.12.2026: the long forms passed where "PTBS" was refused).
    static let parts = [
        "trauma", "belastungsstorung", "angststorung", "essstorung", "personlichkeitsstorung", "depress", "psychisch", "psychiatr",
        "erkrank", "krankheit", "diagnos", "therapie", "behindert", "behinderung", "suizid", "schizo", "demenz", "bipolar",
    ].map(fold)

    static func fold(_ s: some StringProtocol) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "de_DE"))
    }

    /// The words of `text` that begin like one of the stems, as written.
    public static func found(in text: String) -> [String] {
        var out: [String] = []
        for word in text.split(whereSeparator: { !$0.isLetter }) {
            let folded = fold(word)
            if stems.contains(where: { folded.hasPrefix($0) }) || parts.contains(where: { folded.contains($0) }), !out.contains(String(word)) {
                out.append(String(word))
            }
        }
        return out
    }
}
