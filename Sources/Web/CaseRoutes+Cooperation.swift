import Counseling
import Eligibility
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Views

/// Letters to the authority, and bringing a case (anonymised) to the cooperation's meeting.
extension CaseRoutes {
    /// A letter of the case, filled from the client and addressed to the cooperating authority.
    @Sendable func letter(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context)
        guard let template = LetterPages.Template(rawValue: try context.parameters.require("template")),
              let sender = try await services.accounts.organisation(c.organisationID) else { throw AppError.notFound }
        let partners = try await services.partners(of: c.organisationID)
        let recipient = try await services.accounts.organisations().first { partners.contains($0.id) && $0.kind == .authority }
        try await services.clients.recordRead(clientID: client.id, entity: "letter", audit: services.audit(a))
        let answers = try await clientRoutes.assess(client, on: services.today).assessments
        let received = try await services.applications.documents(caseID: c.id, organisation: c.organisationID).filter { $0.state == .received }.map(\.kind)
        // The cover letter goes with the application filed in the case: an open one names its pathway, whatever the
        // case's target (QA38 F4: a § 25b letter for a case whose application was under § 25a).
        let filed = template != .application ? nil
            : try await services.applications.applications(caseID: c.id, organisation: c.organisationID).filter { $0.outcome == .pending }.max { $0.filedOn < $1.filedOn }
        let model = LetterPages.Model(template: template, sender: sender, senderPerson: context.account?.user.displayName ?? "", recipient: recipient,
                                      client: client, pathway: filed?.pathway ?? c.pathway, today: services.today, answers: answers,
                                      enclosures: DocumentKind.allCases.filter(received.contains).map(\.german))
        return Reply.html(LetterPages.page(frame: context.frame(template.german, current: "clients"), model, caseID: c.id))
    }

    /// Meetings of the service's cooperations from a week ago on (a case can still be added shortly after).
    func upcomingMeetings(_ organisation: String) async throws -> [Meeting] {
        let coops = try await services.cooperation.cooperations(of: organisation).filter { $0.isActive(on: services.today) }
        return try await services.meetings.meetings(cooperations: coops.map(\.id)).filter { $0.on >= services.today.adding(days: -7) }
    }

    /// Brings the case to a meeting as an anonymised fact sheet (no consent needed: nothing identifies the person).
    @Sendable func bringToMeeting(_ request: Request, context: BleibeContext) async throws -> Response {
        let (a, c, client) = try await loadCase(context, write: true)
        let form = try await Form.checked(request, context: context)
        guard let meeting = try await upcomingMeetings(c.organisationID).first(where: { $0.id == form.trimmed("meeting") }) else { throw AppError.notFound }
        let question = form.trimmed("question")
        if question.isEmpty || question.count > 500 {
            return try await render(context, c, client, meetingError: "Bitte die Frage an die Runde angeben (höchstens 500 Zeichen).",
                                    meetingChoice: (meeting.id, question), status: .unprocessableContent)
        }
        let (members, relatives, relations) = try await clientRoutes.family(client)
        let referred = try await services.cooperation.referrals(of: c.organisationID)
        let others = try await services.clients.people(organisation: c.organisationID) + referred.filter { !$0.lastName.isEmpty }.map(\.person)
        let found = FactSheet.identifyingWordsInQuestion(question, client: client, relatives: members.filter { $0.id != client.id } + relatives, others: others)
        if !found.isEmpty {
            return try await render(context, c, client, meetingError: "Die Frage enthält Angaben, die eine Person erkennbar machen können (\(found.joined(separator: ", "))). Bitte entfernen; Daten der Person nur als Jahr (z. B. 2025), Daten des Gesetzes (z. B. Stichtag 31.10.2022) sind möglich.",
                                    meetingChoice: (meeting.id, question),
                                    status: .unprocessableContent)
        }
        // Recognisable through the authority's own referrals (names with birth dates and nationalities)? Only those the
        // service took on can be the person of a case: declined or withdrawn ones the authority knows are not (QA24 F1:
        // two declined referrals let the one accepted be named by age group and origin).
        let lookalikes = FactSheet.lookalikes(born: client.facts.born, nationality: client.facts.nationality,
                                              among: referred.filter { $0.state == .accepted }.map { (born: $0.born, nationality: $0.nationality) }, on: services.today)
        if (1..<FactSheet.minimumLookalikes).contains(lookalikes) {
            return try await render(context, c, client, meetingError: "Der Fall wäre für die Ausländerbehörde erkennbar: unter den Personen, die sie vermittelt hat, \(lookalikes == 1 ? "hat nur eine" : "haben nur \(lookalikes)") dieselbe Altersgruppe und Herkunft. Bitte ohne Fallblatt besprechen oder eine Schweigepflichtentbindung einholen.",
                                    meetingChoice: (meeting.id, question), status: .unprocessableContent)
        }
        // Assessed without the special categories: the sheet needs no consent, so no result on it may rest on a
        // conviction or on health (QA of 05.12.2026: "kein Weg" beside a prison sentence the client never released).
        let person = try await clientRoutes.assess(client, on: services.today, facts: { Consent.released($0, topics: []) })
        let spouse = relations.contains { $0.kind != .parent && ($0.from == client.id || $0.to == client.id) }
        let children = relations.filter { $0.kind == .parent && $0.from == client.id }.compactMap { r in members.first { $0.id == r.to } }
            .filter { ($0.facts.born?.age(on: services.today) ?? 99) < 18 }.count
        let sheet = FactSheet.make(person: person, spouse: spouse, minorChildren: children, question: question, on: services.today)
        // The same case twice (a double click, a second tab, another question) would be two cases to the round (QA33 F2:
        // "Fall 2" and "Fall 3" were one person).
        let broughtIn = try await services.meetings.sheetClients(meetingID: meeting.id, organisation: c.organisationID)
        if broughtIn.contains(client.id) {
            return try await render(context, c, client, meetingError: "Dieser Fall ist bereits für die Sitzung am \(meeting.on.german) eingebracht. Weitere Fragen zu ihm bitte in der Sitzung stellen.",
                                    meetingChoice: (meeting.id, question), status: .conflict)
        }
        // Two sheets of one family side by side – same region, children, year of entry, status history – point to that
        // family (QA42: "Fall 1" and "Fall 2" were a couple the authority would recognise).
        let family = Set((members + relatives).map(\.id)).subtracting([client.id])
        if broughtIn.contains(where: family.contains) {
            return try await render(context, c, client, meetingError: "Ein Fall aus derselben Familie ist bereits für die Sitzung am \(meeting.on.german) eingebracht: nebeneinander wären beide für die Ausländerbehörde erkennbar. Bitte die Frage zu diesem Fall in jenem Fall mit stellen oder in einer späteren Sitzung.",
                                    meetingChoice: (meeting.id, question), status: .conflict)
        }
        if try await services.meetings.cases(meetingID: meeting.id).contains(where: { $0.sheet == sheet.text }) {
            return try await render(context, c, client, meetingError: "Dieser Fall ist mit dieser Frage bereits für die Sitzung am \(meeting.on.german) eingebracht.",
                                    meetingChoice: (meeting.id, question), status: .conflict)
        }
        try await services.meetings.addCase(meetingID: meeting.id, sheet: sheet.text, clientID: client.id, audit: services.audit(a))
        return Reply.redirect("/meetings/\(meeting.id)")
    }
}
