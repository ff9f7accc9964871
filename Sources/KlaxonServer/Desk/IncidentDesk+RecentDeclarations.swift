import Foundation
import KlaxonCore

extension IncidentDesk {
    /// Refuses a declaration typed in chat under the title of an incident declared in the same channel in the last
    /// few minutes and still open (see `RecentDeclarations`). The API is left alone: a client that repeats a
    /// request says so with its `Idempotency-Key`.
    func refuseRepeated(_ envelope: CommandEnvelope) async throws {
        guard envelope.channel.platform != .api, case .declare(_, let title, _, _) = envelope.command else { return }
        let now = clock.now
        guard let id = recentDeclarations.earlier(titled: title, in: envelope.channel, now: now) else { return }
        let earlier: Incident
        do {
            earlier = try await current(id)
        } catch is CommandRejection {
            return
        }
        guard earlier.isOpen else { return }
        let minutes = Int(now.timeIntervalSince(earlier.declaredAt) / 60)
        throw CommandRejection.alreadyDeclared(IncidentSummary(earlier), minutesAgo: minutes)
    }
}
