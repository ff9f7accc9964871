import Foundation
import KlaxonCore

/// Checks a decoded policy for what the decoder cannot: consistency between its parts.
struct PolicyValidator {
    /// One problem and where in the file it is.
    struct Problem {
        let path: [String]
        let message: String
    }

    let policy: Policy
    let templates: TemplateSet

    /// Event names a checklist item may be ticked by.
    static let events = ChecklistTrigger.allCases.map(\.rawValue)

    func problems() -> [Problem] {
        severityProblems() + checklistProblems() + escalationProblems() + templateProblems() + attendeeProblems() + otherProblems()
    }

    private func severityProblems() -> [Problem] {
        var problems: [Problem] = []
        for severity in Severity.allCases {
            guard let rules = policy.severities[severity] else {
                problems.append(Problem(path: ["severities"], message: "severity `\(severity.rawValue)` is missing; all of p0, p1, p2 and p3 need rules"))
                continue
            }
            let path = ["severities", severity.rawValue]
            if let cadence = rules.updateEvery, cadence.seconds <= 0 {
                problems.append(Problem(path: path + ["update_every"], message: "update cadence must be positive, not \(cadence)"))
            }
            // Suggested updates without a cadence: `update_every` deleted by mistake, which silences every nudge.
            if rules.updateEvery == nil, !rules.updateTemplates.isEmpty {
                problems.append(Problem(path: path, message: "severity `\(severity.rawValue)` offers update_templates but has no update_every: give its cadence (15m)"))
            }
            if let target = rules.recoveryTarget, target.seconds <= 0 {
                problems.append(Problem(path: path + ["recovery_target"], message: "recovery target must be positive, not \(target)"))
            }
            let positive: [(String, [String], PolicyDuration?)] = [
                ("review deadline", ["review", "within"], rules.review.within),
                ("review reminder delay", ["review", "remind_after"], rules.review.remindAfter),
                ("review reminder interval", ["review", "remind_every"], rules.review.remindEvery),
                ("commander deadline", ["commander_within"], rules.commanderWithin),
                ("fallback delay", ["fallback_after"], rules.fallbackAfter),
            ]
            for (what, key, value) in positive {
                if let value, value.seconds <= 0 {
                    problems.append(Problem(path: path + key, message: "\(what) must be positive, not \(value)"))
                }
            }
            for (index, offer) in rules.updateTemplates.enumerated() where offer.at.seconds <= 0 {
                problems.append(Problem(path: path + ["update_templates", String(index), "at"], message: "update template time must be positive, not \(offer.at)"))
            }
        }
        return problems
    }

    private func checklistProblems() -> [Problem] {
        var problems: [Problem] = []
        for (name, checklist) in [("declare", policy.checklists.declare), ("resolution", policy.checklists.resolution)] {
            if let due = checklist.dueAfter, due.seconds <= 0 {
                problems.append(Problem(path: ["checklists", name, "due_after"], message: "due_after must be positive, not \(due)"))
            }
            var seen: Set<String> = []
            for (index, item) in checklist.items.enumerated() {
                let path = ["checklists", name, "items", String(index)]
                if !seen.insert(item.id).inserted {
                    problems.append(Problem(path: path + ["id"], message: "checklist item id `\(item.id)` is used twice"))
                }
                if let event = item.doneWhen, !Self.events.contains(event) {
                    problems.append(Problem(path: path + ["done_when"], message: "unknown event `\(event)`; use one of \(Self.events.joined(separator: ", "))"))
                }
                // Resolving needs the resolution checklist done: an item done only by resolving could never be.
                if name == "resolution", item.trigger == .resolved {
                    problems.append(Problem(path: path + ["done_when"], message: "a resolution checklist item cannot wait for `resolved`: resolving needs it done first"))
                }
                if let owner = item.owner, owner != "commander", policy.roles[owner] == nil {
                    problems.append(Problem(path: path + ["owner"], message: "unknown role `\(owner)`; declare it under `roles`"))
                }
            }
        }
        return problems
    }

    private func escalationProblems() -> [Problem] {
        var problems: [Problem] = []
        var seen: Set<String> = []
        for (index, rule) in policy.escalations.enumerated() {
            let path = ["escalations", String(index)]
            if !seen.insert(rule.id).inserted {
                problems.append(Problem(path: path + ["id"], message: "escalation id `\(rule.id)` is used twice"))
            }
            if rule.notify.isEmpty, rule.offer == nil {
                problems.append(Problem(path: path, message: "escalation `\(rule.id)` notifies no one"))
            }
            if let offer = rule.offer, offer != .customerEmail, offer != .update30Minutes, offer != .update60Minutes {
                problems.append(Problem(path: path + ["offer"], message: "escalation `\(rule.id)` offers `\(offer.rawValue)`; a rule can offer customer_email, update_30_minutes or update_60_minutes"))
            }
            for (roleIndex, role) in rule.notify.enumerated() where policy.roles[role] == nil {
                problems.append(Problem(path: path + ["notify", String(roleIndex)], message: "escalation `\(rule.id)` names unknown role `\(role)`; declare it under `roles`"))
            }
            if let after = rule.after, after.seconds < 0 {
                problems.append(Problem(path: path + ["after"], message: "escalation `\(rule.id)` has a negative delay \(after)"))
            }
        }
        return problems
    }

    private func attendeeProblems() -> [Problem] {
        Severity.allCases.flatMap { severity -> [Problem] in
            (policy.severities[severity]?.review.attendees ?? []).filter { policy.roles[$0] == nil }.map { role in
                Problem(path: ["severities", severity.rawValue, "review", "attendees"], message: "unknown role `\(role)`; declare it under `roles`")
            }
        }
    }

    private func templateProblems() -> [Problem] {
        let reports = Severity.allCases.compactMap { severity -> Problem? in
            guard let rules = policy.severities[severity], !templates.contains(rules.review.reportTemplate) else { return nil }
            let name = rules.review.reportTemplate
            return Problem(path: ["severities", severity.rawValue, "review", "report"], message: "missing template `\(name)` (looked for \(name).mustache)")
        }
        return reports + MessageKind.allCases.compactMap { kind in
            // Kinds added after a policy was exported use their built-in template, so an older policy stays valid.
            guard let name = policy.templates[kind] ?? (Self.laterKinds.contains(kind) ? policy.template(for: kind) : nil) else {
                return Problem(path: ["templates"], message: "no template named for `\(kind.rawValue)`")
            }
            guard templates.contains(name) else {
                return Problem(path: ["templates", kind.rawValue], message: "missing template `\(name)` for `\(kind.rawValue)` (looked for \(name).mustache)")
            }
            return nil
        }
    }

    /// Message kinds newer than the first policy format: a policy may leave them out.
    static let laterKinds: Set<MessageKind> = [
        .factRecorded, .actionList, .reportReply, .ticketOpened, .ticketClosed, .alertsChanged, .publicPageChanged, .alertProposed,
        .proposalWithdrawn, .customerEmail, .customersNotified, .customerEmailPreview, .withdrawn, .checklistUnchecked, .etaPassed,
    ]

    private func otherProblems() -> [Problem] {
        var problems: [Problem] = []
        if policy.statusPage != StatusPhase.allCases {
            problems.append(Problem(path: ["status_page"], message: "status_page must be investigating, identified, monitoring, resolved in that order"))
        }
        problems += publicStatusProblems()
        if let role = policy.onCallRole, policy.roles[role] == nil {
            problems.append(Problem(path: ["on_call_role"], message: "unknown role `\(role)`; declare it under `roles`"))
        }
        let limits = policy.textLimits
        for (name, value) in [("title", limits.title), ("text", limits.text)] where value < 1 {
            problems.append(Problem(path: ["limits", name], message: "the \(name) limit must be at least 1 character, not \(value)"))
        }
        if policy.version != 1 {
            problems.append(Problem(path: ["version"], message: "version \(policy.version) is not one this Klaxon reads: 1"))
        }
        var seen: Set<String> = []
        for (index, runbook) in policy.runbooks.enumerated() where !seen.insert(runbook.id).inserted {
            problems.append(Problem(path: ["runbooks", String(index), "id"], message: "runbook id `\(runbook.id)` is used twice"))
        }
        // `/incident runbook pool` finds the first runbook answering to the name: a second one would never be found by it.
        var owners: [String: String] = Dictionary(policy.runbooks.map { ($0.id, $0.id) }) { first, _ in first }
        for (index, runbook) in policy.runbooks.enumerated() {
            for alias in runbook.aliases {
                if let owner = owners[alias], owner != runbook.id {
                    problems.append(Problem(path: ["runbooks", String(index), "aliases"], message: "runbook alias `\(alias)` of `\(runbook.id)` already names `\(owner)`"))
                } else {
                    owners[alias] = runbook.id
                }
            }
        }
        return problems
    }
}

extension PolicyValidator {
    /// The status page's components must be usable in `/incident affects`, its time zone real, its spans positive.
    func publicStatusProblems() -> [Problem] {
        guard let page = policy.publicStatus else { return [] }
        var problems: [Problem] = []
        var seen: Set<String> = []
        for component in page.components {
            if component.id.isEmpty || component.id.contains(where: { $0.isWhitespace || $0 == "," || $0.isUppercase }) {
                problems.append(Problem(path: ["public_status", "components"], message: "component id `\(component.id)` must be lowercase with no spaces or commas"))
            }
            if !seen.insert(component.id).inserted {
                problems.append(Problem(path: ["public_status", "components"], message: "component id `\(component.id)` is listed twice"))
            }
        }
        for (component, target) in page.statuspageComponents.sorted(by: { $0.key < $1.key }) {
            if !seen.contains(component) {
                problems.append(Problem(
                    path: ["public_status", "statuspage_components", component],
                    message: "unknown component `\(component)`; the ids are those under `public_status.components`"
                ))
            }
            if target.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(Problem(path: ["public_status", "statuspage_components", component], message: "the Statuspage component id is empty"))
            }
        }
        for (key, role) in [("team_email", page.teamEmail), ("customers", page.customers)] {
            guard let role, policy.roles[role] == nil else { continue }
            problems.append(Problem(path: ["public_status", key], message: "unknown role `\(role)`; declare it under `roles`"))
        }
        if let url = page.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            problems.append(Problem(path: ["public_status", "url"], message: "url must start with https:// (or http://), not `\(url)`"))
        }
        if TimeZone(identifier: page.timeZone) == nil {
            problems.append(Problem(path: ["public_status", "time_zone"], message: "unknown time zone `\(page.timeZone)`; use an IANA name like Europe/Berlin"))
        }
        for (name, days) in [("recent_days", page.recentDays), ("history_days", page.historyDays)] where days < 1 {
            problems.append(Problem(path: ["public_status", name], message: "\(name) must be at least 1, not \(days)"))
        }
        return problems
    }
}
