import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Builds commits the way the desk does, from plain facts, so store tests don't depend on a policy.
enum StoreFixtures {
    static let channel = ChannelRef(platform: .slack, id: "C1", name: "incidents")
    static let ann = Participant(platform: .slack, id: "UANN", name: "ann")
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let logger = Logger(label: "test")

    static func declared(_ title: String = "Uploads failing", at: Date = start) -> IncidentEvent {
        IncidentEvent(at: at, actor: ann, change: .declared(Declaration(severity: .p0, title: title, channel: channel)))
    }

    static func event(_ change: IncidentChange, minutes: Double) -> IncidentEvent {
        IncidentEvent(at: start.addingTimeInterval(minutes * 60), actor: ann, change: change)
    }

    static func notice(_ id: IncidentID, sequence: Int, kind: MessageKind = .initialAlert) -> Notice {
        Notice(kind: kind, incident: id, sequence: sequence, destination: .incidentChannel(channel), audience: [.channel])
    }

    static func index(open: Bool = true, due: Date? = nil) -> IncidentIndex {
        // `declared()` declares a P0.
        IncidentIndex(isOpen: open, awaitsReview: false, nextDueAt: due, channel: channel, severity: .p0)
    }

    /// The next events of an incident decided on `version`, each announcing one message.
    static func commit(
        _ id: IncidentID, after version: Int, _ events: [IncidentEvent], open: Bool = true, request: String? = nil, due: Date? = nil,
        follows: CommitLink? = nil
    ) -> Commit {
        let outbox = events.indices.map { OutboxEntry(notice: notice(id, sequence: version + $0 + 1, kind: .updatePosted), transport: .slack, lane: Lane(.slack, "channel")) }
        return Commit(target: .existing(id, version: version), events: events, requestKey: request, index: index(open: open, due: due), follows: follows) { _ in
            CommitEffects(outbox: outbox, reply: request.map { "reply to \($0)" })
        }
    }

    /// A new incident's commit; its messages and reply name the number the store gives it.
    static func declaration(_ events: [IncidentEvent] = [declared()], request: String? = nil, due: Date? = nil) -> Commit {
        Commit(target: .new, events: events, requestKey: request, index: index(due: due)) { id in
            let outbox = events.indices.map { OutboxEntry(notice: notice(id, sequence: $0 + 1), transport: .slack, lane: Lane(.slack, "channel")) }
            return CommitEffects(outbox: outbox, reply: request.map { "declared \(id) for \($0)" })
        }
    }

    /// Declares an incident and returns its number.
    static func declare(_ store: any IncidentStore, _ events: [IncidentEvent] = [declared()], request: String? = nil, due: Date? = nil) async throws -> IncidentID {
        guard case .recorded(let id, _) = try await store.commit(declaration(events, request: request, due: due)) else {
            throw StoreError.corrupt("the declaration was taken for a duplicate")
        }
        return id
    }

    /// What a commit came to, success or error, for tests that run many at once.
    static func outcome(_ body: () async throws -> CommitResult) async -> Result<CommitResult, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// A fresh directory for one test's database file.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "klaxon-store-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
