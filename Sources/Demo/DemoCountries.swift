/// Where the demo clients come from: 29 countries of origin (ISO 3166-1 alpha-3, `XXA` stateless, `XKX` Kosovo),
/// weighted roughly like the tolerated population in Germany, each with the name pools used for its people.
struct DemoCountry: Sendable {
    var code: String
    /// Relative frequency among the clients.
    var weight: Int
    /// Name pools of the country's population groups (e.g. Arab and Kurdish names for Iraq).
    var regions: [NameRegion]
}

enum DemoCountries {
    /// The 29 countries of origin of the published figures (../shared/data/published-figures.md), most frequent first.
    static let all: [DemoCountry] = [
        DemoCountry(code: "AFG", weight: 16, regions: [.afghanPersian]),
        DemoCountry(code: "IRQ", weight: 12, regions: [.arab, .kurdish]),
        DemoCountry(code: "SYR", weight: 5, regions: [.arab, .kurdish]),
        DemoCountry(code: "IRN", weight: 7, regions: [.afghanPersian]),
        DemoCountry(code: "TUR", weight: 7, regions: [.turkish, .kurdish]),
        DemoCountry(code: "GEO", weight: 7, regions: [.georgian]),
        DemoCountry(code: "RUS", weight: 7, regions: [.chechen]),
        DemoCountry(code: "NGA", weight: 7, regions: [.nigerian]),
        DemoCountry(code: "PAK", weight: 6, regions: [.pakistani]),
        DemoCountry(code: "SOM", weight: 4, regions: [.somali]),
        DemoCountry(code: "ERI", weight: 3, regions: [.eritreanEthiopian]),
        DemoCountry(code: "GIN", weight: 5, regions: [.guinean]),
        DemoCountry(code: "LBN", weight: 4, regions: [.arab]),
        DemoCountry(code: "XXA", weight: 3, regions: [.arab, .kurdish]),
        DemoCountry(code: "VNM", weight: 5, regions: [.vietnamese]),
        DemoCountry(code: "IND", weight: 4, regions: [.indian]),
        DemoCountry(code: "AZE", weight: 3, regions: [.azerbaijani]),
        DemoCountry(code: "ARM", weight: 3, regions: [.armenian]),
        DemoCountry(code: "DZA", weight: 3, regions: [.maghrebi]),
        DemoCountry(code: "MAR", weight: 3, regions: [.maghrebi]),
        DemoCountry(code: "TUN", weight: 3, regions: [.maghrebi]),
        DemoCountry(code: "ETH", weight: 3, regions: [.eritreanEthiopian]),
        DemoCountry(code: "GMB", weight: 3, regions: [.gambian]),
        DemoCountry(code: "CMR", weight: 2, regions: [.cameroonian]),
        DemoCountry(code: "SRB", weight: 3, regions: [.balkanSlavic]),
        DemoCountry(code: "XKX", weight: 2, regions: [.albanian, .balkanSlavic]),
        DemoCountry(code: "ALB", weight: 2, regions: [.albanian]),
        DemoCountry(code: "MKD", weight: 2, regions: [.albanian, .balkanSlavic]),
        DemoCountry(code: "LKA", weight: 2, regions: [.tamil]),
    ]

    static func country(_ code: String) -> DemoCountry { all.first { $0.code == code } ?? all[0] }

    /// Whether nationals count as coming from a safe country of origin (§ 29a AsylG, Anlage II), as the counselor
    /// records it. Left open (nil) for the states whose designation by Rechtsverordnung (§ 29b AsylG) was under
    /// discussion, so the demo shows the open question U7.
    static func safeCountryOfOrigin(_ code: String) -> Bool? {
        switch code {
        case "ALB", "GEO", "XKX", "MKD", "SRB": return true
        case "DZA", "MAR", "TUN", "IND": return nil
        default: return false
        }
    }

    /// Countries from which departure is often impossible for lack of papers (§ 25 Abs. 5 demo clients).
    static let departureObstacles = ["XXA", "ERI", "SOM", "LBN", "ETH", "IRN"]
}
