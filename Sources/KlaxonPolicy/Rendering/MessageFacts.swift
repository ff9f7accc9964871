import Foundation
import KlaxonCore

/// Builds the facts templates are rendered with. Mentions come out in the dialect's syntax; everything else is
/// plain text that the template escapes.
public struct MessageFacts: Sendable {
    public let policy: Policy
    public let dialect: any ChatDialect

    public init(policy: Policy, dialect: any ChatDialect) {
        self.policy = policy
        self.dialect = dialect
    }

    /// What every message about an incident can use.
    public func incident(_ incident: Incident, now: Date) -> [String: Any] {
        let facts = IncidentFacts(facts: self, incident: incident, now: now, findingRulesFirst: true)
        var all: [String: Any] = [:]
        for name in IncidentFacts.names {
            if let value = facts.child(named: name) { all[name] = value }
        }
        return all
    }

    /// Facts for a notice, given the incident as it stood right after the event that caused it.
    public func notice(_ notice: Notice, incident: Incident, now: Date) -> [String: Any] {
        let facts = noticeFacts(notice, incident: incident, now: now)
        return self.incident(incident, now: facts.now).merging(facts.overriding) { _, new in new }
    }

    /// The same facts, the incident's worked out only when a template asks for them.
    func noticeFacts(_ notice: Notice, incident: Incident, now: Date) -> IncidentFacts {
        // As of the event the notice reports, not of the attempt to send it: every attempt renders the same text,
        // which is how a platform lookup recognises a message that already went out.
        // `event(_:)`, not `timeline`: the timeline is a copy of every event, and a long incident has thousands.
        let reported = incident.event(notice.sequence)
        var facts: [String: Any] = reported.map { event($0, in: incident) } ?? [:]
        // Mustache treats an empty string as true, so absent facts are left out rather than set to "".
        if notice.audience.contains(.channel) { facts["ping"] = dialect.channelMention }
        if notice.toCustomers == true { facts["toCustomers"] = true }
        let roles = notice.audience.compactMap { audience -> String? in
            guard case .role(let role) = audience else { return nil }
            return dialect.mention(role: role, description: policy.roles[role] ?? role)
        }
        if !roles.isEmpty { facts["roles"] = roles.joined(separator: ", ") }
        let people = notice.audience.compactMap { audience -> String? in
            if case .person(let person) = audience { return dialect.mention(person) }
            return nil
        }
        // Absent when nobody is addressed (an escalation whose roles were paged a moment before): Mustache takes an
        // empty text for true, and "has been open 1 h, :" followed.
        let responsible = (people + roles).joined(separator: " ")
        if !responsible.isEmpty { facts["responsible"] = responsible }
        // The policy's prompts show commands as code (`/incident commander #3 me`): escaped around them, not in them.
        facts["prompts"] = notice.prompts.map(dialect.escapeKeepingCode)
        // A suggested update quotes the title inside a code span, where the platform's escapes would show.
        facts["titleInCode"] = dialect.escapeInCode(incident.title)
        if notice.kind == .customerEmail || notice.offer == .customerEmail {
            facts.merge(customerFacts(incident, now: now)) { _, new in new }
        }
        if let proposal = notice.proposal {
            // A proposal's messages are rendered from what it would declare: its alerts are the ones firing now.
            facts["proposal"] = proposal.description
            if !incident.firingAlerts.isEmpty { facts["firing"] = incident.firingAlerts.map(\.line) }
        }
        if let reported, case .timerFired(let timer) = reported.change {
            facts.merge(self.timer(timer, firedAt: reported.at, incident: incident)) { _, new in new }
        }
        if [.reviewScheduled, .postIncidentSummary].contains(notice.kind) {
            facts.merge(review(incident)) { _, new in new }
            facts["entries"] = timelineEntries(incident)
        }
        if [.resolution, .reviewReminder, .reviewScheduled, .postIncidentSummary].contains(notice.kind) {
            let review = policy[incident.severity].review
            if review.requirement != .none {
                let within = review.within.map { " within \($0.spoken)" } ?? ""
                // Resolved again after a reopening, a review already booked is not asked for again.
                if incident.reviewScheduledFor == nil { facts["review"] = "schedule the \(review.description)\(within)" }
                facts["reviewName"] = review.description
                if let within = review.within, let resolvedAt = incident.resolvedAt {
                    facts["reviewDeadline"] = TimeText.dateTime(resolvedAt.addingTimeInterval(TimeInterval(within.seconds)))
                }
            }
        }
        return IncidentFacts(facts: self, incident: incident, now: reported?.at ?? now, overriding: facts)
    }

    /// Facts of a fired timer: how late things are, and what is missing.
    func timer(_ timer: IncidentTimer, firedAt: Date, incident: Incident) -> [String: Any] {
        var facts: [String: Any] = [:]
        switch timer {
        case .updateDue(let anchor, let slot):
            facts["updateDue"] = true
            // The cadence in force when it fired: a later severity change must not make an old nudge read later.
            let then = incident.standing(at: firedAt, firing: timer)
            let cadence = policy[then.severity].cadence(publicFacing: then.publicFacing)?.seconds ?? 0
            let firstDue = anchor.addingTimeInterval(TimeInterval(cadence))
            facts["dueAt"] = TimeText.time(firstDue)
            if firedAt.timeIntervalSince(firstDue) >= 60 { facts["overdue"] = TimeText.span(from: firstDue, to: firedAt) }
            // Since the last update before it fired (or the declaration): a severity change restarts the cadence,
            // not the silence, which read "no update for 16 min" 32 minutes after the last one.
            var quietSince = incident.lastUpdateAt.flatMap { $0 <= firedAt ? $0 : nil } ?? (incident.lastUpdateAt == nil ? incident.declaredAt : anchor)
            // Reopened since: the time it spent resolved is not silence.
            if let resumed = incident.pauses.last?.to, resumed <= firedAt, quietSince < resumed { quietSince = resumed }
            facts["silence"] = TimeText.span(from: min(quietSince, anchor), to: firedAt)
            // Intervals actually gone by: a catch-up just before the next slot stands for it, but no more time passed.
            let intervals = cadence > 0 ? max(1, min(slot, Int(firedAt.timeIntervalSince(anchor)) / cadence)) : slot
            facts["intervals"] = String(intervals)
            if intervals >= 2 { facts["severalIntervals"] = true }
        case .commanderMissing:
            facts["commanderMissing"] = true
        case .checklistOverdue(let checklist, _):
            facts["checklistOverdue"] = true
            facts["checklist"] = policy.checklists[checklist]?.title ?? checklist
        case .escalation(let rule):
            facts["escalation"] = true
            facts["rule"] = rule
        case .etaPassed(let eta):
            facts["etaPassed"] = true
            facts["passedEta"] = TimeText.dateTime(eta)
        case .recoveryTargetMissed(let severity):
            facts["recoveryTargetMissed"] = true
            facts["recoveryTarget"] = policy[severity].recoveryTarget?.spoken ?? ""
        case .reviewReminder(let slot):
            facts["reviewReminder"] = true
            facts["reminder"] = String(slot)
        case .reviewOverdue:
            facts["reviewReminder"] = true
            facts["reviewOverdue"] = true
            if let when = incident.reviewScheduledFor { facts["scheduledFor"] = when }
        }
        return facts
    }

    /// The timeline's entries, each a list item: the lines of a note typed on several lines after the first are
    /// indented under it, so they read as part of its item (in chat, and in the report's Markdown list).
    public func timelineEntries(_ incident: Incident, newest: Int? = nil) -> [[String: Any]] {
        let timeline = newest.map(incident.latestEvents) ?? incident.timeline
        return timeline.map { entry in
            event(entry, in: incident).mapValues { value in
                guard let text = value as? String, text.contains("\n") else { return value }
                return text.replacingOccurrences(of: "\n", with: "\n  ")
            }
        }
    }

    /// Text for a template's quote (`> {{{quoted}}}`), escaped for the platform: each line after the first starts
    /// the quote again, or an update typed on several lines would be quoted by its first line only. Blank lines between
    /// paragraphs become one quoted zero-width space: a `>` alone shows as itself on Discord, and dropping them ran
    /// the paragraphs together.
    func quoted(_ text: String) -> String {
        let escaped = dialect.escapeKeepingMentions(text)
        guard escaped.contains("\n") else { return escaped }
        var lines: [Substring] = []
        for line in escaped.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains(where: { !$0.isWhitespace }) {
                lines.append(line)
            } else if let last = lines.last, last != Self.blankQuoteLine {
                lines.append(Self.blankQuoteLine)
            }
        }
        if lines.last == Self.blankQuoteLine { lines.removeLast() }
        return lines.joined(separator: "\n> ")
    }

    /// A blank line inside a quote.
    static let blankQuoteLine: Substring = "\u{200B}"

    /// Facts of one event: its own fields, and a flag named after it for the timeline template.
    public func event(_ event: IncidentEvent, in incident: Incident) -> [String: Any] {
        var facts: [String: Any] = [
            event.change.name: true,
            // The day too once it is not the declaration's: a timeline over midnight would read as going backwards.
            "time": TimeText.sameDay(event.at, incident.declaredAt) ? TimeText.time(event.at) : TimeText.dateTime(event.at),
            "actor": event.actor.map(dialect.mention) ?? "Klaxon",
        ]
        switch event.change {
        case .declared(let declaration):
            facts["severity"] = declaration.severity.label
            facts["title"] = declaration.title
        case .updatePosted(let text):
            facts["text"] = text
            facts["quoted"] = quoted(text)
        case .scopeSet(let text), .notePosted(let text):
            facts["text"] = text
        case .statusChanged(let from, let to, let note):
            facts["from"] = from.title
            facts["to"] = to.title
            if let note { facts["note"] = note; facts["quoted"] = quoted(note) }
        case .commanderAssigned(let person):
            facts["commander"] = dialect.mention(person)
            if person == event.actor { facts["selfAssigned"] = true }
            // Only for the incident's latest change of commander: an earlier one's is not kept. Named, not mentioned:
            // a reply notifies only the people its command named (Discord's `allowed_mentions` holds to that).
            if let replaced = incident.replacedCommander, replaced.at == event.at {
                facts["replacedCommander"] = "@" + DisplayName.afterAt(replaced.person.name ?? replaced.person.id)
            }
        case .severityChanged(let from, let to, let reason):
            facts["from"] = from.label
            facts["to"] = to.label
            if let reason { facts["reason"] = reason; facts["quoted"] = quoted(reason) }
            if to > from, let shown = stillShown(incident, above: .implied(by: to)) { facts["stillShown"] = shown }
        case .checklistItemChecked(let checklist, let item), .checklistItemUnchecked(let checklist, let item):
            let list = policy.checklists[checklist]
            facts["item"] = list?.items.first { $0.id == item }?.text ?? item
            facts["checklist"] = list?.title ?? checklist
            let remaining = list.map { incident.openItems(of: $0, named: checklist).count } ?? 0
            if remaining > 0 { facts["remaining"] = String(remaining) }
        case .resolved(let summary, let forcedReason):
            facts["summary"] = summary
            facts["quoted"] = quoted(summary)
            if let forcedReason { facts["forcedReason"] = forcedReason }
        case .reopened(let reason):
            facts["reason"] = reason
        case .withdrawn(let reason):
            facts["reason"] = reason
            facts["quoted"] = quoted(reason)
        case .reviewScheduled(let when):
            let held = IncidentDecider.reviewTime(when, scheduledAt: event.at)
            facts["when"] = Self.reviewDay(when, scheduledAt: event.at) ?? when
            // Later than the policy's window: said now, rather than found out from the report.
            if let held, let within = policy[incident.severity].review.within, let resolvedAt = incident.resolvedAt,
               held > resolvedAt.addingTimeInterval(TimeInterval(within.seconds)) {
                facts["lateForWindow"] = true
            }
        case .timerFired(let timer):
            facts.merge(self.timer(timer, firedAt: event.at, incident: incident)) { _, new in new }
        case .deliveryFailed(let transport, let reason, _, let partly, let customerEmail):
            facts["transport"] = transport.displayName
            facts["reason"] = reason
            if partly == true { facts["partly"] = true }
            if customerEmail == true { facts["customerEmailLost"] = true }
        case .impactSet, .causeSet, .gapNoted, .actionAdded, .actionClosed, .ticketFiled, .milestoneSet, .reviewClosed:
            facts.merge(reviewEvent(event.change, in: incident)) { _, new in new }
        case .alertsChanged(let change):
            if !change.firing.isEmpty { facts["firing"] = change.firing.map(\.line) }
            if !change.resolved.isEmpty { facts["resolvedAlerts"] = change.resolved.map(\.line) }
            if change.allResolved { facts["allResolved"] = true }
            if !incident.firingAlerts.isEmpty { facts["stillFiring"] = String(incident.firingAlerts.count) }
        case .madePublic, .madePrivate, .publicUpdatePosted, .etaSet, .componentsAffected, .statuspageLinked, .statuspageUnlinked,
            .customersNotified:
            facts.merge(publicEvent(event.change)) { _, new in new }
        }
        return facts
    }
}
