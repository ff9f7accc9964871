import KlaxonCore
import KlaxonStore

/// Every readable incident in a store, through the store's read-only protocol.
public enum StoredIncidents {
    /// The incidents, oldest first; quarantined ones (unreadable) are left out.
    public static func all(in store: any IncidentStore) async throws -> [Incident] {
        var found: [Incident] = []
        for head in try await store.heads(IncidentQuery(.any)) where head.version > 0 {
            guard let incident = try? await store.incident(head.id) else { continue }
            found.append(incident)
        }
        return found
    }
}
