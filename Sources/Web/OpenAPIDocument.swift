import Foundation

/// The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json). A test checks that its paths and
/// methods are exactly the registered API routes.
enum OpenAPIDocument {
    /// The document as served: the written one with the answers every operation can give added where not written.
    static let json: String = completed(written)

    /// Adds the problem answers common to operations of a kind (QA of 06.12.2026: 400 and 403 were undocumented
    /// where the routes answer them): 401 and 403 to every authenticated one (a token of a role that may not),
    /// 400 to one with a body or query parameters (not JSON, not UTF-8, a bad date or number), 404 to one on a
    /// client, 413 to one with a body, 422 to one with a body.
    static func completed(_ text: String) -> String {
        guard var doc = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              var paths = doc["paths"] as? [String: Any] else { return text }
        let problem: [String: Any] = ["$ref": "#/components/responses/Problem"]
        for (path, item) in paths {
            guard var operations = item as? [String: Any] else { continue }
            for (method, op) in operations {
                guard var operation = op as? [String: Any], var responses = operation["responses"] as? [String: Any] else { continue }
                let open = (operation["security"] as? [Any])?.isEmpty == true
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let query = parameters.contains { $0["in"] as? String == "query" || ($0["$ref"] as? String)?.hasSuffix("/on") == true }
                let body = operation["requestBody"] != nil
                var codes: [String] = []
                if !open { codes += ["401", "403"] }
                if body || query { codes.append("400") }
                if path.contains("{id}") { codes.append("404") }
                if body { codes += ["413", "415", "422"] }
                for code in codes where responses[code] == nil { responses[code] = problem }
                operation["responses"] = responses
                operations[method] = operation
            }
            paths[path] = operations
        }
        doc["paths"] = paths
        // The facts' schema, built from the engine's vocabularies (`FactsSchema`).
        if var components = doc["components"] as? [String: Any], var schemas = components["schemas"] as? [String: Any] {
            schemas["Facts"] = FactsSchema.schema
            schemas["StatusPeriod"] = FactsSchema.statusPeriod.merging(["description": "A period as in the case-file schema (CASES.md §3); a note is not stored, so a period with note is refused (422)"]) { a, _ in a }
            components["schemas"] = schemas
            doc["components"] = components
        }
        guard let data = try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes]) else { return text }
        return String(decoding: data, as: UTF8.self)
    }

    static let written = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Bleibe API",
        "version": "1.0.0",
        "description": "Clients, status periods, facts and assessments of a counseling service. Authenticate with 'Authorization: Bearer <token>' (tokens are created on the account page, each with a scope: 'read' tokens may send GET only, any other method is refused with 403; 'write' tokens may also change what their user's role may change). A browser signed in to the application is also let read, with its session (its writes need the page's CSRF token in 'X-CSRF-Token'); integrations use tokens, whose expiry and revocation apply. Errors are application/problem+json (RFC 9457). A query parameter an operation does not declare here, or one given twice, is refused (400), not ignored. Facts and status periods use the case-file schema of ../shared/law/CASES.md §3; assessments use schema bleibe.assessment/1."
      },
      "servers": [{"url": "/"}],
      "security": [{"bearer": []}],
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "parameters": {
          "clientId": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "a client's id"},
          "caseId": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "a case's (Akte's) id, as GET /api/v1/clients/{id}/cases lists them"},
          "ifMatch": {"name": "If-Match", "in": "header", "required": false, "description": "The ETag of a read (r followed by the revision, in quotes; facts and status history share it): the write happens only if the client is still at that revision, else 412. Without it the write is unconditional.", "schema": {"type": "string"}}
        },
        "schemas": {
          "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string", "description": "where in the request body: a dotted path with indexes (born, convictions[0].date; [1].to in a list sent as the body; body for the whole of it)"}, "message": {"type": "string"}}}}}},
          "ClientSummary": {"type": "object", "required": ["id", "file_number", "first_name", "last_name"], "properties": {
            "id": {"type": "string"}, "file_number": {"type": "string"}, "first_name": {"type": "string"}, "last_name": {"type": "string"},
            "nationality": {"type": "string"}, "current_status": {"type": "string"}}},
          "ClientList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/ClientSummary"}}, "limit": {"type": "integer"}, "offset": {"type": "integer"}, "total": {"type": "integer", "description": "clients found over all pages"}}},
          "NewClient": {"type": "object", "required": ["first_name", "last_name"], "additionalProperties": false, "properties": {
            "first_name": {"type": "string", "minLength": 1, "maxLength": 100, "description": "in Latin letters (with diacritics) as on the Duldung or passport; other scripts are refused (422)"},
            "last_name": {"type": "string", "minLength": 1, "maxLength": 100, "description": "as first_name"}, "file_number": {"type": "string", "pattern": "^[A-Za-z0-9 /._:#()-]{0,40}$", "description": "empty or omitted: the next number of the year"},
            "facts": {"$ref": "#/components/schemas/Facts"},
            "allow_duplicate": {"type": "boolean", "description": "create the client even if one with the same name and birth date exists (else 409)"}}},
          "Created": {"type": "object", "properties": {"id": {"type": "string"}, "file_number": {"type": "string"}}},
          "Facts": {"type": "object", "description": "A person in the case-file schema (CASES.md §3). An omitted fact is unknown. Rules beyond a field's type are checked as there (422, each refused field named): e.g. the allowed codes of asylum.ou_basis, suspended required with a prison or juvenile sentence, no day after today for past events, the status history edited at /status-periods only."},
          "StatusPeriod": {"type": "object", "required": ["kind", "from"], "description": "A period as in the case-file schema (CASES.md §3); a note is not stored, so a period with note is refused (422)", "properties": {
            "kind": {"type": "string", "enum": ["gestattung", "duldung", "duldung_60b", "duldung_60c", "duldung_60d", "aufenthaltserlaubnis", "fiktion", "visa", "none", "abroad"]},
            "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}, "basis": {"type": "string"}, "valid_until": {"type": "string", "format": "date"},
            "issued": {"type": "boolean", "description": "whether a Duldung paper was issued: only for the Duldung kinds (else 422)"}, "as": {"type": "string", "enum": ["main", "spouse", "child"]}, "fiktion": {"type": "string", "enum": ["81-3-1", "81-3-2", "81-4"]}, "continues": {"type": "string"}}},
          "Client": {"type": "object", "properties": {"id": {"type": "string"}, "file_number": {"type": "string"}, "first_name": {"type": "string"}, "last_name": {"type": "string"},
            "household_id": {"type": ["string", "null"]}, "facts": {"allOf": [{"$ref": "#/components/schemas/Facts"}], "description": "The facts with the status history under status (oldest first)", "properties": {"status": {"type": "array", "items": {"$ref": "#/components/schemas/StatusPeriod"}}}}}},
          "Relation": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string", "enum": ["spouse", "registered_partner", "cohabiting", "child", "parent"], "description": "what the related client is to this one"},
            "client_id": {"type": "string"}, "same_household": {"type": "boolean"}}},
          "NewRelation": {"type": "object", "required": ["kind", "client_id"], "additionalProperties": false, "properties": {
            "kind": {"type": "string", "enum": ["spouse", "registered_partner", "cohabiting", "child", "parent"], "description": "what the other client is to this one"},
            "client_id": {"type": "string"}, "same_household": {"type": "boolean", "description": "they live in one household (the family rules count the household)"}}},
          "Contact": {"type": "object", "additionalProperties": false, "description": "How to reach the client; every field optional (data minimisation). A PUT replaces the whole contact: a field left out is cleared.", "properties": {
            "salutation": {"type": ["string", "null"], "enum": ["frau", "herr", "none", null], "description": "none: addressed by first and last name"},
            "phone": {"type": "string", "maxLength": 40, "description": "digits (at least 5), also +, space, /, -, ( and )"}, "email": {"type": "string", "maxLength": 120},
            "address": {"type": "string", "maxLength": 300, "description": "postal address, at most 5 lines"}, "language": {"type": "string", "maxLength": 60, "description": "the language the person prefers (and which interpreter to book)"}}},
          "ConsentTopic": {"type": "string", "enum": ["identity", "status_history", "assessment", "missing_documents", "applications", "sessions", "health", "convictions"]},
          "Assessment": {"type": "object", "description": "schema bleibe.assessment/1 (docs/assessment-json.md)", "properties": {"schema": {"type": "string"}, "case_id": {"type": "string", "description": "the case-file schema's id: here the client's id (not an Akte's id)"}, "on": {"type": "string", "format": "date"}, "persons": {"type": "array", "items": {"type": "object"}}}}
        },
        "responses": {
          "Problem": {"description": "Error", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "Stale": {"description": "If-Match names another revision than the client's current one; nothing was written", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        }
      },
      "paths": {
        "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI document", "content": {"application/json": {}}}}}},
        "/api/v1/clients": {
          "get": {"summary": "List the organisation's clients", "parameters": [
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "name (transliteration-tolerant) or file number"},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}, "description": "page size (empty: the default)"},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100000000, "default": 0}}],
            "responses": {"200": {"description": "Clients", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ClientList"}}}}, "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}},
          "post": {"summary": "Create a client", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewClient"}}}},
            "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Created"}}}}, "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}": {
          "get": {"summary": "One client with facts and status history", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Client", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Client"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/status-periods": {
          "get": {"summary": "The status history", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Periods, oldest first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/StatusPeriod"}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}},
          "put": {"summary": "Replace the status history (validated: order, no overlaps, no unexplained gaps; an empty list deletes a recorded history only under If-Match, else 422)", "parameters": [{"$ref": "#/components/parameters/clientId"}, {"$ref": "#/components/parameters/ifMatch"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/StatusPeriod"}}}}},
            "responses": {"200": {"description": "Saved (ETag: the new revision)", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/StatusPeriod"}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "412": {"$ref": "#/components/responses/Stale"}, "422": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/facts": {
          "get": {"summary": "The facts (without the status history)", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Facts (ETag: the client's revision)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Facts"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}},
          "put": {"summary": "Replace the facts", "parameters": [{"$ref": "#/components/parameters/clientId"}, {"$ref": "#/components/parameters/ifMatch"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Facts"}}}},
            "responses": {"200": {"description": "Saved (ETag: the new revision)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Facts"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "412": {"$ref": "#/components/responses/Stale"}, "422": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/cases": {
          "get": {"summary": "The client's cases (Akten)", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Cases", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"id": {"type": "string"}, "opened_on": {"type": "string", "format": "date"}, "referral_source": {"type": "string", "enum": ["self", "authority", "other_service", "volunteer"]},
              "state": {"type": "string"}, "pathway": {"type": "string"}}}}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/cases/{id}/sessions": {
          "get": {"summary": "Counseling sessions of a case; the first is the Erstberatung (the confidential note is never returned)", "parameters": [{"$ref": "#/components/parameters/caseId"}],
            "responses": {"200": {"description": "Sessions", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"id": {"type": "string"}, "on": {"type": "string", "format": "date"}, "kind": {"type": "string", "enum": ["erstberatung", "folgeberatung"]}, "duration_minutes": {"type": "integer"},
              "channel": {"type": "string"}, "language": {"type": "string"}, "interpreter": {"type": "boolean"}, "pathways": {"type": "array", "items": {"type": "string"}}, "record": {"type": "string"},
              "with_family": {"type": "boolean"}}}}}}}}},
              "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/cases/{id}/applications": {
          "get": {"summary": "Applications of a case with their decisions (a grant has added its status period to the client's history)", "parameters": [{"$ref": "#/components/parameters/caseId"}],
            "responses": {"200": {"description": "Applications", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"id": {"type": "string"}, "pathway": {"type": "string"}, "filed_on": {"type": "string", "format": "date"}, "decided_on": {"type": "string", "format": "date"},
              "outcome": {"type": "string", "enum": ["pending", "granted", "refused", "withdrawn"]}, "permit_until": {"type": "string", "format": "date"}}}}}}}}},
              "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/cases/{id}/documents": {
          "get": {"summary": "The document checklist of a case: derived from the pathway and the engine's open conditions, with what was recorded", "parameters": [{"$ref": "#/components/parameters/caseId"}],
            "responses": {"200": {"description": "Checklist", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"kind": {"type": "string"}, "state": {"type": "string", "enum": ["missing", "received", "not_needed"]}, "reason": {"type": "string"},
              "received_on": {"type": "string", "format": "date"}, "file": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"}, "content_type": {"type": "string"}}}}}}}}}}},
              "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/cases/{id}/reminders": {
          "get": {"summary": "Reminders (Wiedervorlagen) of a case: the counselor's own and those derived from the data, due on working days of the Land", "parameters": [{"$ref": "#/components/parameters/caseId"}],
            "responses": {"200": {"description": "Reminders by due date", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"kind": {"type": "string"}, "id": {"type": "string"}, "date": {"type": "string", "format": "date"}, "due": {"type": "string", "format": "date"},
              "title": {"type": "string"}, "citation": {"type": "string"}, "done_on": {"type": "string", "format": "date", "description": "a manual reminder marked done, or an automatic one acknowledged"},
              "key": {"type": "string", "description": "an automatic reminder's identity: kind, pathway and underlying date"},
              "client_id": {"type": "string", "description": "whose reminder: the case's client or a household member counseled in the case"}}}}}}}}},
              "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/appointments": {
          "get": {"summary": "Appointments of the counselor (the coordinator: of the service) in a period",
            "description": "The period runs forward and spans at most 366 days (else 400).",
            "parameters": [{"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "first day (default: today)"}, {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "last day (default: from + 28 days)"}],
            "responses": {"200": {"description": "Appointments", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"id": {"type": "string"}, "client_id": {"type": "string"}, "counselor_id": {"type": "string"}, "date": {"type": "string", "format": "date"},
              "time": {"type": "string"}, "duration_minutes": {"type": "integer"}, "place": {"type": "string"}, "mode": {"type": "string", "enum": ["in_person", "phone", "video"]}, "language": {"type": "string"},
              "state": {"type": "string", "enum": ["requested", "confirmed", "cancelled"]}, "requested_via": {"type": "string"}}}}}}}}},
              "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/assessment": {
          "get": {"summary": "Assessment of every pathway (with the household)", "parameters": [{"$ref": "#/components/parameters/clientId"},
              {"name": "on", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "decision date (default: today)"}],
            "responses": {"200": {"description": "Assessment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/relations": {
          "get": {"summary": "The client's family relations: what each related client is to this one", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Relations", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Relation"}}}}}}}}},
          "post": {"summary": "Relate another client of the organisation to this one (refused as on the client page: one spouse, a spouse under 16, a parent less than 12 years older, an existing link)",
            "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewRelation"}}}},
            "responses": {"201": {"description": "Related", "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "client_id": {"type": "string"}}}}}}}}
        },
        "/api/v1/clients/{id}/relations/{relation}": {
          "delete": {"summary": "Remove a relation of the client. A household formed with it stays (people may live together unrelated; the family rules count it): leave it with DELETE /api/v1/clients/{id}/household", "parameters": [{"$ref": "#/components/parameters/clientId"}, {"name": "relation", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"204": {"description": "Removed"}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/household": {
          "delete": {"summary": "The client leaves their household (the others stay together); the client's household_id becomes null", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"204": {"description": "Left (or in no household)"}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/clients/{id}/contact": {
          "get": {"summary": "The client's contact data (for those who may write the file; each read is audited)", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Contact", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Contact"}}}}}},
          "put": {"summary": "Replace the client's contact data (a field left out is cleared)", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Contact"}}}},
            "responses": {"200": {"description": "Saved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Contact"}}}}}}
        },
        "/api/v1/clients/{id}/disclosures": {
          "get": {"summary": "Every disclosure of the client's data to another organisation under a consent (the Art. 15 GDPR log), newest first", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"description": "Disclosures", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"at": {"type": "string", "format": "date-time"}, "recipient": {"type": "string"}, "consent": {"type": "string"}, "topics": {"type": "array", "items": {"$ref": "#/components/schemas/ConsentTopic"}},
              "channel": {"type": "string", "enum": ["shared_view", "api", "name_search"]}}}}}}}}}, "401": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/shared/clients/{id}": {
          "get": {"summary": "For the authority: a case of the cooperating service, exactly the requested topics, if one consent in force covers them all; each call is logged as a disclosure", "parameters": [{"$ref": "#/components/parameters/clientId"},
              {"name": "topics", "in": "query", "schema": {"type": "string"}, "description": "comma-separated ConsentTopic values (default: every topic of every consent in force). Topics that no single consent covers are released by the consents in force together, each part logged as its own disclosure; a topic none of them covers refuses the whole request (403)"}],
            "responses": {"200": {"description": "The consented topics only", "content": {"application/json": {"schema": {"type": "object", "required": ["client_id", "consent_id", "consent_ids", "topics"], "properties": {
              "client_id": {"type": "string"}, "consent_id": {"type": "string", "description": "the first consent that released a part (see consent_ids)"},
              "consent_ids": {"type": "array", "items": {"type": "string"}, "description": "every consent that released a part of this answer, each logged as its own disclosure"},
              "steps_withheld": {"type": "boolean", "description": "with missing_documents: further steps rest on data no consent in force releases and are left out"}, "topics": {"type": "array", "items": {"$ref": "#/components/schemas/ConsentTopic"}},
              "identity": {"type": "object"}, "status_history": {"type": "array", "items": {"type": "object"}}, "assessment": {"type": "array", "items": {"type": "object", "properties": {"pathway": {"type": "string"}, "outcome": {"type": "string", "enum": ["met", "reachable", "not_met", "excluded", "unclear", "withheld"], "description": "withheld: decided by health or conviction data the consent does not release"}, "from": {"type": "string", "format": "date"}}}},
              "missing_documents": {"type": "array", "items": {"type": "string"}}, "documents_not_received": {"type": "array", "items": {"type": "string"}}, "sessions": {"type": "array", "items": {"type": "object"}},
              "applications": {"type": "array", "items": {"type": "object", "properties": {"pathway": {"type": "string"}, "filed_on": {"type": "string", "format": "date"}, "outcome": {"type": "string"}, "decided_on": {"type": "string", "format": "date"}, "valid_until": {"type": "string", "format": "date"}}}},
              "health": {"type": "object", "properties": {"school_impossible": {"type": "boolean"}, "livelihood_impossible": {"type": "boolean"}, "german_impossible": {"type": "boolean"}, "reason": {"type": "string"}}},
              "convictions": {"type": "array", "items": {"type": "object", "properties": {"date": {"type": "string", "format": "date"}, "offence": {"type": "string"}, "day_fines": {"type": "integer"}, "prison_months": {"type": "integer"}}}}}}}}},
              "400": {"$ref": "#/components/responses/Problem"}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}
        },
        "/api/v1/referrals": {
          "get": {"summary": "Referrals the authority made or the service received, with their state",
            "responses": {"200": {"description": "Referrals", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
              "properties": {"id": {"type": "string"}, "authority": {"type": "string"}, "service": {"type": "string"}, "created_on": {"type": "string", "format": "date"},
              "state": {"type": "string", "enum": ["pending", "accepted", "declined", "withdrawn"]},
              "first_name": {"type": "string", "description": "empty once the person's data were erased (a declined or withdrawn referral after its retention time, or an erased file)"},
              "last_name": {"type": "string", "description": "empty once erased, as first_name"}, "reason": {"type": "string", "description": "empty once erased, as first_name"},
              "decided_on": {"type": "string", "format": "date"}, "decline_reason": {"type": "string", "description": "why the service declined, or why the authority withdrew (state withdrawn)"}, "case_id": {"type": "string"}}}}}}}}},
              "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}}
        }
      }
    }
    """#
}
