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

    /// The language of a client-facing page: `?lang=`, else the browser's `Accept-Language`, else German.
    var clientLanguage: PublicPages.Language {
        PublicPages.language(chosen: uri.queryParameters["lang"].map(String.init), accept: headers[.acceptLanguage])
    }
}
