import Counseling
import Eligibility
import Foundation
import Storage
import Testing
@testable import Web

@Suite("Facts form")
struct FactsFormTests {
    /// A dot before three digits reads as a German thousands separator; decimals with a dot stay readable.
    @Test func aThousandsDotIsAskedBackNotReadAsADecimal() {
        for raw in ["1.000", "12.345.678", "100.000"] { #expect(FactsFormParser.thousands(raw) != nil, "\(raw)") }
        for raw in ["50.5", "1000", "0.125", "20,5", "1.00", "a.000", "1.000,5"] { #expect(FactsFormParser.thousands(raw) == nil, "\(raw)") }
    }
    @Test(arguments: TestDatabase.available)
    func submittingTheUnchangedFormKeepsEveryFact(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await b.logIn(f.login(.counselor))
                let page = try await b.request(.get, "/clients/client-a/facts")
                #expect(page.status == .ok)
                #expect(page.body.contains("Test „Leben in Deutschland“ bestanden am"))
                // Sections with headings, a list of them, and a save button at the top too (QA40 M5).
                #expect(page.body.contains("<nav aria-label=\"Abschnitte der Angaben\" class=\"sections\"><ul><li><a href=\"#section-1\">"))
                #expect(page.body.contains("<fieldset id=\"section-1\"><legend><h2>") && page.body.components(separatedBy: "<button type=\"submit\">Speichern und prüfen</button>").count == 3)
                let r = try await b.request(.post, "/clients/client-a/facts", form: b.formFields(page))
                #expect(r.status == .seeOther, "\(r.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(400) ?? "")")
                let after = try await f.services.clients.client(id: "client-a", organisation: "org-a")
                #expect(after?.facts == f.clientA.facts)
            }
        }
    }

    /// Every field of a conviction is in the form (§ 54 Abs. 1 groups, BtMG, juvenile law), and what a row holds
    /// beyond the form's fields is kept (QA of 05.12.2026: a facts-form save dropped the JSON editor's `s54_group`,
    /// and a juvenile-law conviction without sanction then blocked every save with a half-English message).
    @Test(arguments: TestDatabase.available)
    func convictionsFromTheJSONEditorSurviveTheFactsForm(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await b.logIn(f.login(.counselor))
                let editor = b.formFields(try await b.request(.get, "/clients/client-a/facts/json"))
                var facts = try #require(try JSONSerialization.jsonObject(with: Data((editor["facts"] ?? "").utf8)) as? [String: Any])
                facts["convictions"] = [
                    ["date": "2019-03-01", "offence": "§ 29 BtMG", "intentional": true, "in_germany": true, "still_registered": true, "foreigners_only": false,
                     "prison_months": 14, "suspended": true, "s54_group": "1b", "btmg_29_1_1": true],
                    ["date": "2017-06-01", "intentional": true, "in_germany": true, "still_registered": true, "foreigners_only": false, "juvenile_law": true],
                ]
                // An empty editor is said in German (QA of 05.12.2026: "empty document").
                let empty = try await b.request(.post, "/clients/client-a/facts/json", form: editor.merging(["facts": "  "]) { $1 })
                #expect(empty.status == .unprocessableContent && empty.body.contains("leeres Dokument") && !empty.body.contains("empty document"))
                var json = editor
                json["facts"] = String(decoding: try JSONSerialization.data(withJSONObject: facts), as: UTF8.self)
                #expect(try await b.request(.post, "/clients/client-a/facts/json", form: json).status == .seeOther)
                let stored = try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.convictions
                let form = try await b.request(.get, "/clients/client-a/facts")
                #expect(form.body.contains("<option value=\"1b\" selected"))
                let saved = try await b.request(.post, "/clients/client-a/facts", form: b.formFields(form))
                #expect(saved.status == .seeOther, "\(saved.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(400) ?? "")")
                let after = try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.convictions
                #expect(after == stored && after?.first?.s54Group == "1b" && after?.last?.juvenileLaw == true)
                // The row rule in German, naming the form's fields.
                var bad = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                bad["convictions__1__juvenile_law"] = "false"
                let refused = try await b.request(.post, "/clients/client-a/facts", form: bad)
                #expect(refused.status == .unprocessableContent && refused.body.contains("(oder „nach Jugendstrafrecht“: ja bei einer anderen Sanktion als Jugendstrafe)"))
                #expect(!refused.body.contains("juvenile_law") || !refused.body.contains("for a sanction"))
                // Shares with decimals and several current obstructions survive an unchanged save of the form; the
                // flags whose omission means "no" offer no "unbekannt" (QA of 05.12.2026).
                var precise = try #require(try JSONSerialization.jsonObject(with: Data((b.formFields(try await b.request(.get, "/clients/client-a/facts/json"))["facts"] ?? "").utf8)) as? [String: Any])
                precise["livelihood"] = [["from": "2023-01-01", "work_share": 0.504, "own_work_share": 0.125, "public_funds": false, "wohngeld": false]]
                precise["conduct"] = ["current_obstruction": ["deception", "non_cooperation"], "past_deception": false, "past_obstruction": false]
                var pj = b.formFields(try await b.request(.get, "/clients/client-a/facts/json"))
                pj["facts"] = String(decoding: try JSONSerialization.data(withJSONObject: precise), as: UTF8.self)
                #expect(try await b.request(.post, "/clients/client-a/facts/json", form: pj).status == .seeOther)
                let before = try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts
                let formPage = try await b.request(.get, "/clients/client-a/facts")
                #expect(formPage.body.contains("value=\"50,4\"") && formPage.body.contains("value=\"12,5\""))
                #expect(formPage.body.contains("<select id=\"convictions__0__juvenile_law\"") && !formPage.body.contains("<select id=\"convictions__0__juvenile_law\" name=\"convictions__0__juvenile_law\"><option value=\"\""))
                #expect(try await b.request(.post, "/clients/client-a/facts", form: b.formFields(formPage)).status == .seeOther)
                let resaved = try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts
                #expect(resaved?.livelihood == before?.livelihood && resaved?.conduct == before?.conduct && resaved?.livelihood?.first?.workShare == 0.504)
                // A Jugendstrafe without juvenile law contradicts itself.
                var contradiction = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                contradiction["convictions__1__juvenile_law"] = "false"; contradiction["convictions__1__jugendstrafe"] = "true"
                #expect(try await b.request(.post, "/clients/client-a/facts", form: contradiction).status == .unprocessableContent)
                // A degree's country is an ISO code in the JSON editor as in the form (QA: "Germany" was taken there and
                // then blocked every save of the form).
                facts["degrees"] = [["kind": "school", "on": "2020-01-01", "country": "Germany"]]
                json = b.formFields(try await b.request(.get, "/clients/client-a/facts/json"))
                json["facts"] = String(decoding: try JSONSerialization.data(withJSONObject: facts), as: UTF8.self)
                let country = try await b.request(.post, "/clients/client-a/facts/json", form: json)
                #expect(country.status == .unprocessableContent && country.body.contains("ISO-Code") && country.body.contains("degrees"))
            }
        }
    }

    /// QA41 C8: the notice did not say what the colleague had changed, and saving again wiped it.
    @Test(arguments: TestDatabase.available)
    func changesToOtherFactsAreMergedAndTheSameFactChangedTwiceIsNamed(_ db: TestDatabase) async throws {
        try await twoCounselors(db) { f, b, colleague in
                func stored() async throws -> Person? { try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts }
                // Different facts: the later save keeps the colleague's change and says so.
                var mine = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                var theirs = colleague.formFields(try await colleague.request(.get, "/clients/client-a/facts"))
                theirs["german__0__level"] = "B2"
                #expect(try await colleague.request(.post, "/clients/client-a/facts", form: theirs).status == .seeOther)
                mine["passport"] = "true"
                let merged = try await b.request(.post, "/clients/client-a/facts", form: mine)
                #expect(merged.status == .seeOther && merged.headers[.location] == "/clients/client-a/assessment?gespeichert=angaben&mit=german")
                let afterMerge = try await stored()
                #expect(afterMerge?.german?.first?.level == .b2 && afterMerge?.passport == true)
                let page = try await b.request(.get, merged.headers[.location]!)
                #expect(page.body.contains("sie sind erhalten und mit Ihren zusammengeführt: Deutschkenntnisse."))
                // The same fact changed by both: named with what is stored now; the other's further changes are in the form.
                mine = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                theirs = colleague.formFields(try await colleague.request(.get, "/clients/client-a/facts"))
                theirs["german__0__level"] = "C1"; theirs["entered_with_visa"] = "false"
                #expect(try await colleague.request(.post, "/clients/client-a/facts", form: theirs).status == .seeOther)
                mine["german__0__level"] = "B1"
                let clash = try await b.request(.post, "/clients/client-a/facts", form: mine)
                #expect(clash.status == .conflict)
                #expect(clash.body.contains("<strong>Deutschkenntnisse</strong>: gespeichert ist jetzt „Niveau C1, Umfang mündlich und schriftlich, Datum des Zertifikats 02.05.2024“; im Formular steht Ihre Eingabe „Niveau B1, Umfang mündlich und schriftlich, Datum des Zertifikats 02.05.2024“."))
                #expect(clash.body.contains("in das Formular übernommen: Person und Einreise: Mit dem erforderlichen Visum eingereist."))
                let again = b.formFields(clash)
                #expect(again["german__0__level"] == "B1" && again["entered_with_visa"] == "false")
                #expect(try await stored()?.german?.first?.level == .c1)
                // Saved from that page: this form's value where both changed, the colleague's elsewhere.
                #expect(try await b.request(.post, "/clients/client-a/facts", form: again).status == .seeOther)
                let final = try await stored()
                #expect(final?.german?.first?.level == .b1 && final?.enteredWithVisa == false && final?.passport == true)
        }
    }

    /// Two counselors of one service logged in side by side (two tabs, two colleagues).
    func twoCounselors(_ db: TestDatabase, _ body: @escaping @Sendable (Fixture, Browser, Browser) async throws -> Void) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await b.logIn(f.login(.counselor))
                let colleague = Browser(client: b.client, clock: f.clock)
                try await colleague.logIn(f.login(.counselor))
                try await body(f, b, colleague)
            }
        }
    }

    @Test func mergingComparesFactsAndWholeLists() {
        let base: [String: Any] = ["identity": ["clarified_on": "2020-01-01"], "german": [["level": "A2"]], "passport": true]
        let mine: [String: Any] = ["identity": ["clarified_on": "2020-01-01", "all_steps_taken_on": NSNull()], "german": [["level": "A2"]], "passport": true]
        let theirs: [String: Any] = ["identity": ["clarified_on": "2021-02-02"], "german": [["level": "A2"], ["level": "B1"]]]
        let o = FactsMerge.merge(base: base, mine: mine, theirs: theirs)
        #expect(o.clashing.isEmpty && o.theirs == ["german", "identity.clarified_on", "passport"])
        #expect(FactsMerge.text(o.merged) == #"{"german":[{"level":"A2"},{"level":"B1"}],"identity":{"all_steps_taken_on":null,"clarified_on":"2021-02-02"}}"#)
        let both = FactsMerge.merge(base: base, mine: ["german": [["level": "C1"]], "passport": false], theirs: ["german": [["level": "B2"]], "passport": false])
        // Removed by both, changed alike by both: no clash; one list changed differently by both: one.
        #expect(both.clashing == ["german"] && both.merged["identity"] == nil && both.merged["passport"] as? Bool == false)
    }

    @Test(arguments: TestDatabase.available)
    func aSaveFromAFormOlderThanAColleaguesChangeIsRefusedAndKeepsTheInput(_ db: TestDatabase) async throws {
        try await twoCounselors(db) { f, b, colleague in
                // Both open the facts form; the colleague saves first.
                var mine = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                var theirs = colleague.formFields(try await colleague.request(.get, "/clients/client-a/facts"))
                theirs["german__0__level"] = "B2"
                #expect(try await colleague.request(.post, "/clients/client-a/facts", form: theirs).status == .seeOther)
                mine["german__0__level"] = "A1"
                let refused = try await b.request(.post, "/clients/client-a/facts", form: mine)
                #expect(refused.status == .conflict && refused.body.contains("id=\"changed-meanwhile\""))
                #expect(refused.body.contains("<option value=\"A1\" selected"))   // the input is kept
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.german?.first?.level == .b2)
                // Saved again from the page that said so, it replaces the colleague's value on purpose.
                #expect(try await b.request(.post, "/clients/client-a/facts", form: b.formFields(refused)).status == .seeOther)
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.german?.first?.level == .a1)
                // The status history shares the revision, but a facts save in between leaves an editor opened before
                // it free to save (QA41 C8) …
                let before = colleague.formFields(try await colleague.request(.get, "/clients/client-a/status"))
                _ = try await b.request(.post, "/clients/client-a/facts", form: b.formFields(try await b.request(.get, "/clients/client-a/facts")))
                #expect(try await colleague.request(.post, "/clients/client-a/status", form: before).status == .seeOther)
                // … a history saved in between refuses it, its rows kept.
                let rows = colleague.formFields(try await colleague.request(.get, "/clients/client-a/status"))
                var changed = b.formFields(try await b.request(.get, "/clients/client-a/status"))
                changed["p2_valid_until"] = "30.06.2027"
                #expect(try await b.request(.post, "/clients/client-a/status", form: changed).status == .seeOther)
                let statusRefused = try await colleague.request(.post, "/clients/client-a/status", form: rows)
                #expect(statusRefused.status == .conflict && statusRefused.body.contains("id=\"changed-meanwhile\""))
                let kept = colleague.formFields(statusRefused)
                #expect(kept["p0_from"] == rows["p0_from"] && kept["p0_from"]?.isEmpty == false && kept["revision"] != rows["revision"])
                // The JSON editor likewise.
                let json = colleague.formFields(try await colleague.request(.get, "/clients/client-a/facts/json"))
                _ = try await b.request(.post, "/clients/client-a/facts", form: b.formFields(try await b.request(.get, "/clients/client-a/facts")))
                #expect(try await colleague.request(.post, "/clients/client-a/facts/json", form: json).status == .conflict)
                // A form without a (valid) revision is refused, not saved unconditionally.
                colleague.omitsRevision = true
                for bad in [nil, "", "abc", "99999999999999999999", "-1"] as [String?] {
                    var form = colleague.formFields(try await colleague.request(.get, "/clients/client-a/facts"))
                    form["revision"] = bad
                    let r = try await colleague.request(.post, "/clients/client-a/facts", form: form)
                    #expect(r.status == .badRequest && r.body.contains("Bearbeitungsstand fehlt"), "\(bad ?? "none")")
                }
        }
    }

    @Test(arguments: TestDatabase.available)
    func changingTheGermanLevelChangesTheAssessmentAndBadInputIsShownAtTheField(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                try await b.logIn(f.login(.counselor))
                let page = try await b.request(.get, "/clients/client-a/facts")
                var fields = b.formFields(page)
                fields["german__0__level"] = "A1"
                let ok = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(ok.status == .seeOther)
                // The assessment it leads to confirms the save (a status message, QA of 05.12.2026).
                #expect(try await b.request(.get, try #require(ok.headers[.location])).body.contains("role=\"status\" id=\"saved\">Angaben gespeichert"))
                let assessment = try await b.request(.get, "/clients/client-a/assessment")
                let section = assessment.body.components(separatedBy: "id=\"p-25b\"")[1].components(separatedBy: "</section>")[0]
                #expect(section.contains("nicht erfüllt"))
                #expect(section.contains("Hinreichende mündliche Deutschkenntnisse (A2) – nicht erfüllt"))
                // "None" ticked beside a filled row is asked back, not silently overruled by the row.
                var both = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                both["german__none"] = "1"
                let contradiction = try await b.request(.post, "/clients/client-a/facts", form: both)
                #expect(contradiction.status == .unprocessableContent && contradiction.body.contains("id=\"german__none-error\"") && contradiction.body.contains("Bitte eines von beiden"))
                // Bad input is answered next to the field, and nothing is saved.
                fields["born"] = "31.02.1990"
                fields["livelihood__0__work_share"] = "150"
                let bad = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(bad.status == .unprocessableContent)
                #expect(bad.body.contains("id=\"born-error\""))
                #expect(bad.body.contains("id=\"livelihood__0__work_share-error\""))
                // The title says the page was refused, and the summary takes the focus (QA of 05.12.2026).
                #expect(bad.body.contains("<title>Fehler: Angaben: Mohammed Haddad – Bleibe</title>") && bad.body.contains("class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus>"))
                // The field is described by its help text and its error (QA of 05.12.2026: help texts were not linked).
                #expect(bad.body.contains("id=\"born\" name=\"born\" size=\"10\" placeholder=\"TT.MM.JJJJ\" value=\"31.02.1990\" aria-invalid=\"true\" aria-describedby=\"born-hint born-error\"") && bad.body.contains("<p class=\"hint\" id=\"born-hint\">"))
                // "1.000" is refused as ambiguous, not stored as 1 % (QA40 L5).
                fields["born"] = "05.05.1990"; fields["livelihood__0__work_share"] = "1.000"
                let ambiguous = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(ambiguous.status == .unprocessableContent && ambiguous.body.contains("ist nicht eindeutig (Tausenderpunkt oder Dezimalpunkt?)"))
                try await Self.independentErrorsComeInOneRoundNamingTheirFields(b, fields)
                // The decoder's findings are said in German at the field they concern, dates as TT.MM.JJJJ.
                fields["born"] = "05.05.1990"; fields["livelihood__0__work_share"] = "50"
                var noScope = fields
                noScope["german__0__scope"] = ""
                let scope = try await b.request(.post, "/clients/client-a/facts", form: noScope)
                #expect(scope.status == .unprocessableContent && scope.body.contains("id=\"german__0__scope-error\"") && !scope.body.contains("missing required"))
                var backwards = fields
                backwards["employment__0__from"] = "01.01.2024"; backwards["employment__0__to"] = "01.06.2023"; backwards["employment__0__hours"] = "20"
                let ends = try await b.request(.post, "/clients/client-a/facts", form: backwards)
                #expect(ends.status == .unprocessableContent && ends.body.contains("„bis“ darf nicht vor dem Beginn liegen (01.01.2024)"), "\(ends.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(600) ?? "")")
                // A period's end lies in the past; a job going on has no end (CASES.md § 6.2; QA of 06.12.2026).
                var future = fields
                future["employment__0__from"] = "01.01.2024"; future["employment__0__to"] = "30.06.2027"; future["employment__0__hours"] = "20"
                let later = try await b.request(.post, "/clients/client-a/facts", form: future)
                #expect(later.status == .unprocessableContent && later.body.contains("id=\"employment__0__to-error\"")
                        && later.body.contains("„bis“ darf nicht nach heute liegen (22.11.2026); ein laufender Zeitraum bleibt ohne Ende"),
                        "\(later.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(600) ?? "")")
                // Ranges as a reader expects them, long values quoted cut, free texts limited (QA of 06.12.2026).
                var odd = fields
                odd["employment__0__from"] = "01.01.2024"; odd["employment__0__hours"] = "-5"
                odd["entered"] = String(repeating: "x", count: 5_000)
                odd["asylum__ou_basis"] = String(repeating: "y", count: 201)
                let refused = try await b.request(.post, "/clients/client-a/facts", form: odd)
                #expect(refused.status == .unprocessableContent && refused.body.contains("Bitte Wochenstunden von 0 bis 80 angeben.")
                        && !refused.body.contains("1.000.000") && refused.body.contains("… (gekürzt)“ ist kein gültiges Datum")
                        && !refused.body.contains(String(repeating: "x", count: 41) + "…") && refused.body.contains("Bitte höchstens 200 Zeichen angeben."),
                        "\(refused.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(1500) ?? "")")
                #expect(refused.body.contains("maxlength=\"200\""))
            }
        }
    }

    /// A bad birth date, a future entry and a bad certificate date in one post: all three said at once (QA40 L1), and
    /// each summary entry names its field, a repeated row's with the row (QA40 L2).
    static func independentErrorsComeInOneRoundNamingTheirFields(_ b: Browser, _ form: [String: String]) async throws {
        var fields = form
        fields["born"] = "31.02.1990"; fields["entered"] = "18.03.2099"; fields["german__0__date"] = "1.1.20"; fields["livelihood__0__work_share"] = "50"
        let page = try await b.request(.post, "/clients/client-a/facts", form: fields)
        let summary = page.body.components(separatedBy: "class=\"error-summary\"").dropFirst().first?.components(separatedBy: "</div>").first ?? ""
        #expect(page.status == .unprocessableContent)
        #expect(summary.contains("<a href=\"#born\">Geburtsdatum: „31.02.1990“ ist kein gültiges Datum"), "\(summary)")
        #expect(summary.contains("<a href=\"#entered\">Einreise: darf nicht nach heute liegen (22.11.2026)"), "\(summary)")
        #expect(summary.contains("<a href=\"#german__0__date\">Deutschkenntnisse 1 – Datum des Zertifikats: „1.1.20“ ist kein gültiges Datum"), "\(summary)")
        // The summary lists them in the order of the form.
        #expect(summary.range(of: "#born")!.lowerBound < summary.range(of: "#entered")!.lowerBound)
        #expect(page.body.contains("<label for=\"german__0__date\"><span class=\"visually-hidden\">Deutschkenntnisse 1 – </span>Datum des Zertifikats</label>"))
        // A row lacking a value is not taken out to read on: the rows after it would move up, and a later row's error
        // would be shown at the row before.
        fields = form
        fields["german__0__scope"] = ""; fields["german__1__level"] = "B1"; fields["german__1__scope"] = "full"; fields["german__1__date"] = "01.01.2099"
        let rows = try await b.request(.post, "/clients/client-a/facts", form: fields)
        #expect(rows.status == .unprocessableContent && rows.body.contains("id=\"german__0__scope-error\"") && !rows.body.contains("id=\"german__0__date-error\""))
    }

    @Test(arguments: TestDatabase.available)
    func theBirthDateIsJudgedAsTypedFutureEventsAreRefusedAndNothingIsWipedByAPartialPost(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let csrf = try await b.logIn(f.login(.counselor))
                let page = try await b.request(.get, "/clients/client-a/facts")
                var fields = b.formFields(page)
                // A birth date in the future, or after the status history begins, is refused; what was typed stays.
                fields["born"] = "01.01.2030"
                let future = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(future.status == .unprocessableContent && future.body.contains("id=\"born-error\"") && future.body.contains("value=\"01.01.2030\""))
                fields["born"] = "05.05.2021"
                let late = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(late.status == .unprocessableContent && late.body.contains("vor der Geburt (05.05.2021)"))   // the entry of 2020
                // Correcting the birth date judges the other dates against the new one, not the stored one.
                fields["born"] = "05.05.1989"; fields["german__0__date"] = "02.05.2024"
                #expect(try await b.request(.post, "/clients/client-a/facts", form: fields).status == .seeOther)
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.born == Day("1989-05-05"))
                // A certificate dated in the future, a number out of range: refused at the field with what was typed.
                fields["german__0__date"] = "01.01.2027"
                let bad = try await b.request(.post, "/clients/client-a/facts", form: fields)
                #expect(bad.status == .unprocessableContent && bad.body.contains("id=\"german__0__date-error\"") && bad.body.contains("value=\"01.01.2027\""))
                // Hours with a decimal comma come back with it (QA of 05.12.2026: "20,5" was shown as "20.5").
                let current = b.formFields(try await b.request(.get, "/clients/client-a/facts"))
                if current["employment__0__hours"] != nil {
                    let decimal = try await b.request(.post, "/clients/client-a/facts", form: current.merging(["employment__0__hours": "20,5", "employment__0__from": "01.01.2025"]) { $1 })
                    #expect(decimal.status == .seeOther, "\(decimal.status) \(decimal.body.components(separatedBy: "class=\"error\"").dropFirst().map { $0.prefix(120) })")
                    #expect(try await b.request(.get, "/clients/client-a/facts").body.contains("name=\"employment__0__hours\" inputmode=\"decimal\" size=\"6\" value=\"20,5\""))
                } else { Issue.record("the fixture's client has no employment row") }
                // A future date and a format error in one post: both said at once, not the date after the format was fixed.
                let twoAtOnce = try await b.request(.post, "/clients/client-a/facts", form: fields.merging(["livelihood__0__work_share": "viel"]) { $1 })
                #expect(twoAtOnce.status == .unprocessableContent && twoAtOnce.body.contains("id=\"german__0__date-error\"") && twoAtOnce.body.contains("id=\"livelihood__0__work_share-error\""))
                fields["german__0__date"] = "02.05.2024"; fields["livelihood__0__work_share"] = "150"
                #expect(try await b.request(.post, "/clients/client-a/facts", form: fields).body.contains("value=\"150\""))
                // A conviction with both a fine and a prison term: said at the row's field, with the form's labels.
                fields["livelihood__0__work_share"] = "100"
                let both = try await b.request(.post, "/clients/client-a/facts", form: fields.filter { $0.key != "convictions__none" }.merging(["convictions__0__date": "01.02.2024", "convictions__0__day_fines": "30", "convictions__0__intentional": "true", "convictions__0__in_germany": "true", "convictions__0__still_registered": "true", "convictions__0__foreigners_only": "false",
                                                                                                        "convictions__0__prison_months": "3"]) { $1 })
                #expect(both.status == .unprocessableContent && both.body.contains("id=\"convictions__0__day_fines-error\"") && both.body.contains("„Tagessätze“") && !both.body.contains("day_fines,"),
                        "\(both.status) \(both.body.components(separatedBy: "error-summary").dropFirst().first?.prefix(700) ?? "")")
                // A tampered choice or yes/no value is refused in German.
                fields["german__0__date"] = "02.05.2024"; fields["livelihood__0__work_share"] = "100"
                let tampered = try await b.request(.post, "/clients/client-a/facts", form: fields.merging(["passport": "bogus", "german__0__scope": "bogus"]) { $1 })
                #expect(tampered.status == .unprocessableContent && tampered.body.contains("Bitte ja, nein oder unbekannt wählen.") && tampered.body.contains("einen der angebotenen Werte"))
                // A post without the lists keeps them; one without rows is refused for the status history.
                #expect(try await b.request(.post, "/clients/client-a/facts", form: ["csrf": csrf]).status == .seeOther)
                let kept = try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts
                #expect(kept?.livelihood?.isEmpty == false && kept?.german?.isEmpty == false && kept?.convictions != nil)
                #expect(try await b.request(.post, "/clients/client-a/status", form: ["csrf": csrf]).status == .badRequest)
                #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.facts.status?.count == 3)
            }
        }
    }
}
