/// How to reach a client: to move an appointment, to send a letter (QA41 C5: the file had no contact data, and the
/// appointment form suggested typing the phone number into "Ort"). Every field is optional: recorded only what the
/// counseling needs (Art. 5 Abs. 1 lit. c DSGVO).
public struct ClientContact: Sendable, Hashable {
    public enum Salutation: String, Sendable, CaseIterable {
        case frau, herr, none
        public var german: String {
            switch self {
            case .frau: "Frau"
            case .herr: "Herr"
            case .none: "ohne Anrede (nur Vor- und Nachname)"
            }
        }
    }

    public var salutation: Salutation?
    public var phone: String = ""
    public var email: String = ""
    /// Postal address as lines (street, postcode and town; "c/o" or a shared accommodation's name where needed).
    public var address: String = ""
    /// The language the person prefers to be spoken to in (and which interpreter to book).
    public var language: String = ""

    public init(salutation: Salutation? = nil, phone: String = "", email: String = "", address: String = "", language: String = "") {
        self.salutation = salutation; self.phone = phone; self.email = email; self.address = address; self.language = language
    }

    public var isEmpty: Bool { salutation == nil && phone.isEmpty && email.isEmpty && address.isEmpty && language.isEmpty }

    /// German messages by field name (English ones for the API); empty when the contact can be saved.
    public func problems(english: Bool = false) -> [String: String] {
        var errors: [String: String] = [:]
        let phoneCharacters = Set("0123456789+-/() ")
        if phone.count > 40 || phone.contains(where: { !phoneCharacters.contains($0) }) || (!phone.isEmpty && phone.filter(\.isNumber).count < 5) {
            errors["phone"] = english ? "expected a phone number: at least 5 digits, also +, space, /, -, ( and ); at most 40 characters"
                : "Bitte eine Telefonnummer aus Ziffern angeben (auch mit +, Leerzeichen, / oder -; höchstens 40 Zeichen)."
        }
        if !email.isEmpty {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if email.count > 120 || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
                errors["email"] = english ? "expected an e-mail address such as name@example.org (at most 120 characters)"
                    : "Bitte eine E-Mail-Adresse der Form name@beispiel.de angeben (höchstens 120 Zeichen)."
            }
        }
        if address.count > 300 || address.split(separator: "\n").count > 5 {
            errors["address"] = english ? "too long: at most 5 lines and 300 characters" : "Die Anschrift ist zu lang (höchstens 5 Zeilen und 300 Zeichen)."
        }
        if language.count > 60 { errors["language"] = english ? "too long: at most 60 characters" : "Bitte die Sprache angeben (höchstens 60 Zeichen)." }
        return errors
    }
}
