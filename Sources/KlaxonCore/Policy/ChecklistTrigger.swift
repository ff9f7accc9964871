/// The events a checklist item can wait for (its `done_when`): the item is done when one happens, and only then, so
/// a checklist never says what has not happened.
public enum ChecklistTrigger: String, CaseIterable, Sendable {
    case declared
    case updatePosted = "update_posted"
    case statusChanged = "status_changed"
    case commanderAssigned = "commander_assigned"
    case severityChanged = "severity_changed"
    case scopeSet = "scope_set"
    case resolved

    /// What someone does to make it happen on incident `id`, for the refusal of a tick by hand and the overdue
    /// checklist's lines.
    public func command(on id: IncidentID) -> String {
        switch self {
        case .declared: "declaring the incident does it"
        case .updatePosted: "`/incident update \(id) <text>` does it"
        case .statusChanged: "`/incident status \(id) <status>` does it"
        case .commanderAssigned: "`/incident commander \(id) me` (or `@someone`) does it"
        case .severityChanged: "`/incident severity \(id) <p0–p3> <reason>` does it"
        case .scopeSet: "`/incident scope \(id) <what is affected>` does it"
        case .resolved: "`/incident resolve \(id) <summary>` does it"
        }
    }
}

extension ChecklistItem {
    /// The event that ticks the item, if it names one this Klaxon knows (the policy's validation refuses others).
    public var trigger: ChecklistTrigger? { doneWhen.flatMap(ChecklistTrigger.init(rawValue:)) }
}
