import Foundation
import KlaxonCore

/// People, channels, times and incidents shared by the core tests.
enum Fixture {
    static let alice = Participant(platform: .slack, id: "U0ALICE", name: "alice")
    static let bob = Participant(platform: .slack, id: "U0BOB", name: "bob")
    static let incidents = ChannelRef(platform: .slack, id: "C0INCIDENTS", name: "incidents")
    static let elsewhere = ChannelRef(platform: .slack, id: "C0RANDOM", name: "random")

    /// When every fixture incident is declared: 2026-11-26 14:00:00 UTC.
    static let declaredAt = Date(timeIntervalSince1970: 1_795_701_600)

    /// A moment `minutes` after the declaration.
    static func at(minutes: Int) -> Date {
        declaredAt.addingTimeInterval(TimeInterval(minutes * 60))
    }

    /// The `declared` event of a fixture incident, by alice at `declaredAt`.
    static func declaration(
        _ severity: Severity, title: String = "Uploads failing", kind: IncidentKind = .general, publicFacing: Bool = false,
        channel: ChannelRef = incidents
    ) -> IncidentEvent {
        IncidentEvent(
            at: declaredAt, actor: alice,
            change: .declared(Declaration(severity: severity, title: title, kind: kind, publicFacing: publicFacing, channel: channel))
        )
    }

    /// An incident declared by alice, then changed by bob a minute apart for each change.
    static func incident(
        _ severity: Severity, id: Int = 1, kind: IncidentKind = .general, publicFacing: Bool = false,
        channel: ChannelRef = incidents, then changes: [IncidentChange] = []
    ) -> Incident {
        let later = changes.enumerated().map { index, change in IncidentEvent(at: at(minutes: index + 1), actor: bob, change: change) }
        let first = declaration(severity, kind: kind, publicFacing: publicFacing, channel: channel)
        guard let incident = Incident(id: IncidentID(id), events: [first] + later) else {
            preconditionFailure("a declared event always starts an incident")
        }
        return incident
    }

    /// The resolution checklist ticked by hand, item by item.
    static let resolutionTicks: [IncidentChange] = ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"]
        .map { .checklistItemChecked(checklist: "resolution", item: $0) }
}
