import Counseling

/// Login, second factor and its enrolment.
public enum AuthPages {
    /// `expired`: the last session ended by inactivity (or after its maximum age); what was not saved is lost.
    /// `back`: the page to return to after logging in (kept in the form).
    public static func login(csrf: String, email: String = "", error: String? = nil, expired: Bool = false, back: String? = nil) -> HTML {
        Layout.page(PageFrame(title: "Anmelden"), """
        <h1>Anmelden</h1>
        \(expired && error == nil ? "<p class=\"notice\" role=\"status\" id=\"expired\">Sie wurden nach längerer Zeit ohne Aktivität abgemeldet. Was zuletzt nicht gespeichert war, ist verloren; bitte melden Sie sich erneut an.</p>" as HTML : .empty)
        \(error.map { "<p class=\"error\" id=\"login-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/login">
        \(Layout.csrf(csrf))\(hiddenBack(back))
        <label for="email">E-Mail-Adresse</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="\(email)"\(invalid(error, "login-error"))>
        <label for="password">Passwort</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required\(invalid(error, "login-error"))>
        <p><button type="submit">Anmelden</button></p>
        </form>
        """)
    }

    /// A field the error message concerns: marked invalid and described by it (the other forms do so; accessibility
    /// review of 06.12.2026).
    static func invalid(_ error: String?, _ id: String) -> HTML { error == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(id)\"" }

    static func hiddenBack(_ back: String?) -> HTML { back.map { "<input type=\"hidden\" name=\"weiter\" value=\"\($0)\">" as HTML } ?? .empty }

    public static func secondFactor(csrf: String, error: String? = nil, back: String? = nil) -> HTML {
        Layout.page(PageFrame(title: "Zweiter Faktor"), """
        <h1>Bestätigungscode</h1>
        <p>Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein – oder einen Ihrer Wiederherstellungscodes.</p>
        \(error.map { "<p class=\"error\" id=\"code-error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/login/totp">
        \(Layout.csrf(csrf))\(hiddenBack(back))
        <label for="code">Code</label>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required\(invalid(error, "code-error"))>
        <p><button type="submit">Bestätigen</button></p>
        </form>
        """)
    }

    public static func enrol(frame: PageFrame, secret: String, uri: String, error: String? = nil) -> HTML {
        Layout.page(frame, """
        <h1>Zweiten Faktor einrichten</h1>
        <p>Für Mitarbeitende ist ein zweiter Faktor (TOTP) Pflicht, für Ehrenamtliche freiwillig; einmal eingerichtet, wird er bei jeder Anmeldung abgefragt. Scannen Sie den QR-Code mit einer Authenticator-App:</p>
        \(QRCode(uri).map { HTML(raw: "<figure class=\"qr\" id=\"totp-qr\">\($0.svg)<figcaption>QR-Code des zweiten Faktors (enthält Ihren Schlüssel: nicht weitergeben)</figcaption></figure>") } ?? .empty)
        <p>Oder richten Sie in der App ein neues Konto mit diesem Schlüssel ein:</p>
        <p class="codes" id="totp-secret">\(secret)</p>
        <p class="hint">Auf dem Smartphone selbst: <a href="\(uri)">otpauth-Link öffnen</a></p>
        \(error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
        <form method="post" novalidate action="/account/totp">
        \(Layout.csrf(frame.csrf))
        <label for="code">Code aus der App</label>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
        <p><button type="submit">Einrichten</button></p>
        </form>
        """)
    }

    public static func recoveryCodes(frame: PageFrame, codes: [String]) -> HTML {
        let items = codes.map { "<li>\($0)</li>" as HTML }
        return Layout.page(frame, """
        <h1>Wiederherstellungscodes</h1>
        <p>Der zweite Faktor ist eingerichtet. Bewahren Sie diese Codes sicher auf: jeder gilt genau einmal, falls Sie keinen Zugriff auf die App haben. Sie werden nur jetzt angezeigt.</p>
        <ol class="codes">\(items)</ol>
        <p><a class="button" href="/">Weiter</a></p>
        """)
    }

    /// `tokens`: the user's API tokens that still work (id, name, created at, expires at); `tokenDays`: how long a new one works.
    /// `tokenForm`: the name and scope typed into a refused form; `scopeError`: why its scope was refused.
    public static func account(frame: PageFrame, totpEnabled: Bool,
                               tokens: [(id: String, name: String, createdAt: String, expiresAt: String, scope: TokenScope, lastUsedAt: String?)] = [],
                               newToken: String? = nil, passwordErrors: [String: String] = [:], passwordChanged: Bool = false,
                               tokensRevoked: Int = 0, revokeTokensTicked: Bool = true, tokenError: String? = nil,
                               tokenForm: (name: String, scope: TokenScope) = ("", .read), scopeError: String? = nil,
                               tokenDays: Int = 90, calendarFeed: Bool = false, mustChangePassword: Bool = false) -> HTML {
        let tokenRows = tokens.map { t in
            """
            <tr><td>\(t.name)</td><td>\(t.scope.german)</td><td>\(GermanTime.format(t.createdAt))</td><td>\(GermanTime.format(t.expiresAt))</td>
            <td>\(t.lastUsedAt.map { GermanTime.format($0) } ?? "noch nie")</td>
            <td><form method="post" novalidate action="/account/tokens/\(t.id)/revoke" class="inline">\(Layout.csrf(frame.csrf))<button type="submit" class="link">widerrufen</button></form></td></tr>
            """ as HTML
        }
        let tokenTable: HTML = tokens.isEmpty ? "<p>Keine gültigen Tokens.</p>" : """
            <table><caption class="visually-hidden">API-Tokens</caption><thead><tr><th scope="col">Bezeichnung</th><th scope="col">Darf</th><th scope="col">Erzeugt</th><th scope="col">Gültig bis</th><th scope="col">Zuletzt benutzt</th><th scope="col"><span class="visually-hidden">Aktion</span></th></tr></thead>
            <tbody>\(tokenRows)</tbody></table>
            """
        func field(_ name: String, _ label: String) -> HTML {
            "<label for=\"\(name)\">\(label)</label>\(Layout.fieldError(name, passwordErrors[name]))<input id=\"\(name)\" name=\"\(name)\" type=\"password\" autocomplete=\"\(name == "current_password" ? "current-password" : "new-password")\" required\(Layout.describedBy(name, passwordErrors[name]))>"
        }
        // A password set by the coordination: this form first, nothing else (the server redirects every other page here).
        let provisional: HTML = mustChangePassword ? """
            <div class="notice" role="alert" id="must-change"><p>Ihr Passwort wurde von der Koordination vergeben. Bitte wählen Sie jetzt ein eigenes Passwort, das nur Sie kennen. Erst danach stehen die anderen Seiten offen.</p></div>
            """ : .empty
        let tokenSection: HTML = mustChangePassword ? .empty : """
            <h2 id="tokens">API-Zugang</h2>
            \(newToken.map { "<p>Neues Token (wird nur jetzt angezeigt):</p><p class=\"codes\">\($0)</p>" as HTML } ?? .empty)
            <p class="hint">Ein Token handelt mit Ihren Rechten, ein Token zum Lesen nur lesend. Es gilt \(tokenDays) Tage; widerrufen Sie es früher, sobald es nicht mehr gebraucht wird oder in falsche Hände geraten sein könnte. Die letzte Benutzung ist auf eine Viertelstunde genau.</p>
            \(tokenTable)
            <form method="post" novalidate action="/account/tokens">
            \(Layout.csrf(frame.csrf))
            <label for="name">Bezeichnung</label>
            \(Layout.fieldError("name", tokenError))<input id="name" name="name" required maxlength="80" value="\(tokenForm.name)"\(Layout.describedBy("name", tokenError))>
            <label for="scope">Das Token darf</label>
            \(Layout.fieldError("scope", scopeError))<select id="scope" name="scope"\(Layout.describedBy("scope", scopeError))>\(TokenScope.allCases.map { s in "<option value=\"\(s.rawValue)\"\(s == tokenForm.scope ? " selected" : "")>\(s.german)</option>" as HTML })</select>
            <p><button type="submit">Token erzeugen</button></p>
            </form>
            """
        return Layout.page(frame, """
        <h1>Konto</h1>
        \(provisional)
        <p>Zweiter Faktor: \(totpEnabled ? "eingerichtet" : "nicht eingerichtet – <a href=\"/account/totp\">einrichten</a>" as HTML)</p>
        <h2 id="password">Passwort ändern</h2>
        \(passwordChanged ? "<p class=\"notice\" role=\"status\" id=\"password-changed\">Das Passwort wurde geändert. Andere Anmeldungen mit diesem Konto sind beendet.\(tokensRevoked == 0 ? "" : tokensRevoked == 1 ? " Ein API-Token wurde widerrufen." : " \(tokensRevoked) API-Tokens wurden widerrufen.") <a href=\"/\">Weiter zur Übersicht</a></p>" as HTML : .empty)
        \(Layout.errorSummary(passwordErrors))
        <form method="post" novalidate action="/account/password">
        \(Layout.csrf(frame.csrf))
        \(field("current_password", mustChangePassword ? "Vorläufiges Passwort (von der Koordination)" : "Bisheriges Passwort"))
        \(field("new_password", "Neues Passwort (mindestens 10 Zeichen, kein Name)"))
        \(field("repeat_password", "Neues Passwort wiederholen"))
        \(tokens.isEmpty && !calendarFeed ? .empty : "<label class=\"check\"><input type=\"checkbox\" name=\"revoke_tokens\" value=\"on\"\(revokeTokensTicked ? " checked" : "")> Auch \(tokens.isEmpty ? "die Kalender-Adresse" : calendarFeed ? "alle API-Tokens und die Kalender-Adresse" : "alle API-Tokens") widerrufen (empfohlen, wenn das bisherige Passwort in falsche Hände geraten sein könnte)</label>" as HTML)
        <p><button type="submit">Passwort ändern</button></p>
        </form>
        \(tokenSection)
        """)
    }
}
