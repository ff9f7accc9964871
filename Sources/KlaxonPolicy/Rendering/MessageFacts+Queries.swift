import Foundation
import KlaxonCore

extension MessageFacts {
    /// Facts for `/incident list`: `incidents` are the first of `total` open (all of them by default).
    public func list(_ incidents: [Incident], total: Int? = nil, now: Date) -> [String: Any] {
        let rows = incidents.sorted { ($0.severity, $0.id) < ($1.severity, $1.id) }.map { incident($0, now: now) }
        let total = max(total ?? rows.count, rows.count)
        return ["any": total > 0, "count": String(total), "incidents": rows]
    }

    /// Facts for `/incident show`: the incident with its checklists.
    public func detail(_ incident: Incident, now: Date) -> [String: Any] {
        var facts = self.incident(incident, now: now)
        // One long update must not push the checklists and what is due out of an answer cut to the platform's size.
        for key in ["lastUpdate", "scope"] { if let text = facts[key] as? String { facts[key] = Self.shortened(text) } }
        let lists = [("declare", policy.checklists.declare), ("resolution", policy.checklists.resolution)]
            .filter { $0.1.severities.contains(incident.severity) }
            .map { name, checklist -> [String: Any] in
                let items = checklist.items.map { item -> [String: Any] in
                    ["id": item.id, "text": item.text, "done": incident.isDone(item, in: name)]
                }
                return ["title": checklist.title, "items": items]
            }
        facts["checklists"] = lists
        // The review's milestones and schedule, so `show` answers "when did it start, is the review booked?".
        let record = incident.review
        if let started = record.impactStartedAt { facts["impactStarted"] = TimeText.dateTime(started) }
        if let mitigated = record.mitigatedAt { facts["mitigated"] = TimeText.dateTime(mitigated) }
        if let when = incident.reviewScheduledFor { facts["reviewScheduled"] = Self.anchored(when, in: incident) }
        if let closed = record.closedAt { facts["reviewClosed"] = TimeText.dateTime(closed) }
        // Resolved, the review required and neither booked nor held: when it is due, or that it is overdue.
        let review = policy[incident.severity].review
        if let resolved = incident.resolvedAt, review.requirement != .none, incident.reviewScheduledFor == nil, !record.isClosed {
            let name = review.description
            if let within = review.within?.seconds {
                let due = resolved.addingTimeInterval(TimeInterval(within))
                facts["reviewDue"] = due > now
                    ? "the \(name) is not scheduled yet; due by \(TimeText.dateTime(due))"
                    : "the \(name) is overdue (due by \(TimeText.dateTime(due))) and not scheduled"
            } else {
                facts["reviewDue"] = "the \(name) is not scheduled yet"
            }
        }
        // Withdrawn as declared by mistake: closed, not resolved; no review was held and no checklist is due.
        if let reason = incident.withdrawal {
            facts["status"] = "Withdrawn"
            facts["withdrawn"] = Self.shortened(reason)
            for key in ["checklists", "reviewClosed", "reviewDue", "reviewScheduled"] { facts[key] = nil }
        }
        return facts
    }

    /// Facts for `/incident timeline`: its `newest` entries, or all of them.
    public func timeline(_ incident: Incident, newest: Int? = nil, now: Date) -> [String: Any] {
        var facts = self.incident(incident, now: now)
        // Each entry's text shortened, so that one long update leaves room for the others (the report has them whole).
        facts["entries"] = timelineEntries(incident, newest: newest).map { entry in entry.mapValues { ($0 as? String).map(Self.shortened) ?? $0 } }
        return facts
    }

    /// A long text cut for a chat answer that lists it among other things: at a space, marked.
    static func shortened(_ text: String) -> String {
        let limit = 280
        guard text.count > limit else { return text }
        let kept = text.prefix(limit)
        return (UTF16Cut.lastBreak(in: kept) { $0 == " " }.map { kept[..<$0] } ?? kept) + " …"
    }

    /// Facts for one runbook.
    public func runbook(_ runbook: Runbook) -> [String: Any] {
        let sections: [(String, [String])] = [
            ("Symptoms", runbook.symptoms), ("Do now", runbook.steps),
            ("Root cause", runbook.rootCause), ("Prevention", runbook.prevention),
        ]
        return [
            "id": runbook.id,
            "title": runbook.title,
            "sections": sections.filter { !$0.1.isEmpty }.map { ["heading": $0.0, "lines": $0.1] as [String: Any] },
        ]
    }

    /// Facts for the list of runbooks.
    public func runbooks() -> [String: Any] {
        ["runbooks": policy.runbooks.map { ["id": $0.id, "title": $0.title] }]
    }

    /// Facts for help on every command, or on one.
    public func help(_ spec: CommandSpec?) -> [String: Any] {
        func facts(_ spec: CommandSpec) -> [String: Any] {
            ["name": spec.name, "usage": spec.usage, "summary": spec.summary, "example": spec.example, "aliases": spec.listedAliases]
        }
        if let spec { return ["command": facts(spec)] }
        return ["commands": CommandCatalogue.all.map(facts)]
    }

    /// A review's time that counts from when it was written (a bare time of day is its next one; a day in words is
    /// resolved to a date), with the day it names: `tomorrow 11:00 (Tue 2026-12-01)`. `nil` for a date written out,
    /// a time ago, or words that name no moment.
    static func reviewDay(_ when: String, scheduledAt: Date) -> String? {
        let relative = TimeReference(text: when).map { if case .clock = $0 { true } else { false } } ?? true
        guard relative, let held = IncidentDecider.reviewTime(when, scheduledAt: scheduledAt) else { return nil }
        return "\(when) (\(TimeText.day(held)))"
    }

    /// Help for a group's commands, under the group's description.
    public func help(group: CommandGroup) -> [String: Any] {
        var listed = help(nil)
        listed["commands"] = (listed["commands"] as? [[String: Any]])?.filter { entry in group.members.contains { $0.name == entry["name"] as? String } }
        listed["group"] = group.description
        return listed
    }

    /// Facts for a refused command: its message escaped for the platform, its `/incident …` usages kept as code
    /// (the template shows it as it is).
    public func error(_ rejection: CommandRejection) -> [String: Any] {
        ["message": dialect.escapeKeepingCode(rejection.message)]
    }

    /// The review's time as written, with the day it was written when it counts from that day ("tomorrow 10:00"
    /// read two days later would be wrong; turned into a date, it could be the wrong one for someone west of UTC).
    static func anchored(_ when: String, in incident: Incident) -> String {
        let written = incident.timeline.last { if case .reviewScheduled = $0.change { true } else { false } }
        // A time that names its day (`tomorrow 11:00`, `Friday 10:00`, `10:00`): the date it named, as the reply said.
        if let written, let day = reviewDay(when, scheduledAt: written.at) { return day }
        let words = when.lowercased().split { !$0.isLetter }
        // A date written out needs no anchor, whatever day name goes with it.
        let dated = when.split(separator: " ").contains { CalendarDay(text: String($0.trimmingCharacters(in: .punctuationCharacters))) != nil }
        guard !dated, words.contains(where: relativeDays.contains) else { return when }
        return written.map { "\(when) (written \(TimeText.day($0.at)))" } ?? when
    }

    private static let relativeDays: Set<Substring> = [
        "today", "tonight", "tomorrow", "tmrw", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "next", "week", "weeks", "day", "days",
    ]
}
