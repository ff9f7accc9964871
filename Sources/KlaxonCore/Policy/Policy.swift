import Foundation

/// The incident-response playbook as data. Nothing in the code hard-wires a cadence, a role or a text.
public struct Policy: Codable, Sendable, Equatable {
    public var version: Int
    /// Role names the rules may use, with what each means; who they are comes from configuration.
    public var roles: [String: String]
    public var severities: [Severity: SeverityPolicy]
    public var checklists: Checklists
    public var escalations: [EscalationRule]
    /// The status-page lifecycle, in order.
    public var statusPage: [StatusPhase]
    /// Which template renders each kind of message.
    public var templates: [MessageKind: String]
    public var runbooks: [Runbook]
    /// The role nudged (besides the declarer) when an incident has no commander.
    public var onCallRole: String?
    /// How long typed titles and texts may be; a policy without `limits` gets `TextLimits.standard`.
    public var limits: TextLimits?
    /// How alerts become incidents; a policy without `alerts` gets `AlertPolicy.standard`.
    public var alerts: AlertPolicy?
    /// The public status page: components, name, time zone; a policy without `public_status` gets the standard one.
    public var publicStatus: PublicStatusPolicy?

    /// The text limits in force.
    public var textLimits: TextLimits { limits ?? .standard }

    /// The alert rules in force.
    public var alertRules: AlertPolicy { alerts ?? .standard }
    /// The status page's settings in force.
    public var statusPageSettings: PublicStatusPolicy { publicStatus ?? .standard }

    enum CodingKeys: String, CodingKey {
        case version, roles, severities, checklists, escalations, templates, runbooks, limits, alerts
        case statusPage = "status_page"
        case onCallRole = "on_call_role"
        case publicStatus = "public_status"
    }

    public init(
        version: Int, roles: [String: String], severities: [Severity: SeverityPolicy], checklists: Checklists,
        escalations: [EscalationRule], statusPage: [StatusPhase], templates: [MessageKind: String], runbooks: [Runbook],
        onCallRole: String? = nil, limits: TextLimits? = nil, alerts: AlertPolicy? = nil, publicStatus: PublicStatusPolicy? = nil
    ) {
        self.alerts = alerts
        self.publicStatus = publicStatus
        self.version = version
        self.roles = roles
        self.severities = severities
        self.checklists = checklists
        self.escalations = escalations
        self.statusPage = statusPage
        self.templates = templates
        self.runbooks = runbooks
        self.onCallRole = onCallRole
        self.limits = limits
    }

    /// The rules for one severity. A validated policy has all four.
    public subscript(severity: Severity) -> SeverityPolicy {
        guard let rules = severities[severity] else {
            preconditionFailure("policy was not validated: no rules for \(severity.label)")
        }
        return rules
    }

    /// The template name for a kind of message; a validated policy names one for each.
    public func template(for kind: MessageKind) -> String {
        templates[kind] ?? kind.rawValue.replacingOccurrences(of: "_", with: "-")
    }

    /// Finds a runbook by id, alias or a word of its title.
    public func runbook(named name: String) -> Runbook? {
        let wanted = name.lowercased()
        if let exact = runbooks.first(where: { $0.id == wanted || $0.aliases.contains(wanted) }) { return exact }
        let matches = runbooks.filter { $0.title.lowercased().contains(wanted) || $0.id.contains(wanted) }
        return matches.count == 1 ? matches[0] : nil
    }
}
