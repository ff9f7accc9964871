/// How alerts become incidents: the policy's `alerts:` section.
public struct AlertPolicy: Codable, Sendable, Equatable {
    /// The label that carries the alert's severity.
    public var severityLabel: String
    /// The label's values, by severity (`critical` → P0…); compared without case.
    public var severities: [String: Severity]
    /// The severity of an alert whose label is missing or unknown.
    public var defaultSeverity: Severity
    /// The annotation that gives the incident its title (else `alertname` and the group labels).
    public var titleAnnotation: String
    /// The label that marks an alert as public-facing (`true`, `yes`).
    public var publicLabel: String
    /// The label that names the incident's kind (`security`, `billing`…).
    public var kindLabel: String
    /// Severities whose incident is resolved when its whole group resolves; the others wait for the commander.
    public var autoResolve: Set<Severity>
    /// Per severity, whether a firing group declares its incident or only proposes it; a severity left out declares.
    public var mode: [Severity: AlertMode]

    enum CodingKeys: String, CodingKey {
        case severities
        case severityLabel = "severity_label"
        case defaultSeverity = "default_severity"
        case titleAnnotation = "title_annotation"
        case publicLabel = "public_label"
        case kindLabel = "kind_label"
        case autoResolve = "auto_resolve"
        case mode
    }

    /// The defaults: Prometheus's usual `severity` values, nothing resolved without the commander, P0 and P1 declared
    /// at once and P2 and P3 proposed (most warnings are not incidents until someone says so).
    public static let standard = AlertPolicy(
        severityLabel: "severity",
        severities: ["critical": .p0, "error": .p1, "major": .p1, "warning": .p2, "info": .p3],
        defaultSeverity: .p2, titleAnnotation: "summary", publicLabel: "public", kindLabel: "kind",
        autoResolve: [], mode: [.p0: .declare, .p1: .declare, .p2: .propose, .p3: .propose]
    )

    public init(
        severityLabel: String, severities: [String: Severity], defaultSeverity: Severity, titleAnnotation: String, publicLabel: String,
        kindLabel: String, autoResolve: Set<Severity>, mode: [Severity: AlertMode]
    ) {
        self.severityLabel = severityLabel
        self.severities = severities
        self.defaultSeverity = defaultSeverity
        self.titleAnnotation = titleAnnotation
        self.publicLabel = publicLabel
        self.kindLabel = kindLabel
        self.autoResolve = autoResolve
        self.mode = mode
    }

    /// Any key left out keeps its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = Self.standard
        severityLabel = try container.decodeIfPresent(String.self, forKey: .severityLabel) ?? standard.severityLabel
        let values = try container.decodeIfPresent([String: Severity].self, forKey: .severities) ?? standard.severities
        severities = Dictionary(values.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        defaultSeverity = try container.decodeIfPresent(Severity.self, forKey: .defaultSeverity) ?? standard.defaultSeverity
        titleAnnotation = try container.decodeIfPresent(String.self, forKey: .titleAnnotation) ?? standard.titleAnnotation
        publicLabel = try container.decodeIfPresent(String.self, forKey: .publicLabel) ?? standard.publicLabel
        kindLabel = try container.decodeIfPresent(String.self, forKey: .kindLabel) ?? standard.kindLabel
        autoResolve = try container.decodeIfPresent(Set<Severity>.self, forKey: .autoResolve) ?? standard.autoResolve
        // A partial map keeps the defaults of the severities it leaves out.
        let modes = try container.decodeIfPresent([Severity: AlertMode].self, forKey: .mode) ?? [:]
        mode = standard.mode.merging(modes) { $1 }
    }

    /// Whether a firing group of this severity declares or proposes.
    public func mode(for severity: Severity) -> AlertMode {
        mode[severity] ?? .declare
    }

    /// The severity an alert's label maps to.
    public func severity(of labels: [String: String]) -> Severity {
        labels[severityLabel].flatMap { severities[$0.lowercased()] } ?? defaultSeverity
    }
}
