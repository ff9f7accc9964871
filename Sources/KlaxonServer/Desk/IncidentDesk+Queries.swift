import KlaxonCore
import KlaxonStore

/// Reading incidents for the JSON API: current states, never a stale cache.
extension IncidentDesk {
    /// One incident as stored now; `nil` when there is no such incident (or it is quarantined).
    public func incident(_ id: IncidentID) async throws -> Incident? {
        do {
            return try await current(id)
        } catch is CommandRejection {
            return nil
        }
    }

    /// The readable incidents in a state, current.
    public func incidents(matching query: IncidentQuery) async throws -> [Incident] {
        try await incidents(query)
    }
}
