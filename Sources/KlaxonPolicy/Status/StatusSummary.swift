import Foundation
import KlaxonCore

/// `GET /status.json`: the shape of Atlassian Statuspage's public `summary.json`, so existing widgets and monitors
/// can read it. Built from public views only.
public struct StatusSummary: Encodable, Sendable {
    struct Page: Encodable, Sendable {
        let id: String
        let name: String
        let url: String
        let timeZone: String
        let updatedAt: String
    }

    struct Status: Encodable, Sendable {
        /// `none`, `minor`, `major` or `critical`.
        let indicator: String
        let description: String
    }

    struct Component: Encodable, Sendable {
        let id: String
        let name: String
        let status: String
        let position: Int
        let group: Bool
        let groupName: String?
        let onlyShowIfDegraded: Bool
        let showcase: Bool
    }

    struct Incident: Encodable, Sendable {
        let id: String
        let name: String
        let status: String
        let impact: String
        let createdAt: String
        let updatedAt: String
        let startedAt: String
        let resolvedAt: String?
        let shortlink: String
        let components: [Component]
        let incidentUpdates: [Update]
    }

    struct Update: Encodable, Sendable {
        let id: String
        let status: String
        let body: String
        let incidentId: String
        let createdAt: String
        let updatedAt: String
        let displayAt: String
    }

    let page: Page
    let status: Status
    let components: [Component]
    let incidents: [Incident]
    let scheduledMaintenances: [String] = []

    /// The summary of the page as of `now`: components and open incidents, every update newest first.
    public init(_ incidents: [PublicIncident], facts: StatusPageFacts, now: Date) {
        let open = incidents.filter(\.isOpen)
        let states = facts.componentStates(open)
        let level = facts.overall(open)
        let iso = StatusPageFacts.iso
        func component(_ id: String, _ state: ComponentImpact) -> Component? {
            guard let index = facts.settings.components.firstIndex(where: { $0.id == id }) else { return nil }
            let spec = facts.settings.components[index]
            return Component(
                id: spec.id, name: spec.name, status: state.rawValue, position: index + 1, group: false, groupName: spec.group,
                onlyShowIfDegraded: false, showcase: true
            )
        }
        page = Page(id: "klaxon", name: facts.settings.name, url: facts.url("/status"), timeZone: facts.settings.timeZone, updatedAt: iso(now))
        status = Status(indicator: Self.indicator(level), description: StatusPageFacts.description(level))
        components = facts.settings.components.compactMap { component($0.id, states[$0.id] ?? .operational) }
        self.incidents = open.map { incident in
            Incident(
                id: String(incident.id.rawValue), name: incident.title, status: incident.status.rawValue, impact: Self.indicator(incident.impact),
                createdAt: iso(incident.declaredAt), updatedAt: iso(incident.changedAt), startedAt: iso(incident.began),
                resolvedAt: incident.resolvedAt.map(iso), shortlink: facts.url("/status/incidents/\(incident.id.rawValue)"),
                components: incident.components.compactMap { component($0.id, $0.impact) },
                incidentUpdates: incident.updates.reversed().map { update in
                    Update(
                        id: "\(incident.id.rawValue)-\(update.sequence)", status: update.status.rawValue, body: facts.text(of: update),
                        incidentId: String(incident.id.rawValue), createdAt: iso(update.at), updatedAt: iso(update.at), displayAt: iso(update.at)
                    )
                }
            )
        }
    }

    /// Statuspage's indicator for an impact.
    public static func indicator(_ impact: ComponentImpact) -> String {
        switch impact {
        case .operational: "none"
        case .degraded: "minor"
        case .partial: "major"
        case .major: "critical"
        }
    }

    /// The JSON text, keys in snake case as Statuspage writes them.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
