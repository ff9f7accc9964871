import KlaxonCore
import KlaxonPolicy

/// What a ticket notice is about, read from the event that caused it: an action item, or an incident filed as a
/// ticket on declaration. Its `marker` identifies the ticket in the tracker across retries and restarts.
struct TicketSubject: Sendable, Equatable {
    let incident: IncidentID
    /// The action item's number; `nil` for the incident's own ticket.
    let action: Int?
    let title: String
    let labels: [String]
    let closes: Bool

    init?(_ delivery: Delivery) {
        guard let event = delivery.incident.event(delivery.notice.sequence) else { return nil }
        let id = delivery.incident.id
        let incidentLabel = "incident-\(id.rawValue)"
        switch event.change {
        case .actionAdded(let item):
            action = item.number
            title = "[\(id)] \(item.text)"
            labels = [incidentLabel] + (item.team.map { ["team:\($0)"] } ?? [])
            closes = false
        case .actionClosed(let number):
            action = number
            title = ""
            labels = [incidentLabel]
            closes = true
        case .declared(let declaration):
            action = nil
            title = "[\(declaration.severity.label) \(id)] \(declaration.title)"
            labels = [incidentLabel, "severity:\(declaration.severity.rawValue)"]
            closes = false
        default:
            return nil
        }
        incident = id
    }

    /// The label every ticket of the incident carries: where its tickets are looked up.
    var incidentLabel: String { labels[0] }

    /// A hidden line in the ticket's body that names it: `incident-3/action-2` or `incident-3/incident`.
    var marker: String {
        "<!-- klaxon-ticket: incident-\(incident.rawValue)/\(action.map { "action-\($0)" } ?? "incident") -->"
    }
}
