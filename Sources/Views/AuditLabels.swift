/// German names of what the audit trail records (the table keeps short English codes; staff read German).
public enum AuditLabels {
    static let actions: [String: String] = [
        "read": "gelesen", "create": "angelegt", "update": "geändert", "delete": "gelöscht", "accept": "angenommen",
        "decline": "abgelehnt", "withdraw": "zurückgezogen", "cancel": "abgebrochen", "decide": "entschieden", "reopen": "Entscheidung zurückgenommen", "revoke": "widerrufen", "disclose": "offengelegt", "refuse": "verweigert (keine passende Einwilligung)", "address_taken": "abgelehnt (Anmeldeadresse vergeben)",
        "anonymise": "anonymisiert", "erase": "endgültig gelöscht", "activate": "reaktiviert", "deactivate": "deaktiviert", "change_role": "Rolle geändert",
        "reset_password": "Passwort neu vergeben", "reset_totp": "zweiter Faktor zurückgesetzt", "backup": "gesichert",
    ]

    static let entities: [String: String] = [
        "application": "Antrag", "appointment": "Termin", "appointment_request": "Terminanfrage", "article": "Wissensartikel",
        "assessment": "Prüfung", "assessment_snapshot": "gespeicherte Prüfung", "audit": "Protokoll", "case": "Akte",
        "client": "Stammdaten", "client_plan": "Plan zum Mitgeben", "client_search": "Suche in der Klientenliste", "client_list": "Klientenliste", "shared_list": "Liste der freigegebenen Fälle", "referral_list": "Liste der Vermittlungen", "appointment_list": "Terminkalender", "calendar_feed": "Kalender-Abonnement (Termine ohne Namen)", "retention_list": "Liste der Löschfristen", "consent": "Schweigepflichtentbindung", "consent_scan": "Scan der Schweigepflichtentbindung", "client_contact": "Kontaktdaten",
        "contact": "Kontakt", "dashboard": "Übersicht", "disclosure": "Offenlegung", "document": "Dokument",
        "expert_request": "Fachberatung", "facts": "Angaben", "followup": "Folgeaufgabe", "household": "Haushalt",
        "letter": "Schreiben", "meeting": "Quartalstreffen", "meeting_case": "Fallbesprechung", "referral": "Vermittlung",
        "relation": "Familienbeziehung", "reminder": "Wiedervorlage", "screening": "Screening", "screening_results": "Screening-Ergebnisse (Download)", "screening_outreach": "Einladungsliste (Download)", "session": "Beratung",
        "statistics": "Verfahrensstatistik", "status_history": "Statusverlauf", "user": "Benutzerkonto", "organisation": "Organisation",
        "subject_access": "Auskunft nach Art. 15 DSGVO", "shown_with_relative": "in der Akte eines Familienmitglieds gezeigt", "duplicate_hint": "als mögliche Doppelanlage genannt", "deactivation_list": "Übergabeliste bei Deaktivierung", "database": "Datenbank", "access_review": "Zugriffsauswertung",
        "report_counseling": "Bericht: Beratungen (Zahlen)", "report_cooperation": "Bericht: Kooperation (Zahlen)", "report_funder": "Bericht: Zuwendungsgeber (Zahlen)",
    ]

    /// "Statusverlauf gelesen"; an unknown code is shown as it is rather than hidden.
    public static func describe(action: String, entity: String) -> (String, String) {
        (actions[action] ?? action, entities[entity] ?? entity)
    }
}
