import KlaxonCore
import KlaxonStore

/// Reading incidents: for the JSON API, current states, never a stale cache; for queries in chat, their answers.
extension IncidentDesk {
    /// A query's answer, rendered off the desk: a report or a timeline is as long as the incident's history, and
    /// every other command on every incident would wait for it. A nonisolated async function runs on the global
    /// executor (this package does not take up `NonisolatedNonsendingByDefault`, which would keep it on the caller's),
    /// through the gate, so that a burst of them leaves a core to the other commands.
    static func rendered(_ outcome: CommandOutcome, gate: RenderGate, _ render: @Sendable (CommandOutcome) -> String) async -> String {
        await gate.run { render(outcome) }
    }

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

    /// The newest `count` readable incidents the query finds that `keep` also accepts, newest first. It reads `count`
    /// rows at a time from the highest number down, so a page costs what it shows, not the length of the history.
    public func newestIncidents(_ query: IncidentQuery, count: Int, where keep: @Sendable (Incident) -> Bool) async throws -> [Incident] {
        var query = query
        query.newest = count
        var found: [Incident] = []
        while found.count < count {
            let heads = try await store.heads(query)
            for head in heads.reversed() where found.count < count {
                do {
                    let incident = try await current(head.id, head: head)
                    if keep(incident) { found.append(incident) }
                } catch is CommandRejection {
                    continue
                }
            }
            // Fewer rows than asked for: nothing older matches.
            guard heads.count == count, let oldest = heads.first else { break }
            query.before = oldest.id
        }
        return found
    }
}
