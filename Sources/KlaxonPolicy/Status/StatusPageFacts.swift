import Foundation
import KlaxonCore
import Synchronization

/// What the status page's templates are rendered with, built from public views only: nothing else reaches them.
public struct StatusPageFacts: Sendable {
    public let settings: PublicStatusPolicy
    /// Where the page is served, for links in feeds and emails (`KLAXON_PUBLIC_URL`); links are relative without it.
    public let baseURL: String
    /// The policy's default text for an update without one of its own.
    let texts: @Sendable (PublicUpdate) -> String
    private let formatter: StatusTimeFormatter

    public init(settings: PublicStatusPolicy, baseURL: String, defaultText: @escaping @Sendable (PublicUpdate) -> String) {
        self.settings = settings
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.texts = defaultText
        self.formatter = StatusTimeFormatter(timeZone: settings.timeZone)
    }

    /// The worst impact over the open incidents, per component id.
    public func componentStates(_ open: [PublicIncident]) -> [String: ComponentImpact] {
        var states: [String: ComponentImpact] = [:]
        for incident in open where incident.isOpen {
            for component in incident.components { states[component.id] = max(states[component.id] ?? .operational, component.impact) }
        }
        return states
    }

    /// The page's overall state: the worst current impact.
    public func overall(_ incidents: [PublicIncident]) -> ComponentImpact {
        incidents.filter(\.isOpen).map(\.impact).max() ?? .operational
    }

    /// The banner's words for an overall state.
    public static func description(_ level: ComponentImpact) -> String {
        switch level {
        case .operational: "All systems operational"
        case .degraded: "Some systems are degraded"
        case .partial: "Partial outage"
        case .major: "Major outage"
        }
    }

    /// Facts every page shares: name, links, time zone, when it was built.
    func page(title: String? = nil, updatedAt: Date?) -> [String: Any] {
        var facts: [String: Any] = [
            "name": settings.name, "pageTitle": title.map { "\($0) · \(settings.name)" } ?? settings.name,
            "homeURL": url("/status"), "feedURL": url("/status.atom"), "jsonURL": url("/status.json"), "historyURL": url("/status/history"),
            "timeZone": settings.timeZone, "recentDays": settings.recentDays, "historyDays": settings.historyDays,
        ]
        if let updatedAt { facts["updatedAt"] = formatter.dateTime(updatedAt) }
        return facts
    }

    /// The front page: banner, components, open incidents, recently resolved ones.
    public func front(_ incidents: [PublicIncident], updatedAt: Date?) -> [String: Any] {
        let open = incidents.filter(\.isOpen)
        let states = componentStates(open)
        var groups: [(name: String?, rows: [[String: Any]])] = []
        for component in settings.components {
            let state = states[component.id] ?? .operational
            let row: [String: Any] = ["name": component.name, "state": state.label, "level": state.rawValue]
            // Consecutive components of one group share its heading.
            if let last = groups.last, last.name == component.group {
                groups[groups.count - 1].rows.append(row)
            } else {
                groups.append((component.group, [row]))
            }
        }
        let groupFacts = groups.map { group -> [String: Any] in
            var facts: [String: Any] = ["components": group.rows]
            if let name = group.name { facts["group"] = name }
            return facts
        }
        let level = overall(open)
        return page(updatedAt: updatedAt).merging([
            "level": level.rawValue, "description": Self.description(level), "groups": groupFacts,
            "open": open.map(incident), "recent": incidents.filter { !$0.isOpen }.map(incident),
        ]) { _, new in new }
    }

    /// One incident as its card shows it: every public update, newest first.
    public func incident(_ incident: PublicIncident) -> [String: Any] {
        var facts: [String: Any] = [
            "number": incident.id.rawValue, "url": url("/status/incidents/\(incident.id.rawValue)"), "title": incident.title,
            "status": incident.status.title, "impactLevel": incident.impact.rawValue,
            "declaredAt": formatter.dateTime(incident.declaredAt),
            "updates": incident.updates.reversed().map { update -> [String: Any] in
                ["status": update.status.title, "time": formatter.dateTime(update.at), "iso": Self.iso(update.at), "text": text(of: update)]
            },
        ]
        let names = incident.components.compactMap { component in settings.components.first { $0.id == component.id }?.name }
        if !names.isEmpty { facts["componentsText"] = names.joined(separator: ", ") }
        if let eta = incident.eta {
            facts["eta"] = formatter.dateTime(eta)
            facts["etaISO"] = Self.iso(eta)
            if incident.etaPassed == true { facts["etaPassed"] = true }
        }
        if let resolvedAt = incident.resolvedAt { facts["resolvedAt"] = formatter.dateTime(resolvedAt) }
        return facts
    }

    /// What customers read for an update: its text, or the policy's default for its status.
    public func text(of update: PublicUpdate) -> String {
        update.text ?? texts(update)
    }

    /// A time as the page shows it, in its time zone: `2026-11-28 14:05 CET`.
    public func dateTime(_ date: Date) -> String {
        formatter.dateTime(date)
    }

    /// An absolute link when the public URL is known.
    public func url(_ path: String) -> String { baseURL + path }

    /// RFC 3339 in UTC, as feeds and JSON want.
    public static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// Times in the page's time zone: `2026-11-28 14:05 CET`.
struct StatusTimeFormatter: Sendable {
    let timeZone: TimeZone
    /// Whether the policy named UTC: Foundation may answer "GMT" for its identifier, so the policy's word is kept.
    private let isUTC: Bool
    /// The zone's short name as people read it where one is in use (`EST`, `EDT`); `TimeZone.abbreviation` gave
    /// `GMT-5` for Toronto. A formatter is not safe to share unguarded.
    private let zoneName: ZoneName

    init(timeZone identifier: String) {
        let zone = TimeZone(identifier: identifier)
        timeZone = zone ?? TimeZone(identifier: "UTC")!
        isUTC = zone == nil || identifier == "UTC" || identifier == "Etc/UTC"
        zoneName = ZoneName(timeZone)
    }

    func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        // Foundation calls UTC "GMT"; people configuring UTC expect to read UTC.
        let zone = isUTC ? "UTC" : zoneName.at(date)
        return String(format: "%04d-%02d-%02d %02d:%02d ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0) + zone
    }
}

/// A time zone's short name at a moment, in US English: `EST` and `EDT` for Toronto, `GMT+1` for Berlin.
private final class ZoneName: Sendable {
    private let formatter: Mutex<DateFormatter>

    init(_ zone: TimeZone) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US")
        formatter.timeZone = zone
        formatter.dateFormat = "zzz"
        self.formatter = Mutex(formatter)
    }

    func at(_ date: Date) -> String {
        formatter.withLock { $0.string(from: date) }
    }
}
