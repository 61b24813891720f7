import Foundation
import HTTPTypes
import Hummingbird

/// The query parameters each API operation takes, read from the OpenAPI document, and checked before the handler
/// runs: a parameter the operation does not take, or one given twice, is a 400 naming it. A filter the caller
/// believes applied must not be quietly ignored (QA41 A5: `/api/v1/referrals?state=xyz` answered the whole list).
/// The values are the handlers' to judge.
enum APIQueryCheck {
    /// "GET /api/v1/clients" → the names of its query parameters, in the document's order.
    static let declared: [String: [String]] = {
        guard let doc = (try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.written.utf8))) as? [String: Any],
              let paths = doc["paths"] as? [String: Any] else { return [:] }
        let shared = ((doc["components"] as? [String: Any])?["parameters"] as? [String: Any]) ?? [:]
        var out: [String: [String]] = [:]
        for (path, item) in paths {
            for (method, op) in (item as? [String: Any]) ?? [:] {
                var list: [String] = []
                for p in ((op as? [String: Any])?["parameters"] as? [[String: Any]]) ?? [] {
                    let resolved = (p["$ref"] as? String).flatMap { shared[String($0.split(separator: "/").last ?? "")] as? [String: Any] } ?? p
                    guard resolved["in"] as? String == "query", let name = resolved["name"] as? String else { continue }
                    list.append(name)
                }
                out["\(method.uppercased()) \(path)"] = list
            }
        }
        return out
    }()

    /// The handler of an API endpoint, preceded by the check; other endpoints unchanged.
    static func wrap(_ e: Endpoint) -> Endpoint {
        guard e.path.hasPrefix("/api/v1/") else { return e }
        let method = e.method == .head ? "GET" : e.method.rawValue
        let allowed = declared["\(method) \(e.path)"] ?? []
        let handler = e.handler
        return (e.method, e.path, { request, context in
            try check(request.uri.queryParameters.map { String($0.key) }, allowed: allowed, operation: "\(method) \(e.path)")
            return try await handler(request, context)
        })
    }

    static func check(_ given: [String], allowed: [String], operation: String) throws {
        var seen: Set<String> = []
        for name in given {
            guard allowed.contains(name) else {
                let takes = allowed.isEmpty ? "takes no query parameters" : "takes: " + allowed.joined(separator: ", ")
                throw AppError.badRequest("Unknown query parameter '\(name.prefix(40))': \(operation) \(takes).")
            }
            guard seen.insert(name).inserted else { throw AppError.badRequest("Query parameter '\(name)' is given more than once; give it once.") }
        }
    }
}
