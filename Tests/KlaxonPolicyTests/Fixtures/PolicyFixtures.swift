import Foundation
import KlaxonCore
import KlaxonPolicy

/// The shipped policy and a few incidents to render messages about.
enum Fixture {
    /// The embedded default policy; every test that needs it loads it afresh.
    static func defaultPolicy() throws -> Policy {
        try PolicyLoader().loadDefault(templates: .defaults)
    }

    static let alice = Participant(platform: .slack, id: "U0ALICE", name: "alice")
    static let bob = Participant(platform: .slack, id: "U0BOB", name: "bob")
    static let channel = ChannelRef(platform: .slack, id: "C0INCIDENTS", name: "incidents")

    /// 2026-11-26 14:00:00 UTC.
    static let declaredAt = Date(timeIntervalSince1970: 1_795_701_600)

    static func at(minutes: Int) -> Date {
        declaredAt.addingTimeInterval(TimeInterval(minutes * 60))
    }

    /// An incident declared by alice at 14:00, then changed by bob at 14:01, 14:02, …
    static func incident(
        _ severity: Severity, title: String = "Uploads failing", kind: IncidentKind = .general, publicFacing: Bool = false,
        then changes: [IncidentChange] = []
    ) -> Incident {
        let declaration = Declaration(severity: severity, title: title, kind: kind, publicFacing: publicFacing, channel: channel)
        let events = [IncidentEvent(at: declaredAt, actor: alice, change: .declared(declaration))]
            + changes.enumerated().map { IncidentEvent(at: at(minutes: $0.offset + 1), actor: bob, change: $0.element) }
        guard let incident = Incident(id: IncidentID(1), events: events) else {
            preconditionFailure("a declared event always starts an incident")
        }
        return incident
    }

    /// The 1-based line of the only occurrence of `text` in `yaml`.
    static func line(of text: String, in yaml: String) -> Int? {
        guard let range = yaml.range(of: text), yaml.range(of: text, range: range.upperBound..<yaml.endIndex) == nil else { return nil }
        return yaml[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }
}
