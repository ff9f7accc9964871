import KlaxonCore
import KlaxonPolicy

/// Keeps a copy of each public incident on an Atlassian Statuspage page: created on its first publication, updated
/// (PATCH) on every change of what the status page shows, resolved with its components back to operational, and
/// deleted when the incident is made private again (the status page then forgets it as well: it is as if it had
/// never been public). Every send carries the whole public state, so the worker coalesces a lane's backlog into one.
public struct StatuspageTransport: MessageTransport {
    /// The transport's name in the outbox and in configuration.
    public static let transportName = "statuspage"
    public let name = transportName
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
        let existing = try await copy(of: incident)
        guard let view = plan.view(of: incident) else {
            guard let existing else { return DeliveryReceipt(messageID: nil) }
            try await api.delete(existing)
            return DeliveryReceipt(messageID: existing)
        }
        let fields = plan.fields(view, incident: incident, since: delivery.since, creating: existing == nil)
        let id = if let existing { try await api.update(existing, fields).id } else { try await api.create(fields).id }
        return DeliveryReceipt(messageID: id, statuspageIncident: id == incident.statuspageIncident ? nil : id)
    }

    /// The incident's copy on Statuspage: the one in its timeline, else one that carries its marker, made by a send
    /// whose answer was lost or whose worker died before the id was recorded. Looking first means a retry never
    /// creates a second copy.
    private func copy(of incident: Incident) async throws(DeliveryFailure) -> String? {
        if let id = incident.statuspageIncident { return id }
        let marker = StatuspageIncident.Marker(incident)
        return try await api.recentIncidents().first { $0.marker == marker }?.id
    }
}
