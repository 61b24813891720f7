import Foundation

/// The languages counseling is held in. Typed as free text (any language can come up), but a known language is
/// stored under one German name, so that "dari", "Dari " and "Dari" count as one in the report.
public enum CounselingLanguages {
    /// Offered in the forms (in this order); the usual languages of counseling for tolerated persons in Germany.
    public static let common = [
        "Deutsch", "Englisch", "Arabisch", "Dari", "Farsi", "Paschtu", "Kurdisch (Kurmandschi)", "Kurdisch (Sorani)",
        "Russisch", "Ukrainisch", "Georgisch", "Tigrinya", "Amharisch", "Somali", "Französisch", "Türkisch",
        "Albanisch", "Serbisch", "Romanes", "Urdu", "Hindi", "Vietnamesisch", "Spanisch",
    ]

    /// Other spellings of the common names, by their comparison key.
    private static let aliases: [String: String] = {
        var out: [String: String] = [:]
        for name in common { out[key(name)] = name }
        let more: [(String, String)] = [
            ("german", "Deutsch"), ("english", "Englisch"), ("arabic", "Arabisch"), ("persian", "Farsi"), ("persisch", "Farsi"),
            ("pashto", "Paschtu"), ("paschto", "Paschtu"), ("kurmanci", "Kurdisch (Kurmandschi)"),
            ("kurmandschi", "Kurdisch (Kurmandschi)"), ("kurmanji", "Kurdisch (Kurmandschi)"), ("sorani", "Kurdisch (Sorani)"),
            ("russian", "Russisch"), ("ukrainian", "Ukrainisch"), ("georgian", "Georgisch"), ("tigrinja", "Tigrinya"),
            ("tigrigna", "Tigrinya"), ("amharic", "Amharisch"), ("french", "Französisch"), ("franzosisch", "Französisch"),
            ("turkish", "Türkisch"), ("turkisch", "Türkisch"), ("albanian", "Albanisch"), ("serbian", "Serbisch"),
            ("romani", "Romanes"), ("vietnamese", "Vietnamesisch"), ("spanish", "Spanisch"),
            // As clients write them in the online request (their own name for the language).
            ("العربية", "Arabisch"), ("عربي", "Arabisch"), ("دری", "Dari"), ("فارسی", "Farsi"), ("پښتو", "Paschtu"),
            ("русский", "Russisch"), ("українська", "Ukrainisch"), ("türkçe", "Türkisch"), ("français", "Französisch"),
            ("ትግርኛ", "Tigrinya"), ("አማርኛ", "Amharisch"), ("kurmancî", "Kurdisch (Kurmandschi)"), ("کوردی", "Kurdisch (Sorani)"),
            ("shqip", "Albanisch"), ("soomaali", "Somali"), ("ქართული", "Georgisch"), ("اردو", "Urdu"), ("español", "Spanisch"),
            ("tiếngviệt", "Vietnamesisch"), ("српски", "Serbisch"), ("srpski", "Serbisch"),
            // The Persian-script page's own name: Farsi or Dari, the client did not say which.
            ("فارسی / دری", "Farsi oder Dari"),
        ]
        // By their comparison key, as they are looked up (QA of 05.12.2026: "Русский" missed "русский", whose
        // "й" the key folds to "и").
        for (alias, name) in more { out[key(alias)] = name }
        return out
    }()

    /// What is stored for a typed language: the common name when it is one (in any case, with or without
    /// diacritics or an English name), else the text with its spaces collapsed.
    public static func canonical(_ typed: String) -> String {
        let collapsed = typed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return aliases[key(collapsed)] ?? collapsed
    }

    /// Lower case without diacritics and spaces: "Türkisch" and "turkisch" compare equal.
    static func key(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "de_DE"))
            .filter { !$0.isWhitespace }
    }
}
