import Foundation

/// Something the playbook's clock made due and Klaxon recorded as done: firings are events, so each fires once.
public enum IncidentTimer: Codable, Sendable, Equatable {
    /// An update was due; `slot` counts cadence intervals since `anchor` (the last update, declaration or severity change).
    case updateDue(anchor: Date, slot: Int)
    /// A P0 still had no commander.
    case commanderMissing
    /// A checklist was not done by its deadline; the items still open then.
    case checklistOverdue(checklist: String, missing: [String])
    /// A timed escalation rule fired.
    case escalation(rule: String)
    /// The incident passed its severity's recovery target.
    case recoveryTargetMissed(severity: Severity)
    /// A reminder to schedule the post-incident review; `slot` counts reminders.
    case reviewReminder(slot: Int)
    /// The review window passed with the review still unscheduled: said once, after which the timers stop.
    case reviewOverdue
    /// The fix expected by `eta` (shown on the status page) has not come: said once for each estimate.
    case etaPassed(eta: Date)

    /// Identifies one-off timers so they never fire twice.
    var onceKey: String? {
        switch self {
        case .updateDue, .reviewReminder: nil
        case .commanderMissing: "commander-missing"
        case .checklistOverdue(let checklist, _): "checklist:\(checklist)"
        case .escalation(let rule): "escalation:\(rule)"
        case .recoveryTargetMissed(let severity): "recovery:\(severity.rawValue)"
        case .reviewOverdue: "review-overdue"
        case .etaPassed(let eta): "eta:\(Int(eta.timeIntervalSince1970))"
        }
    }
}
