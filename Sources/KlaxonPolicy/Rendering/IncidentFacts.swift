import Foundation
import KlaxonCore
import Mustache

/// The facts about an incident every message can use, each worked out when a template asks for it. A note's reply
/// uses two of them: building all of them (dates written out, mentions, the status page's address) was a third of
/// its rendering. `MessageFacts.incident` builds all of them from here, so both agree by construction.
///
/// A class: Mustache looks a name up by casting each context to `MustacheParent`, and a struct holding a whole
/// `Incident` was copied into a new box and destroyed again on every lookup.
final class IncidentFacts: MustacheParent {
    let facts: MessageFacts
    let incident: Incident
    let now: Date
    /// Facts of the message itself (the event's), which win over the incident's of the same name.
    let overriding: [String: Any]
    /// The policy for the incident's severity when found up front, for a caller that asks for every fact; a template
    /// that asks for none of it (a note's reply) does not pay for finding it.
    private let rulesFound: SeverityPolicy?

    init(facts: MessageFacts, incident: Incident, now: Date, overriding: [String: Any] = [:], findingRulesFirst: Bool = false) {
        self.facts = facts
        self.incident = incident
        self.now = now
        self.overriding = overriding
        self.rulesFound = findingRulesFirst ? facts.policy[incident.severity] : nil
    }

    /// Every fact this gives, for `MessageFacts.incident`.
    static let names = [
        "id", "number", "title", "severity", "severityName", "headline", "status", "stillInvestigating", "fixInPlace", "publicFacing", "declaredAt", "age", "commander", "hasCommander", "declaredBy",
        "kindLabel", "cadence", "nextUpdateDue", "recoveryTarget", "scope", "lastUpdate", "resolvedAt", "duration", "summary", "alertLink",
        "statusPage", "titleSaysPublic", "publicWithheld", "previousIncident", "declaredAgo",
    ]

    func child(named name: String) -> Any? {
        if let value = overriding[name] { return value }
        // Absent facts are nil, not "": Mustache takes an empty string for true.
        switch name {
        case "id": return incident.id.description
        case "number": return incident.id.rawValue
        case "title": return incident.title
        case "severity": return incident.severity.label
        case "severityName": return rules.name
        case "headline": return rules.headline
        case "status": return incident.withdrawal != nil ? "Withdrawn" : incident.status.title
        // The playbook's "no progress yet" update fits only while nothing is identified.
        case "stillInvestigating": return incident.isOpen && incident.status == .investigating ? true : nil
        // Monitoring: the fix is applied already, and an update offered says so.
        case "fixInPlace": return incident.isOpen && incident.status == .monitoring ? true : nil
        case "publicFacing": return incident.publicFacing
        case "declaredAt": return TimeText.dateTime(incident.declaredAt)
        // Open time: a day spent resolved before a reopening does not make it a day older.
        case "age": return TimeText.span(from: incident.clockStart, to: incident.resolvedAt ?? now)
        case "declaredAgo": return TimeText.span(from: incident.declaredAt, to: now)
        // "yet" only while one may still come.
        case "commander": return incident.commander.map(facts.dialect.mention) ?? (incident.isOpen ? "no commander yet" : "no commander")
        // For a template that asks for a commander only while there is none (an alert sent again later, by email).
        case "hasCommander": return incident.commander == nil ? nil : true
        case "declaredBy": return incident.declaredBy.map(facts.dialect.mention) ?? "Klaxon"
        case "kindLabel": return incident.kind != .general ? incident.kind.rawValue : nil
        case "cadence": return cadence?.spoken
        case "nextUpdateDue":
            guard let cadence, incident.isOpen else { return nil }
            let due = incident.cadenceAnchor.addingTimeInterval(TimeInterval(cadence.seconds))
            // Already past: said so, or "due by 21:31" read at 21:37 as still to come.
            guard now.timeIntervalSince(due) >= 60 else { return TimeText.time(due) }
            return TimeText.time(due) + " (\(TimeText.span(from: due, to: now)) overdue)"
        case "recoveryTarget": return rules.recoveryTarget?.spoken
        case "scope": return incident.scope
        case "lastUpdate": return incident.lastUpdateText
        case "resolvedAt": return incident.resolvedAt.map(TimeText.dateTime)
        case "duration": return incident.resolvedAt.map { TimeText.span(from: incident.clockStart, to: $0) }
        case "summary": return incident.resolution
        case "alertLink": return incident.alertOrigin?.link.flatMap { $0.isEmpty ? nil : $0 }
        case "previousIncident":
            // Withdrawn as a false alarm last time: whoever is paged again should know, and why.
            guard let previous = incident.alertOrigin?.previous else { return nil }
            return incident.alertOrigin?.previousWithdrawn.map { "\(previous) (withdrawn as a false alarm: \($0))" } ?? previous.description
        case "statusPage": return incident.publicFacing ? facts.policy.statusPageSettings.incidentURL(incident.id) : nil
        // Someone used to ending a declaration with `public` learns it stayed off the page, and how to put it there.
        case "titleSaysPublic":
            guard !incident.publicFacing, let last = incident.title.split(separator: " ").last?.lowercased() else { return nil }
            // `-public` and `—-public` are near misses of the flag too.
            return ["public", "user-facing"].contains(last.drop { "-\u{2014}\u{2013}".contains($0) }) ? true : nil
        // Alerts that asked for the page, kept off it for a mention in their summary: the team learns why and how.
        case "publicWithheld": return !incident.publicFacing && incident.alertOrigin?.publicWithheld == true ? true : nil
        default: return nil
        }
    }

    private var rules: SeverityPolicy { rulesFound ?? facts.policy[incident.severity] }
    private var cadence: PolicyDuration? { rules.cadence(publicFacing: incident.publicFacing) }
}
