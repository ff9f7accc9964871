import Foundation
import KlaxonCore
import KlaxonStore
import Logging

/// Builds commits the way the desk does, from plain facts, so store tests don't depend on a policy.
enum StoreFixtures {
    static let channel = ChannelRef(platform: "slack", id: "C1", name: "incidents")
    static let ann = Participant(platform: "slack", id: "UANN", name: "ann")
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

    static func commit(_ id: IncidentID, after version: Int, _ events: [IncidentEvent], open: Bool = true, request: String? = nil) -> Commit {
        let outbox = events.indices.map { OutboxEntry(notice: notice(id, sequence: version + $0 + 1, kind: .updatePosted), transport: "slack", lane: "slack/channel") }
        return Commit(
            incident: id, expectedVersion: version, events: events, outbox: outbox,
            request: request.map { StoredReply(key: $0, body: "reply to \($0)") }, isTracked: open, channel: channel
        )
    }

    /// A fresh directory for one test's database file.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "klaxon-store-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
