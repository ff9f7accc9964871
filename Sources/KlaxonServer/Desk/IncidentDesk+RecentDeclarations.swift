import Foundation
import KlaxonCore
import KlaxonStore

extension IncidentDesk {
    /// Runs a declaration typed in chat in the turn of its title, refusing it when an incident declared under that
    /// title in the last few minutes, in any channel, is still open (see `RecentDeclarations`). In turn, two typed at
    /// once are decided one after the other, so the second finds the first instead of both passing while the first
    /// commits. The API is left alone: a client that repeats a request says so with its `Idempotency-Key`.
    func onceRecently<T: Sendable>(_ envelope: CommandEnvelope, _ body: () async throws -> T) async throws -> T {
        guard envelope.channel.platform != .api, case .declare(let severity, let title, let kind, let publicFacing) = envelope.command else {
            return try await body()
        }
        let key = RecentDeclarations.Key(title, kind: kind, channel: envelope.channel)
        if !declarationTurns.take(key) {
            await withCheckedContinuation { declarationTurns.enqueue(key, $0) }
        }
        defer { declarationTurns.release(key) }
        let now = clock.now
        if let earlier = try await earlierDeclaration(key, now: now) {
            let here = earlier.channel.platform == envelope.channel.platform && earlier.channel.id == envelope.channel.id
            throw CommandRejection.alreadyDeclared(
                IncidentSummary(earlier), minutesAgo: Int(now.timeIntervalSince(earlier.declaredAt) / 60),
                raiseTo: severity < earlier.severity ? severity : nil, makePublic: publicFacing && !earlier.publicFacing,
                elsewhere: here ? nil : earlier.channel
            )
        }
        return try await body()
    }

    /// The open incident declared under `key` within the window: one this process declared, or, on a store replicas
    /// share, one another replica did (read from the store; two replicas given the same declaration within the same
    /// few milliseconds can still both declare it).
    private func earlierDeclaration(_ key: RecentDeclarations.Key, now: Date) async throws -> Incident? {
        if let id = recentDeclarations.earlier(key, now: now), let earlier = try await openIncident(id) { return earlier }
        guard store.isSharedByReplicas else { return nil }
        let since = now.addingTimeInterval(-RecentDeclarations.window)
        let recent = try await incidents(IncidentQuery(.open, declaredSince: since, newest: Self.recentlyDeclaredReach))
        return recent.last { RecentDeclarations.Key($0.title, kind: $0.kind, channel: $0.channel) == key && $0.declaredAt <= now }
    }

    /// How many of the latest open incidents a declaration is compared with on a shared store.
    static let recentlyDeclaredReach = 20

    /// The incident if it can be read and is open; a store failure is thrown.
    private func openIncident(_ id: IncidentID) async throws -> Incident? {
        do {
            let incident = try await current(id)
            return incident.isOpen ? incident : nil
        } catch is CommandRejection {
            return nil
        }
    }
}
