/// What sort of incident this is; kinds bring their own escalation rules.
public enum IncidentKind: String, CaseIterable, Codable, Sendable {
    case general
    case security
    case dataBreach = "data-breach"
    case billing
}
