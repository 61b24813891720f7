import Eligibility

/// Public holidays of the German Länder, computed (Easter by the Gregorian computus), so that a deadline falling on
/// a weekend or holiday of the tenant's Land moves to the next working day (§ 31 Abs. 3 VwVfG, § 193 BGB).
public enum Holidays {
    /// The German name of a Land given as its ISO 3166-2 code (e.g. "DE-SN" → "Sachsen"); the code if unknown.
    public static func landName(_ code: String) -> String {
        let names = ["DE-BW": "Baden-Württemberg", "DE-BY": "Bayern", "DE-BE": "Berlin", "DE-BB": "Brandenburg", "DE-HB": "Bremen",
                     "DE-HH": "Hamburg", "DE-HE": "Hessen", "DE-MV": "Mecklenburg-Vorpommern", "DE-NI": "Niedersachsen",
                     "DE-NW": "Nordrhein-Westfalen", "DE-RP": "Rheinland-Pfalz", "DE-SL": "Saarland", "DE-SN": "Sachsen",
                     "DE-ST": "Sachsen-Anhalt", "DE-SH": "Schleswig-Holstein", "DE-TH": "Thüringen"]
        return names[code] ?? code
    }

    /// Easter Sunday of a year (Anonymous Gregorian algorithm).
    public static func easter(_ y: Int) -> Day {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: y, month: month, day: day)!
    }

    /// The public holidays of a Land (ISO 3166-2, e.g. "DE-SN") in a year, with their German names.
    public static func of(land: String, year y: Int) -> [(Day, String)] {
        let e = easter(y)
        var list: [(Day, String)] = [
            (Day(year: y, month: 1, day: 1)!, "Neujahr"),
            (e.adding(days: -2), "Karfreitag"),
            (e.adding(days: 1), "Ostermontag"),
            (Day(year: y, month: 5, day: 1)!, "Tag der Arbeit"),
            (e.adding(days: 39), "Christi Himmelfahrt"),
            (e.adding(days: 50), "Pfingstmontag"),
            (Day(year: y, month: 10, day: 3)!, "Tag der Deutschen Einheit"),
            (Day(year: y, month: 12, day: 25)!, "1. Weihnachtstag"),
            (Day(year: y, month: 12, day: 26)!, "2. Weihnachtstag"),
        ]
        if ["DE-BW", "DE-BY", "DE-ST"].contains(land) { list.append((Day(year: y, month: 1, day: 6)!, "Heilige Drei Könige")) }
        if ["DE-BE", "DE-MV"].contains(land) { list.append((Day(year: y, month: 3, day: 8)!, "Internationaler Frauentag")) }
        if ["DE-BW", "DE-BY", "DE-HE", "DE-NW", "DE-RP", "DE-SL"].contains(land) { list.append((e.adding(days: 60), "Fronleichnam")) }
        if land == "DE-SL" { list.append((Day(year: y, month: 8, day: 15)!, "Mariä Himmelfahrt")) }
        if land == "DE-TH" { list.append((Day(year: y, month: 9, day: 20)!, "Weltkindertag")) }
        if ["DE-BB", "DE-HB", "DE-HH", "DE-MV", "DE-NI", "DE-SN", "DE-ST", "DE-SH", "DE-TH"].contains(land) {
            list.append((Day(year: y, month: 10, day: 31)!, "Reformationstag"))
        }
        if ["DE-BW", "DE-BY", "DE-NW", "DE-RP", "DE-SL"].contains(land) { list.append((Day(year: y, month: 11, day: 1)!, "Allerheiligen")) }
        if land == "DE-SN" {
            // Buß- und Bettag: the Wednesday before 23 November.
            let nov22 = Day(year: y, month: 11, day: 22)!
            let back = (weekday(nov22) - 3 + 7) % 7
            list.append((nov22.adding(days: -back), "Buß- und Bettag"))
        }
        return list.sorted { $0.0 < $1.0 }
    }

    /// 1 = Monday … 7 = Sunday.
    public static func weekday(_ d: Day) -> Int { Int(((Int64(d.ordinal) % 7) + 7 + 3) % 7) + 1 }

    public static func isWorkingDay(_ d: Day, land: String) -> Bool {
        weekday(d) <= 5 && !of(land: land, year: d.year).contains { $0.0 == d }
    }

    /// The day itself if it is a working day in the Land, otherwise the next working day.
    public static func nextWorkingDay(from d: Day, land: String) -> Day {
        var day = d
        while !isWorkingDay(day, land: land) { day = day.adding(days: 1) }
        return day
    }
}
