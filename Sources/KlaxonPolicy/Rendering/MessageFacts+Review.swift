import Foundation
import KlaxonCore

extension MessageFacts {
    /// What is known for the review, under the playbook's agenda: impact, cause, gaps, action items, and what is
    /// still missing.
    public func review(_ incident: Incident) -> [String: Any] {
        let record = incident.review
        var facts: [String: Any] = [:]
        if let impact = record.impact { facts["impact"] = impact }
        if let cause = record.cause { facts["cause"] = cause }
        if !record.gaps.isEmpty { facts["gaps"] = record.gaps }
        let actions = record.actions.map(action)
        if !actions.isEmpty { facts["actions"] = actions }
        facts["openActions"] = String(record.actions.filter { !$0.isDone }.count)
        // Commands to type, made of the incident's id only: templates put them in triple braces, unescaped.
        var missing: [String] = []
        if record.impact == nil { missing.append("impact: `/incident impact \(incident.id) <text>`") }
        if record.cause == nil { missing.append("root cause: `/incident cause \(incident.id) <text>`") }
        if record.gaps.isEmpty { missing.append("monitoring gaps: `/incident gap \(incident.id) <text>`") }
        if record.actions.isEmpty { missing.append("action items: `/incident action \(incident.id) @owner <text>`") }
        // Once the review is closed its facts are final: the commands would be refused.
        if !missing.isEmpty, record.closedAt == nil { facts["missing"] = missing }
        if let started = record.impactStartedAt { facts["impactStarted"] = TimeText.dateTime(started) }
        if let mitigated = record.mitigatedAt { facts["mitigated"] = TimeText.dateTime(mitigated) }
        if let closed = record.closedAt { facts["reviewClosed"] = TimeText.dateTime(closed) }
        if let reason = record.closedForcedReason { facts["reviewForcedReason"] = reason }
        return facts
    }

    /// One action item: number, owner, text, team, due date, whether done, ticket.
    func action(_ action: TrackedAction) -> [String: Any] {
        var facts: [String: Any] = [
            "number": String(action.item.number), "owner": dialect.mention(action.item.owner), "text": action.item.text,
            "status": action.isDone ? "done" : "open",
        ]
        if action.isDone { facts["done"] = true }
        if let team = action.item.team { facts["team"] = team }
        if let due = action.item.due { facts["due"] = due.description }
        if let url = action.ticketURL { facts["ticket"] = url }
        return facts
    }

    /// Facts for the answer to `/incident report`.
    public func reportReply(_ incident: Incident, file: String?, now: Date) -> [String: Any] {
        var facts = self.incident(incident, now: now).merging(review(incident)) { _, new in new }
        facts["actionCount"] = String(incident.review.actions.count)
        facts["eventCount"] = String(incident.version)
        if let file { facts["reportFile"] = file }
        return facts
    }

    /// Facts for `/incident actions`.
    public func actions(_ incident: Incident, now: Date) -> [String: Any] {
        var facts = self.incident(incident, now: now)
        let actions = incident.review.actions.map(action)
        facts["any"] = !actions.isEmpty
        facts["actions"] = actions
        return facts
    }

    /// The fields of a review-fact event, for confirmations and the timeline.
    func reviewEvent(_ change: IncidentChange, in incident: Incident) -> [String: Any] {
        switch change {
        case .impactSet(let text), .causeSet(let text), .gapNoted(let text):
            return ["text": text]
        case .actionAdded(let item):
            return action(incident.review.action(item.number) ?? TrackedAction(item: item))
        case .actionClosed(let number):
            return ["number": String(number), "text": incident.review.action(number)?.item.text ?? ""]
        case .ticketFiled(let number, let url):
            return ["ticket": url] .merging(number.map { ["number": String($0)] } ?? [:]) { _, new in new }
        case .milestoneSet(let milestone, let at):
            return ["milestone": milestone == .impactStarted ? "impact began" : "users stopped being affected", "at": TimeText.dateTime(at)]
        case .reviewClosed(let reason):
            return reason.map { ["forcedReason": $0] } ?? [:]
        default:
            return [:]
        }
    }
}
