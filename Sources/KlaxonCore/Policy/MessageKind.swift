/// Every message Klaxon can say; the policy maps each to a template name.
public enum MessageKind: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case initialAlert = "initial_alert"
    case commanderAssigned = "commander_assigned"
    case updatePosted = "update_posted"
    case statusChanged = "status_changed"
    case severityChanged = "severity_changed"
    case scopeSet = "scope_set"
    case checklistChecked = "checklist_checked"
    /// A tick taken back: the channel that saw the ✅ hears the item is open again.
    case checklistUnchecked = "checklist_unchecked"
    case noteRecorded = "note_recorded"
    case resolution
    /// A resolved incident opened again.
    case reopened
    /// An incident withdrawn as declared by mistake: everyone stands down.
    case withdrawn
    case escalation
    case update30Minutes = "update_30_minutes"
    case update60Minutes = "update_60_minutes"
    case postIncidentSummary = "post_incident_summary"
    case nudgeUpdateDue = "nudge_update_due"
    case commanderMissing = "commander_missing"
    case checklistOverdue = "checklist_overdue"
    case recoveryTargetMissed = "recovery_target_missed"
    /// The estimated fix time passed with the estimate still shown.
    case etaPassed = "eta_passed"
    case reviewReminder = "review_reminder"
    case reviewScheduled = "review_scheduled"
    case deliveryProblem = "delivery_problem"
    case incidentHeader = "incident_header"
    case incidentList = "incident_list"
    case incidentDetail = "incident_detail"
    case timeline
    case runbook
    case runbookList = "runbook_list"
    case help
    case error
    /// The confirmation of a fact for the review (impact, cause, gap, action item, milestone).
    case factRecorded = "fact_recorded"
    case actionList = "action_list"
    /// The answer to `/incident report`: what the report holds and where it is.
    case reportReply = "report_reply"
    /// A ticket to file: for an action item, or for an incident whose severity the policy files one for.
    case ticketOpened = "ticket_opened"
    /// An action item's ticket to close.
    case ticketClosed = "ticket_closed"
    /// Alerts of an incident's group fired or resolved.
    case alertsChanged = "alerts_changed"
    /// What the public status page shows changed: on or off it, the ETA, the components affected.
    case publicPageChanged = "public_page_changed"
    /// An alert group proposes an incident, in the incidents channel, with the command that declares it.
    case alertProposed = "alert_proposed"
    /// A proposal's group resolved before anyone accepted it.
    case proposalWithdrawn = "proposal_withdrawn"
    /// The email to affected users: only what the status page says. Offered as a draft in chat, then sent by
    /// `/incident notify customers`.
    case customerEmail = "customer_email"
    /// In the incident's thread: who emailed customers.
    case customersNotified = "customers_notified"
    /// The answer to `/incident notify customers --preview`, above the draft.
    case customerEmailPreview = "customer_email_preview"
}
