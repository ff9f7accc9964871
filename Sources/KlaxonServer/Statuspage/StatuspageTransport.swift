import KlaxonCore
import KlaxonPolicy

/// Keeps a copy of each public incident on an Atlassian Statuspage page: created on its first publication, updated
/// (PATCH) on every change of what the status page shows, resolved with its components back to operational, and
/// deleted when the incident is made private again (the status page then forgets it as well: it is as if it had
/// never been public). Every send carries the whole public state, so the worker coalesces a lane's backlog into one.
public struct StatuspageTransport: MessageTransport {
    public var threads: Bool { false }
    public let name = TransportName.statuspage
    public var coalesces: Bool { true }
    let api: StatuspageAPI
    let plan: StatuspagePlan

    public init(api: StatuspageAPI, policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.api = api
        // Only for the default texts and times: links are not part of what Statuspage is sent.
        plan = StatuspagePlan(facts: try StatusPageRenderer(policy: policy, templates: templates, baseURL: "").facts)
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        guard case .statuspage = delivery.target else { throw .permanent("Statuspage only takes public incidents") }
        let incident = delivery.incident
        // The link as it stands now: the send before this one may have created the copy after this notice.
        let linked = (delivery.latest ?? incident).statuspageIncident
        let existing = try await copy(of: incident, linked: linked)
        guard let view = plan.view(of: incident) else {
            guard let existing else { return DeliveryReceipt(messageID: nil) }
            try await api.delete(existing.id)
            return DeliveryReceipt(messageID: existing.id, statuspage: .unlinked(existing.id))
        }
        var fields = plan.fields(view, incident: incident, since: delivery.since, creating: existing == nil)
        if let existing, let body = fields.body, delivery.retrying || existing.listed != nil {
            // An earlier attempt may have posted this text already and its answer was lost: Statuspage would post it
            // (and notify the subscribers) twice.
            let latest = if let listed = existing.listed { listed.latestUpdate } else { try await api.incident(existing.id).latestUpdate }
            if latest == body { fields.body = nil }
        }
        let id = if let existing { try await api.update(existing.id, fields).id } else { try await api.create(fields).id }
        return DeliveryReceipt(messageID: id, statuspage: id == linked ? nil : .linked(id))
    }

    /// The incident's copy on Statuspage: the one in its timeline, else one that carries its marker, made by a send
    /// whose answer was lost or whose worker died before the id was recorded (then `listed`, as the list showed it).
    /// Looking first means a retry never creates a second copy.
    private func copy(of incident: Incident, linked: String?) async throws(DeliveryFailure) -> (id: String, listed: StatuspageIncident?)? {
        if let linked { return (linked, nil) }
        let marker = StatuspageIncident.Marker(incident)
        return try await api.recentIncidents().first { $0.marker == marker }.map { ($0.id, $0) }
    }
}
