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
    /// A folded key, word by word: lower case, umlauts and diacritics expanded, common transliteration variants
    /// unified; of the vowels, a word keeps its first letter's and the one after its first consonant ("o" = "u").
    /// That vowel tells Çelik from Kılıç and Shehu from Schiwan (QA of 06.12.2026), the others vary by transliteration.
    public static func key(_ s: String) -> String { skeleton(folded(s), firstVowel: true) }

    /// The key a search looks in: a name with "đ" gets its words a second time as read with "d", since the letter is
    /// "dj" in Serbian and Croatian (Đorđe = Djordje) but "d" in Vietnamese (Đức = Duc; QA of 06.12.2026).
    public static func searchKey(_ s: String) -> String {
        let key = key(s)
        guard let plain = strokeDVariant(s) else { return key }
        let words = key.split(separator: " ")
        let more = Self.key(plain).split(separator: " ").filter { !words.contains($0) }
        return more.isEmpty ? key : key + " " + more.joined(separator: " ")
    }

    /// The text with "đ" read as "d", or nil without one.
    static func strokeDVariant(_ s: String) -> String? {
        let lower = s.lowercased()
        return lower.contains("đ") ? lower.replacingOccurrences(of: "đ", with: "d") : nil
    }

    /// The name as one run of letters with only each word's first letter of the vowels: a name written as one word or
    /// as two ("Al-Khatib", "Alkhatib"; "Ben Salah" inside "Amina Bensalah").
    public static func joinedKey(_ s: String) -> String {
        skeleton(folded(s), firstVowel: false).replacingOccurrences(of: " ", with: "")
    }

    /// A word of a search: found at the start of a name word, or – when typed with three letters or more but folded to
    /// fewer ("Haji" is "ha") – only as a whole name word, since as a start it would find every name that begins alike.
    public struct QueryWord: Equatable, Sendable {
        public let key: String
        public let wholeWord: Bool
        /// The word as read with "d" for a typed "đ" (`key(_:)`): either reading finds the name.
        public var alternative: String? = nil

        func matches(_ nameWord: Substring) -> Bool {
            [key, alternative].contains { k in k.map { wholeWord ? nameWord == $0 : nameWord.hasPrefix($0) } ?? false }
        }
    }

    public static func queryWords(_ query: String) -> [QueryWord] {
        query.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).flatMap { typed in
            let keys = key(String(typed)).split(separator: " ")
            let plain = strokeDVariant(String(typed)).map { key($0).split(separator: " ") }
            return keys.enumerated().map { i, k in
                let other = plain.flatMap { i < $0.count && $0[i] != k ? String($0[i]) : nil }
                return QueryWord(key: String(k), wholeWord: k.count < 3 && typed.count >= 3, alternative: other)
            }
        }
    }

    /// A closer key than `key(_:)`, for ranking what the search found: the folded name with every vowel ("o" as "u")
    /// and each letter written twice kept once. "Hoseini" and "Husseini" are "Hosseini" in it; "Hozan", whose word
    /// key they share, is not (QA of 06.12.2026: the Hozans came first, alphabetically).
    public static func nearKey(_ s: String) -> String {
        var out = ""
        for ch in folded(s) {
            if ch == " " {
                if let last = out.last, last != " " { out.append(" ") }
                continue
            }
            guard ch.isLetter || ch.isNumber else { continue }
            let c: Character = ch == "o" ? "u" : ch
            if out.last != c { out.append(c) }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Whether every word of the query matches a word of the name (as `QueryWord` says).
    /// A name written as one word or as two ("Bensalah", "Ben Salah"; "Alkhatib", "Al-Khatib") matches too.
    public static func matches(query: String, name: String) -> Bool {
        let nameWords = searchKey(name).split(separator: " ")
        let words = queryWords(query)
        guard !words.isEmpty else { return true }
        if words.allSatisfy({ q in nameWords.contains { q.matches($0) } }) { return true }
        let joined = joinedKey(query)
        return joined.count >= 4 && joinedKey(name).contains(joined)
    }

    /// Letters that diacritic folding leaves as they are, as a German keyboard writes them.
    static let undecomposed: [(String, String)] = [("ß", "ss"), ("ı", "i"), ("ð", "d"), ("ł", "l"), ("ø", "o"), ("ħ", "h"), ("æ", "ae")]

    /// A name's letters as typed on a German keyboard: lower case, every diacritic dropped, letters without a
    /// decomposition by hand (Yılmaz = yilmaz, Jovanović = jovanovic, Redžepi = redzepi, Müller = muller), and no
    /// transliteration folding. What a strict comparison of a name compares (QA33 F1: "Yilmaz" passed for Yılmaz).
    public static func letters(_ s: String) -> String {
        var t = s.lowercased()
        for (a, b) in [("đ", "d")] + undecomposed where t.contains(a) { t = t.replacingOccurrences(of: a, with: b) }
        return t.unicodeScalars.allSatisfy(\.isASCII) ? t : t.folding(options: .diacriticInsensitive, locale: nil)
    }

    /// `letters` with the German umlauts spelled out (Müller = mueller), or nil for a name without one.
    public static func umlautsSpelled(_ s: String) -> String? {
        let t = s.lowercased()
        guard t.contains(where: { $0 == "ä" || $0 == "ö" || $0 == "ü" }) else { return nil }
        return letters(t.replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe").replacingOccurrences(of: "ü", with: "ue"))
    }

    /// Lower case, umlauts spelled out, every other diacritic dropped, transliteration variants unified.
    static func folded(_ s: String) -> String {
        // Invisible format characters (joiners, marks, soft hyphens) are no letters of the name.
        var t = s.unicodeScalars.contains { $0.properties.generalCategory == .format }
            ? String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.properties.generalCategory != .format })).lowercased()
            : s.lowercased()
        // German umlauts as their spelled-out form (Müller = Mueller); every other diacritic is dropped (Nikolić =
        // Nikolic, Snežana = Snezana); letters without a decomposition by hand; a comma or hyphen separates words.
        // "dž" is the "dsch" of Bosnian and Macedonian names (Džafer = Dschafer).
        let replacements: [(String, String)] = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("đ", "dj"), ("dž", "dj")] + undecomposed
            + [("-", " "), (",", " "), ("'", ""), ("’", "")]
        for (a, b) in replacements { t = t.replacingOccurrences(of: a, with: b) }
        t = t.folding(options: .diacriticInsensitive, locale: nil)
        // French "ou" before a vowel is the "w" of Maghrebi names (Alaoui = Alawi, Ouassim = Wassim; QA43 C12): at the
        // start of a word and after "a" only, since inside a word it is as often "u" + vowel (Mouad = Muad).
        if t.contains("ou") { t = frenchW(t) }
        // Phonetic folding of transliteration variants, applied in order. "c" stays "c": in the names of this
        // population it is Turkish "dsch" or Slavic "ts", never "k" (Celik is not Kilic; QA of 06.12.2026).
        let folds: [(String, String)] = [
            ("ae", "e"), ("oe", "o"), ("ue", "u"), ("ou", "u"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("dh", "d"),
            // Persian qāf and ghain, both "gh" or "q" (Ghaderi = Qaderi, Ghasemi = Qasemi; QA23 F5).
            ("gh", "q"),
            // German "dsch", "ch" and "zh" for Arabic and Slavic sounds (Chadidscha = Khadija, Rachimi = Rahimi,
            // Snezhana = Snežana; QA of 05.12.2026). "dsch" before "sch", which would take its letters; English "dzh"
            // is the same sound (Dzhabrailov = Dschabrailow; QA38 F1).
            ("dzh", "j"), ("dsch", "j"), ("sch", "sh"), ("tsch", "ch"), ("tch", "ch"), ("ch", "h"), ("zh", "z"), ("dj", "j"), ("j", "y"), ("w", "v"),
            // German "z" is English "ts" (Zuriew = Tsuriev; QA38 F1).
            ("q", "k"), ("ck", "k"), ("ee", "i"), ("ie", "i"), ("oo", "u"), ("ts", "z"), ("z", "s"),
        ]
        for (a, b) in folds { t = t.replacingOccurrences(of: a, with: b) }
        return t
    }

    /// "ou" + vowel as "w" where French transliteration writes it so: at a word's start and in "aou" + vowel.
    static func frenchW(_ t: String) -> String {
        let vowels: Set<Character> = ["a", "e", "i"]
        return t.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            var w = String(word)
            if w.hasPrefix("ou"), w.count > 2, vowels.contains(w[w.index(w.startIndex, offsetBy: 2)]) { w = "w" + w.dropFirst(2) }
            for v in vowels where w.contains("aou\(v)") { w = w.replacingOccurrences(of: "aou\(v)", with: "aw\(v)") }
            return w
        }.joined(separator: " ")
    }

    /// The letters that survive transliteration. Vowels are its least stable part: a word keeps its first letter and,
    /// with `firstVowel`, the first vowel after a first consonant ("o" and "u" as one).
    /// Inside a word, "d" is read as "t" and "b" as "p": the voiced and voiceless spellings of one name (Murad = Murat,
    /// Mehmed = Mehmet, Fadumo = Fatuma, Yakub = Yakup; QA43 C12); a word's first letter stays as written (Duc is not Tuc) except in the joined key.
    /// A letter written twice counts once ("mm" = "m", also across a dropped vowel: Mohammed = Muhammad); a longer run
    /// keeps a letter for every pair, so that "zzzz" is not "s" and matches nothing (QA of 05.12.2026: it found 91 of
    /// 306 clients).
    static func skeleton(_ t: String, firstVowel: Bool) -> String {
        var out = ""
        var previous: Character? = nil, run = 0
        var wordStart = true, vowelKept = false
        for ch in t {
            run = ch == previous ? run + 1 : 1
            previous = ch
            if ch == " " {
                if let last = out.last, last != " " { out.append(" ") }
                wordStart = true
                continue
            }
            if "aeiouy".contains(ch) {
                let keep = wordStart || (firstVowel && !vowelKept)
                wordStart = false
                vowelKept = true
                if keep { out.append(ch == "o" ? "u" : ch) }
                continue
            }
            if wordStart { vowelKept = !firstVowel }
            // Without `firstVowel` (the joined key) at a word's start too: "Abdul Basit" joined is "Abdulbasit".
            let letter: Character = wordStart && firstVowel ? ch : ch == "d" ? "t" : ch == "b" ? "p" : ch
            wordStart = false
            if let last = out.last, last == letter, run <= 2 || run % 2 == 0 { continue }
            out.append(letter)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
