@testable import CaseFiles
import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Storage
import Testing
@testable import Web

@Suite("JSON API")
struct APITests {
    /// Logs in through the browser and creates an API token on the account page (one that may write, unless asked).
    func token(_ b: Browser, _ f: Fixture, role: Role = .counselor, scope: TokenScope = .write) async throws -> String {
        let csrf = try await b.logIn(f.login(role))
        let page = try await b.request(.post, "/account/tokens", form: ["csrf": csrf, "name": "Test", "scope": scope.rawValue])
        let token = page.body.components(separatedBy: "class=\"codes\">").dropFirst().first?.prefix { $0 != "<" } ?? ""
        #expect(token.hasPrefix("blb_"))
        return String(token)
    }

    /// Numbers out of range are named with the field's own range, and one beyond a double as such (QA30 F6).
    static func numbersOutOfRange(_ api: Browser, _ auth: HTTPFields, _ id: String) async throws {
        let huge = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Qa\",\"last_name\":\"Num\",\"facts\":{\"employment\":[{\"from\":\"2020-01-01\",\"hours\":1e999}]}}", headers: auth)
        #expect(huge.status == .badRequest && huge.body.contains("a number too large to read"), "\(huge.body)")
        let list = try await api.request(.post, "/api/v1/clients", json: "[1]", headers: auth)
        #expect(list.status == .badRequest && list.body.contains("must be a JSON object"), "\(list.body)")
        let hours = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"employment\":[{\"from\":\"2020-01-01\",\"hours\":1e308}]}", headers: auth)
        #expect(hours.status == .unprocessableContent && hours.body.contains("expected weekly hours between 0 and 80, found '1e308'"), "\(hours.body)")
        let fines = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"convictions\":[{\"date\":\"2020-01-01\",\"intentional\":true,\"in_germany\":true,\"still_registered\":true,\"foreigners_only\":false,\"day_fines\":721}]}", headers: auth)
        #expect(fines.status == .unprocessableContent && fines.body.contains("between 0 and 720, found '721'"), "\(fines.body)")
        let relation = try await api.request(.post, "/api/v1/clients/\(id)/relations", json: "{\"kind\":\"child\",\"client_id\":\"x\",\"n\":-1e400}", headers: auth)
        #expect(relation.status == .badRequest && relation.body.contains("a number too large to read"), "\(relation.body)")
    }

    /// An empty list would delete a recorded history: refused without If-Match, done with it (QA41 A1). A bare JSON
    /// value is no object, said as such (QA41 A4).
    @Test(arguments: TestDatabase.available)
    func anEmptyStatusHistoryIsWrittenOnlyOnPurpose(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let api = Browser(client: b.client, clock: f.clock)
                let auth: HTTPFields = [.authorization: "Bearer \(try await token(b, f))"]
                let read = try await api.request(.get, "/api/v1/clients/client-a/status-periods", headers: auth)
                #expect(read.status == .ok && read.body.contains("duldung"))
                let wiped = try await api.request(.put, "/api/v1/clients/client-a/status-periods", json: "[]", headers: auth)
                #expect(wiped.status == .unprocessableContent && wiped.body.contains("If-Match"), "\(wiped.body)")
                #expect(try await api.request(.get, "/api/v1/clients/client-a/status-periods", headers: auth).body == read.body)
                var tagged = auth
                tagged[.ifMatch] = read.headers[.eTag] ?? ""
                let emptied = try await api.request(.put, "/api/v1/clients/client-a/status-periods", json: "[]", headers: tagged)
                #expect(emptied.status == .ok && emptied.body == "[]")
                for scalar in ["null", "true", "\"s\"", "123"] {
                    let answer = try await api.request(.post, "/api/v1/clients", json: scalar, headers: auth)
                    #expect(answer.status == .badRequest && answer.body.contains("must be a JSON object"), "\(scalar): \(answer.body)")
                }
            }
        }
    }

    /// The contact data over the API, checked and audited as on the contact form; not for the authority.
    @Test(arguments: TestDatabase.available)
    func contactDataAreReadAndReplacedOverTheAPI(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let api = Browser(client: b.client, clock: f.clock)
                let auth: HTTPFields = [.authorization: "Bearer \(try await token(b, f))"]
                let empty = try await api.request(.get, "/api/v1/clients/client-a/contact", headers: auth)
                #expect(empty.status == .ok && empty.body.contains("\"salutation\":null") && empty.body.contains("\"phone\":\"\""), "\(empty.body)")
                let bad = try await api.request(.put, "/api/v1/clients/client-a/contact", json: #"{"salutation":"dr","phone":"ruft an","email":"mo@","fax":"1"}"#, headers: auth)
                #expect(bad.status == .unprocessableContent, "\(bad.body)")
                for field in ["salutation", "phone", "email", "fax"] { #expect(bad.body.contains("\"field\":\"\(field)\""), "\(field): \(bad.body)") }
                #expect(bad.body.contains("expected an e-mail address") && !bad.body.contains("Bitte"))
                #expect(try await api.request(.get, "/api/v1/clients/client-a/contact", headers: auth).body == empty.body)
                let saved = try await api.request(.put, "/api/v1/clients/client-a/contact", json: #"{"salutation":"herr","phone":"+49 351 123456","language":"Arabisch"}"#, headers: auth)
                #expect(saved.status == .ok && saved.body.contains("\"phone\":\"+49 351 123456\"") && saved.body.contains("\"salutation\":\"herr\""), "\(saved.body)")
                let stored = try await f.services.clients.contact(clientID: "client-a", organisation: "org-a", audit: nil)
                #expect(stored == ClientContact(salutation: .herr, phone: "+49 351 123456", language: "Arabisch"))
                // A field left out is cleared: the PUT replaces the whole contact.
                let replaced = try await api.request(.put, "/api/v1/clients/client-a/contact", json: #"{"email":"mo@example.org"}"#, headers: auth)
                #expect(replaced.status == .ok)
                #expect(try await f.services.clients.contact(clientID: "client-a", organisation: "org-a", audit: nil) == ClientContact(email: "mo@example.org"))
                let events = try await AuditLog.events(ofClient: "client-a", in: f.services.db).filter { $0.entity == "client_contact" }
                #expect(events.filter { $0.action == "read" }.count == 2 && events.filter { $0.action == "update" }.count == 2, "\(events.map(\.action))")
                // Another organisation's client is not found; the authority reads no contact.
                #expect(try await api.request(.get, "/api/v1/clients/client-b/contact", headers: auth).status == .notFound)
                let authority = Browser(client: b.client, clock: f.clock)
                let theirs: HTTPFields = [.authorization: "Bearer \(try await token(authority, f, role: .authorityClerk))"]
                #expect(try await api.request(.get, "/api/v1/clients/client-a/contact", headers: theirs).status.code >= 400)
            }
        }
    }

    /// A filter the operation does not take, one given twice, or a date not ISO is a 400 naming it: the caller would
    /// otherwise take the whole list for the filtered one (QA41 A5). What the document declares still works.
    @Test(arguments: TestDatabase.available)
    func unknownOrRepeatedQueryParametersAreRefused(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
            try await f.run { b in
                let api = Browser(client: b.client, clock: f.clock)
                let auth: HTTPFields = [.authorization: "Bearer \(try await token(b, f))"]
                let refused: [(String, String)] = [
                    ("/api/v1/referrals?state=xyz", "Unknown query parameter 'state'"),
                    ("/api/v1/referrals?since=abc", "referrals takes no query parameters."),
                    ("/api/v1/clients?born=32.13.2020", "clients takes: q, limit, offset."),
                    ("/api/v1/clients?cursor=zzz", "Unknown query parameter 'cursor'"),
                    ("/api/v1/appointments?counselor=xyz", "takes: from, to."),
                    ("/api/v1/clients/client-a/assessment?on=2026-12-07&on=2026-12-08", "Query parameter 'on' is given more than once"),
                    ("/api/v1/clients/client-a/facts?on=2026-01-01", "takes no query parameters"),
                ]
                for (path, message) in refused {
                    let r = try await api.request(.get, path, headers: auth)
                    #expect(r.status == .badRequest && r.headers[.contentType] == "application/problem+json" && r.body.contains(message), "\(path): \(r.body)")
                }
                // The value is the handler's: ISO as documented, not the page's German form.
                let german = try await api.request(.get, "/api/v1/clients/client-a/assessment?on=07.12.2026", headers: auth)
                #expect(german.status == .unprocessableContent && german.body.contains("expected a date YYYY-MM-DD"), "\(german.body)")
                for path in ["/api/v1/clients?q=Haddad&limit=5", "/api/v1/clients/client-a/assessment?on=2026-12-07", "/api/v1/clients/client-a/assessment?on=",
                             "/api/v1/appointments?from=2026-11-22&to=2026-11-30", "/api/v1/referrals"] {
                    #expect(try await api.request(.get, path, headers: auth).status == .ok, "\(path)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func tokenClientReadsAndWritesWithProblemJSONErrors(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let t = try await token(b, f)
            let api = Browser(client: b.client, clock: f.clock)
            let auth: HTTPFields = [.authorization: "Bearer \(t)"]
            let none = try await api.request(.get, "/api/v1/clients")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.contentType] == "application/problem+json" && none.headers[.wwwAuthenticate] == "Bearer realm=\"bleibe\"")
            // The scheme's name in any case (RFC 9110 § 11.1).
            #expect(try await api.request(.get, "/api/v1/clients", headers: [.authorization: "bearer \(t)"]).status == .ok)
            // The token opens the API, not the pages or exports (it skips the second factor).
            #expect(try await api.request(.get, "/clients/client-a", headers: auth).status != .ok)
            #expect(try await api.request(.get, "/reports/counseling?format=csv", headers: auth).status != .ok)
            let list = try await api.request(.get, "/api/v1/clients", headers: auth)
            #expect(list.status == .ok)
            #expect(list.body.contains("client-a") && !list.body.contains("client-b"))
            // Create with a malformed fact: 422 naming the field.
            let bad = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"facts\":{\"born\":\"2001-02-30\"}}", headers: auth)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("facts.born"))
            // With the type about:blank the title is the status's phrase; what kind of problem it is opens the detail (QA30 F8).
            #expect(bad.body.contains("\"title\":\"Unprocessable Content\"") && bad.body.contains("\"detail\":\"Validation failed: See 'errors'"))
            // Every refused field at once, not only the first (QA30 F4).
            let several = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"facts\":{\"born\":\"nope\",\"nationality\":\"x\",\"passport\":3,\"german\":[{\"level\":\"Z\"}]}}", headers: auth)
            for field in ["facts.born", "facts.nationality", "facts.passport", "facts.german[0].level"] { #expect(several.body.contains("\"field\":\"\(field)\""), "\(field): \(several.body)") }
            #expect(none.body.contains("\"title\":\"Unauthorized\"") && none.body.contains("\"detail\":\"Authentication required: "))
            let unknown = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"shoe\":1}", headers: auth)
            #expect(unknown.status == .unprocessableContent)
            #expect(try await api.request(.post, "/api/v1/clients", json: "not json", headers: auth).status == .badRequest)
            // Only JSON is taken as JSON (QA20 L3).
            var plain = auth; plain[.contentType] = "text/plain"
            let typed = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Plain\"}", headers: plain)
            #expect(typed.status == .unsupportedMediaType && typed.body.contains("Send the body as application"), "\(typed.status) \(typed.body)")
            // A file number SQLite and PostgreSQL would compare differently (case of an umlaut) is refused, as on the form.
            let umlaut = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"file_number\":\"ÄB-1\"}", headers: auth)
            #expect(umlaut.status == .unprocessableContent && umlaut.body.contains("file_number"))
            // Names in Latin letters as on the Duldung, as on the form (QA41 C6).
            let script = try await api.request(.post, "/api/v1/clients", json: #"{"first_name":"نور","last_name":"Saleh"}"#, headers: auth)
            #expect(script.status == .unprocessableContent && script.body.contains("\"field\":\"first_name\"") && script.body.contains("Latin letters"))
            let created = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Nour\",\"last_name\":\"Saleh\",\"facts\":{\"born\":\"2001-02-28\",\"entered\":\"2019-03-01\"}}", headers: auth)
            #expect(created.status == .created)
            let id = try #require(created.headers[.location]?.components(separatedBy: "/").last)
            // The same person again (other spelling of the name) is refused with the existing file number, unless asked for.
            let again = "{\"first_name\":\"Nur\",\"last_name\":\"Saleh\",\"facts\":{\"born\":\"2001-02-28\"}"
            let twice = try await api.request(.post, "/api/v1/clients", json: again + "}", headers: auth)
            let existing = try await f.services.clients.client(id: id, organisation: "org-a")?.fileNumber ?? "?"
            #expect(twice.status == .conflict && twice.body.contains(existing) && twice.body.contains("allow_duplicate"), "\(twice.status) \(twice.body)")
            #expect(try await api.request(.post, "/api/v1/clients", json: again + ",\"allow_duplicate\":\"ja\"}", headers: auth).status == .unprocessableContent)
            // A number is no boolean, although Foundation reads 1 as true (QA20 M4); the conflict names the existing id.
            #expect(try await api.request(.post, "/api/v1/clients", json: again + ",\"allow_duplicate\":1}", headers: auth).status == .unprocessableContent)
            #expect(twice.body.contains("id \(id)"))
            // A note of a status period is refused on creation as on replacement, not dropped (QA20 M5).
            let notedPeriod = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Notiz\",\"last_name\":\"Verlust\",\"facts\":{\"born\":\"1990-01-01\",\"status\":[{\"kind\":\"duldung\",\"from\":\"2015-01-01\",\"note\":\"x\"}]}}", headers: auth)
            #expect(notedPeriod.status == .unprocessableContent && notedPeriod.body.contains("facts.status[0].note"), "\(notedPeriod.body)")
            // Without a birth date a retry is the same file too (QA20 M3: ten retries made ten files).
            let nameOnly = "{\"first_name\":\"Ohne\",\"last_name\":\"Geburtsdatum\"}"
            #expect(try await api.request(.post, "/api/v1/clients", json: nameOnly, headers: auth).status == .created)
            let retry = try await api.request(.post, "/api/v1/clients", json: nameOnly, headers: auth)
            #expect(retry.status == .conflict && retry.body.contains("no recorded birth date"), "\(retry.body)")
            // The names swapped, as documents often have them: the same person.
            #expect(try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Saleh\",\"last_name\":\"Nour\",\"facts\":{\"born\":\"2001-02-28\"}}", headers: auth).status == .conflict)
            let second = try await api.request(.post, "/api/v1/clients", json: again + ",\"allow_duplicate\":true}", headers: auth)
            #expect(second.status == .created)
            // `total` counts over all pages, with the same search.
            func page(_ query: String) async throws -> (items: Int, total: Int) {
                let o = try JSONSerialization.jsonObject(with: Data(try await api.request(.get, "/api/v1/clients?" + query, headers: auth).body.utf8)) as? [String: Any]
                return ((o?["items"] as? [Any])?.count ?? -1, o?["total"] as? Int ?? -1)
            }
            let all = try await page("limit=500"), one = try await page("limit=1"), searched = try await page("q=Saleh&limit=500")
            #expect(all.total == all.items && all.total > 1 && one.items == 1 && one.total == all.total)
            #expect(searched.total == searched.items && searched.total >= 1 && searched.total < all.total)
            // Status periods: an overlap is refused, a valid history saved.
            let overlap = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2021-01-01\"},{\"kind\":\"duldung\",\"from\":\"2020-12-31\"}]", headers: auth)
            // Named in the request's own terms, the list being the body (QA30 F5: "status[1]").
            #expect(overlap.status == .unprocessableContent && overlap.body.contains("\"field\":\"[1].from\""), "\(overlap.body)")

            let unknownField = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"duldung\",\"from\":\"2019-03-01\",\"bogus\":1}]", headers: auth)
            #expect(unknownField.status == .unprocessableContent && unknownField.body.contains("\"field\":\"[0].bogus\""), "\(unknownField.body)")
            // Every refused period at once (QA30 F4: only the first was named).
            let twoBad = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"foo\",\"from\":\"2019-03-01\",\"to\":\"2020-01-01\"},{\"kind\":\"duldung\",\"from\":\"y\"}]", headers: auth)
            #expect(twoBad.status == .unprocessableContent && twoBad.body.contains("\"field\":\"[0].kind\"") && twoBad.body.contains("\"field\":\"[1].from\""), "\(twoBad.body)")
            // A basis belongs to a residence permit only (QA20 L8: kept on a Duldung).
            let based = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"duldung\",\"from\":\"2019-03-01\",\"basis\":\"25b\"}]", headers: auth)
            #expect(based.status == .unprocessableContent && based.body.contains("\"field\":\"[0].basis\""), "\(based.body)")
            // A day after today is named as such: the API has no "on" (QA of 06.12.2026).
            let ahead = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"duldung\",\"from\":\"2030-01-01\"}]", headers: auth)
            #expect(ahead.status == .unprocessableContent && ahead.body.contains("must not be after today (2026-11-22)") && !ahead.body.contains("after on"))
            let ok = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2021-01-01\"},{\"kind\":\"duldung\",\"from\":\"2021-01-02\"}]", headers: auth)
            #expect(ok.status == .ok)
            // A note on a period is refused, not dropped; a certificate valid until before its period begins is refused.
            let noted = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2021-01-01\"},{\"kind\":\"duldung\",\"from\":\"2021-01-02\",\"note\":\"hallo\"}]", headers: auth)
            #expect(noted.status == .unprocessableContent && noted.body.contains("\"field\":\"[1].note\""))
            let backwards = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2021-01-01\"},{\"kind\":\"duldung\",\"from\":\"2021-01-02\",\"valid_until\":\"2020-01-01\"}]", headers: auth)
            #expect(backwards.status == .unprocessableContent && backwards.body.contains("gültig bis") && backwards.body.contains("\"field\":\"[1].valid_until\""))
            let assessment = try await api.request(.get, "/api/v1/clients/\(id)/assessment?on=2026-11-22", headers: auth)
            #expect(assessment.status == .ok)
            #expect(assessment.body.contains("\"schema\" : \"bleibe.assessment\\/1\"") || assessment.body.contains("\"schema\" : \"bleibe.assessment/1\""))
            #expect(assessment.body.contains("\"pathway\" : \"25a\""))
            #expect(try await api.request(.get, "/api/v1/clients/\(id)/assessment?on=gestern", headers: auth).status == .unprocessableContent)
            // The dates the page refuses: before the birth (28.02.2001), before the Residence Act (QA20 M1).
            for day in ["2000-12-31", "1900-01-01"] {
                let refused = try await api.request(.get, "/api/v1/clients/\(id)/assessment?on=\(day)", headers: auth)
                #expect(refused.status == .unprocessableContent && (refused.body.contains("before the client's birth date (2001-02-28)") || refused.body.contains("before 2005-01-01")), "\(refused.body)")
            }
            #expect(try await api.request(.get, "/api/v1/clients/client-b", headers: auth).status == .notFound)
            // Bad input the QA of 05.12.2026 saw accepted or answered vaguely.
            let yaml = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "born: 2001-02-28\nnationality: SYR", headers: auth)
            #expect(yaml.status == .badRequest && yaml.body.contains("not valid JSON at byte"))
            let cut = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{", headers: auth)
            #expect(cut.status == .badRequest && cut.body.contains("not valid JSON at byte"))
            #expect(try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"A\",\"last_name\":\"B\",\"household_id\":\"nonexistent\"}", headers: auth).status == .unprocessableContent)
            for query in ["limit=0", "limit=501", "limit=abc", "offset=-5", "limit=99999999999999999999"] {
                let r = try await api.request(.get, "/api/v1/clients?\(query)", headers: auth)
                #expect(r.status == .badRequest && r.body.contains("expected a whole number"), "\(query)")
            }
            // An empty body and a wrongly typed id are said as such (QA30 F6).
            let empty = try await api.request(.post, "/api/v1/clients", json: "  ", headers: auth)
            #expect(empty.status == .badRequest && empty.body.contains("The body is empty"))
            try await Self.numbersOutOfRange(api, auth, id)
            let typedID = try await api.request(.post, "/api/v1/clients/client-a/relations", json: "{\"kind\":\"child\",\"client_id\":123}", headers: auth)
            #expect(typedID.status == .unprocessableContent && typedID.body.contains("expected a string"), "\(typedID.body)")
            // Empty is not given (QA30 F7), as for the dates.
            #expect(try await api.request(.get, "/api/v1/clients?limit=&offset=", headers: auth).body.contains("\"limit\":50"))
            let nul = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Am\\u0000ir\",\"last_name\":\"\\u202eSaleh\"}", headers: auth)
            #expect(nul.status == .created)
            let stored = try await api.request(.get, "/api/v1/clients/\(try #require(nul.headers[.location]?.components(separatedBy: "/").last))", headers: auth)
            #expect(stored.body.contains("\"first_name\":\"Amir\"") && stored.body.contains("\"last_name\":\"Saleh\""))
            // A path that exists, asked with a method it does not take: 405 with the methods it takes, not 404.
            let delete = try await api.request(.delete, "/api/v1/clients", headers: auth)
            #expect(delete.status == .methodNotAllowed && delete.headers[.allow] == "GET, HEAD, POST" && delete.headers[.contentType] == "application/problem+json")
            #expect(try await api.request(.patch, "/api/v1/clients/\(id)/facts", headers: auth).headers[.allow] == "GET, HEAD, PUT")
            let nowhere = try await api.request(.get, "/api/v1/nothing-here", headers: auth)
            #expect(nowhere.status == .notFound && nowhere.body.contains("\"detail\":\"No such route"), "\(nowhere.body)")
            // HEAD wherever GET (QA of 05.12.2026: monitoring and calendar clients got 405): the GET's status and
            // length, no body – also for an error.
            let get = try await api.request(.get, "/api/v1/clients/\(id)", headers: auth)
            let head = try await api.request(.head, "/api/v1/clients/\(id)", headers: auth)
            #expect(head.status == .ok && head.body.isEmpty && head.headers[.contentLength] == String(get.body.utf8.count))
            #expect(head.headers[.contentType] == get.headers[.contentType])
            let missing = try await api.request(.head, "/api/v1/nothing-here", headers: auth)
            #expect(missing.status == .notFound && missing.body.isEmpty)
            #expect(try await api.request(.head, "/api/v1/clients/\(id)").status == .unauthorized)
            // Only codes of real states, as the form offers them (QA of 05.12.2026).
            let zzz = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"nationality\":\"ZZZ\",\"degrees\":[{\"kind\":\"school\",\"on\":\"2015-06-01\",\"country\":\"QQQ\"}]}", headers: auth)
            #expect(zzz.status == .unprocessableContent && zzz.body.contains("nationality") && zzz.body.contains("degrees[0].country"))
            let three = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"born\":\"nope\",\"passport\":3,\"employment\":[{\"from\":\"x\"}]}", headers: auth)
            #expect(three.status == .unprocessableContent && ["born", "passport", "employment[0].from"].allSatisfy { three.body.contains("\"field\":\"\($0)\"") }, "\(three.body)")
            // A birth date that contradicts the recorded status history is refused here as in the editor.
            let late = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"born\":\"2020-01-01\"}", headers: auth)
            #expect(late.status == .unprocessableContent && late.body.contains("vor diesem Geburtsdatum"))
            // Optimistic locking: reads carry the revision as ETag; a write with an If-Match that no longer holds is
            // 412 and changes nothing; without If-Match a write is unconditional.
            let read = try await api.request(.get, "/api/v1/clients/\(id)/facts", headers: auth)
            let tag = try #require(read.headers[.eTag])
            let whole = try await api.request(.get, "/api/v1/clients/\(id)", headers: auth)
            #expect(tag.hasPrefix("\"r") && whole.headers[.eTag] == tag)
            var conditional = auth; conditional[.ifMatch] = tag
            let first = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"born\":\"2001-02-28\",\"entered\":\"2019-03-01\",\"nationality\":\"SYR\"}", headers: conditional)
            #expect(first.status == .ok && first.headers[.eTag] != nil && first.headers[.eTag] != tag)
            let stale = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"born\":\"2001-02-28\",\"entered\":\"2019-03-01\",\"nationality\":\"IRQ\"}", headers: conditional)
            #expect(stale.status == .preconditionFailed && stale.headers[.contentType] == "application/problem+json")
            #expect(try await api.request(.get, "/api/v1/clients/\(id)/facts", headers: auth).body.contains("\"SYR\""))
            conditional[.ifMatch] = "\"something-else\""
            #expect(try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[]", headers: conditional).status == .preconditionFailed)
            conditional[.ifMatch] = try #require(first.headers[.eTag])
            let periods = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2020-12-31\"},{\"kind\":\"duldung\",\"from\":\"2021-01-01\"}]", headers: conditional)
            #expect(periods.status == .ok && periods.headers[.eTag] != first.headers[.eTag])
            // A retry of the same write (its answer lost) finds the state asked for: 200, nothing written (QA20 L1).
            let retried = try await api.request(.put, "/api/v1/clients/\(id)/status-periods", json: "[{\"kind\":\"gestattung\",\"from\":\"2019-03-01\",\"to\":\"2020-12-31\"},{\"kind\":\"duldung\",\"from\":\"2021-01-01\"}]", headers: conditional)
            #expect(retried.status == .ok && retried.headers[.eTag] == periods.headers[.eTag])
            // A list of tags matches if one names the current revision (RFC 9110 § 13.1.1); a weak tag never matches.
            let current = try #require(periods.headers[.eTag])
            conditional[.ifMatch] = "\"r1\", \(current)"
            let listed = try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"born\":\"2001-02-28\",\"entered\":\"2019-03-01\",\"nationality\":\"IRQ\"}", headers: conditional)
            #expect(listed.status == .ok && listed.headers[.eTag] != current)
            conditional[.ifMatch] = "W/" + (listed.headers[.eTag] ?? "")
            #expect(try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"nationality\":\"SYR\"}", headers: conditional).status == .preconditionFailed)
            conditional[.ifMatch] = "\"r1\", \(current)"
            #expect(try await api.request(.put, "/api/v1/clients/\(id)/facts", json: "{\"nationality\":\"SYR\"}", headers: conditional).status == .preconditionFailed)
        }
        }
    }

    /// A token expires (security review of 06.12.2026: tokens worked until revoked): it works on its 90th day, not after,
    /// and the account page says until when.
    @Test(arguments: TestDatabase.available)
    func aTokenExpiresAfterItsLifetime(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let t = try await token(b, f)
            let page = try await b.request(.get, "/account")
            #expect(page.body.contains("Gültig bis") && page.body.contains("Es gilt 90 Tage"))
            let api = Browser(client: b.client, clock: f.clock)
            let auth: HTTPFields = [.authorization: "Bearer \(t)"]
            f.clock.advance(90 * 86400 - 60)
            #expect(try await api.request(.get, "/api/v1/clients", headers: auth).status == .ok)
            f.clock.advance(120)
            let expired = try await api.request(.get, "/api/v1/clients", headers: auth)
            #expect(expired.status == .unauthorized && expired.headers[.contentType] == "application/problem+json")
            // A new login no longer lists it.
            let again = Browser(client: b.client, clock: f.clock)
            _ = try await again.logIn(f.login(.counselor))
            #expect(try await again.request(.get, "/account").body.contains("Keine gültigen Tokens."))
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func tokensAreListedAndRevokedByTheirOwnerAndEndWithTheAccount(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let t = try await token(b, f)
            let api = Browser(client: b.client, clock: f.clock)
            let auth: HTTPFields = [.authorization: "Bearer \(t)"]
            #expect(try await api.request(.get, "/api/v1/clients", headers: auth).status == .ok)
            var page = try await b.request(.get, "/account")
            // A token needs a name: said at the field, on the account page.
            let unnamed = try await b.request(.post, "/account/tokens", form: ["csrf": try #require(b.csrf(page)), "name": " "])
            #expect(unnamed.status == .unprocessableContent && unnamed.body.contains("id=\"name-error\"") && unnamed.body.contains("<td>Test</td>"))
            page = try await b.request(.get, "/account")
            #expect(page.body.contains("<td>Test</td>") && !page.body.contains(t))   // listed by name, the secret is never shown again
            let id = try #require(page.body.components(separatedBy: "/account/tokens/").dropFirst().first?.prefix { $0 != "/" })
            // Another user cannot revoke it, nor can the token itself.
            let other = Browser(client: b.client, clock: f.clock)
            let otherCSRF = try await other.logIn(f.login(.coordinator))
            #expect(try await other.request(.post, "/account/tokens/\(id)/revoke", form: ["csrf": otherCSRF]).status == .notFound)
            #expect(try await api.request(.post, "/account/tokens/\(id)/revoke", headers: auth).headers[.location] == "/login")
            #expect(try await api.request(.get, "/api/v1/clients", headers: auth).status == .ok)
            let csrf = try #require(b.csrf(page))
            #expect(try await b.request(.post, "/account/tokens/\(id)/revoke", form: ["csrf": csrf]).status == .seeOther)
            #expect(try await api.request(.get, "/api/v1/clients", headers: auth).status == .unauthorized)
            #expect(try await b.request(.get, "/account").body.contains("Keine gültigen Tokens."))
            // Deactivating the account revokes its tokens for good: reactivation does not bring them back.
            let created = try await b.request(.post, "/account/tokens", form: ["csrf": csrf, "name": "Zweites"])
            let second = created.body.components(separatedBy: "class=\"codes\">").dropFirst().first?.prefix { $0 != "<" } ?? ""
            #expect(try await api.request(.get, "/api/v1/clients", headers: [.authorization: "Bearer \(second)"]).status == .ok)
            let auth2: HTTPFields = [.authorization: "Bearer \(second)"]
            #expect(try await other.request(.post, "/users/user-0/deactivate", form: ["csrf": otherCSRF]).status == .seeOther)
            #expect(try await other.request(.post, "/users/user-0/activate", form: ["csrf": otherCSRF]).status == .seeOther)
            #expect(try await api.request(.get, "/api/v1/clients", headers: auth2).status == .unauthorized)
        }
        }
    }

    /// A token reads unless made to write (QA42 F6): its writes are refused whatever its user's role may; the account
    /// page lists what each token may and when it was last used.
    @Test(arguments: TestDatabase.available)
    func aReadOnlyTokenChangesNothingAndItsLastUseIsShown(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            // The form asks for reading by default, and a form without the field gets a token that reads.
            var page = try await b.request(.get, "/account")
            #expect(page.body.contains("<option value=\"read\" selected>nur lesen</option>"), "\(page.body)")
            let made = try await b.request(.post, "/account/tokens", form: ["csrf": csrf, "name": "Auswertung"])
            let reader = String(made.body.components(separatedBy: "class=\"codes\">").dropFirst().first?.prefix { $0 != "<" } ?? "")
            #expect(reader.hasPrefix("blb_") && made.body.contains("<td>Auswertung</td><td>nur lesen</td>") && made.body.contains("noch nie"))
            let api = Browser(client: b.client, clock: f.clock)
            let auth: HTTPFields = [.authorization: "Bearer \(reader)"]
            #expect(try await api.request(.get, "/api/v1/clients/client-a/facts", headers: auth).status == .ok)
            let before = try await api.request(.get, "/api/v1/clients/client-a", headers: auth).body
            // Every writing method is refused, with what to do instead, and nothing is written.
            let create = try await api.request(.post, "/api/v1/clients", json: "{\"first_name\":\"Lese\",\"last_name\":\"Token\"}", headers: auth)
            #expect(create.status == .forbidden && create.headers[.contentType] == "application/problem+json" && create.body.contains("scope 'write'"), "\(create.body)")
            let facts = try await api.request(.put, "/api/v1/clients/client-a/facts", json: "{}", headers: auth)
            #expect(facts.status == .forbidden)
            #expect(try await api.request(.delete, "/api/v1/clients/client-a/household", headers: auth).status == .forbidden)
            #expect(try await api.request(.get, "/api/v1/clients/client-a", headers: auth).body == before)
            let list = try await api.request(.get, "/api/v1/clients", headers: auth)
            #expect(list.status == .ok && !list.body.contains("Lese"))
            // The last use is shown, to the quarter of an hour: a request a minute later does not write it again.
            page = try await b.request(.get, "/account")
            #expect(page.body.contains("<td>Auswertung</td><td>nur lesen</td>") && !page.body.contains("noch nie"), "\(page.body)")
            f.clock.advance(60)
            #expect(try await api.request(.get, "/api/v1/clients", headers: auth).status == .ok)
            let used = try await f.services.accounts.apiTokens(userID: "user-0", issuedSince: "").map(\.lastUsedAt)
            #expect(used.count == 1 && used[0] == f.services.timestamp(f.clock.now().addingTimeInterval(-60)), "\(used)")
            // A token that may write does; a scope the form does not offer is refused at its field.
            let writer = try await b.request(.post, "/account/tokens", form: ["csrf": csrf, "name": "Import", "scope": "write"])
            #expect(writer.body.contains("<td>Import</td><td>lesen und ändern</td>"))
            let odd = try await b.request(.post, "/account/tokens", form: ["csrf": csrf, "name": "Alles", "scope": "admin"])
            #expect(odd.status == .unprocessableContent && odd.body.contains("id=\"scope-error\"") && odd.body.contains("value=\"Alles\""), "\(odd.body)")
            #expect(try await f.services.accounts.apiTokens(userID: "user-0", issuedSince: "").map(\.name) == ["Auswertung", "Import"])
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func browserSessionWritesNeedTheCSRFHeader(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let csrf = try await b.logIn(f.login(.counselor))
            let r = try await b.request(.put, "/api/v1/clients/client-a/facts", json: "{}")
            #expect(r.status == .forbidden)
            let ok = try await b.request(.put, "/api/v1/clients/client-a/facts", json: "{\"born\":\"1990-05-05\"}", headers: [HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(ok.status == .ok)
        }
        }
    }

    @Test(arguments: TestDatabase.available)
    func openAPIDocumentDescribesExactlyTheRegisteredRoutes(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        let registered = Set(allEndpoints(f.services).filter { $0.path.hasPrefix("/api/") }.map { "\($0.method.rawValue.lowercased()) \($0.path)" })
        try await f.run { b in
            let r = try await b.request(.get, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method) \(path)") } }
            #expect(documented == registered)
            // The answers every operation can give are documented (QA of 06.12.2026: 400 and 403 were missing).
            for (path, ops) in paths {
                for (method, op) in ops {
                    let operation = try #require(op as? [String: Any]), responses = try #require(operation["responses"] as? [String: Any])
                    let codes = Set(responses.keys)
                    if path == "/api/v1/openapi.json" { #expect(codes == ["200"]); continue }
                    #expect(codes.isSuperset(of: ["401", "403"]), "\(method) \(path): \(codes.sorted())")
                    if operation["requestBody"] != nil { #expect(codes.isSuperset(of: ["400", "413", "422"]), "\(method) \(path): \(codes.sorted())") }
                    if path.contains("{id}") { #expect(codes.contains("404"), "\(method) \(path)") }
                }
            }
            // The facts are described key by key, as the decoder takes them (QA20 M6), and a client's stored facts fit.
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let facts = try #require(schemas["Facts"] as? [String: Any])
            let properties = try #require(facts["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(CaseDecoding.personKeys) && facts["additionalProperties"] as? Bool == false)
            #expect(((properties["marital_status"] as? [String: Any])?["enum"] as? [String])?.contains("registered_partnership") == true)
            let stored = try #require(try JSONSerialization.jsonObject(with: Data(CaseFileEncoder.json(f.clientA.facts).utf8)) as? [String: Any])
            #expect(Set(stored.keys).isSubset(of: Set(properties.keys)), "\(Set(stored.keys).subtracting(properties.keys))")
            // A token of the authority on a service's client list: the 403 the document names.
            let clerk = try await token(Browser(client: b.client, clock: f.clock), f, role: .authorityClerk)
            let status = try await b.request(.get, "/api/v1/clients", headers: [.authorization: "Bearer \(clerk)"]).status
            #expect(status == .forbidden)
        }
        }
    }
}

@Suite("JSON API: relations")
struct APIRelationTests {
    static func marry(_ ids: [String], _ f: Fixture) async throws {
        for id in ids {
            var facts = try #require(try await f.services.clients.client(id: id, organisation: "org-a")).facts
            facts.maritalStatus = .married
            _ = try await f.services.clients.replaceFacts(clientID: id, organisation: "org-a", facts: facts, audit: AuditContext(userID: "user-0", organisationID: "org-a", now: "2026-11-22T08:00:00.000Z"))
        }
    }

    /// Family relations over the API, refused as the client page refuses them (QA20 M6), audited, within the organisation.
    @Test(arguments: TestDatabase.available)
    func relationsAreAddedListedAndRemovedAsOnThePage(_ db: TestDatabase) async throws {
        try await Fixture.test(db) { f in
        try await f.run { b in
            let t = try await APITests().token(b, f)
            let api = Browser(client: b.client, clock: f.clock)
            let auth: HTTPFields = [.authorization: "Bearer \(t)"]
            try await f.addClient("client-w", fileNumber: "A-20", firstName: "Salma", lastName: "Haddad", born: Day("1992-03-03"))
            try await f.addClient("client-x", fileNumber: "A-21", firstName: "Rana", lastName: "Haddad", born: Day("1993-04-04"))
            // Recorded as single, client-a can have no spouse (QA38 F2); married, it can.
            let single = try await api.request(.post, "/api/v1/clients/client-a/relations", json: "{\"kind\": \"spouse\", \"client_id\": \"client-w\"}", headers: auth)
            #expect(single.status == .unprocessableContent && single.body.contains("this client is recorded as single"), "\(single.body)")
            try await Self.marry(["client-a", "client-w", "client-x"], f)
            let added = try await api.request(.post, "/api/v1/clients/client-a/relations", json: "{\"kind\": \"spouse\", \"client_id\": \"client-w\", \"same_household\": true}", headers: auth)
            #expect(added.status == .created && added.body.contains("\"kind\":\"spouse\""), "\(added.body)")
            let list = try await api.request(.get, "/api/v1/clients/client-a/relations", headers: auth)
            #expect(list.status == .ok && list.body.contains("\"client_id\":\"client-w\"") && list.body.contains("\"same_household\":true"))
            // Seen from the spouse, the same relation.
            #expect(try await api.request(.get, "/api/v1/clients/client-w/relations", headers: auth).body.contains("\"client_id\":\"client-a\""))
            // A second spouse, an unknown kind, a number for a boolean, another organisation's client: 422 at the field.
            let second = try await api.request(.post, "/api/v1/clients/client-a/relations", json: "{\"kind\": \"spouse\", \"client_id\": \"client-x\"}", headers: auth)
            #expect(second.status == .unprocessableContent && second.body.contains("already has a spouse"))
            // The API's messages are English throughout (QA37 F7: the page's German refusals came through).
            let cousin = try await api.request(.post, "/api/v1/clients/client-a/relations", json: "{\"kind\": \"cousin\", \"client_id\": \"client-x\", \"uncle\": 1}", headers: auth)
            #expect(cousin.body.contains("found 'cousin'") && cousin.body.contains("unknown field 'uncle'"), "\(cousin.body)")
            for (body, field) in [("{\"kind\": \"cousin\", \"client_id\": \"client-x\"}", "kind"), ("{\"kind\": \"child\", \"client_id\": \"client-x\", \"same_household\": 1}", "same_household"),
                                  ("{\"kind\": \"child\", \"client_id\": \"client-b\"}", "client_id"), ("{\"kind\": \"child\", \"client_id\": \"client-a\"}", "client_id")] {
                let r = try await api.request(.post, "/api/v1/clients/client-a/relations", json: body, headers: auth)
                #expect(r.status == .unprocessableContent && r.body.contains("\"field\":\"\(field)\""), "\(body): \(r.body)")
            }
            // Removed once; then it is gone.
            let id = try #require(added.body.components(separatedBy: "\"id\":\"").dropFirst().first?.prefix { $0 != "\"" })
            #expect(try await api.request(.delete, "/api/v1/clients/client-a/relations/\(id)", headers: auth).status == .noContent)
            #expect(try await api.request(.delete, "/api/v1/clients/client-a/relations/\(id)", headers: auth).status == .notFound)
            #expect(!(try await api.request(.get, "/api/v1/clients/client-a/relations", headers: auth).body.contains("client-w")))
            // The household formed with it stays (it counts for the family rules) until the client leaves it (QA30 F2).
            #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.householdID != nil)
            #expect(try await api.request(.delete, "/api/v1/clients/client-a/household", headers: auth).status == .noContent)
            #expect(try await f.services.clients.client(id: "client-a", organisation: "org-a")?.householdID == nil)
            #expect(try await api.request(.delete, "/api/v1/clients/client-a/household", headers: auth).status == .noContent)
            #expect(try await api.request(.delete, "/api/v1/clients/client-b/household", headers: auth).status == .notFound)
            // A name is at most 100 code points on one line (QA30 F1): 20,000 combining accents or a line break are refused.
            for name in ["A" + String(repeating: "\u{0301}", count: 20_000), "Qa\r\nX-Injected: 1"] {
                let body = String(decoding: try JSONSerialization.data(withJSONObject: ["first_name": "Zalgo", "last_name": name]), as: UTF8.self)
                let r = try await api.request(.post, "/api/v1/clients", json: body, headers: auth)
                #expect(r.status == .unprocessableContent && r.body.contains("\"field\":\"last_name\""), "\(r.status) \(r.body.prefix(200))")
            }
            // Another organisation's client is not found at all.
            #expect(try await api.request(.get, "/api/v1/clients/client-b/relations", headers: auth).status == .notFound)
        }
        }
    }
}
