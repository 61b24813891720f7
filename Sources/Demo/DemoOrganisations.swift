import Counseling
import Eligibility

/// The organisations of the demo site and the cooperation between the Elbstadt service and authority.
struct DemoOrganisations {
    /// Which organisation a demo login belongs to.
    enum Key: Sendable { case elbstadtService, elbstadtAuthority, elbstadtPartner, muldenauService, landCoordination }

    let elbstadtService: Organisation
    let elbstadtAuthority: Organisation
    let elbstadtPartner: Organisation
    let muldenauService: Organisation
    let cooperation: Cooperation
    /// The state-wide coordination of Saxony: sees the Land's figures, no client.
    let landCoordination: Organisation

    init(ids: inout DemoRandom) {
        elbstadtService = Organisation(id: ids.uuid(), name: "Beratungsstelle Perspektive Bleiberecht Elbstadt",
                                       kind: .counselingService, city: DemoSite.mainCity, land: "DE-SN",
                                       postalAddress: "Am Elbufer 12\n01099 \(DemoSite.mainCity)")
        elbstadtAuthority = Organisation(id: ids.uuid(), name: "Ausländerbehörde Elbstadt", kind: .authority,
                                         city: DemoSite.mainCity, land: "DE-SN", postalAddress: "Sachgebiet Aufenthalt\nRathausplatz 1\n01067 \(DemoSite.mainCity)")
        elbstadtPartner = Organisation(id: ids.uuid(), name: "Ehrenamtsnetz Elbstadt", kind: .partner,
                                       city: DemoSite.mainCity, land: "DE-SN")
        muldenauService = Organisation(id: ids.uuid(), name: "Beratungsstelle Muldenau", kind: .counselingService,
                                       city: DemoSite.secondCity, land: "DE-SN")
        cooperation = Cooperation(id: ids.uuid(), serviceID: elbstadtService.id, authorityID: elbstadtAuthority.id,
                                  from: Day("2024-01-01"), until: Day("2026-12-31"))
        landCoordination = Organisation(id: ids.uuid(), name: "Landeskoordination Bleiberecht Sachsen", kind: .landCoordination,
                                        city: DemoSite.mainCity, land: "DE-SN")
    }

    var all: [Organisation] { [elbstadtService, elbstadtAuthority, elbstadtPartner, muldenauService, landCoordination] }

    func id(of key: Key) -> String {
        switch key {
        case .elbstadtService: return elbstadtService.id
        case .elbstadtAuthority: return elbstadtAuthority.id
        case .elbstadtPartner: return elbstadtPartner.id
        case .muldenauService: return muldenauService.id
        case .landCoordination: return landCoordination.id
        }
    }
}
