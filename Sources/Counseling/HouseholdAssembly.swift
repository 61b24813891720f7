import Eligibility

/// Builds the engine's household from client records: the client, the members of its household and the
/// relations between them.
public enum HouseholdAssembly {
    /// - Parameters:
    ///   - members: the client and every client sharing its `householdID` (the client first).
    ///   - relatives: related clients living elsewhere (e.g. a spouse for § 60d): persons of the case, not of the household.
    ///   - relations: relations among these clients.
    public static func household(members: [Client], relatives: [Client] = [], relations: [ClientRelation]) -> Household {
        let inHousehold = Set(members.map(\.id))
        // Each person is labelled with the client's name, so that the answer's texts name relatives by it.
        let all = (members + relatives.filter { !inHousehold.contains($0.id) }).map { c -> Client in
            var named = c
            named.facts.label = "\(c.firstName) \(c.lastName)"
            return named
        }
        let ids = Set(all.map(\.id))
        let rel = relations.filter { ids.contains($0.from) && ids.contains($0.to) }.map {
            Relation(kind: $0.kind, persons: [$0.from, $0.to], custody: $0.custody)
        }
        if all.count == 1 && rel.isEmpty { return Household(single: all[0].facts) }
        return Household(persons: all.map(\.facts), relations: rel, household: inHousehold)
    }
}

/// Search that tolerates transliteration variants (Mohammed/Muhammad, Müller/Mueller, Jusuf/Yusuf).
public enum NameMatching {
    /// A folded key: lower case, umlauts and diacritics expanded, common transliteration variants unified.
    public static func key(_ s: String) -> String {
        var t = s.lowercased()
        // German umlauts as their spelled-out form (Müller = Mueller); every other diacritic is dropped (Nikolić =
        // Nikolic, Snežana = Snezana); letters without a decomposition by hand; a comma or hyphen separates words.
        let replacements: [(String, String)] = [
            ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ı", "i"), ("đ", "dj"), ("ł", "l"), ("ø", "o"),
            ("æ", "ae"), ("-", " "), (",", " "), ("'", ""), ("’", ""),
        ]
        for (a, b) in replacements { t = t.replacingOccurrences(of: a, with: b) }
        t = t.folding(options: .diacriticInsensitive, locale: nil)
        // Phonetic folding of transliteration variants, applied in order.
        let folds: [(String, String)] = [
            ("ae", "e"), ("oe", "o"), ("ue", "u"), ("ou", "u"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("dh", "d"),
            // German "dsch", "ch" and "zh" for Arabic and Slavic sounds (Chadidscha = Khadija, Rachimi = Rahimi,
            // Snezhana = Snežana; QA of 05.12.2026). "dsch" before "sch", which would take its letters.
            ("dsch", "j"), ("sch", "sh"), ("tsch", "ch"), ("tch", "ch"), ("ch", "h"), ("zh", "z"), ("dj", "j"), ("j", "y"), ("w", "v"),
            ("q", "k"), ("c", "k"), ("ee", "i"), ("ie", "i"), ("oo", "u"), ("z", "s"),
        ]
        for (a, b) in folds { t = t.replacingOccurrences(of: a, with: b) }
        // Vowels are the least stable part of a transliteration: keep only the first letter's.
        // A letter written twice counts once ("mm" = "m", also across a dropped vowel: Mohammed = Muhammad); a longer
        // run keeps a letter for every pair, so that "zzzz" is not "s" and matches nothing (QA of 05.12.2026: it
        // found 91 of 306 clients).
        var out = ""
        var previous: Character? = nil, run = 0
        for (i, ch) in t.enumerated() {
            run = ch == previous ? run + 1 : 1
            previous = ch
            if i > 0, "aeiouy".contains(ch), let last = out.last, last != " " { continue }
            if let last = out.last, last == ch, run <= 2 || run % 2 == 0 { continue }
            out.append(ch)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Whether every word of the query matches the start of a word of the name.
    /// A name written as one word or as two ("Bensalah", "Ben Salah"; "Alkhatib", "Al-Khatib") matches too.
    public static func matches(query: String, name: String) -> Bool {
        let nameKey = key(name), queryKey = key(query)
        let nameWords = nameKey.split(separator: " ").map(String.init)
        let queryWords = queryKey.split(separator: " ").map(String.init)
        guard !queryWords.isEmpty else { return true }
        if queryWords.allSatisfy({ q in nameWords.contains { $0.hasPrefix(q) } }) { return true }
        let joined = queryKey.replacingOccurrences(of: " ", with: "")
        return joined.count >= 4 && nameKey.replacingOccurrences(of: " ", with: "").contains(joined)
    }

    /// The key without its spaces: a name written as one word or as two ("Al-Khatib", "Alkhatib") is one name.
    public static func joinedKey(_ s: String) -> String { key(s).replacingOccurrences(of: " ", with: "") }
}

import Foundation
