import KlaxonCore
import KlaxonStore

/// Every readable incident in a store, through the store's read-only protocol.
public enum StoredIncidents {
    /// Numbers are given out in order, so incidents are read from #1 up until this many numbers in a row are unused
    /// (a number can be skipped when a declaration's transaction failed).
    static let gapTolerance = 100

    /// The incidents, oldest first; quarantined ones (unreadable) are left out.
    public static func all(in store: any IncidentStore) async throws -> [Incident] {
        var found: [Incident] = []
        var missing = 0
        var number = 1
        while missing < gapTolerance {
            defer { number += 1 }
            guard let head = try await store.head(IncidentID(number)) else {
                missing += 1
                continue
            }
            missing = 0
            guard head.quarantine == nil, let incident = try? await store.incident(head.id) else { continue }
            found.append(incident)
        }
        return found
    }
}
