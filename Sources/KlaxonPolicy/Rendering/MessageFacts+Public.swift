import Foundation
import KlaxonCore

extension MessageFacts {
    /// The fields of an event about the public status page, for its announcement and the timeline.
    func publicEvent(_ change: IncidentChange) -> [String: Any] {
        switch change {
        case .madePublic(let title):
            return title.map { ["publicTitle": $0] } ?? [:]
        case .publicUpdatePosted(let status, let text):
            // Empty: the page shows the status's default text. Mustache takes an empty string for true, so it is left out.
            return text.isEmpty ? ["to": status.title] : ["text": text, "to": status.title]
        case .etaSet(let at):
            return at.map { ["eta": TimeText.dateTime($0)] } ?? [:]
        case .componentsAffected(let affected):
            let names = affected.map { component in
                let name = policy.statusPageSettings.components.first { $0.id == component.id }?.name ?? component.id
                return "\(name) (\(component.impact.label.lowercased()))"
            }
            return ["components": names.joined(separator: ", ")]
        case .customersNotified(let role):
            return ["recipients": policy.roles[role] ?? role]
        default:
            return [:]
        }
    }

    /// The components the status page shows worse than `impact`, by name and impact ("Uploads (major outage)"), for an
    /// open public incident: after a downgrade they still say what the old severity implied until someone marks them.
    func stillShown(_ incident: Incident, above impact: ComponentImpact) -> String? {
        guard incident.publicFacing, incident.isOpen else { return nil }
        let names = policy.statusPageSettings.components.compactMap { component -> String? in
            guard let shown = incident.components[component.id], shown > impact else { return nil }
            return "\(component.name) (`\(component.id)`, \(shown.label.lowercased()))"
        }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    /// What the customer email may say: only what the status page shows (public title, status, components, the
    /// latest public update, ETA), never internal updates, notes or names.
    public func customerFacts(_ incident: Incident, now: Date) -> [String: Any] {
        let page = policy.statusPageSettings
        // Times as the page gives them, in its time zone: one customer read two dates for the same fix.
        let time = StatusTimeFormatter(timeZone: page.timeZone)
        var facts: [String: Any] = [
            // As the page shows it: Slack's links written out.
            "publicTitle": ChatMarkup.plainLinks(incident.publicTitle ?? incident.title),
            "publicStatus": incident.status.title,
            // When customers were first affected: the impact start the team recorded, else the declaration.
            "publicSince": time.dateTime(incident.review.impactStartedAt ?? incident.declaredAt),
            "pageName": page.name,
        ]
        if let role = page.customers { facts["recipients"] = policy.roles[role] ?? role }
        if !incident.isOpen { facts["publicResolved"] = true }
        if incident.withdrawal != nil {
            facts["publicWithdrawn"] = true
            // The page itself: the incident's own address is gone if it was taken off the page.
            if let url = page.url { facts["pageURL"] = url + "/status" }
        }
        // While open, how each is affected now; once resolved, every one that was at some point, as the page lists
        // them (one that recovered before the rest was affected all the same).
        let affected = page.components.compactMap { component -> String? in
            guard incident.isOpen else { return incident.everAffected.contains(component.id) ? component.name : nil }
            guard let impact = incident.components[component.id], impact != .operational else { return nil }
            return "\(component.name) (\(impact.label.lowercased()))"
        }
        if !affected.isEmpty { facts["publicComponents"] = affected.joined(separator: ", ") }
        // The page's newest entry, in its words: a status change or a reopening without a note shows the policy's
        // text for the status there, which the email names rather than an older note that no longer holds.
        if let latest = incident.publicUpdates.last {
            if let text = latest.text {
                facts["publicUpdate"] = text
            } else if !latest.withdrawn {
                facts["publicUpdateDefault"] = [latest.status.rawValue: true]
            }
        }
        // An estimate already passed is a promise broken before the email is read: left out until a new one is set.
        if let eta = incident.eta, incident.isOpen, eta > now { facts["eta"] = time.dateTime(eta) }
        if let sent = incident.customersNotifiedAt { facts["notifiedAt"] = TimeText.dateTime(sent) }
        return facts
    }
}
