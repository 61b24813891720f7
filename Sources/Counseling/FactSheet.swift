import Eligibility
import Foundation

/// A case brought to the quarterly meeting, anonymised: no name, birth date, file number or address; every date
/// coarsened to the month; ages as five-year bands; a nationality held by few shown only as its region.
public struct FactSheet: Sendable, Hashable {
    public var lines: [(label: String, value: String)]
    public var question: String

    public static func == (a: FactSheet, b: FactSheet) -> Bool {
        a.question == b.question && a.lines.map { $0.label + "\u{1}" + $0.value } == b.lines.map { $0.label + "\u{1}" + $0.value }
    }
    public func hash(into h: inout Hasher) { h.combine(question); for l in lines { h.combine(l.label); h.combine(l.value) } }

    /// Nationalities common enough among tolerated persons to be named; any other is shown as its region.
    public static let namedNationalities: Set<String> = ["AFG", "IRQ", "SYR", "TUR", "RUS", "GEO", "NGA", "IRN", "PAK"]

    public static func region(_ code: String?) -> String {
        guard let c = code else { return "ungeklärt" }
        if namedNationalities.contains(c) { return CountryCodes.germanName(c) }
        switch c {
        case "GIN", "GMB", "SEN", "MLI", "CIV", "GHA", "SLE", "LBR", "TGO", "BEN", "BFA", "NER", "CMR": return "West- und Zentralafrika"
        case "SOM", "ERI", "ETH", "SDN", "SSD", "KEN", "UGA": return "Ostafrika"
        case "DZA", "MAR", "TUN", "LBY", "EGY": return "Nordafrika"
        case "LBN", "JOR", "PSE", "YEM", "XXA": return "Naher Osten (einschl. staatenlos)"
        case "ARM", "AZE": return "Kaukasus"
        case "IND", "BGD", "LKA", "NPL": return "Südasien"
        case "VNM", "CHN", "MNG": return "Ost- und Südostasien"
        case "SRB", "XKX", "ALB", "MKD", "BIH", "MNE", "MDA", "UKR": return "Südost- und Osteuropa"
        default: return "andere Region"
        }
    }

    static func month(_ d: Day?) -> String {
        guard let d else { return "unbekannt" }
        let (y, m, _) = d.components
        return (m < 10 ? "0" : "") + "\(m)/\(y)"
    }

    /// Whole years from `start` to `end`.
    static func years(from start: Day, to end: Day) -> Int {
        var y = end.year - start.year
        if start.adding(years: y) > end { y -= 1 }
        return max(0, y)
    }

    static func ageBand(_ born: Day?, on day: Day) -> String {
        guard let b = born else { return "unbekannt" }
        let a = b.age(on: day), low = a / 5 * 5
        return "\(low)–\(low + 4) Jahre"
    }

    public static func make(person p: PersonAssessment, spouse: Bool, minorChildren: Int, question: String, on day: Day) -> FactSheet {
        let f = p.person
        var lines: [(String, String)] = []
        lines.append(("Alter", ageBand(f.born, on: day)))
        lines.append(("Herkunft", region(f.nationality)))
        lines.append(("Familie", (spouse ? "mit Ehe-/Lebenspartner:in" : "ohne Partner:in im Haushalt") + ", \(minorChildren) minderjährige Kinder"))
        // Entry and history by year only: the authority holds every tolerated person's dates to the day, and a month of
        // entry with a month-by-month history beside nationality and family would point to one person. The lengths of
        // stay the law counts are given as whole years instead.
        lines.append(("Einreise", f.entered.map { String($0.year) } ?? "unbekannt"))
        let history = (f.status ?? []).map { s -> String in
            let from = s.from.year, to = s.to?.year
            let span = to == nil ? "seit \(from)" : to == from ? "\(from)" : "\(from)–\(to!)"
            return "\(span): \(statusName(s.kind))\(s.basis.map { " (§ \($0))" } ?? "")"
        }
        lines.append(("Aufenthaltsverlauf", history.isEmpty ? "nicht erfasst" : history.joined(separator: "; ")))
        if let start = (f.status ?? []).first(where: { $0.kind != .none && $0.kind != .abroad })?.from {
            lines.append(("Aufenthaltsdauer", "\(years(from: start, to: day)) Jahre"))
        }
        let level = (f.german ?? []).filter { $0.date <= day }.map(\.level).max()
        lines.append(("Deutsch", level.map { ["A1", "A2", "B1", "B2", "C1", "C2"][$0.rawValue - 1] } ?? "kein Nachweis"))
        let working = (f.employment ?? []).contains { $0.covers(day) }
        lines.append(("Beschäftigung", working ? "derzeit beschäftigt" : "derzeit nicht beschäftigt"))
        lines.append(("Strafrechtliches", (f.convictions ?? []).isEmpty ? (f.convictions == nil ? "nicht erfasst" : "keine Verurteilungen") : "Verurteilung(en) vorhanden"))
        let summary = p.assessments.filter { $0.outcome != .excluded && $0.outcome != .notMet }.map { a in
            "\(a.pathway.title): \(a.outcome.german)\(a.from.map { " ab \(month($0))" } ?? "")"
        }
        lines.append(("Einschätzung", summary.isEmpty ? "kein Weg erfüllt oder absehbar" : summary.joined(separator: "; ")))
        return FactSheet(lines: lines, question: question)
    }

    static func statusName(_ k: StatusKind) -> String {
        switch k {
        case .gestattung: "Gestattung"; case .duldung: "Duldung"; case .duldung60b: "Duldung § 60b"; case .duldung60c: "Ausbildungsduldung"
        case .duldung60d: "Beschäftigungsduldung"; case .aufenthaltserlaubnis: "Aufenthaltserlaubnis"; case .fiktion: "Fiktion"; case .visa: "Visum"
        case .none: "ohne Status"; case .abroad: "im Ausland"
        }
    }

    /// What a question for the meeting must not contain, as the counselor typed it: the names of the client and of
    /// their relatives, the file number, an exact date (the sheet shows months only, and a day with the rest can point to
    /// one person), a street address or postcode, an e-mail address or a telephone number.
    /// Without a client (a volunteer's question about someone who is no client), only the dates, addresses and numbers.
    public static func identifyingWords(in typed: String, client: Client?, relatives: [Client] = []) -> [String] {
        identifyingWords(in: typed, persons: (client.map { [$0] } ?? []) + relatives, patterns: patterns, houseNumbers: true)
    }

    /// What minutes must not contain: the names and file numbers of the clients whose cases the meeting discussed,
    /// an address, postcode or e-mail address, or a birth date. Other dates pass (minutes name the next meeting and
    /// the deadlines of tasks), and so do telephone numbers (those of the participants).
    public static func identifyingWordsInMinutes(_ typed: String, clients: [Client]) -> [String] {
        // Not every capitalised word before a number: minutes number their items ("Tagesordnungspunkt 3").
        identifyingWords(in: typed, persons: clients, patterns: minutesPatterns, houseNumbers: false)
    }

    static func identifyingWords(in typed: String, persons: [Client], patterns: [(NSRegularExpression, String)], houseNumbers: Bool) -> [String] {
        let text = skeleton(typed)
        var found: [String] = []
        func add(_ s: String) { if !found.contains(s) { found.append(s) } }
        let words = questionWords(text)
        for person in persons {
            for name in [person.firstName, person.lastName] {
                let parts = name.split { $0 == " " || $0 == "-" }.map(String.init)
                // Each part, and the whole name run together ("Ben Salah" written "Bensalah").
                for part in parts + (parts.count > 1 ? [parts.joined()] : []) where part.count >= 2 {
                    if let hit = words.first(where: { sameName($0, part) }) { add(hit) }
                }
            }
        }
        for person in persons { if let number = fileNumberHit(person.fileNumber, in: text) { add(number) } }
        for (pattern, _) in patterns {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(match.range, in: text) { add(String(text[r]).trimmingCharacters(in: .whitespaces)) }
            }
        }
        // Any capitalised word with a house number ("Am Markt 12a", "Platz der Einheit 3"), unless the word is one
        // that numbers things in a legal question ("Satz 2", "Stufe 3", "Klasse 10").
        for match in houseNumber.matches(in: text, range: NSRange(text.startIndex..., in: text)) where houseNumbers {
            guard let whole = Range(match.range, in: text), let word = Range(match.range(at: 1), in: text),
                  let number = Range(match.range(at: 2), in: text),
                  !Self.numberingWords.contains(text[word].lowercased()),
                  // "Duldung 60a", "Schulzeit 25a": a section of the law, not a house.
                  !StatusHistoryRules.citedSections.contains(text[number].lowercased().filter { !$0.isWhitespace }) else { continue }
            add(String(text[whole]))
        }
        return found
    }

    /// A word of five letters or more (shorter capitalised words before a number open sentences: "Mit 20",
    /// "Seit 3"), a number of up to three digits, perhaps a letter ("12a", "12 b"). The number must end the phrase (end of text, punctuation, "in"/"bei"/"und"): "Markt 12a, Dresden" is an address,
    /// "Schulzeit 3 Jahre" a quantity.
    static let houseNumber = try! NSRegularExpression(pattern: #"\b(\p{Lu}[\p{L}-]{4,})\s+(\d{1,3}(?:\s?[a-zA-Z](?!\p{L}))?)(?![\d.,/])(?=\s*(?:$|[,;:!?)]|\.(?:\s|$)|\s+(?:in|bei|und)\b))"#)
    static let numberingWords: Set<String> = [
        "satz", "nr", "nummer", "abs", "absatz", "art", "artikel", "paragraph", "paragraf", "buchstabe", "anlage", "anhang",
        "kapitel", "abschnitt", "teil", "seite", "punkt", "punkte", "ziffer", "stufe", "klasse", "jahrgang", "niveau", "modul",
        "jahr", "jahre", "jahren", "monat", "monate", "monaten", "woche", "wochen", "tag", "tage", "tagen", "stunden", "stunde",
        "alter", "kinder", "kind", "personen", "quartal", "sgb", "aufenthg", "asylg", "beschv", "bzrg", "stgb", "gg", "dsgvo",
        "tagessätze", "tagessätzen", "tagessatz", "euro", "eur", "prozent", "mal", "von", "bis", "ab", "seit", "über", "unter",
        "mindestens", "höchstens", "etwa", "rund", "fall", "fälle", "frage", "wochenstunden", "level",
    ]

    /// The text as it reads: invisible characters (zero-width spaces, soft hyphens) dropped, and Cyrillic or Greek
    /// letters that look like Latin ones read as those ("Аbdi" with a Cyrillic А is "Abdi").
    static func skeleton(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars where u.properties.generalCategory != .format {
            out.append(lookalikes[u] ?? u)
        }
        return String(out)
    }

    static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs = ["АA", "ВB", "ЕE", "КK", "МM", "НH", "ОO", "РP", "СC", "ТT", "ХX", "ІI", "ЈJ", "ЅS", "аa", "еe", "оo", "рp", "сc", "уy", "хx",
                     "іi", "јj", "ѕs", "ԁd", "ΑA", "ΒB", "ΕE", "ΖZ", "ΗH", "ΙI", "ΚK", "ΜM", "ΝN", "ΟO", "ΡP", "ΤT", "ΥY", "ΧX", "οo", "νv"]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for p in pairs { let u = Array(p.unicodeScalars); map[u[0]] = u[1] }
        return map
    }()

    /// The words of a question: letters only, split at anything else; letters written apart ("Y o u s s e f") are
    /// joined back into one word.
    static func questionWords(_ text: String) -> [String] {
        var out: [String] = [], spaced = ""
        for w in text.split(whereSeparator: { !$0.isLetter }).map(String.init) {
            if w.count == 1 { spaced += w; continue }
            if spaced.count > 1 { out.append(spaced) }
            spaced = ""
            out.append(w)
        }
        if spaced.count > 1 { out.append(spaced) }
        return out
    }

    /// The same name, also in another transliteration (Youssef, Yousef, Jussuf). A short name (under five letters)
    /// must match exactly: its folded form is shared by ordinary words ("Ali" and "alle").
    static func sameName(_ word: String, _ name: String) -> Bool {
        let w = word.lowercased(), n = name.lowercased()
        if w == n { return true }
        guard name.count >= 5, word.count >= 4 else { return false }
        if w.hasPrefix(n) && w.count - n.count <= 2 { return true }   // "Karims", "Haddads"
        return NameMatching.key(word) == NameMatching.key(name)
    }

    /// The file number as written in `text`, also with other separators or without leading zeros ("PB 2026 86").
    static func fileNumberHit(_ fileNumber: String, in text: String) -> String? {
        func groups(_ s: String) -> [String] {
            s.lowercased().split { !$0.isLetter && !$0.isNumber }.map { g in
                g.allSatisfy(\.isNumber) ? String(Int(g.prefix(18)).map(String.init) ?? String(g)) : String(g)
            }
        }
        let wanted = groups(fileNumber)
        guard !wanted.isEmpty, wanted.joined().count >= 2 else { return nil }
        let tokens = groups(text)
        if tokens.count >= wanted.count {
            for i in 0...(tokens.count - wanted.count) where Array(tokens[i..<i + wanted.count]) == wanted { return fileNumber }
        }
        let compact = { (s: String) in s.lowercased().filter { $0.isLetter || $0.isNumber } }
        return compact(text).contains(compact(fileNumber)) ? fileNumber : nil
    }

    /// Exact days, with or without a year (12.03.2025, 5.3.25, 12/03/2019, 2025-03-12, 5. März 2025, am 12.03., 15. Nov.),
    /// street addresses, postcodes, e-mail addresses and telephone numbers (also "(0351) 4567890", "+49 (0)351 …").
    /// A month with its year ("03/2025", "März 2025") is what the sheet itself shows and passes.
    static let patterns: [(NSRegularExpression, String)] = [
        (#"\b\d{1,2}\.\s?\d{1,2}\.\s?(\d{4}|\d{2})\b"#, "Datum"),
        (#"\b\d{1,2}\.\s?\d{1,2}\.(?!\s?\d)"#, "Datum"),
        (#"\b\d{1,2}/\d{1,2}/(\d{4}|\d{2})\b"#, "Datum"),
        (#"\b\d{4}-\d{2}-\d{2}\b"#, "Datum"),
        (#"\b\d{1,2}\.\s?(Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)\b\.?(\s+\d{4}\b)?"#, "Datum"),
        (#"\b[\p{L}-]*(straße|strasse|str\.?|weg|platz|gasse|allee|ring|damm|ufer|chaussee|markt|anger|hof|berg|tal|steig|pfad|zeile|kamp|siedlung)\s*\d+\s?[a-zA-Z]?\b"#, "Anschrift"),
        (#"(?<![\d.,/-])\d{5}(?![\d.,/-])"#, "Postleitzahl"),
        (#"[\w.+-]+@[\w-]+\.[\w.-]+"#, "E-Mail"),
        (#"(?<!\d)(\+|0)\d[\d /-]{6,}\d"#, "Telefon"),
        (#"\(\s?0\d{2,5}\s?\)\s?\d[\d /-]{3,}\d"#, "Telefon"),
        (#"\+\d{1,3}\s?\(0\)\s?\d[\d /-]{4,}\d"#, "Telefon"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

    /// Names after a title ("Herr Ahmad Karimi", "Frau Ben Salah"): where no client's name is known to compare with.
    public static func titledNames(in typed: String) -> [String] {
        let text = skeleton(typed)
        return titled.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static let titled = try! NSRegularExpression(pattern: #"\b(Herrn?|Frau|Fr\.|Hr\.)\s+\p{Lu}[\p{L}'-]+(\s+\p{Lu}[\p{L}'-]+)*"#)

    /// The patterns minutes are checked with: addresses, postcodes, e-mail addresses, and a date given as a birth date.
    static let minutesPatterns: [(NSRegularExpression, String)] = patterns.filter { $0.1 == "Anschrift" || $0.1 == "Postleitzahl" || $0.1 == "E-Mail" }
        + [(try! NSRegularExpression(pattern: #"\b(geb\.?|geboren(\s+am)?|Geburtsdatum:?)\s*\d{1,2}\.\s?\d{1,2}\.\s?(\d{4}|\d{2})\b"#, options: [.caseInsensitive]), "Geburtsdatum")]

    /// The sheet as text lines, for storage and display.
    public var text: String { (lines.map { "\($0.label): \($0.value)" } + ["Frage: \(question)"]).joined(separator: "\n") }
}
