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

    /// How many of `people` (the authority's referrals: birth date and nationality) share the sheet's age band and
    /// origin on `day`. One or two are too few: the authority, holding the names of those it referred, could tell
    /// whose case it is (QA of 05.12.2026 matched three sheets to one referred person each).
    public static func lookalikes(born: Day?, nationality: String?, among people: [(born: Day?, nationality: String?)], on day: Day) -> Int {
        guard born != nil else { return 0 }
        let band = ageBand(born, on: day), origin = region(nationality)
        return people.filter { $0.born != nil && ageBand($0.born, on: day) == band && region($0.nationality) == origin }.count
    }

    /// Fewer lookalikes than this among the authority's referrals make a sheet recognisable.
    public static let minimumLookalikes = 3

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
        // From the family links of the file: what is not linked is not known to be absent (QA of 06.12.2026: "0
        // minderjährige Kinder" for a file without links read as a fact).
        let partner = spouse ? "mit Ehe-/Lebenspartner:in" : "keine Partner:in im Haushalt erfasst"
        let children = minorChildren == 0 ? "keine minderjährigen Kinder erfasst" : minorChildren == 1 ? "1 minderjähriges Kind" : "\(minorChildren) minderjährige Kinder"
        lines.append(("Familie", partner + ", " + children))
        // Entry and history by year only: the authority holds every tolerated person's dates to the day, and a month of
        // entry with a month-by-month history beside nationality and family would point to one person. The lengths of
        // stay the law counts are given as whole years instead.
        lines.append(("Einreise", f.entered.map { String($0.year) } ?? "unbekannt"))
        // A title without its paragraph: the authority can list the permits it granted under a paragraph in a year, a
        // group of a handful that its referrals, which the recognisability check counts, do not show (QA of 06.12.2026).
        let history = (f.status ?? []).map { s -> String in
            let from = s.from.year, to = s.to?.year
            let span = to == nil ? "seit \(from)" : to == from ? "\(from)" : "\(from)–\(to!)"
            return "\(span): \(statusName(s.kind))"
        }
        lines.append(("Aufenthaltsverlauf", history.isEmpty ? "nicht erfasst" : history.joined(separator: "; ")))
        if let start = (f.status ?? []).first(where: { $0.kind != .none && $0.kind != .abroad })?.from {
            // Without the entry, the recorded history may begin long after it (QA of 05.12.2026: "Einreise unbekannt"
            // beside "0 Jahre").
            let years = max(0, start.age(on: day))
            lines.append(("Aufenthaltsdauer", f.entered == nil ? "mindestens \(years) Jahre laut erfasstem Verlauf" : "\(years) Jahre"))
        }
        let level = (f.german ?? []).filter { $0.date <= day }.map(\.level).max()
        // An omitted fact is unknown, never "no" (CASES.md): the authority would discuss a claim the file does not make.
        lines.append(("Deutsch", level.map { ["A1", "A2", "B1", "B2", "C1", "C2"][$0.rawValue - 1] } ?? (f.german == nil ? "nicht erfasst" : "kein Nachweis")))
        let working = f.employment.map { jobs in jobs.contains { $0.covers(day) } }
        lines.append(("Beschäftigung", working.map { $0 ? "derzeit beschäftigt" : "derzeit nicht beschäftigt" } ?? "nicht erfasst"))
        // No line on convictions: it is a topic of its own that only a consent releases, anonymised or not (QA of
        // 05.12.2026); where it decides a pathway, the assessment below says so without the record.
        let summary = p.assessments.filter { $0.outcome != .excluded && $0.outcome != .notMet }.map { a in
            // The year only: a month here gives away when a period began (30 months of § 60d before "ab 04/2028").
            "\(a.pathway.title): \(a.outcome.german)\(a.from.map { " ab \($0.year)" } ?? "")"
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

    /// What a question for the meeting must not contain (`identifyingWords`), and besides: the names and file numbers
    /// of everyone else the service knows, as written (its other clients, the people referred to it), and a month of
    /// the person's own record as month and year ("Einreise 09/2023"): the sheet gives years, the authority holds every
    /// date and would recognise the months (QA of 06.12.2026: all three reached the authority).
    public static func identifyingWordsInQuestion(_ typed: String, client: Client, relatives: [Client], others: [Client]) -> [String] {
        var found = identifyingWords(in: typed, client: client, relatives: relatives)
        let known = Set(([client] + relatives).map(\.id))
        for hit in identifyingWords(in: typed, persons: others.filter { !known.contains($0.id) }, patterns: [], houseNumbers: false, tolerant: false)
            + ownMonths(in: typed, persons: [client] + relatives) where !found.contains(hit) {
            found.append(hit)
        }
        return found
    }

    /// Month and year written in the text ("09/2023", "9.2023", "Sept. 2023") that are a month of a person's record:
    /// birth, entry, or the start or end of a status period.
    static func ownMonths(in typed: String, persons: [Client]) -> [String] {
        let own = Set(persons.flatMap { c -> [Day] in
            [c.facts.born, c.facts.entered].compactMap { $0 } + (c.facts.status ?? []).flatMap { [$0.from] + ($0.to.map { [$0] } ?? []) }
        }.map { $0.components.year * 100 + $0.components.month })
        var found: [String] = []
        for match in monthYear.matches(in: typed, range: NSRange(typed.startIndex..., in: typed)) {
            guard let r = Range(match.range, in: typed), let m = Range(match.range(at: 1), in: typed), let y = Range(match.range(at: 2), in: typed),
                  let year = Int(typed[y]) else { continue }
            let monthText = typed[m].lowercased()
            let month = Int(monthText) ?? monthNames.firstIndex { names in names.contains { monthText.hasPrefix($0) } }.map { $0 + 1 }
            if let month, own.contains(year * 100 + month) { found.append(String(typed[r])) }
        }
        return found
    }

    /// How months are written, German and English, by their first letters.
    static let monthNames = [["jan"], ["feb"], ["mär", "mrz", "maerz", "mar"], ["apr"], ["mai", "may"], ["jun"], ["jul"], ["aug"], ["sep"], ["okt", "oct"], ["nov"], ["dez", "dec"]]
    static let monthYear = try! NSRegularExpression(
        pattern: #"(?<![\d.])(0?[1-9]|1[0-2]|jan[a-z]*|feb[a-z]*|m(?:ä|ae|a)r[a-z]*|mrz|apr[a-z]*|ma[iy]|jun[a-z]*|jul[a-z]*|aug[a-z]*|sep[a-z]*|o[ck]t[a-z]*|nov[a-z]*|de[zc][a-z]*)\.?\s?[./-]?\s?((?:19|20)\d{2})(?!\d)"#,
        options: [.caseInsensitive])

    /// What minutes must not contain: the names and file numbers of the clients whose cases the meeting discussed,
    /// an address, postcode or e-mail address, or a birth date. Other dates pass (minutes name the next meeting and
    /// the deadlines of tasks), and so do telephone numbers (those of the participants).
    /// `others`: everyone else the writer's side knows (all clients, the people referred): their names are found only
    /// as written, without the tolerances, which over hundreds of names also caught "Frist" and "Dezember" (QA of
    /// 05.12.2026).
    public static func identifyingWordsInMinutes(_ typed: String, clients: [Client], others: [Client] = []) -> [String] {
        identifyingWordsInMinutes(typed, clients: clients, others: others, refusing: minutesPatterns)
    }

    /// `identifyingWordsInMinutes` with the patterns to refuse besides the names.
    static func identifyingWordsInMinutes(_ typed: String, clients: [Client], others: [Client], refusing: [(NSRegularExpression, String)]) -> [String] {
        // Not every capitalised word before a number: minutes number their items ("Tagesordnungspunkt 3").
        let near = identifyingWords(in: typed, persons: clients, patterns: refusing, houseNumbers: false)
        let known = Set(clients.map(\.id))
        let far = identifyingWords(in: typed, persons: others.filter { !known.contains($0.id) }, patterns: [], houseNumbers: false, tolerant: false)
        return near + far.filter { !near.contains($0) }
    }

    /// What a task of the meeting (its text and who is responsible) must not contain: as minutes, and no telephone
    /// number either (QA of 06.12.2026: "Rückruf unter 0176 …" passed): a task needs no number, the list of
    /// participants has them.
    public static func identifyingWordsInFollowUp(_ typed: String, clients: [Client], others: [Client] = []) -> [String] {
        identifyingWordsInMinutes(typed, clients: clients, others: others, refusing: followUpPatterns)
    }

    static let followUpPatterns = minutesPatterns + patterns.filter { $0.1 == "Telefon" }

    static func identifyingWords(in typed: String, persons: [Client], patterns: [(NSRegularExpression, String)], houseNumbers: Bool,
                                 tolerant: Bool = true) -> [String] {
        // An everyday word counts as a name only as written: folded, "siehe" meets names like "Sihe" (QA of 05.12.2026).
        // Strictly: as written but for diacritics ("Jovanovic" is Jovanović, "Muller" Müller; QA33 F1), each word and
        // name folded once.
        var letters: [String: String] = [:]
        func folded(_ s: String) -> String {
            if let f = letters[s] { return f }
            let f = NameMatching.letters(s)
            letters[s] = f
            return f
        }
        func sameName(_ w: String, _ n: String) -> Bool {
            tolerant && !everydayWords.contains(w.lowercased()) ? Self.sameName(w, n)
                : Self.sameNameStrictly(w, n) || Self.sameNameStrictly(folded(w), folded(n)) || NameMatching.umlautsSpelled(n).map { Self.sameNameStrictly(folded(w), $0) } == true
        }
        let text = skeleton(typed)
        var found: [String] = []
        func add(_ s: String) { if !found.contains(s) { found.append(s) } }
        let words = questionWords(text)
        for person in persons {
            for name in [person.firstName, person.lastName] {
                let parts = name.split { $0 == " " || $0 == "-" }.map(String.init)
                // Each part, and the whole name run together ("Ben Salah" written "Bensalah").
                // Name parts that are everyday German words ("Nur", "Egal", "Bei") are not looked for among the names of
                // everyone else: they would refuse ordinary sentences (QA of 05.12.2026).
                for part in parts + (parts.count > 1 ? [parts.joined()] : []) where part.count >= 2 && (tolerant || !commonWords.contains(part.lowercased())) {
                    if let hit = words.first(where: { sameName($0, part) }) { add(hit) }
                    // Written apart ("Ibek we"): two neighbouring words read as one.
                    else if part.count >= 5, let i = words.indices.dropLast().first(where: { sameName(words[$0] + words[$0 + 1], part) }) {
                        add(words[i] + " " + words[i + 1])
                    }
                }
            }
        }
        for person in persons { if let number = fileNumberHit(person.fileNumber, in: text) { add(number) } }
        // A known person's birth date in any form the date patterns read ("14 01 2004", "14.I.2004", "20040114"): needed
        // where dates as such pass (minutes); where every date is refused, the pass below finds it anyway.
        let births = Set(persons.compactMap(\.facts.born))
        if !births.isEmpty, !patterns.contains(where: { $0.1 == "Datum" }) {
            for match in datePatterns.flatMap({ $0.matches(in: text, range: NSRange(text.startIndex..., in: text)) }) {
                if let r = Range(match.range, in: text), let d = looseDate(String(text[r])), births.contains(d) { add(String(text[r]).trimmingCharacters(in: .whitespaces)) }
            }
        }
        // The law's own dates ("Stichtag 31.10.2022", "seit dem 31.12.2022") are what legal questions are about; they
        // pass unless they are a date of the person's own record.
        let ownDays = Set(persons.flatMap { c -> [Day] in
            [c.facts.born, c.facts.entered].compactMap { $0 } + (c.facts.status ?? []).flatMap { [$0.from] + ($0.to.map { [$0] } ?? []) }
        })
        for (pattern, kind) in patterns {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let r = Range(match.range, in: text) else { continue }
                if kind == "Datum", let d = looseDate(String(text[r])), legalDays.contains(d), !ownDays.contains(d) { continue }
                add(String(text[r]).trimmingCharacters(in: .whitespaces))
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
    static let houseNumber = try! NSRegularExpression(pattern: #"\b(\p{Lu}[\p{L}-]{4,})\s+(\d{1,3}(?:\s?[a-zA-Z](?!\p{L}))?)(?![\d.,/])(?=\s*(?:$|[,;:!?)]|\.(?:\s|$)|\s+(?:in|bei|und|seit|ab)\b))"#)
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

    /// Everyday German words that are also name parts somewhere (surnames, particles).
    static let commonWords: Set<String> = ["nur", "egal", "bei", "von", "van", "der", "den", "die", "das", "dem", "des", "und", "oder", "am", "an",
                                           "mit", "ist", "hat", "noch", "auch", "aber", "als", "so", "wie", "mal", "gut", "neu", "ja", "nein",
                                           "frei", "klein", "lang", "kurz", "hoch", "neben", "ab", "bis", "zu", "im", "in", "ob", "da"]

    /// Words of minutes and questions that transliteration-tolerant matching would fold onto names.
    static let everydayWords: Set<String> = commonWords.union(["siehe", "sieh", "anlage", "anlagen", "seite", "seiten", "fall", "falls"])

    /// As written (any case, a genitive "s"), nothing looser: transliteration keys fold everyday words onto some of
    /// hundreds of names ("fett", "Zeile").
    /// The same name as written, in any case (a genitive "s" allowed).
    static func sameNameStrictly(_ word: String, _ name: String) -> Bool {
        let w = word.lowercased(), n = name.lowercased()
        return w == n || w == n + "s" || w == n + "'s" || w == n + "’s"
    }

    /// The same name, also in another transliteration (Youssef, Yousef, Jussuf). A short name (under five letters)
    /// must match exactly: its folded form is shared by ordinary words ("Ali" and "alle").
    static func sameName(_ word: String, _ name: String) -> Bool {
        let w = word.lowercased(), n = name.lowercased()
        if w == n { return true }
        // The genitive of any name ("Omars Antrag"): short names must otherwise match exactly.
        if w == n + "s" || w == n + "'s" || w == n + "’s" { return true }
        guard name.count >= 5, word.count >= 4 else { return false }
        if w.hasPrefix(n) && w.count - n.count <= 2 { return true }   // "Karims", "Haddads"
        let kw = NameMatching.key(word), kn = NameMatching.key(name)
        if kw == kn { return true }
        // One letter more, less or other in a name whose folded form is still long (short folded forms are shared by
        // too many words: "am März" would pass for "AliReza").
        return kn.count >= 5 && withinOneEdit(kw, kn)
    }

    /// Whether two texts differ by at most one inserted, deleted or replaced character.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 1 else { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if x.count < y.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
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
        if compact(text).contains(compact(fileNumber)) { return fileNumber }
        // Its numbers alone, in order, as a file number is cited without its prefix ("AZ 2025-0030", "0030/2025").
        // A whole date is no file number (QA42: "14.03.2025" was read as PB-2025-0003; the date is refused as a date).
        let numbers = wanted.filter { $0.allSatisfy(\.isNumber) }
        if numbers.count >= 2 {
            let undated = fullDate.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
            let digits = groups(undated).filter { $0.allSatisfy(\.isNumber) }
            for run in [numbers, numbers.reversed()] where digits.count >= run.count {
                for i in 0...(digits.count - run.count) where Array(digits[i..<i + run.count]) == run { return fileNumber }
            }
        }
        return nil
    }

    static let fullDate = try! NSRegularExpression(pattern: #"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b"#)

    static let months = "Januar|Februar|März|Maerz|Marz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Mrz|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Oct|Nov|Dez|Dec|January|February|March|May|June|July|October|December"
    static let ordinals = "ersten|zweiten|dritten|vierten|fünften|sechsten|siebten|achten|neunten|zehnten|elften|zwölften|dreizehnten|vierzehnten|fünfzehnten|sechzehnten|siebzehnten|achtzehnten|neunzehnten|zwanzigsten|einundzwanzigsten|zweiundzwanzigsten|dreiundzwanzigsten|vierundzwanzigsten|fünfundzwanzigsten|sechsundzwanzigsten|siebenundzwanzigsten|achtundzwanzigsten|neunundzwanzigsten|dreißigsten|einunddreißigsten"

    /// Exact days in the ways people write them: day, month and year with dots, slashes, dashes, commas or spaces
    /// (12.03.2025, 5.3.25, 12/03/2019, 14 01 2004, 14.I.2004), year first (2025-03-12, 2004/01/14), run together
    /// (20040114), with a month's name in either order or a spelled day (5. März 2025, 14 Januar, Jan. 14, 2004, am
    /// vierzehnten Januar), or a day and month alone (am 12.03.). A month with its year ("03/2025", "März 2025") is
    /// what the sheet itself shows and passes.
    static let dateSources: [String] = [
        #"(?<![\d])(0?[1-9]|[12]\d|3[01])\s*[.,/ _\-–—]\s*(0?[1-9]|1[0-2]|[IVX]{1,4})\s*[.,/ _\-–—]\s*((19|20)\d{2}|\d{2})(?![\d])"#,
        #"\b\d{1,2}\.\s?\d{1,2}\.(?!\s?\d)"#,
        #"\bam\s+\d{1,2}\.\d{1,2}\b(?![.\d])"#,
        #"(?<![\d])(19|20)\d{2}\s*[./_\-–—]\s*(0?[1-9]|1[0-2])\s*[./_\-–—]\s*(0?[1-9]|[12]\d|3[01])(?![\d])"#,
        #"\b((19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])|(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(19|20)\d{2})\b"#,
        #"\b\d{1,2}(\.|ten|ter|sten|th|st|nd|rd)?\s*("# + months + #")\b\.?(\s*,?\s*\d{4}\b)?"#,
        #"\b("# + months + #")\.?\s+\d{1,2}(\.|ten|th|st|nd|rd)?\b\.?(,?\s*\d{4}\b)?(?!\d)"#,
        #"\b("# + ordinals + #")\s+("# + months + #")\b"#,
    ]
    static let datePatterns = dateSources.map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    /// Street addresses (also "Lindenstraße Nr. 5", "Schillerpl. 4"), postcodes (also "D-01067", "01 067 Dresden"),
    /// e-mail addresses and telephone numbers (also "(0351) 4567890", "+49 (0)351 …", "0 3 5 1 1 2 3 4").
    static let patterns: [(NSRegularExpression, String)] = datePatterns.map { ($0, "Datum") } + [
        // A street has a name before its suffix: "Lindenzeile 3", not "Zeile 3" of a text (QA of 05.12.2026).
        (#"\b[\p{L}-]+(straße|strasse|str|weg|platz|pl|gasse|allee|ring|damm|ufer|chaussee|markt|anger|hof|berg|tal|steig|pfad|zeile|kamp|siedlung)\.?\s*(nr\.?\s*)?\d+\s?[a-zA-Z]?\b"#, "Anschrift"),
        (#"\b(unter den|an der|am|auf der|im|in der|zum|zur|hinter der)\s+(?!(?i:satz|absatz|abs|nummer|nr|artikel|art|paragraph|kapitel|abschnitt|teil|jahr|jahre|monat|monate|tag|tage|stufe|klasse|alter|quartal|buchstabe|ziffer|punkt|anlage|fall|niveau|modul|lebensjahr|schuljahr)\b)\p{Lu}[\p{L}-]+\s+\d{1,3}\s?[a-zA-Z]?\b"#, "Anschrift"),
        (#"(?:\bD-\s?\d{5}|(?<![\d.,/-])\d{5})(?![\d.,/-])"#, "Postleitzahl"),
        (#"\b\d{2}\s\d{3}\s+[A-ZÄÖÜ][a-zäöüß]+"#, "Postleitzahl"),
        (#"[\w.+-]+@[\w-]+\.[\w.-]+"#, "E-Mail"),
        (#"[\w.+-]+\s?(\(at\)|\[at\]|\{at\}|\s(at|ät)\s)\s?[\w-]+(\.|\s?(\(dot\)|\[dot\]|\(punkt\))\s?)[\w.-]+"#, "E-Mail"),
        (#"(?<!\d)(\+|0)(?:[ ./-]?\d){7,}"#, "Telefon"),
        (#"(?<![\d.,])\d{3}\s\d{2}\s\d{2}(?![\d.,])"#, "Telefon"),
        (#"\(\s?0\d{2,5}\s?\)\s?\d[\d /-]{3,}\d"#, "Telefon"),
        (#"\+\d{1,3}\s?\(0\)\s?\d[\d /-]{4,}\d"#, "Telefon"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

    /// Days the law itself is about: changes in force, the § 104c cut-off and filing dates, the Chancen-Aufenthaltsrecht's
    /// promulgation and entry into force.
    static let legalDays: Set<Day> = Set(Law.changeDays + [Law.cutoff104c, Law.lastFiling104c, Law.lastFiling104c.adding(days: 1),
                                                           Day("2022-12-21"), Day("2022-12-31"), Law.residenceActInForce])

    /// The day a date found by `datePatterns` names, when it names one completely (day, month and year).
    static func looseDate(_ text: String) -> Day? {
        let lower = text.lowercased()
        var month: Int? = nil
        for (i, names) in monthNames.enumerated() where names.contains(where: { lower.contains($0) }) { month = i + 1; break }
        let romans = ["i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12]
        var numbers = lower.split { !$0.isNumber }.compactMap { Int($0) }
        if numbers.count == 1, let n = numbers.first, n > 9_999_999 {   // run together: yyyymmdd or ddmmyyyy
            let s = String(n)
            numbers = s.hasPrefix("19") || s.hasPrefix("20") ? [Int(s.prefix(4))!, Int(s.dropFirst(4).prefix(2))!, Int(s.suffix(2))!]
                : [Int(s.prefix(2))!, Int(s.dropFirst(2).prefix(2))!, Int(s.suffix(4))!]
        }
        if month == nil, numbers.count == 2, let roman = lower.split(whereSeparator: { !$0.isLetter }).first.flatMap({ romans[String($0)] }) {
            month = roman
        }
        func year(_ y: Int) -> Int { y < 100 ? (y > 30 ? 1900 + y : 2000 + y) : y }
        if let m = month, numbers.count == 2 {
            let (d, y) = numbers[0] > 31 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
            return Day(year: year(y), month: m, day: d)
        }
        guard numbers.count == 3 else { return nil }
        if numbers[0] > 31 { return Day(year: numbers[0], month: numbers[1], day: numbers[2]) }
        return Day(year: year(numbers[2]), month: numbers[1], day: numbers[0])
    }

    /// Names after a title ("Herr Ahmad Karimi", "Frau Ben Salah"): where no client's name is known to compare with.
    public static func titledNames(in typed: String) -> [String] {
        let text = skeleton(typed)
        return titled.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static let titled = try! NSRegularExpression(pattern: #"\b(?i:herrn?|frau|fr\.?|hr\.?|familie|fam\.|mr\.?|mrs\.?|ms\.?)\s+((?i:dr|prof)\.?\s+)?((?i:al|el|ben|bin|abu|van|von|der|den|de|da|del|la|le)[\s-]+)*\p{Lu}[\p{L}'-]{1,}(\s+\p{Lu}[\p{L}'-]+)*"#)

    /// The patterns minutes are checked with: addresses, postcodes, e-mail addresses, and a date given as a birth date.
    static let minutesPatterns: [(NSRegularExpression, String)] = patterns.filter { $0.1 == "Anschrift" || $0.1 == "Postleitzahl" || $0.1 == "E-Mail" }
        + [fileNumberShape]
        + dateSources.map { (try! NSRegularExpression(pattern: #"(\bgeb\.?|\bgeboren(\s+am)?|\bGeburtstag|\bGeburtsdatum|\*)\s*:?\s*(am\s+)?"# + $0, options: [.caseInsensitive]), "Geburtsdatum") }

    /// The shape of the service's file numbers ("PB-2024-0049", "PB 2024 49"), whoever's they are: refused on both
    /// sides of a meeting, since the shape tells nobody whether such a file exists (QA of 05.12.2026: the authority's
    /// minutes cited one).
    /// Any service's letters count, in capitals ("BM-2026-0007", "AZ 2026 12"; QA of 06.12.2026).
    static let fileNumberShape = (try! NSRegularExpression(pattern: #"\b(?:(?i:PB)|[A-Z]{2,4})\W{0,3}(?:19|20)\d{2}\W{0,3}\d{1,6}\b"#), "Aktenzeichen")

    /// Everything in the text shaped like a service's file number.
    public static func fileNumbers(in text: String) -> [String] {
        fileNumberShape.0.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    /// The sheet as text lines, for storage and display.
    public var text: String { (lines.map { "\($0.label): \($0.value)" } + ["Frage: \(question)"]).joined(separator: "\n") }
}
