import Counseling
import Eligibility
import Foundation
import Screening
import Storage

/// Synthetic clients for load tests: the screening generator's persons as clients of one organisation.
public enum BenchData {
    public static func addClients(_ services: AppServices, organisation: String, count: Int, seed: UInt64 = 7) async throws -> Int {
        var gen = PopulationGenerator(seed: seed, on: services.today)
        let audit = AuditContext(userID: "bench", organisationID: organisation, now: services.timestamp())
        var batch: [Client] = [], added = 0
        while added < count {
            let h = gen.nextHousehold()
            for p in h.persons where added < count {
                added += 1
                batch.append(Client(id: "bench-\(added)", organisationID: organisation, fileNumber: "LT-\(added)",
                                    firstName: "Test\(added % 997)", lastName: "Person\(added)", facts: p))
            }
            if batch.count >= 1000 { try await services.clients.createMany(batch, audit: audit); batch = [] }
        }
        if !batch.isEmpty { try await services.clients.createMany(batch, audit: audit) }
        return added
    }
}
