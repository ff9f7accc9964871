import KlaxonCore
import KlaxonPolicy

/// What Klaxon tells Statuspage about an incident, decided from its public view (`PublicIncident`) only: the title,
/// status, components and their impact, and the public updates' texts. Internal updates, notes and names cannot
/// reach a request, because nothing else is read. Pure: the transport carries it out.
struct StatuspagePlan: Sendable {
    let facts: StatusPageFacts

    var settings: PublicStatusPolicy { facts.settings }

    /// The incident as the status page shows it; `nil` when it is not public (so it comes off Statuspage too).
    func view(of incident: Incident) -> PublicIncident? {
        PublicIncident(incident, components: settings.components)
    }

    /// The fields for a send that speaks for the events from `since` to the incident's last.
    ///
    /// Statuspage makes an incident update of every `body` it is sent, so a text goes only with a new public update
    /// (or a new ETA): a change of components or title updates the incident without a repeated text. When several
    /// changes were coalesced, every public text among them goes, oldest first, in one body: subscribers read all
    /// that Klaxon's own page shows.
    func fields(_ view: PublicIncident, incident: Incident, since: Int, creating: Bool) -> StatuspageFields {
        var components: [String: String] = [:]
        for component in view.components {
            if let target = settings.statuspageComponents[component.id] { components[target] = component.impact.rawValue }
        }
        return StatuspageFields(
            name: view.title, status: view.status.rawValue,
            impactOverride: view.isOpen ? StatusSummary.indicator(view.impact) : nil,
            body: body(view, incident: incident, since: since, creating: creating), components: components,
            marker: StatuspageIncident.Marker(incident)
        )
    }

    private func body(_ view: PublicIncident, incident: Incident, since: Int, creating: Bool) -> String? {
        // Statuspage has no ETA field: the ETA is a line of the text, in the page's time zone.
        let eta = view.eta.map { "Expected fix by \(facts.dateTime($0))." }
        let changes = (max(since, 1)...max(since, incident.version)).compactMap { incident.event($0)?.change }
        let textPosted = changes.contains { if case .publicUpdatePosted = $0 { true } else { false } }
        var told = view.updates.filter { $0.sequence >= since }
        // A text given with a status change keeps the change's older entry; a new copy starts with the latest text.
        if told.isEmpty, creating || textPosted, let latest = view.updates.last { told = [latest] }
        if !told.isEmpty {
            return (told.map(facts.text(of:)) + [eta].compactMap { $0 }).joined(separator: "\n\n")
        }
        guard changes.contains(where: { if case .etaSet = $0 { true } else { false } }) else { return nil }
        // A cleared estimate is said too: otherwise the last update would still promise a time.
        return eta ?? (view.isOpen ? Self.noEstimate : nil)
    }

    static let noEstimate = "We no longer have an estimate for the fix; we will update as soon as we do."

}
