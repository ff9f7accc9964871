import Foundation
import KlaxonCore
import KlaxonStore

/// A command without an id typed right after the same one did its work here (two responders at once, or a double
/// submit): `reopen` would reopen the next incident resolved here, `review done` close the next review. Taken for a
/// repeat and refused with how to name the other incident, since neither can be undone quietly.
extension IncidentDesk {
    /// How recent a reopening or a closed review is for a command without an id to be taken for its repeat.
    static let repeatWindow: TimeInterval = 10 * 60

    /// Refuses `reopen` without an id when an incident here was reopened within the window, or, with nothing else
    /// here to reopen, whenever it was: it is open, which says more than that nothing can be reopened.
    func refuseRepeatedReopen(in channel: String, instead candidates: [Incident]) async throws {
        for incident in try await incidents(IncidentQuery(.open, channel: channel)).reversed() {
            guard let at = incident.timeline.last(where: { if case .reopened = $0.change { true } else { false } })?.at else { continue }
            guard let other = candidates.last else { throw CommandRejection.unchanged(incident.id, what: "is open") }
            try refuseIfRecent(incident.id, at: at, done: "was reopened", other: other.id, example: "/incident reopen \(other.id) <what came back>")
        }
    }

    /// Refuses `review done` without an id when another incident's review here was closed within the window.
    func refuseRepeatedReviewClose(in channel: String, instead candidates: [Incident]) async throws {
        guard let other = candidates.last else { return }
        for head in try await store.heads(IncidentQuery(.resolved, channel: channel, newest: Self.reopenCandidates)).reversed() where head.id != other.id {
            let incident: Incident
            do { incident = try await current(head.id, head: head) } catch is CommandRejection { continue }
            guard let at = incident.timeline.last(where: { if case .reviewClosed = $0.change { true } else { false } })?.at else { continue }
            try refuseIfRecent(incident.id, at: at, done: "had its review closed", other: other.id, example: "/incident review \(other.id) done")
        }
    }

    private func refuseIfRecent(_ id: IncidentID, at: Date, done: String, other: IncidentID, example: String) throws {
        let age = clock.now.timeIntervalSince(at)
        guard age >= 0, age < Self.repeatWindow else { return }
        throw CommandRejection.repeatedCommand(id, done: done, minutesAgo: Int(age / 60), other: other, example: example)
    }
}
