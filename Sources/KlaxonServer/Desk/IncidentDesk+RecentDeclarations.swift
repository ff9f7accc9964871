import Foundation
import KlaxonCore

extension IncidentDesk {
    /// Refuses a declaration typed in chat under the title of an incident declared in the same channel in the last
    /// few minutes and still open (see `RecentDeclarations`). The API is left alone: a client that repeats a
    /// request says so with its `Idempotency-Key`.
    func refuseRepeated(_ envelope: CommandEnvelope) async throws {
        guard envelope.channel.platform != .api, case .declare(let severity, let title, _, let publicFacing) = envelope.command else { return }
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
        throw CommandRejection.alreadyDeclared(
            IncidentSummary(earlier), minutesAgo: minutes, raiseTo: severity < earlier.severity ? severity : nil,
            makePublic: publicFacing && !earlier.publicFacing
        )
    }

    /// Runs a chat declaration in the turn of its channel and title: two typed at once are decided one after the
    /// other, so the second finds the first (`refuseRepeated`) instead of both passing while the first commits.
    func inDeclarationTurn<T: Sendable>(_ envelope: CommandEnvelope, _ body: () async throws -> T) async throws -> T {
        guard envelope.channel.platform != .api, case .declare(_, let title, _, _) = envelope.command else { return try await body() }
        let key = RecentDeclarations.Key(envelope.channel, title)
        if !declarationTurns.take(key) {
            await withCheckedContinuation { declarationTurns.enqueue(key, $0) }
        }
        defer { declarationTurns.release(key) }
        return try await body()
    }
}
