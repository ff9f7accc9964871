import KlaxonCore
import KlaxonStore

/// Every readable incident in a store, through the store's read-only protocol.
public enum StoredIncidents {
    /// The readable incidents, oldest first, and the numbers of those that could not be read (quarantined, or an
    /// event that no longer decodes), which figures built from the rest leave out.
    public static func read(_ store: any IncidentStore) async throws -> (incidents: [Incident], unreadable: [IncidentID]) {
        var found: [Incident] = []
        var unreadable: [IncidentID] = []
        for head in try await store.heads(IncidentQuery(.any)) where head.version > 0 {
            guard head.quarantine == nil else {
                unreadable.append(head.id)
                continue
            }
            do {
                if let incident = try await store.incident(head.id) { found.append(incident) }
            } catch let error as StoreError {
                guard case .corrupt = error else { throw error }
                unreadable.append(head.id)
            }
        }
        return (found, unreadable)
    }
}
