import Foundation

/// The current state of one incident: a fold over its events.
public struct Incident: Sendable, Equatable {
    public let id: IncidentID
    public private(set) var severity: Severity
    public private(set) var title: String
    public private(set) var kind: IncidentKind
    public private(set) var publicFacing: Bool
    public private(set) var channel: ChannelRef
    public private(set) var declaredBy: Participant?
    public private(set) var declaredAt: Date
    public private(set) var status: StatusPhase = .investigating
    public private(set) var commander: Participant?
    public private(set) var scope: String?
    public private(set) var lastUpdateAt: Date?
    public private(set) var lastUpdateText: String?
    public private(set) var resolvedAt: Date?
    public private(set) var resolution: String?
    /// Checklist items ticked by hand, as `checklist/item`.
    public private(set) var checkedItems: Set<String> = []
    /// The events so far, oldest first: the timeline.
    public private(set) var timeline: [IncidentEvent] = []

    /// The number of events recorded; the next event gets `version + 1`.
    public var version: Int { timeline.count }
    public var isOpen: Bool { resolvedAt == nil }

    /// Starts an incident from its `declared` event.
    public init?(id: IncidentID, first event: IncidentEvent) {
        guard case .declared(let declaration) = event.change else { return nil }
        self.id = id
        self.severity = declaration.severity
        self.title = declaration.title
        self.kind = declaration.kind
        self.publicFacing = declaration.publicFacing
        self.channel = declaration.channel
        self.declaredBy = event.actor
        self.declaredAt = event.at
        self.timeline = [event]
    }

    /// Rebuilds an incident from its whole event list.
    public init?(id: IncidentID, events: [IncidentEvent]) {
        guard let first = events.first, var incident = Incident(id: id, first: first) else { return nil }
        for event in events.dropFirst() { incident.apply(event) }
        self = incident
    }

    /// The state after `event`: `evolve(state, event) -> state`.
    public func evolved(by event: IncidentEvent) -> Incident {
        var next = self
        next.apply(event)
        return next
    }

    private mutating func apply(_ event: IncidentEvent) {
        timeline.append(event)
        switch event.change {
        case .declared:
            break
        case .updatePosted(let text):
            lastUpdateAt = event.at
            lastUpdateText = text
        case .statusChanged(_, let to, let note):
            status = to
            if let note {
                lastUpdateAt = event.at
                lastUpdateText = note
            }
        case .commanderAssigned(let person):
            commander = person
        case .severityChanged(_, let to, _):
            severity = to
        case .scopeSet(let text):
            scope = text
        case .checklistItemChecked(let checklist, let item):
            checkedItems.insert("\(checklist)/\(item)")
        case .notePosted:
            break
        case .resolved(let summary, _):
            status = .resolved
            resolvedAt = event.at
            resolution = summary
        }
    }

    /// Whether anything in the timeline is an event of this machine name.
    public func hasEvent(named name: String) -> Bool {
        timeline.contains { $0.change.name == name }
    }
}
