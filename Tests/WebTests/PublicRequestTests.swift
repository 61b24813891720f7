import Counseling
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

@Suite("The public online appointment request")
struct PublicRequestTests {
    /// An IPv6 sender counts by its /64 network (every spelling of one network is one sender); IPv4 as it is.
    @Test func senderNetworks() {
        #expect(BleibeContext.network("2001:db8:a:b:1:2:3:4") == "2001:db8:a:b::/64")
        #expect(BleibeContext.network("2001:0DB8:000a:b::ffff") == "2001:db8:a:b::/64")
        #expect(BleibeContext.network("2001:db8::1") == "2001:db8:0:0::/64")
        #expect(BleibeContext.network("fe80::1%eth0") == "fe80:0:0:0::/64")
        #expect(BleibeContext.network("::1") == "0:0:0:0::/64")
        #expect(BleibeContext.network("192.0.2.7") == "192.0.2.7" && BleibeContext.network("::ffff:192.0.2.7") == "::ffff:192.0.2.7")
    }

    /// A post beyond the size limit to a client-facing form answers in the visitor's language (QA of 06.12.2026: the
    /// staff's German error page); a staff form keeps the German page.
    @Test(arguments: TestDatabase.available)
    func anOversizedPostGetsAPageInTheVisitorsLanguage(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let huge = String(repeating: "x", count: 1_100_000)
                for (path, lang, text) in [("/anfrage/org-a?lang=fa", "fa", "بیش از حد طولانی"), ("/selbstcheck/org-a?lang=ar", "ar", "طويلة جدًا"),
                                           ("/anfrage/org-a?lang=tr", "tr", "çok uzun")] {
                    let page = try await Browser(client: b.client, clock: f.clock).request(.post, path, form: ["message": huge])
                    #expect(page.status == .contentTooLarge && page.body.contains("<html lang=\"\(lang)\"") && page.body.contains(text), "\(path)")
                    #expect(!page.body.contains("/login") && !page.body.contains("Zu groß"), "\(path)")
                }
                let staff = try await Browser(client: b.client, clock: f.clock).request(.post, "/login", form: ["email": huge])
                #expect(staff.status == .contentTooLarge && staff.body.contains("<html lang=\"de\"") && staff.body.contains("Die Anfrage ist zu groß"))
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPersonRequestsAnAppointmentInTheirLanguageAndTheServiceHandlesIt(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let visitor = Browser(client: b.client, clock: f.clock)
                let page = try await visitor.request(.get, "/anfrage/org-a?lang=ar")
                #expect(page.status == .ok && page.body.contains("<html lang=\"ar\" dir=\"rtl\">") && page.body.contains("طلب موعد"))
                // The privacy notice in the visitor's language, naming the service.
                #expect(page.body.contains("<summary>إشعار حماية البيانات</summary>") && page.body.contains("الجهة المسؤولة هي <bdi lang=\"de\">Beratung Elbstadt</bdi>"))
                #expect(try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a?lang=tr").body.contains("Sorumlu: <bdi lang=\"de\">Beratung Elbstadt</bdi>"))
                // The supervisory authority by name and address (QA26 C5).
                #expect(page.body.contains("هيئة الرقابة على حماية البيانات المختصة: <bdi lang=\"de\">Die Sächsische Datenschutz- und Transparenzbeauftragte, Devrientstraße 5, 01067 Dresden</bdi>"))
                #expect(try await visitor.request(.get, "/anfrage/org-abh").status == .notFound)   // only counseling services take requests
                // A link to no service answers in the visitor's language, without the staff login (QA of 05.12.2026).
                for path in ["/anfrage/nowhere?lang=ar", "/selbstcheck/nowhere?lang=ar"] {
                    let gone = try await visitor.request(.get, path)
                    #expect(gone.status == .notFound && gone.body.contains("الصفحة غير موجودة") && gone.body.contains("<html lang=\"ar\" dir=\"rtl\"") && !gone.body.contains("/login"), "\(path)")
                }
                // A link without ?lang= opens in the browser's language where the page has it (QA of 05.12.2026);
                // a chosen language wins; only languages the page lacks: English (QA of 05.12.2026); no wish: German.
                // The form keeps the language for its errors.
                for (accept, expected) in [("ar", "<html lang=\"ar\" dir=\"rtl\">"), ("fa-IR,fa;q=0.9,en;q=0.8", "<html lang=\"fa\" dir=\"rtl\">"),
                                           ("sv, en;q=0.5", "<html lang=\"en\""), ("ru;q=0.4, tr;q=0.8", "<html lang=\"tr\""),
                                           ("ar;q=0, ja", "<html lang=\"en\""), ("ps", "<html lang=\"en\""), ("ckb, de;q=0.3", "<html lang=\"de\""),
                                           ("", "<html lang=\"de\""), (";;,q=x", "<html lang=\"de\""), ("*", "<html lang=\"de\"")] {
                    let byBrowser = try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a", headers: [.acceptLanguage: accept])
                    #expect(byBrowser.status == .ok && byBrowser.body.contains(expected), "\(accept)")
                }
                // A chosen code in capitals or with a region, as a link may carry it.
                for (chosenCode, expected) in [("AR", "<html lang=\"ar\""), ("fa-AF", "<html lang=\"fa\"")] {
                    #expect(try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a?lang=\(chosenCode)").body.contains(expected), "\(chosenCode)")
                }
                let chosen = try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a?lang=de", headers: [.acceptLanguage: "ar"])
                #expect(chosen.body.contains("<html lang=\"de\"") && !chosen.body.contains("dir=\"rtl\""))
                let arabic = try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a", headers: [.acceptLanguage: "ar"])
                #expect(arabic.body.contains("action=\"/anfrage/org-a?lang=ar\""))
                _ = try #require(visitor.csrf(page))
                // Without a valid token nothing is stored: the form comes back in Arabic with what was typed and a fresh token.
                let expired = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["name": "Samira K.", "contact": "0351 123456", "consent": "1"])
                #expect(expired.status == .forbidden && expired.body.contains("كان النموذج مفتوحًا لفترة طويلة") && expired.body.contains("value=\"Samira K.\""))
                #expect(try await f.services.appointments.requests(organisation: "org-a").isEmpty)
                var token = try #require(visitor.csrf(expired))
                // The language switch sends what was typed along: the page in Farsi with it, nothing checked or stored; the
                // language field naming the old page's language takes the new one's (QA of 05.12.2026).
                #expect(expired.body.contains("formaction=\"/anfrage/org-a?lang=fa\" formnovalidate name=\"switch_language\""))
                let switched = try await visitor.request(.post, "/anfrage/org-a?lang=fa", form: ["csrf": token, "form_lang": "ar", "switch_language": "1", "name": "Samira K.",
                                                                                                "contact": "0351 123456", "language": "العربية", "message": "Bitte"])
                #expect(switched.status == .ok && switched.body.contains("<html lang=\"fa\" dir=\"rtl\">") && switched.body.contains("value=\"Samira K.\"")
                        && switched.body.contains(">Bitte</textarea>") && !switched.body.contains("error-summary") && switched.body.contains("value=\"فارسی"))
                #expect(try await f.services.appointments.requests(organisation: "org-a").isEmpty)
                token = try #require(visitor.csrf(switched))
                let missing = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": token, "name": "", "contact": "x"])
                #expect(missing.status == .unprocessableContent && missing.body.contains("من فضلك أدخل اسمك.") && missing.body.contains("من فضلك أكّد موافقتك."))
                // The refused page says so in its own language, and its summary takes the focus (QA of 05.12.2026).
                #expect(missing.body.contains("<title>خطأ: ") && !missing.body.contains("<title>Fehler: "))
                #expect(missing.body.contains("<a class=\"skip\" href=\"#main\">انتقل إلى المحتوى</a>"))   // the client pages have a skip link too
                // Dari (prs) opens the Persian-script page.
                #expect(try await Browser(client: b.client, clock: f.clock).request(.get, "/anfrage/org-a", headers: [.acceptLanguage: "prs, de;q=0.5"]).body.contains("<html lang=\"fa\""))
                #expect(missing.body.contains("class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus><h2>"))
                #expect(missing.body.components(separatedBy: "role=\"alert\"").count == 2)   // the summary alone announces
                // Each error is at its field and linked from the summary, as on the staff pages.
                for field in ["name", "contact", "consent"] {
                    #expect(missing.body.contains("<a href=\"#\(field)\">") && missing.body.contains("id=\"\(field)-error\">") && missing.body.contains("aria-describedby=\"\(field)-error\""), "\(field)")
                }
                // A text beyond its limit is not cut off silently.
                let long = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": try #require(visitor.csrf(missing)), "name": "Samira K.",
                                                                                            "contact": "0351 123456", "consent": "1", "message": String(repeating: "ا", count: 2001)])
                #expect(long.status == .unprocessableContent && long.body.contains("إحدى الإجابات طويلة جدًا"))
                let again = try #require(visitor.csrf(long))
                let ok = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": again, "name": "Samira K.", "contact": "0351 123456",
                                                                                          "language": "العربية", "preferred": "vormittags", "consent": "1"])
                // Sent, then redirected to the thank-you note: reloading it sends nothing again.
                #expect(ok.status == .seeOther && ok.headers[.location] == "/anfrage/org-a?lang=ar&sent=1")
                // The same request posted again (a double click, the browser's resend) is taken as sent but stored once.
                let resent = try await visitor.request(.post, "/anfrage/org-a?lang=ar", form: ["csrf": again, "name": "Samira K.", "contact": "0351 123456",
                                                                                              "language": "العربية", "preferred": "vormittags", "consent": "1"])
                #expect(resent.status == .seeOther && resent.headers[.location] == "/anfrage/org-a?lang=ar&sent=1")
                let thanks = try await visitor.request(.get, "/anfrage/org-a?lang=ar&sent=1")
                #expect(thanks.status == .ok && thanks.body.contains("id=\"thanks\"") && thanks.body.contains("dir=\"rtl\""))
                // Its language links lead to the thank-you note in that language (QA of 06.12.2026: to an empty form).
                #expect(thanks.body.contains("href=\"/anfrage/org-a?lang=de&amp;sent=1\"") || thanks.body.contains("href=\"/anfrage/org-a?lang=de&sent=1\""))
                #expect(try await f.services.appointments.requests(organisation: "org-a").count == 1)
                #expect(try await f.services.appointments.requests(organisation: "org-a").count == 1)
                // The service sees it on its appointment page (the other city's service does not) and marks it handled.
                let csrf = try await b.logIn(f.login(.counselor))
                let appointments = try await b.request(.get, "/appointments")
                #expect(appointments.body.contains("Samira K.") && appointments.body.contains("0351 123456"))
                // What the client typed is isolated for bidirectional text (an Arabic name beside a phone number reordered
                // it; QA of 05.12.2026), and the language is named in German as staff count it.
                #expect(appointments.body.contains("<bdi>0351 123456</bdi>") && appointments.body.contains("<bdi>Arabisch</bdi>"))
                // Both public addresses in full, to be given to a client (QA of 06.12.2026: the self-check's was a bare path).
                let base = f.services.config.absoluteURL("")
                #expect(appointments.body.contains(">\(base)/anfrage/org-a</a>") && appointments.body.contains(">\(base)/selbstcheck/org-a</a>"))
                let muldenau = Browser(client: b.client, clock: f.clock)
                try await muldenau.logIn(f.login(.counselor, organisation: "org-b"))
                #expect(!(try await muldenau.request(.get, "/appointments").body.contains("Samira K.")))
                let id = try #require(appointments.body.components(separatedBy: "/appointments/requests/").dropFirst().first?.prefix { $0 != "/" })
                // One step from the request to the appointment: language and channel prefilled, the request handled with it.
                let prefilled = try await b.request(.get, "/appointments?view=week&on=16.11.2026&request=\(id)")
                // A past week's view offers the first working day from today (a Sunday, 22.11.2026), not the week's Monday.
                #expect(prefilled.body.contains("id=\"day\" name=\"day\" value=\"23.11.2026\""))
                #expect(prefilled.body.contains("name=\"request_id\" value=\"\(id)\"") && prefilled.body.contains("id=\"language\" name=\"language\" list=\"languages\" value=\"Arabisch\""))
                #expect(prefilled.body.contains("<option value=\"online\" selected>") && prefilled.body.contains("von Samira K. (Wunsch: vormittags)"))
                let booking = ["csrf": csrf, "file_number": "A-1", "day": "24.11.2026", "time": "09:00", "duration": "45", "place": "Raum 1",
                               "language": "Arabisch", "counselor": "user-0", "channel": "online", "request_id": String(id)]
                let otherCSRF = try #require(muldenau.csrf(try await muldenau.request(.get, "/appointments")))
                #expect(try await muldenau.request(.post, "/appointments", form: booking.merging(["csrf": otherCSRF, "file_number": "B-1", "counselor": "user-5"]) { $1 }).status == .unprocessableContent)
                #expect(try await b.request(.post, "/appointments", form: booking).status == .seeOther)
                let after = try await b.request(.get, "/appointments?view=week&on=24.11.2026")
                #expect(!after.body.contains("Samira K.") && after.body.contains("<strong>09:00</strong>"))
                var twice = booking; twice["time"] = "14:00"
                let again2 = try await b.request(.post, "/appointments", form: twice)
                #expect(again2.status == .unprocessableContent && again2.body.contains("Online-Anfrage ist nicht offen"))
                #expect(!(try await b.request(.get, "/appointments?view=week&on=24.11.2026").body.contains("<strong>14:00</strong>")))   // nothing half-saved
                // A flood is stopped per sender and hour (a person needs one request; the first was Samira's) …
                var statuses: [HTTPResponse.Status] = []
                var last = ok
                for i in 0..<5 {
                    let t = try #require(visitor.csrf(try await visitor.request(.get, "/anfrage/org-a")))
                    last = try await visitor.request(.post, "/anfrage/org-a", form: ["csrf": t, "name": "Spam \(i)", "contact": "spam\(i)@example.org", "consent": "1"])
                    statuses.append(last.status)
                }
                #expect(statuses == [.seeOther, .seeOther, .seeOther, .seeOther, .tooManyRequests])
                #expect(last.headers[.retryAfter] == "3600")
                // … while a flood of the other service's form from many senders does not shut it: past the review threshold
                // a request is still taken, but held apart for review (QA42 F3), and only a far larger flood is stopped.
                func flood(_ range: Range<Int>) async throws {
                    for i in range {
                        try await f.services.appointments.addRequest(.init(id: "flood-\(i)", createdAt: f.services.timestamp(), name: "x", contact: "x@example.org",
                                                                           language: "", preferred: "", message: "", formLanguage: "de"), organisation: "org-b")
                    }
                }
                try await flood(0..<PublicRoutes.reviewThreshold)
                var t = try #require(visitor.csrf(try await visitor.request(.get, "/anfrage/org-b")))
                #expect(try await visitor.request(.post, "/anfrage/org-b", form: ["csrf": t, "name": "Echte Anfrage", "contact": "real@example.org", "consent": "1"]).status == .seeOther)
                let coordB = Browser(client: b.client, clock: f.clock)
                let cb = try await coordB.logIn(f.login(.coordinator, organisation: "org-b"))
                let inbox = try await coordB.request(.get, "/appointments")
                #expect(inbox.body.contains("Ungewöhnlich viele Online-Anfragen") && inbox.body.contains("1 zurückgehaltene Anfrage anzeigen"))
                let heldList = try #require(inbox.body.components(separatedBy: "<ul id=\"held-requests\">").dropFirst().first?.components(separatedBy: "</ul>").first)
                #expect(heldList.contains("real@example.org") && !heldList.contains("flood"))
                try await flood(PublicRoutes.reviewThreshold + 1..<PublicRoutes.hourlyLimit)
                t = try #require(visitor.csrf(try await visitor.request(.get, "/anfrage/org-b")))
                #expect(try await visitor.request(.post, "/anfrage/org-b", form: ["csrf": t, "name": "Noch eine", "contact": "more@example.org", "consent": "1"]).status == .tooManyRequests)
                // The held ones the page showed are cleared at once, each in the trail; the others stay open, and so does one
                // held request come in after the page was read.
                let until = try #require(inbox.body.components(separatedBy: "name=\"until\" value=\"").dropFirst().first?.prefix { $0 != "\"" })
                f.clock.advance(60)
                try await f.services.appointments.addRequest(.init(id: "late", createdAt: f.services.timestamp(), name: "Später", contact: "late@example.org",
                                                                   language: "", preferred: "", message: "", formLanguage: "de", held: true), organisation: "org-b")
                #expect(try await coordB.request(.post, "/appointments/held-requests/done", form: ["csrf": cb, "until": String(until)]).status == .seeOther)
                let cleared = try await coordB.request(.get, "/appointments")
                #expect(cleared.body.contains("1 zurückgehaltene Anfrage anzeigen"))
                #expect(cleared.body.contains("/appointments/requests/late/done") && !cleared.body.contains("real@example.org"))
                #expect(cleared.body.contains("id=\"online-requests\""))
                let trail = try await f.services.db.read { try await $0.query(SQL("SELECT entity_id FROM audit_events WHERE entity = 'appointment_request' AND user_id = 'user-6'")).count }
                #expect(trail == 1)
                // A flood just under the threshold is not held (QA43 A7): its requests are ticked in the normal list and
                // marked handled at once, each in the trail; an id of nothing open is left alone, nothing ticked is refused.
                #expect(cleared.body.contains("id=\"requests-done\"") && cleared.body.contains("name=\"req-flood-0\" value=\"1\" form=\"requests-done\""))
                var ticked = ["csrf": cb, "req-no-such-request": "1"]
                for i in 0..<PublicRoutes.reviewThreshold { ticked["req-flood-\(i)"] = "1" }
                #expect(try await coordB.request(.post, "/appointments/requests/done", form: ticked).status == .seeOther)
                let tidied = try await coordB.request(.get, "/appointments").body
                #expect(!tidied.contains("req-flood-0\"") && !tidied.contains("req-flood-299\"") && tidied.contains("req-flood-301\""))
                let trailAfter = try await f.services.db.read { try await $0.query(SQL("SELECT entity_id FROM audit_events WHERE entity = 'appointment_request' AND user_id = 'user-6'")).count }
                #expect(trailAfter == 1 + PublicRoutes.reviewThreshold)
                let none = try await coordB.request(.post, "/appointments/requests/done", form: ["csrf": cb])
                #expect(none.status == .badRequest && none.body.contains("Keine Anfrage ausgewählt"))
                // Another service's counselor cannot mark them (their ids are not theirs: nothing changes).
                #expect(try await b.request(.post, "/appointments/requests/done", form: ["csrf": csrf, "req-flood-301": "1"]).status == .seeOther)
                #expect(try await coordB.request(.get, "/appointments").body.contains("req-flood-301\""))
                // A request that needs no appointment is marked handled by itself.
                let list = try await b.request(.get, "/appointments")
                let spam = try #require(list.body.components(separatedBy: "/appointments/requests/").dropFirst().first?.prefix { $0 != "/" })
                #expect(try await b.request(.post, "/appointments/requests/\(spam)/done", form: ["csrf": csrf]).status == .seeOther)
                #expect(!(try await b.request(.get, "/appointments").body.contains("/appointments/requests/\(spam)/")))
            }
        }
    }
}
