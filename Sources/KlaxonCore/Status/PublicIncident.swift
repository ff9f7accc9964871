import Foundation

/// What the public status page may say about one incident: written for customers, never copied from chat.
///
/// Only its public title, lifecycle status, components, public updates, ETA and times. No internal update, note,
/// name, user id, checklist or escalation is ever part of it, so nothing private can reach a page built from it.
public struct PublicIncident: Codable, Sendable, Equatable {
    public let id: IncidentID
    public let title: String
    public let status: StatusPhase
    /// The components affected, in the policy's order; all operational once resolved.
    public let components: [AffectedComponent]
    /// Oldest first; an update without text shows the policy's default text for its status.
    public let updates: [PublicUpdate]
    public let eta: Date?
    /// Set once `eta` passed without a new one. Absent from views stored before it was kept.
    public let etaPassed: Bool?
    public let declaredAt: Date
    /// When the impact began, if the team recorded it (`/incident started`): customers were affected from then, not
    /// from the declaration. Absent from views stored before it was kept.
    public let impactStartedAt: Date?
    public let resolvedAt: Date?
    /// When any of the above last changed: the feed's and the caches' time.
    public let changedAt: Date
    /// When the title last changed while the incident was public (each feed entry carries it). Absent from views
    /// stored before it was kept, and for an incident never retitled.
    public let titledAt: Date?
    /// The impact the severity implies (a P0's major outage), for an open incident that names no components yet.
    /// Absent from views stored before it was kept: those count as degraded, as they did.
    public let impliedImpact: ComponentImpact?

    public var isOpen: Bool { resolvedAt == nil }

    /// When the problem began for customers: its recorded impact start, else the declaration.
    public var began: Date { impactStartedAt ?? declaredAt }

    /// The worst current impact; an open incident with no components named counts as its severity implies.
    public var impact: ComponentImpact {
        guard isOpen else { return .operational }
        return components.map(\.impact).max() ?? impliedImpact ?? .degraded
    }

    public init(
        id: IncidentID, title: String, status: StatusPhase, components: [AffectedComponent], updates: [PublicUpdate], eta: Date?,
        declaredAt: Date, resolvedAt: Date?, changedAt: Date, impliedImpact: ComponentImpact? = nil, impactStartedAt: Date? = nil,
        etaPassed: Bool? = nil, titledAt: Date? = nil
    ) {
        self.titledAt = titledAt
        self.etaPassed = etaPassed
        self.impliedImpact = impliedImpact
        self.impactStartedAt = impactStartedAt
        self.id = id
        self.title = title
        self.status = status
        self.components = components
        self.updates = updates
        self.eta = eta
        self.declaredAt = declaredAt
        self.resolvedAt = resolvedAt
        self.changedAt = changedAt
    }

    /// The same view under another number (a new incident's view is made before its number is known).
    public func identified(as id: IncidentID) -> PublicIncident {
        PublicIncident(
            id: id, title: title, status: status, components: components, updates: updates, eta: eta, declaredAt: declaredAt,
            resolvedAt: resolvedAt, changedAt: changedAt, impliedImpact: impliedImpact, impactStartedAt: impactStartedAt, etaPassed: etaPassed,
            titledAt: titledAt
        )
    }

    /// The public view of an incident; `nil` when it is not public-facing.
    public init?(_ incident: Incident, components order: [StatusComponent]) {
        guard incident.publicFacing else { return nil }
        let resolved = !incident.isOpen
        // Opened in error, it affected nothing: no component is listed.
        let affected = incident.withdrawal != nil ? [] : order.compactMap { component in
            incident.components[component.id].map { AffectedComponent(id: component.id, impact: resolved ? .operational : $0) }
        }
        self.init(
            // A title typed in Slack may hold its link markup; mentions were refused when it was made public.
            id: incident.id, title: ChatMarkup.plainLinks(incident.publicTitle ?? incident.title), status: incident.status, components: affected,
            updates: incident.publicUpdates, eta: resolved ? nil : incident.eta, declaredAt: incident.declaredAt,
            resolvedAt: incident.resolvedAt, changedAt: incident.publicChangedAt ?? incident.declaredAt,
            impliedImpact: .implied(by: incident.severity), impactStartedAt: incident.review.impactStartedAt,
            etaPassed: !resolved && incident.eta != nil && incident.etaOverdue ? true : nil, titledAt: incident.publicTitledAt
        )
    }
}

/// One entry of an incident's public history: what customers were told, and when.
public struct PublicUpdate: Codable, Sendable, Equatable {
    /// The event that made it, so a feed entry keeps its id.
    public let sequence: Int
    public let at: Date
    public let status: StatusPhase
    /// `nil`: the policy's default text for `status` (templates `status-investigating` and so on).
    public let text: String?
    /// The closing entry of an incident withdrawn as opened in error (template `status-withdrawn` when no text).
    public let withdrawn: Bool

    public init(sequence: Int, at: Date, status: StatusPhase, text: String?, withdrawn: Bool = false) {
        self.sequence = sequence
        self.at = at
        self.status = status
        self.text = text
        self.withdrawn = withdrawn
    }

    enum CodingKeys: String, CodingKey { case sequence, at, status, text, withdrawn }

    /// Written before withdrawals closed public incidents, an update has no `withdrawn`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sequence: try container.decode(Int.self, forKey: .sequence), at: try container.decode(Date.self, forKey: .at),
            status: try container.decode(StatusPhase.self, forKey: .status), text: try container.decodeIfPresent(String.self, forKey: .text),
            withdrawn: try container.decodeIfPresent(Bool.self, forKey: .withdrawn) ?? false
        )
    }
}
