import Eligibility

/// Plausibility of the dates a counselor records about a client's past: a case, an application, a document, a
/// consent. A date after today or before the client was born is a typing error, and it would distort deadlines,
/// statistics and the record; so is an application under the Residence Act before it came into force.
public enum RecordDates {
    /// The Aufenthaltsgesetz (every pathway Bleibe assesses is in it) in force since 01.01.2005 (Zuwanderungsgesetz;
    /// ../shared/law/spec/10-25-5.md).
    public static let residenceActInForce = Law.residenceActInForce

    /// The German message for `day` as `what` ("Die Akte", "Der Antrag" …) with its verb, or nil when plausible.
    /// `future`: whether a day after today is allowed (a consent may start tomorrow).
    public static func problem(_ day: Day, _ what: String, today: Day, born: Day?, notBefore floor: (Day, String)? = nil,
                               future: Bool = false) -> String? {
        if !future, day > today { return "\(what) kann nicht in der Zukunft liegen (heute ist der \(today.german))." }
        if let born, day < born { return "\(what) kann nicht vor der Geburt (\(born.german)) liegen." }
        if let (floor, reason) = floor, day < floor { return "\(what) kann nicht vor dem \(floor.german) liegen: \(reason)." }
        return nil
    }

    /// An application filed on `day`.
    /// `entered`: the (last) entry; these permits are applied for in Germany, and the pending application's date is
    /// the application date of every pathway (K10), so one before the entry is a typing error.
    public static func application(_ day: Day, today: Day, born: Day?, entered: Day? = nil) -> String? {
        if let p = problem(day, "Der Antrag", today: today, born: born, notBefore: (residenceActInForce, "das Aufenthaltsgesetz gilt seit diesem Tag")) { return p }
        if let entered, day < entered { return "Der Antrag kann nicht vor der Einreise (\(entered.german)) liegen." }
        return nil
    }
}
