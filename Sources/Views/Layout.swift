import Counseling

/// The frame of every staff page: German, landmarks (header, nav, main), no inline script or style.
public struct PageFrame: Sendable {
    public var title: String
    public var userName: String?
    public var organisationName: String?
    public var roleName: String?
    public var csrf: String?
    public var current: String
    public var showUsers: Bool
    public var showClients: Bool
    /// The cooperation's pages this user may open (label, path, key).
    public var cooperation: [NavLink]
    /// Reload the page after this many seconds (progress of background work; no script needed).
    public var refreshSeconds: Int? = nil
    /// A message at the top of the page (a request that could not be read as sent, answered with a default).
    public var alert: String? = nil
    /// Seconds until the signed-in session ends: the page warns before (`SessionScript`).
    public var sessionSeconds: Int? = nil
    /// The session ends by its age: it cannot be extended.
    public var sessionEndsForGood = false

    /// The frame with `alert` at the top of the page.
    public func alerting(_ message: String?) -> PageFrame { var f = self; f.alert = message; return f }

    public init(title: String, userName: String? = nil, organisationName: String? = nil, roleName: String? = nil,
                csrf: String? = nil, current: String = "", showUsers: Bool = false, showClients: Bool = false, cooperation: [NavLink] = []) {
        self.title = title; self.userName = userName; self.organisationName = organisationName; self.roleName = roleName
        self.csrf = csrf; self.current = current; self.showUsers = showUsers; self.showClients = showClients; self.cooperation = cooperation
    }
}

public struct NavLink: Sendable {
    public var label: String, href: String, key: String
    public init(_ label: String, _ href: String, _ key: String) { self.label = label; self.href = href; self.key = key }
}

public enum Layout {
    public static func page(_ f: PageFrame, _ main: HTML) -> HTML {
        // Only a page with an error summary is rewritten (searching every page with Foundation cost a long list dearly).
        let main = main.rendered.byteRange(of: "class=\"error-summary\"") == nil ? main : quietFieldErrors(fieldOrderedSummary(main))
        return page(f, capacity: main.rendered.utf8.count + 2_048) { $0.raw(main) }
    }

    /// The page with its main content written straight into the page's buffer (a large page is not copied again).
    public static func page(_ f: PageFrame, capacity: Int, _ main: (inout HTML.Builder) -> Void) -> HTML {
        var nav: [HTML] = []
        func item(_ label: String, _ href: String, _ key: String) {
            let cur: HTML = f.current == key ? " aria-current=\"page\"" : ""
            nav.append("<li><a href=\"\(href)\"\(cur)>\(label)</a></li>")
        }
        if f.showClients { item("Übersicht", "/dashboard", "dashboard"); item("Klient:innen", "/clients", "clients") }
        for l in f.cooperation { item(l.label, l.href, l.key) }
        if f.showUsers { item("Benutzer:innen", "/users", "users") }
        if f.userName != nil { item("Konto", "/account", "account") }
        let account: HTML = f.userName.map { name in
            """
            <div class="who"><span>\(name)</span> · <span>\(f.roleName ?? "")</span> · <span>\(f.organisationName ?? "")</span>
            <form method="post" novalidate action="/logout" class="inline"><input type="hidden" name="csrf" value="\(f.csrf ?? "")"><button type="submit" class="link">Abmelden</button></form></div>
            """
        } ?? .empty
        let timed = f.userName != nil && f.sessionSeconds != nil
        var out = HTML.Builder(capacity: capacity)
        out.raw("""
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(f.title) – Bleibe</title>\(f.refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" as HTML } ?? .empty)
        <link rel="stylesheet" href="/static/app.css">\(timed ? "\n<script src=\"/static/session.js\" defer></script>" as HTML : .empty)
        </head>
        <body\(timed ? " data-session-seconds=\"\(f.sessionSeconds ?? 0)\"\(f.sessionEndsForGood ? " data-session-final" : "")" as HTML : .empty)>
        <a class="skip" href="#main">Zum Inhalt springen</a>
        <header><a class="brand" href="/">Bleibe</a>\(account)</header>
        \(nav.isEmpty ? HTML.empty : "<nav aria-label=\"Hauptnavigation\"><ul>\(nav)</ul></nav>")
        <main id="main">\(f.alert.map { "<p class=\"error\" role=\"alert\" id=\"page-alert\">\($0)</p>" as HTML } ?? .empty)

        """ as HTML)
        main(&out)
        out.raw("""

        </main>\(timed ? sessionNotices : .empty)
        <footer><p>Bleibe – Software für die Bleiberechtsberatung. Rechtliche Einschätzungen ohne Gewähr; maßgeblich ist die Entscheidung der Behörde.</p></footer>
        </body>
        </html>
        """)
        return out.html
    }

    /// The warning before the session ends and the notice after it, hidden until the script shows them (WCAG 2.2.1).
    static let sessionNotices: HTML = """

        <div id="session-warning" class="session-notice" role="alertdialog" aria-labelledby="session-warning-title" aria-describedby="session-warning-text" tabindex="-1" hidden>
        <h2 id="session-warning-title">Ihre Sitzung endet bald</h2>
        <p id="session-warning-text">In <span id="session-countdown">2:00</span> Minuten
        <span id="session-idle">werden Sie wegen Inaktivität abgemeldet, zum Schutz der Daten.</span>
        <span id="session-final" hidden>endet Ihre Sitzung, weil sie ihre Höchstdauer erreicht; sie kann nicht verlängert werden. Bitte speichern Sie jetzt.</span>
        Was auf dieser Seite noch nicht gespeichert ist, geht dann verloren.</p>
        <p><button type="button" id="session-extend">Angemeldet bleiben</button></p>
        </div>
        <div id="session-ended" class="session-notice" role="alertdialog" aria-labelledby="session-ended-title" tabindex="-1" hidden>
        <h2 id="session-ended-title">Sitzung beendet</h2>
        <p>Sie wurden abgemeldet. Was Sie auf dieser Seite eingegeben und nicht gespeichert haben, steht noch hier: bitte kopieren Sie es,
        bevor Sie <a id="session-login" href="/login?abgelaufen=1">sich erneut anmelden</a>.</p>
        </div>
        """

    /// The common counseling languages offered to a language field (`list="languages"`); any other can be typed.
    public static var languageList: HTML {
        HTML(raw: "<datalist id=\"languages\">" + CounselingLanguages.common.map { "<option value=\"\(HTML.escape($0))\">" }.joined() + "</datalist>")
    }

    /// A hidden CSRF field for every form.
    /// An action that cannot be undone, asked once more without script: the summary opens the form with the button that
    /// confirms it (`hint`: what follows from it).
    public static func confirmed(_ summary: HTML, action: String, csrf token: String?, button: HTML, hint: String? = nil) -> HTML {
        "<details class=\"inline\"><summary>\(summary)</summary><form method=\"post\" novalidate action=\"\(action)\" class=\"inline\">\(csrf(token))<button type=\"submit\" class=\"link\">\(button)</button>\(hint.map { " <span class=\"hint\">(\($0))</span>" as HTML } ?? .empty)</form></details>"
    }

    public static func csrf(_ token: String?) -> HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(token ?? "")\">" }

    /// The client's revision a form of facts or status history was built from (optimistic locking, `Client.revision`).
    static func revision(_ n: Int) -> HTML { "<input type=\"hidden\" name=\"revision\" value=\"\(n)\">" }

    /// Shown instead of saving when someone else saved the client's facts or status history in the meantime.
    static func changedMeanwhile(_ client: Client) -> HTML {
        changedMeanwhile(saved: "wurden die Angaben oder der Statusverlauf von \(client.firstName) \(client.lastName) gespeichert",
                         how: "von einer anderen Person, in einem anderen Fenster, durch ein zweites Absenden oder mit einer eingetragenen Entscheidung",
                         current: "/clients/\(client.id)")
    }

    /// A facts form refused because someone else changed some of the same facts meanwhile (QA41 C8): each such fact
    /// with what is stored now (the form shows this form's value), and the facts taken over from the other save.
    public struct Clash: Sendable {
        public var label: String, stored: String, yours: String
        public init(label: String, stored: String, yours: String) { self.label = label; self.stored = stored; self.yours = yours }
    }

    static func changedMeanwhile(_ client: Client, clashes: [Clash], kept: [String]) -> HTML {
        let items = clashes.map { c in "<li><strong>\(c.label)</strong>: gespeichert ist jetzt „\(c.stored)“; im Formular steht Ihre Eingabe „\(c.yours)“.</li>" as HTML }
        return """
        <div class="error-summary" role="alert" tabindex="-1" autofocus id="changed-meanwhile"><h2>Inzwischen geändert</h2>
        <p>Während Sie bearbeitet haben, hat eine andere Person (oder ein anderes Fenster) Angaben von \(client.firstName) \(client.lastName)
        gespeichert, die Sie ebenfalls geändert haben. Ihre Eingaben sind <strong>nicht</strong> gespeichert.</p>
        <ul id="clashes">\(items)</ul>
        \(kept.isEmpty ? HTML.empty : "<p id=\"kept\">Die anderen inzwischen gespeicherten Änderungen sind in das Formular übernommen: \(kept.joined(separator: "; ")).</p>" as HTML)
        <p>Bitte die genannten Felder prüfen. Speichern Sie erneut, ersetzt Ihre Eingabe dort den jetzt gespeicherten Stand.</p></div>
        """
    }

    /// The notice of a refused save (optimistic locking): what was saved meanwhile, how, and where to see it.
    static func changedMeanwhile(saved: HTML, how: HTML, current: String) -> HTML {
        """
        <div class="error-summary" role="alert" tabindex="-1" autofocus id="changed-meanwhile"><h2>Inzwischen geändert</h2>
        <p>Während Sie bearbeitet haben, \(saved) (\(how)).
        Ihre Eingaben sind <strong>nicht</strong> gespeichert; sie stehen unten noch im Formular. Bitte vergleichen Sie mit dem
        aktuellen Stand (<a href="\(current)" target="_blank" rel="noopener">Akte in neuem Tab</a>) und speichern Sie erneut,
        wenn Ihre Eingaben ihn ersetzen sollen.</p></div>
        """
    }

    /// Field errors next to the field (German), linked with aria-describedby.
    public static func fieldError(_ id: String, _ message: String?) -> HTML {
        guard let message else { return .empty }
        return "<p class=\"error\" id=\"\(id)-error\" role=\"alert\">\(message)</p>"
    }

    public static func describedBy(_ id: String, _ message: String?) -> HTML {
        message == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
    }

    /// As above, also naming the field's hint (`<id>-hint`) when it has one, so that it is read with the field.
    public static func describedBy(_ id: String, _ message: String?, hint: Bool) -> HTML {
        guard hint else { return describedBy(id, message) }
        return message == nil ? " aria-describedby=\"\(id)-hint\"" : " aria-invalid=\"true\" aria-describedby=\"\(id)-hint \(id)-error\""
    }

    /// Focused when the page loads (`autofocus`, no script), so that keyboard and screen-reader users start at it.
    public static func errorSummary(_ errors: [String: String]) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let items = errors.sorted { $0.key < $1.key }.map { "<li><a href=\"#\($0.key)\">\($0.value)</a></li>" as HTML }
        return "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus><h2>Bitte korrigieren Sie die markierten Angaben</h2><ul>\(items)</ul></div>"
    }

    /// The summary is written before its form and knows only the fields' keys; on the finished page its links are put
    /// in the order of the fields, so that the first link leads to the first field in error (a key without a field
    /// keeps its place at the end).
    static func fieldOrderedSummary(_ main: HTML) -> HTML {
        let page = main.rendered
        guard let start = page.range(of: "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus><h2>Bitte korrigieren Sie die markierten Angaben</h2><ul>"),
              let end = page.range(of: "</ul>", range: start.upperBound..<page.endIndex) else { return main }
        let items = page[start.upperBound..<end.lowerBound].components(separatedBy: "</li>").filter { !$0.isEmpty }
        func position(_ item: String) -> Int {
            guard let key = item.components(separatedBy: "href=\"#").dropFirst().first?.prefix(while: { $0 != "\"" }),
                  let field = page.range(of: "id=\"\(key)\"", range: end.upperBound..<page.endIndex) else { return .max }
            return page.distance(from: page.startIndex, to: field.lowerBound)
        }
        let ordered = items.enumerated().map { (position($0.element), $0.offset, $0.element) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        return HTML(raw: String(page[..<start.upperBound]) + ordered.map { named($0.2, in: page, after: end.upperBound) + "</li>" }.joined()
                    + String(page[end.lowerBound...]))
    }

    /// A summary entry begins with its field's label unless its message already names it: a link reading only
    /// "darf nicht nach heute liegen" does not say which field it leads to (QA40 L2, WCAG 2.4.4).
    static func named(_ item: String, in page: String, after: String.Index) -> String {
        guard let href = item.range(of: "href=\"#"), let close = item.range(of: "\">", range: href.upperBound..<item.endIndex),
              let label = page.range(of: "<label for=\"\(item[href.upperBound..<close.lowerBound])\">", range: after..<page.endIndex),
              let labelEnd = page.range(of: "</label>", range: label.upperBound..<page.endIndex) else { return item }
        var name = String(page[label.upperBound..<labelEnd.lowerBound]).replacing(/<[^>]*>/, with: "")
        name = name.replacing(/\s*\((TT\.MM\.JJJJ|Pflichtangabe|freiwillig)[^)]*\)/, with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.hasSuffix(":") { name.removeLast() }
        let message = item[close.upperBound...].replacing(/<[^>]*>/, with: "")
        guard !name.isEmpty, !message.localizedCaseInsensitiveContains(name) else { return item }
        return String(item[..<close.upperBound]) + name + ": " + String(item[close.upperBound...])
    }

    /// The visible mark of a field that must be filled (QA40 L3, WCAG 3.3.2). Staff forms are `novalidate`: the server
    /// says what is missing, in German next to the field, not the browser in its own language.
    public static let required: HTML = " <span class=\"required\">(Pflichtangabe)</span>"

    /// A field's error that the page's error summary lists (a link `#key` to the field, the error `key-error`) is not
    /// an alert of its own: the summary announces every error once and the field names its error when focused
    /// (aria-describedby). As alerts too, a screen reader read each error twice (QA of 05.12.2026).
    static func quietFieldErrors(_ main: HTML) -> HTML {
        var page = main.rendered
        guard let summary = page.range(of: "class=\"error-summary\""),
              let end = page.range(of: "</div>", range: summary.upperBound..<page.endIndex) else { return main }
        let keys = page[summary.upperBound..<end.lowerBound].components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        guard !keys.isEmpty else { return main }
        for key in keys { page = page.replacingOccurrences(of: "id=\"\(key)-error\" role=\"alert\"", with: "id=\"\(key)-error\"") }
        return HTML(raw: page)
    }

    /// `back`: the page of this site the request came from, offered first.
    public static func errorPage(status: Int, title: String, message: String, frame: PageFrame? = nil, back: String? = nil) -> HTML {
        page(frame ?? PageFrame(title: title), "<h1>\(title)</h1><p>\(message)</p><p>\(back.map { "<a href=\"\($0)\">Zurück zur vorigen Seite</a> · " as HTML } ?? .empty)<a href=\"/\">Zur Startseite</a></p>")
    }

    public static let stylesheet = """
    :root { --fg: #1b1b1b; --muted: #555; --accent: #0b5394; --bad: #a4000f; --ok: #1d6b2f; --warn: #8a5a00; --bg: #fff; --line: #ccc; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; line-height: 1.45; }
    header, nav, main, footer { padding: 0.5rem 1.25rem; }
    header { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid var(--line); }
    .brand { font-weight: 700; font-size: 1.3rem; color: var(--accent); text-decoration: none; }
    nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem 1.25rem; margin: 0; padding: 0; }
    nav a[aria-current] { font-weight: 700; }
    main { max-width: 72rem; }
    footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); margin-top: 2rem; }
    /* Hidden until focused, without moving off-screen: far to the left is scrollable in a right-to-left page. */
    .skip { position: absolute; inset-inline-start: 0.5rem; top: 0.5rem; background: #fff; z-index: 1; }
    .skip:not(:focus) { width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
    th, td { text-align: start; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; position: relative; }
    label { display: block; font-weight: 600; margin-top: 0.6rem; }
    caption { text-align: start; font-weight: 600; padding: 0.3rem 0; }
    .hint { color: var(--muted); font-size: 0.9rem; margin: 0.1rem 0; }
    .required { font-weight: 400; color: var(--muted); font-size: 0.9rem; }
    input, select, textarea, button { font: inherit; padding: 0.25rem 0.4rem; max-width: 100%; }
    .error { color: var(--bad); font-weight: 600; margin: 0.2rem 0; }
    .error-summary { border: 2px solid var(--bad); padding: 0.5rem 1rem; margin: 1rem 0; }
    .notice { border-left: 4px solid var(--accent); padding: 0.25rem 0.75rem; margin: 0.75rem 0; }
    .inline { display: inline; } button.link { background: none; border: none; color: var(--accent); text-decoration: underline; cursor: pointer; padding: 0; font: inherit; }
    button, .button { background: var(--accent); color: #fff; border: none; padding: 0.45rem 0.9rem; border-radius: 3px; cursor: pointer; text-decoration: none; display: inline-block; }
    /* A ring apart from the dark button, visible against the page (QA40 L12). */
    button:focus-visible, .button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    /* The status editor's eight columns take the window's width, and the status stays in view while a row scrolls
       sideways on a narrow screen (QA40 M3: four columns were hidden at every width). */
    /* The status editor and the consents fit 1280 px without side-scrolling (QA41 C12): the page takes the window's
       width, dates and selects take what their content needs, headers wrap. */
    main:has(table.status-editor), main:has(table.consents) { max-width: none; }
    table.status-editor select { max-width: 11rem; } table.status-editor input[size="10"] { width: 6.8em; } table.status-editor input[size="6"] { width: 5.5em; }
    table.status-editor select[id$="_fiktion"], table.status-editor select[id$="_holder"] { max-width: 8rem; }
    table.status-editor input[id$="_continues"] { width: 5em; } table.status-editor th:last-child { min-width: 7rem; }
    table.consents input[type="file"] { max-width: 11rem; }
    table.status-editor td:first-child, table.status-editor th:first-child { position: sticky; inset-inline-start: 0; background: var(--bg); z-index: 1; }
    .result-met { color: var(--ok); } .result-reachable { color: var(--accent); } .result-not_met { color: var(--warn); }
    .result-excluded { color: var(--bad); } .result-unclear { color: var(--muted); }
    .pathway { border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem 1rem; margin: 0.75rem 0; }
    .pathway h3 { margin: 0.2rem 0; }
    .badge { font-weight: 700; }
    /* A column never wider than its box (QA29 F7: 256 px in a 231 px fieldset at 320 px). */
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(16rem, 100%), 1fr)); gap: 0 1.5rem; }
    fieldset { border: 1px solid var(--line); margin: 1rem 0; padding: 0.5rem 1rem 1rem; }
    legend h2 { font-size: 1.05rem; margin: 0; } nav.sections ul { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; list-style: none; padding: 0; }
    label.check { font-weight: normal; } label.check input { margin-inline-end: 0.4rem; }
    .letter { display: flow-root; position: relative; width: 210mm; min-height: 296mm; padding: 0 20mm 20mm 25mm; border: 1px solid var(--line); background: #fff; font-size: 11pt; }
    .letter-sender { position: absolute; top: 45mm; left: 25mm; font-size: 7pt; }
    .letter-address { position: absolute; top: 50mm; left: 25mm; width: 85mm; height: 40mm; }
    .letter-info { position: absolute; top: 50mm; left: 125mm; width: 75mm; font-size: 9pt; }
    .letter-info dl { display: grid; grid-template-columns: auto 1fr; gap: 0 0.5rem; margin: 0; } .letter-info dd { margin: 0; }
    .letter-subject { margin-top: 103.4mm; font-size: 11pt; font-weight: 700; }
    .letter-signature { margin-top: 15mm; }
    .consent-form { font-size: 10pt; padding-top: 15mm; } .consent-form h1 { font-size: 15pt; margin: 0 0 4mm; }
    .consent-form h2 { font-size: 11pt; margin: 4mm 0 1mm; } .consent-form p, .consent-form ul { margin: 1.5mm 0; }
    .consent-signatures { margin-top: 12mm; }
    /* Printed pages keep a margin; a letter and the consent form are laid out on the whole sheet (DIN 5008). */
    @page { size: A4; margin: 15mm 15mm 15mm 20mm; }
    @page sheet { margin: 0; }
    .letter, .consent-form { page: sheet; }
    @media print { header, nav, footer, .skip, .no-print { display: none; } main { padding: 0; } .letter { border: none; margin: 0; } }
    .session-notice { position: fixed; bottom: 1rem; left: 1rem; right: 1rem; max-width: 38rem; margin: 0 auto; background: var(--bg); border: 3px solid var(--accent); padding: 0.25rem 1rem; box-shadow: 0 2px 10px rgba(0,0,0,.35); z-index: 10; }
    .session-notice[hidden] { display: none; }
    @media print { .consent-translation { break-before: page; } }
    @media print { .client-plan { font-size: 10.5pt; line-height: 1.35; } .client-plan h1 { font-size: 16pt; margin: 0 0 0.3em; } .client-plan h2 { font-size: 12pt; margin: 0.7em 0 0.2em; } .client-plan ul { margin: 0.2em 0; } }
    .session-notice h2 { margin: 0.5rem 0; font-size: 1.15rem; }
    @media print { .session-notice { display: none; } }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.flagged td { background: #fff4d6; }
    .figures { display: grid; grid-template-columns: minmax(0, max-content) minmax(4rem, auto); gap: 0.2rem 1rem; } .figures dd { margin: 0; font-weight: 700; }
    .report-part { break-inside: avoid; margin: 1rem 0; } svg.chart { max-width: 100%; height: auto; }
    .codes { font-family: monospace; font-size: 1.1rem; }
    figure.qr { margin: 1rem 0; } figure.qr svg { width: 14rem; height: 14rem; display: block; } figure.qr figcaption { font-size: .85rem; }
    /* Narrow screens and wide tables: a table scrolls in its own box, never the page; a fieldset or select shrinks. */
    fieldset { min-width: 0; } select { max-width: 100%; } main { overflow-wrap: anywhere; }
    main table { display: block; overflow-x: auto; max-width: 100%; }
    /* Cells keep whole words: a narrow table scrolls in its box rather than breaking "05.09.2025" letter by letter. */
    main th, main td { overflow-wrap: normal; }
    /* A value as stored (JSON) may be one long word: it wraps anywhere rather than widen its table. */
    main td code.stored { overflow-wrap: anywhere; font-size: 0.85em; }
    @media print { main table { display: table; overflow: visible; } }
    /* A caption stays in view and wraps at the window's width, not the table's (QA40 L9: cut off at 375 px). */
    main table > caption:not(.visually-hidden) { display: block; position: sticky; inset-inline-start: 0; max-width: calc(100vw - 2.5rem); }
    @media (max-width: 40rem) { header { flex-wrap: wrap; } }
    /* The documents' forms stack under their document on a narrow screen instead of a fourth column far off-screen (QA40 L9). */
    @media (max-width: 40rem) { table.documents, table.documents tbody, table.documents tr, table.documents td { display: block; }
      table.documents thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
      table.documents tr { border-bottom: 1px solid var(--line); padding: 0.3rem 0; } table.documents td { border: none; padding: 0.1rem 0; }
      /* The hidden column headers, written before the cells they name (QA40 L9: "Eingegangen" stood without "Stand"). */
      table.documents td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; } table.documents td:empty { display: none; } }
    /* The A4 letter flows on any screen narrower than the sheet and its margins (QA29 F6: it scrolled sideways up to 834 px). */
    @media screen and (max-width: 60rem) { .letter { width: 100%; min-height: 0; padding: 0 1rem 1rem; }
      .letter-sender, .letter-address, .letter-info { position: static; width: auto; height: auto; margin: 0.5rem 0; } .letter-subject { margin-top: 1rem; } }
    """
}
