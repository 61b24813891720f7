import CaseFiles
import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Hummingbird
import Storage

/// The JSON API under /api/v1: token authentication (`Authorization: Bearer …`), problem+json errors, the same
/// policies and audit trail as the pages. Facts and status periods use the case-file schema (CASES.md §3).
struct APIRoutes {
    let services: AppServices
    let clientRoutes: ClientRoutes

    /// Every endpoint: registered from this table, and checked against the OpenAPI document by a test.
    var endpoints: [Endpoint] {
        [
            (.get, "/api/v1/openapi.json", openAPI),
            (.get, "/api/v1/clients", list),
            (.post, "/api/v1/clients", create),
            (.get, "/api/v1/clients/{id}", show),
            (.get, "/api/v1/clients/{id}/status-periods", statusPeriods),
            (.put, "/api/v1/clients/{id}/status-periods", replaceStatus),
            (.get, "/api/v1/clients/{id}/facts", facts),
            (.put, "/api/v1/clients/{id}/facts", replaceFacts),
            (.get, "/api/v1/clients/{id}/assessment", assessment),
            (.get, "/api/v1/clients/{id}/relations", relations),
            (.post, "/api/v1/clients/{id}/relations", addRelation),
            (.delete, "/api/v1/clients/{id}/relations/{relation}", removeRelation),
            (.delete, "/api/v1/clients/{id}/household", leaveHousehold),
            (.get, "/api/v1/clients/{id}/contact", contact),
            (.put, "/api/v1/clients/{id}/contact", replaceContact),
        ]
    }


    /// Writes from a browser session must carry the CSRF token in a header; token clients need none.
    func checkWrite(_ request: Request, _ context: BleibeContext) throws {
        if context.viaAPIToken { return }
        guard let expected = context.csrf, let sent = request.headers[HTTPField.Name("X-CSRF-Token")!], Credentials.equal(expected, sent) else {
            throw AppError.csrf
        }
    }

    /// The request body as JSON text: bytes that are not UTF-8, or text that is not JSON (the decoder behind it also
    /// reads YAML), are refused with where and why.
    func body(_ request: Request, _ context: BleibeContext) async throws -> String {
        // The document names application/json only (QA20 L3: a text/plain or untyped body was taken).
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json")) else {
            throw AppError.unsupportedType("Send the body as application/json\(type.isEmpty ? " (no Content-Type was given)" : ", not \(type)").")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard let text = String(bytes: buffer.readableBytesView, encoding: .utf8) else { throw AppError.badRequest("The body is not valid UTF-8.") }
        // Said as such, not as JSON broken "at byte 1" (QA30 F6).
        guard text.contains(where: { !$0.isWhitespace }) else { throw AppError.badRequest("The body is empty: expected JSON.") }
        if let problem = JSONCheck.problem(text) { throw AppError.badRequest("The body is \(problem).") }
        return text
    }

    /// The body (checked by `body`) as a JSON object. Well-formed JSON Foundation cannot read holds a number beyond a
    /// double (QA30 F6: `1e999` was answered "The body must be a JSON object").
    static func object(_ text: String) throws -> [String: Any] {
        // Fragments allowed: a bare `null` or `123` is JSON too, answered as not an object (QA41 A4: "a number too large").
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) else {
            throw AppError.badRequest("The body holds a number too large to read (JSON numbers must fit a 64-bit double).")
        }
        guard let object = value as? [String: Any] else { throw AppError.badRequest("The body must be a JSON object.") }
        return object
    }

    /// A client's facts and status history change together under one revision; its entity tag is `"r<revision>"`.
    static func etag(_ revision: Int) -> String { "\"r\(revision)\"" }

    /// The revision a write under `If-Match` is based on (nil: none sent or `*`, the write is unconditional). The header
    /// may list several tags (RFC 9110 § 13.1.1): the client's revision when one of them names it, else one that
    /// cannot match. Comparison is strong, so a weak tag never matches. The store's conditional UPDATE decides.
    func ifMatch(_ request: Request, current: Int) throws -> Int? {
        guard let value = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), !value.isEmpty, value != "*" else { return nil }
        let named = value.split(separator: ",").compactMap { part -> Int? in
            let tag = part.trimmingCharacters(in: .whitespaces)
            guard tag.hasPrefix("\"r"), tag.hasSuffix("\""), tag.count > 3 else { return nil }
            return Int(tag.dropFirst(2).dropLast())
        }
        if named.contains(current) { return current }
        guard let other = named.first else {
            throw AppError.preconditionFailed("If-Match \(value) names no revision of this client; read it again (ETag).")
        }
        return other
    }

    /// Maps a store's outcome; a conflict under `If-Match` is 412 with the current tag.
    func saved(_ outcome: ClientStore.ChangeOutcome) throws -> Int {
        switch outcome {
        case .saved(let revision): return revision
        case .notFound: throw AppError.notFound
        case .conflict(let current):
            throw AppError.preconditionFailed("The client was changed since revision you named (now \(Self.etag(current))); read it again and reapply your change.")
        }
    }

    func withETag(_ r: Response, _ revision: Int) -> Response {
        var r = r
        r.headers[.eTag] = Self.etag(revision)
        return r
    }

    func decodeError(_ e: CaseFileError) -> AppError { decodeErrors([e]) }

    func decodeErrors(_ all: [CaseFileError], prefix: String = "") -> AppError { .invalid(fieldErrors(all, prefix: prefix)) }

    /// The decoder's errors by field; `prefix` places them in the request ("facts.").
    func fieldErrors(_ all: [CaseFileError], prefix: String = "") -> [String: String] {
        var errors: [String: String] = [:]
        for e in all {
            // The decoder judges against the case file's `on`; the API has none, its day is today (QA of 06.12.2026).
            let message = e.message.replacingOccurrences(of: "must not be after on (", with: "must not be after today (")
            errors[e.path.isEmpty ? (prefix.isEmpty ? "body" : String(prefix.dropLast())) : prefix + e.path] = message + (e.line.map { " (line \($0))" } ?? "")
        }
        return errors
    }

    @Sendable func openAPI(_ request: Request, context: BleibeContext) async throws -> Response {
        Reply.json(OpenAPIDocument.json)
    }

    @Sendable func list(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .listClients), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        // Out of range is an error, not quietly another page (the OpenAPI document states the bounds).
        func bounded(_ name: String, default d: Int, _ range: ClosedRange<Int>) throws -> Int {
            // Empty is not given, as for the dates (QA30 F7: `limit=` was refused, `on=` taken as today).
            guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return d }
            guard let n = Int(text), range.contains(n) else { throw AppError.badRequest("\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text.prefix(40))'.") }
            return n
        }
        let limit = try bounded("limit", default: 50, 1...500), offset = try bounded("offset", default: 0, 0...100_000_000)
        let q = request.formQuery("q")
        let rows = try await services.clients.list(organisation: org, search: q, limit: limit, offset: offset)
        try await services.clients.recordList(search: q, shown: rows.map(\.id), audit: services.audit(a))
        let items: [[String: Any]] = rows.map { r in
            var o: [String: Any] = ["id": r.id, "file_number": r.fileNumber, "first_name": r.firstName, "last_name": r.lastName]
            if let s = r.currentStatus { o["current_status"] = s }
            if let n = r.nationality { o["nationality"] = n }
            return o
        }
        let total = try await services.clients.count(organisation: org, search: q)
        return Reply.json(try json(["items": items, "limit": limit, "offset": offset, "total": total]))
    }

    func json(_ o: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
    }

    @Sendable func create(_ request: Request, context: BleibeContext) async throws -> Response {
        let a = try context.requireActor()
        guard Policy.allows(a, .createClient), let org = Policy.clientScope(a) else { throw AppError.forbidden }
        try checkWrite(request, context)
        let text = try await body(request, context)
        let obj = try Self.object(text)
        var errors: [String: String] = [:]
        // No household here: households are formed by linking family members (and a given id was silently ignored).
        let allowed: Set<String> = ["first_name", "last_name", "file_number", "facts", "allow_duplicate"]
        for k in obj.keys where !allowed.contains(k) { errors[k] = "unknown field '\(k)' (expected one of: \(allowed.sorted().joined(separator: ", ")))" }
        // Control characters and direction overrides are dropped, as from every form.
        let first = Form.cleaned((obj["first_name"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let last = Form.cleaned((obj["last_name"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        for (key, value) in [("first_name", first), ("last_name", last)] {
            switch NameCheck.problem(value) {
            case .missing?, .tooLong?: errors[key] = "required text of at most 100 characters (Unicode code points)"
            case .lineBreak?: errors[key] = "must not contain a line break or a tab"
            case .notLatin?: errors[key] = "must be written in Latin letters (with diacritics) as on the Duldung or passport"
            case nil: break
            }
        }
        let fileNumber = (obj["file_number"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
        if obj["file_number"] != nil, obj["file_number"] as? String == nil || !FileNumber.isValid(fileNumber) {
            errors["file_number"] = "at most \(FileNumber.maxLength) characters: letters A-Z, digits, spaces and - / . _ : # ( )"
        } else if let year = FileNumber.futureYear(fileNumber, today: services.today) {
            errors["file_number"] = "names the year \(year), which has not begun yet"
        }
        var facts = Person(id: "")
        if let f = obj["facts"] {
            guard JSONSerialization.isValidJSONObject(f) else { throw AppError.invalid(["facts": "expected an object"]) }
            // As for PUT /status-periods: a note of a period would be dropped, so it is refused (QA20 M5).
            if let list = (f as? [String: Any])?["status"] as? [[String: Any]], let i = list.firstIndex(where: { $0["note"] != nil }) {
                errors["facts.status[\(i)].note"] = "not stored: a status period keeps no note; record it in a counseling session"
            }
            let ftext = String(decoding: try JSONSerialization.data(withJSONObject: f), as: UTF8.self)
            do { facts = try CaseFileDecoder.person(json: ftext, source: "facts", on: services.today) } catch let e as CaseFileError {
                errors.merge(fieldErrors(CaseFileDecoder.problems(after: e, json: ftext, source: "facts", on: services.today), prefix: "facts.")) { a, _ in a }
            }
        }
        errors.merge(FactPlausibility.problems(facts, today: services.today).mapKeys { "facts." + $0 }) { a, _ in a }
        if let s = facts.status { errors.merge(StatusHistoryRules.problems(s, entered: facts.entered, born: facts.born, today: services.today).mapKeys { "facts.status" + StatusHistoryRules.apiPath($0) }) { a, _ in a } }
        // A JSON boolean only: Foundation reads the numbers 0 and 1 as Bool too (QA20 M4: "allow_duplicate": 1 passed).
        let flag = obj["allow_duplicate"]
        let allowDuplicate = flag.flatMap { v in type(of: v) == type(of: NSNumber(value: true)) ? (v as? Bool) : nil }
        if flag != nil, allowDuplicate == nil { errors["allow_duplicate"] = "expected true or false" }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        // A second file for the same person splits its history, as on the form: refused unless asked for. Checked with
        // the insert, against a creation at the same moment (QA of 06.12.2026).
        let id = Credentials.newID()
        let file: String
        switch try await services.clients.create(Client(id: id, organisationID: org, fileNumber: fileNumber, firstName: first, lastName: last, facts: facts),
                                                 numberedIn: services.today.year, refusingDuplicates: allowDuplicate != true, audit: services.audit(a)) {
        case .created(let number): file = number
        case .fileNumberTaken: throw AppError.conflict("file_number: \(fileNumber) is already the file number of another client of this organisation.")
        case .duplicates(let same):
            throw AppError.conflict("A client with this name and \(facts.born == nil ? "no recorded birth date" : "birth date") exists (id \(same.map { "\($0.id), file number \($0.fileNumber)" }.joined(separator: "; "))); send \"allow_duplicate\": true to create another file.")
        case .linkRefused(let why): throw AppError.conflict(why)   // not asked for here
        }
        var r = Reply.json(try json(["id": id, "file_number": file]), status: .created)
        r.headers[.location] = "/api/v1/clients/\(id)"
        return r
    }

    @Sendable func show(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context)
        try await services.clients.recordRead(clientID: c.id, entity: "client", audit: services.audit(a))
        let factsJSON = CaseFileEncoder.json(c.facts, includeStatus: true, includeID: false)
        let head = try json(["id": c.id, "file_number": c.fileNumber, "first_name": c.firstName, "last_name": c.lastName,
                             "household_id": c.householdID.map { $0 as Any } ?? NSNull()] as [String: Any])
        return withETag(Reply.json(String(head.dropLast()) + ",\"facts\":" + factsJSON + "}"), c.revision)
    }

    @Sendable func statusPeriods(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context)
        try await services.clients.recordRead(clientID: c.id, entity: "status_history", audit: services.audit(a))
        let list = (c.facts.status ?? []).map { CaseFileEncoder.serialize(CaseFileEncoder.statusObject($0)) }
        return withETag(Reply.json("[" + list.joined(separator: ",") + "]"), c.revision)
    }

    /// The errors of each period of a JSON list read alone, named by its place in the list ("[1].kind").
    static func periodErrors(_ text: String, today: Day) -> [CaseFileError] {
        guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else { return [] }
        return list.enumerated().compactMap { i, period in
            guard JSONSerialization.isValidJSONObject([period]), let data = try? JSONSerialization.data(withJSONObject: ["status": [period]]) else { return nil }
            do { _ = try CaseFileDecoder.person(json: String(decoding: data, as: UTF8.self), source: "body", on: today); return nil } catch var e as CaseFileError {
                e.path = e.path.hasPrefix("status[0]") ? "[\(i)]" + e.path.dropFirst("status[0]".count) : "[\(i)]"
                return e
            } catch { return nil }
        }
    }

    @Sendable func replaceStatus(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        try checkWrite(request, context)
        let text = try await body(request, context)
        // A case file may annotate a period with `note`; the record keeps none, so it is refused rather than dropped
        // (QA of 05.12.2026: it was accepted and lost).
        if let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], let i = list.firstIndex(where: { $0["note"] != nil }) {
            throw AppError.invalid(["[\(i)].note": "not stored: a status period keeps no note; record it in a counseling session"])
        }
        let periods: [StatusPeriod]
        do {
            periods = try CaseFileDecoder.person(json: "{\"status\": \(text)}", source: "body", on: services.today).status ?? []
        } catch var e as CaseFileError {
            // Named in the request's own terms: the body is the list itself (QA30 F5: "status[1].bogus").
            if e.path.hasPrefix("status") { e.path = String(e.path.dropFirst("status".count)) }
            // Every refused period at once (QA30 F4): each read alone; only if each is sound on its own is the error
            // one between periods (an overlap), said as it was found.
            let each = Self.periodErrors(text, today: services.today)
            throw decodeErrors(each.isEmpty ? [e] : each)
        }
        let problems = StatusHistoryRules.problems(periods, entered: c.facts.entered, born: c.facts.born, today: services.today)
        guard problems.isEmpty else { throw AppError.invalid(problems.mapKeys { StatusHistoryRules.apiPath($0).isEmpty ? "body" : StatusHistoryRules.apiPath($0) }) }
        // The state asked for is the state stored: nothing is written, and a retried request is answered as the first
        // was (QA20 L1: a retry after a lost answer got 412, and each identical write made a new revision).
        let basedOn = try ifMatch(request, current: c.revision)
        // An empty list deletes the whole history: only on purpose, under the history's entity tag (QA41 A1: an empty
        // body of an integration wiped three periods, and the authority's shared view with them).
        if periods.isEmpty, !(c.facts.status ?? []).isEmpty, basedOn == nil {
            throw AppError.invalid(["body": "an empty list deletes every status period: send it with If-Match naming the client's current ETag to do so on purpose"])
        }
        let answer = "[" + periods.map { CaseFileEncoder.serialize(CaseFileEncoder.statusObject($0)) }.joined(separator: ",") + "]"
        if periods == (c.facts.status ?? []) { return withETag(Reply.json(answer), c.revision) }
        let revision = try saved(try await services.clients.replaceStatus(clientID: c.id, organisation: c.organisationID, periods: periods,
                                                                          basedOn: basedOn, audit: services.audit(a)))
        return withETag(Reply.json(answer), revision)
    }

    @Sendable func facts(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context)
        try await services.clients.recordRead(clientID: c.id, entity: "facts", audit: services.audit(a))
        return withETag(Reply.json(CaseFileEncoder.json(c.facts, includeStatus: false, includeID: false)), c.revision)
    }

    @Sendable func replaceFacts(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context, write: true)
        try checkWrite(request, context)
        let text = try await body(request, context)
        let facts: Person
        // Every refused field at once, not the first only (QA30 F4).
        do { facts = try CaseFileDecoder.person(json: text, source: "body", on: services.today) } catch let e as CaseFileError {
            throw decodeErrors(CaseFileDecoder.problems(after: e, json: text, source: "body", on: services.today))
        }
        guard facts.status == nil else { throw AppError.invalid(["status": "edit the status history at /status-periods"]) }
        let implausible = FactPlausibility.problems(facts, today: services.today)
        guard implausible.isEmpty else { throw AppError.invalid(implausible) }
        let contradicting = try await clientRoutes.datesAgainstRecords(facts, c)
        guard contradicting.isEmpty else { throw AppError.invalid(contradicting) }
        let basedOn = try ifMatch(request, current: c.revision)
        var unchanged = c.facts; unchanged.status = nil; unchanged.id = facts.id
        var stored = facts; stored.id = c.id
        let answer = CaseFileEncoder.json(stored, includeStatus: false, includeID: false)
        if facts == unchanged { return withETag(Reply.json(answer), c.revision) }
        let revision = try saved(try await services.clients.replaceFacts(clientID: c.id, organisation: c.organisationID, facts: facts,
                                                                         basedOn: basedOn, audit: services.audit(a)))
        return withETag(Reply.json(answer), revision)
    }

    @Sendable func assessment(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c) = try await clientRoutes.loadClient(context)
        let on: Day
        // ISO only, as documented (QA41 A5: the page's German 07.12.2026 was taken here too).
        let invalid = AppError.invalid(["on": "expected a date YYYY-MM-DD from 2005-01-01 (the Residence Act) to 2199-12-31"])
        let typed = ClientRoutes.typedDay(request) ?? ""
        if !typed.isEmpty, typed.utf8.count != 10 || Day(iso: typed) == nil { throw invalid }
        do { on = try clientRoutes.day(request) ?? services.today } catch { throw invalid }
        // The dates the page refuses, refused here too (QA20 M1: the law of 2005 applied to 1900).
        if ClientRoutes.unassessable(on, born: c.facts.born) != nil {
            throw AppError.invalid(["on": on < RecordDates.residenceActInForce ? "before 2005-01-01: the Residence Act (AufenthG) applies from that day"
                                                                          : "before the client's birth date (\(c.facts.born?.iso ?? "?"))"])
        }
        let person = try await clientRoutes.assess(c, on: on)
        try await services.clients.recordRead(clientID: c.id, entity: "assessment", audit: services.audit(a))
        return Reply.json(try AssessmentDocument(HouseholdAssessment(on: on, appliedOn: person.filed.first?.filedOn, persons: [person]), caseID: c.id).json())
    }
}

extension Dictionary where Key == String {
    func mapKeys(_ f: (String) -> String) -> [String: Value] { Dictionary(uniqueKeysWithValues: map { (f($0.key), $0.value) }) }
}
