import Foundation

/// Where an alert-driven incident came from: recorded in its declaration.
public struct AlertOrigin: Codable, Sendable, Equatable {
    public let source: AlertSource
    /// The group whose alerts this incident follows while it is open.
    public let key: AlertGroupKey
    /// The alerts firing when it was declared.
    public let firing: [AlertSummary]
    /// Where to look (the Alertmanager, or Grafana's dashboard).
    public let link: String?
    /// The group's last incident before this one (resolved), when it had one: the same alerts back again.
    public let previous: IncidentID?
    /// Set when that incident was withdrawn as a false alarm: whoever is paged again learns it, and why.
    public let previousWithdrawn: String?
    /// When the first of its alerts started firing, as the monitoring system said: where the time to declare counts
    /// from when nobody recorded when impact began. Unknown for a group back after an earlier incident, whose alerts
    /// may have fired through it, and in incidents declared before it was kept.
    public var firingSince: Date?
    /// Set when its alerts asked for the status page but the title mentions someone (`@here` in a summary): kept off
    /// the page, and the team is told so in the announcement.
    public var publicWithheld: Bool?

    public init(
        source: AlertSource, key: AlertGroupKey, firing: [AlertSummary], link: String?, previous: IncidentID? = nil, previousWithdrawn: String? = nil
    ) {
        self.source = source
        self.key = key
        self.firing = firing
        self.link = link
        self.previous = previous
        self.previousWithdrawn = previousWithdrawn
    }
}

/// What changed in an incident's alert group since the last notification that changed anything.
public struct AlertChange: Codable, Sendable, Equatable {
    /// Alerts that joined the group (or fired again).
    public let firing: [AlertSummary]
    public let resolved: [AlertSummary]
    /// Whether no alert of the group fires any more.
    public let allResolved: Bool

    public init(firing: [AlertSummary], resolved: [AlertSummary], allResolved: Bool) {
        self.firing = firing
        self.resolved = resolved
        self.allResolved = allResolved
    }
}
