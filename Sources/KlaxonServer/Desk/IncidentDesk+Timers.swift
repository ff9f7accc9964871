import Foundation
import KlaxonCore
import KlaxonStore

extension IncidentDesk {
    /// The earliest time anything is due over all watched incidents.
    public func nextDue() -> Date? {
        dueAt.values.min()
    }

    /// Fires everything due now, each in its own transaction with the messages it causes.
    /// Returns how many incidents had timers fired.
    @discardableResult
    public func fireDue() async -> Int {
        let now = clock.now
        let due = dueAt.filter { $0.value <= now }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        var fired = 0
        for id in due {
            do {
                if try await fire(id, at: now) { fired += 1 }
            } catch {
                logger.error("Could not record a timer; trying again in 30 s", metadata: ["incident.id": "\(id.rawValue)", "error": "\(error)"])
                // Without this the scheduler would find it due again at once and spin.
                dueAt[id] = now.addingTimeInterval(30)
            }
        }
        return fired
    }

    /// Records the timers due for one incident. A writer that loses the race reloads and finds them already fired.
    private func fire(_ id: IncidentID, at now: Date) async throws -> Bool {
        for _ in 0..<Self.conflictRetries {
            guard let incident = tracked[id] else { return false }
            let timers = timekeeper.due(incident, at: now)
            guard !timers.isEmpty else {
                watch(incident)
                return false
            }
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

extension IncidentDesk {
    /// Records that a platform failed for an incident (once per incident and platform), which announces it elsewhere.
    public func recordDeliveryProblem(_ problem: OutboxWorker.Problem) async {
        for _ in 0..<Self.conflictRetries {
            do {
                let known = tracked[problem.incident]
                let loaded = known == nil ? try await store.incident(problem.incident) : known
                guard let incident = loaded, !incident.deliveryProblems.contains(problem.transport) else { return }
                let event = IncidentEvent(
                    at: clock.now, actor: nil,
                    change: .deliveryFailed(transport: problem.transport, reason: problem.reason, permanent: problem.permanent)
                )
                let after = incident.evolved(by: event)
                try await commit(after, events: [event], notices: notices([event], from: incident.version, incident: after), request: nil)
                return
            } catch StoreError.conflict {
                await reload(problem.incident)
            } catch {
                logger.error("Could not record a delivery problem", metadata: ["incident.id": "\(problem.incident.rawValue)", "error": "\(error)"])
                return
            }
        }
    }
}
