import Foundation
import KlaxonCore
import KlaxonStore

extension IncidentDesk {
    /// The earliest time anything is due over all watched incidents.
    public func nextDue() -> Date? {
        tracked.values.compactMap { timekeeper.nextDue($0) }.min()
    }

    /// Fires everything due now, each in its own transaction with the messages it causes.
    /// Returns how many incidents had timers fired.
    @discardableResult
    public func fireDue() async -> Int {
        let now = clock.now
        let due = tracked.values.filter { incident in timekeeper.nextDue(incident).map { $0 <= now } ?? false }
        var fired = 0
        for incident in due.sorted(by: { $0.id < $1.id }) {
            do {
                if try await fire(incident.id, at: now) { fired += 1 }
            } catch {
                logger.error("Could not record a timer", metadata: ["incident.id": "\(incident.id.rawValue)", "error": "\(error)"])
            }
        }
        return fired
    }

    /// Records the timers due for one incident. A writer that loses the race reloads and finds them already fired.
    private func fire(_ id: IncidentID, at now: Date) async throws -> Bool {
        for _ in 0..<Self.conflictRetries {
            guard let incident = tracked[id] else { return false }
            let timers = timekeeper.due(incident, at: now)
            guard !timers.isEmpty else { return false }
            let events = decider.fire(timers, at: now)
            let after = events.reduce(incident) { $0.evolved(by: $1) }
            do {
                try await commit(after, events: events, notices: notices(events, from: incident.version, incident: after), request: nil)
                return true
            } catch StoreError.conflict {
                await reload(id)
            }
        }
        return false
    }
}
