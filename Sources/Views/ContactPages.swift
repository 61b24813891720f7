import Counseling

/// A client's contact data: shown on the client page, edited on a page of its own (QA41 C5).
public enum ContactPages {
    /// A phone number as a `tel:` link (digits and "+" only in the address), or nothing when there is none.
    public static func dialLink(_ phone: String) -> HTML {
        let digits = phone.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        return digits.isEmpty ? "\(phone)" : "<a href=\"tel:\(digits)\">\(phone)</a>"
    }

    /// The recorded fields as `<dt>`/`<dd>` pairs (the client page and the Art. 15 page); `dial`: the phone as a link.
    public static func entries(_ c: ClientContact, dial: Bool) -> [HTML] {
        var rows: [HTML] = []
        if let s = c.salutation { rows.append("<dt>Anrede</dt><dd>\(s == .none ? "keine" : s.german)</dd>") }
        if !c.phone.isEmpty {
            rows.append(dial ? "<dt>Telefon</dt><dd>\(dialLink(c.phone))</dd>" : "<dt>Telefon</dt><dd>\(c.phone)</dd>")
        }
        if !c.email.isEmpty { rows.append("<dt>E-Mail</dt><dd>\(c.email)</dd>") }
        if !c.address.isEmpty { rows.append("<dt>Anschrift</dt><dd>\(HTML.join(c.address.split(separator: "\n").map { "\(String($0))" as HTML }, separator: "<br>"))</dd>") }
        if !c.language.isEmpty { rows.append("<dt>Sprache</dt><dd>\(c.language)</dd>") }
        return rows
    }

    /// The section of the client page.
    public static func section(clientID: String, _ c: ClientContact) -> HTML {
        let rows = entries(c, dial: true)
        return """
        <section aria-labelledby="contact-h" id="contact"><h2 id="contact-h">Kontakt</h2>
        \(rows.isEmpty ? "<p>Keine Kontaktdaten erfasst.</p>" as HTML : "<dl class=\"figures\">\(rows)</dl>" as HTML)
        <p><a href="/clients/\(clientID)/contact">Kontaktdaten bearbeiten</a></p>
        </section>
        """
    }

    public static func form(frame: PageFrame, client: Client, contact c: ClientContact, errors: [String: String] = [:]) -> HTML {
        func field(_ id: String, _ label: String, _ value: String, type: String = "text", hint: String? = nil) -> HTML {
            """
            <div><label for="\(id)">\(label)</label>\(hint.map { "<p class=\"hint\" id=\"\(id)-hint\">\($0)</p>" as HTML } ?? .empty)\(Layout.fieldError(id, errors[id]))<input id="\(id)" name="\(id)" type="\(type)" value="\(value)"\(Layout.describedBy(id, errors[id]))></div>
            """
        }
        let salutations = ([("", "nicht erfasst")] + ClientContact.Salutation.allCases.map { ($0.rawValue, $0.german) }).map { v, t in
            "<option value=\"\(v)\"\(v == (c.salutation?.rawValue ?? "") ? " selected" : "")>\(t)</option>" as HTML
        }
        return Layout.page(frame, """
        <h1>Kontakt: \(client.firstName) \(client.lastName)</h1>
        <p class="hint">Nur erfassen, was die Beratung braucht (Termine absprechen, Briefe schicken). Alle Felder sind freiwillig; ein geleertes Feld wird gelöscht.</p>
        \(Layout.errorSummary(errors))
        <form method="post" novalidate action="/clients/\(client.id)/contact">\(Layout.csrf(frame.csrf))
        <div class="grid">
        <div><label for="salutation">Anrede</label><select id="salutation" name="salutation">\(salutations)</select></div>
        \(field("phone", "Telefon", c.phone, type: "tel"))
        \(field("email", "E-Mail", c.email, type: "email"))
        \(field("language", "Bevorzugte Sprache", c.language, hint: "für Gespräche und die Dolmetschung"))
        </div>
        <div><label for="address">Anschrift</label>\(Layout.fieldError("address", errors["address"]))<textarea id="address" name="address" rows="4" cols="40"\(Layout.describedBy("address", errors["address"]))>\(c.address)</textarea></div>
        <p><button type="submit">Speichern</button> <a href="/clients/\(client.id)">Abbrechen</a></p>
        </form>
        """)
    }
}
