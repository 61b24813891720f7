import Eligibility
import Foundation
import Hummingbird
import Views

extension Request {
    /// A query parameter as an HTML form sends it (application/x-www-form-urlencoded): "+" stands for a space.
    /// Hummingbird's `queryParameters` decodes percent escapes only, so a search for two words would look for "a+b".
    func formQuery(_ name: String) -> String? {
        guard let query = uri.query else { return nil }
        func decode(_ s: Substring) -> String {
            let spaced = s.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if decode(parts[0]) == name { return parts.count > 1 ? decode(parts[1]) : "" }
        }
        return nil
    }

    /// A day given in the query as `key` (TT.MM.JJJJ or ISO); nil when absent or empty, a German 400 when unreadable
    /// ("von"/"bis" name the period's ends as the forms label them).
    func queryDay(_ key: String) throws -> Day? {
        guard let text = formQuery(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let d = try? parseDay(text) else { throw AppError.badRequest("„\(key == "from" ? "von" : key == "to" ? "bis" : key)“ ist kein gültiges Datum (TT.MM.JJJJ).") }
        return d
    }

    /// The language of a client-facing page: `?lang=`, else the browser's `Accept-Language`, else German.
    var clientLanguage: PublicPages.Language {
        PublicPages.language(chosen: uri.queryParameters["lang"].map(String.init), accept: headers[.acceptLanguage])
    }
}
