import Foundation
import KlaxonCore

extension MessageFacts {
    /// Everything the report templates use: the incident, the review's facts, the timeline, what went well and what
    /// didn't, the responders and the metrics.
    public func report(_ incident: Incident, now: Date) -> [String: Any] {
        var facts = self.incident(incident, now: now).merging(review(incident)) { _, new in new }
        facts["kind"] = incident.kind.rawValue
        facts["publicFacingText"] = incident.publicFacing ? "yes" : "no"
        let open = TimeText.span(from: incident.clockStart, to: incident.resolvedAt ?? now)
        let resolvedBetween = incident.timeResolved > 0
            ? ", besides \(TimeText.span(from: incident.declaredAt, to: incident.declaredAt + incident.timeResolved)) resolved before it was reopened" : ""
        facts["durationText"] = (incident.resolvedAt == nil ? "ongoing (\(open) so far)" : open) + resolvedBetween
        if let withdrawal = incident.withdrawal {
            facts["withdrawal"] = withdrawal
            // Closed with the withdrawal, not by a review: "Review closed" would say one was held.
            facts["reviewClosed"] = nil
        }
        // How long users were affected: from when impact began (else the declaration) until it was mitigated (else
        // resolved), as recorded with `started` and `mitigated`.
        let record = incident.review
        // A mitigation a reopening disproved ends it at the last resolution.
        if record.impactStartedAt != nil || record.mitigatedAt != nil || record.disprovedMitigation != nil, let end = record.mitigatedAt ?? incident.resolvedAt {
            let start = record.impactStartedAt ?? incident.declaredAt
            facts["impactSpan"] = TimeText.span(from: start, to: max(start, end)) + (record.impactStartedAt == nil ? " at least (from the declaration)" : "")
        }
        facts["entries"] = placedTimeline(incident)
        facts["responders"] = responders(incident)
        let metrics = IncidentMetrics(incident, policy: policy, now: now)
        let rows = self.metrics(metrics, incident)
        facts["metrics"] = rows.map(\.row)
        for row in rows { facts[row.key] = row.value }
        let observations = observations(incident, metrics: metrics)
        facts["wentWell"] = observations.filter(\.good).map(\.text)
        facts["wentBadly"] = observations.filter { !$0.good }.map(\.text)
        // What the short summary (P2, P3) says of the resolutions.
        let notes = resolutionNotes(incident)
        facts["resolutionNotes"] = notes
        if !notes.isEmpty { facts["hasResolutionNotes"] = true }
        facts["escalations"] = escalations(incident)
        facts["actionRows"] = incident.review.actions.map(action)
        facts["hasActions"] = !incident.review.actions.isEmpty
        return facts
    }

    /// The timeline with each recorded milestone at the time it names (impact that began before the declaration comes
    /// before it), saying who recorded it and when, instead of at the moment it was typed.
    func placedTimeline(_ incident: Incident) -> [[String: Any]] {
        let entries = zip(incident.timeline, timelineEntries(incident)).enumerated().map { index, pair in
            let (event, facts) = pair
            guard case .milestoneSet(_, let at) = event.change else { return (event.at, index, facts) }
            var placed = facts
            placed["milestone_set"] = nil
            placed["milestone_placed"] = true
            placed["recordedAt"] = facts["time"]
            placed["recordedBy"] = facts["actor"]
            // Nobody did anything at that moment: the line says who recorded it instead (absent, not "": an empty
            // text is true to Mustache, and left two spaces after the time).
            placed["actor"] = nil
            placed["time"] = TimeText.sameDay(at, incident.declaredAt) ? TimeText.time(at) : TimeText.dateTime(at)
            return (at, index, placed)
        }
        return entries.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    /// Everyone who acted on the incident, in order of first appearance, with what they did.
    func responders(_ incident: Incident) -> [[String: Any]] {
        // `commander @alice` typed as text (no user id to go by) is the person of that name who acted on the same
        // platform, if one did: one line for Alice, not two that read the same. Different people of one name on two
        // platforms stay apart.
        var byName: [String: Participant] = [:]
        for event in incident.timeline {
            guard let actor = event.actor, !actor.id.hasPrefix("@"), let name = actor.name else { continue }
            let key = "\(actor.platform.rawValue):\(name)"
            if byName[key] == nil { byName[key] = actor }
        }
        func canonical(_ participant: Participant) -> Participant {
            guard participant.id.hasPrefix("@") else { return participant }
            return byName["\(participant.platform.rawValue):\(participant.id.dropFirst())"] ?? participant
        }
        var order: [Participant] = []
        var roles: [Participant: [String]] = [:]
        func note(_ participant: Participant, _ role: String) {
            let person = canonical(participant)
            if roles[person] == nil { order.append(person) }
            if !(roles[person] ?? []).contains(role) { roles[person, default: []].append(role) }
        }
        for event in incident.timeline {
            switch event.change {
            case .declared: event.actor.map { note($0, "declared") }
            case .commanderAssigned(let person): note(person, "commander")
            case .resolved: event.actor.map { note($0, "resolved") }
            case .withdrawn: event.actor.map { note($0, "withdrew") }
            case .actionAdded(let item): note(item.owner, "action owner")
            default: event.actor.map { note($0, "responder") }
            }
        }
        return order.map { person in
            // "Responder" says nothing more of the commander or of someone who only declared.
            var named = roles[person] ?? []
            if named.contains("commander") || named == ["declared", "responder"] { named.removeAll { $0 == "responder" } }
            return ["who": dialect.mention(person), "roles": named.joined(separator: ", ")]
        }
    }

    private func metrics(_ metrics: IncidentMetrics, _ incident: Incident) -> [(key: String, value: String, row: [String: Any])] {
        let review = policy[incident.severity].review
        var reviewPending = incident.withdrawal == nil ? "not applicable" : "not applicable: withdrawn, no review held"
        if incident.withdrawal == nil, review.requirement != .none, let within = review.within, let resolved = incident.resolvedAt {
            reviewPending = "not closed yet (due by \(TimeText.dateTime(resolved + TimeInterval(within.seconds))))"
        }
        func span(_ seconds: Int?) -> String {
            guard let seconds else { return "not known" }
            return TimeText.span(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: TimeInterval(max(0, seconds))))
        }
        func yesNo(_ value: Bool?, _ yes: String, _ no: String) -> String { value.map { $0 ? yes : no } ?? "not applicable" }
        let adherence = metrics.cadencePercent.map {
            "\($0)% of the open time (\(metrics.overdueTime == 0 ? "never overdue" : "overdue for " + span(metrics.overdueTime)))"
        } ?? "no updates were due"
        let rows: [(String, String, String)] = [
            ("timeToDeclare", "Time to declare", span(metrics.timeToDeclare) + (incident.review.impactStartedAt == nil && metrics.timeToDeclare != nil ? " (from the first alert)" : "")),
            ("timeToCommander", "Time to commander", span(metrics.timeToCommander)),
            ("timeToMitigate", "Time to mitigate", span(metrics.timeToMitigate)),
            ("timeToResolve", "Time to resolve", span(metrics.timeToResolve)),
            ("cadenceAdherence", "Update cadence adherence", adherence),
            ("checklistOnTime", "Declare checklist on time", yesNo(metrics.checklistOnTime, "yes", "no")),
            ("reviewOnTime", "Review on time", metrics.reviewOnTime.map { $0 ? "yes" : "no" } ?? reviewPending),
        ]
        return rows.map { key, name, value in (key, value, ["name": name, "value": value]) }
    }

    /// The escalations that fired: the at-once ones of the declaration, then the timed ones, with whom they reached.
    func escalations(_ incident: Incident) -> [String] {
        func roles(_ rule: EscalationRule, _ notice: Notice) -> String {
            // A rule that notifies nobody offers something (the customer email); its prompts are chat's, not the report's.
            guard !rule.notify.isEmpty else { return notice.offer == .customerEmail ? "the customer email's draft offered" : "\(rule.id) (its prompts)" }
            let named = rule.notify.map { policy.roles[$0] ?? $0 }.joined(separator: ", ")
            // Fired with another that had just paged the same roles: posted, paging no one.
            return notice.audience.isEmpty ? "\(named), paged a moment before by the one above" : named
        }
        // What the announcer sent, replayed as the desk recorded it (one state, moved along): the events of one
        // command or one firing of timers together (they share their moment), as the incident stood after them. So
        // the at-once rules of a declaration, of a raise (not those that paged already) and of a reopening, and the
        // timed ones, in time order, with one that paged no one because another of its batch just had.
        let announcer = Announcer(policy: policy)
        let events = incident.timeline
        var lines: [String] = []
        var then: Incident?
        var start = 0
        while start < events.count {
            var end = start + 1
            while end < events.count, events[end].at == events[start].at { end += 1 }
            let batch = Array(events[start..<end])
            for event in batch {
                if then == nil { then = Incident(id: incident.id, first: event) } else { then?.evolve(by: event) }
            }
            if let then, batch.contains(where: { escalationTrigger($0, in: incident) != nil }) {
                var seen: Set<String> = []
                for notice in announcer.notices(for: batch, from: start, incident: then) where notice.kind == .escalation {
                    let event = events[notice.sequence - 1]
                    guard let trigger = escalationTrigger(event, in: incident), let id = notice.rule, seen.insert(id).inserted,
                          let rule = policy.escalations.first(where: { $0.id == id }) else { continue }
                    lines.append("\(TimeText.time(event.at)) \(trigger): \(roles(rule, notice))\(rule.via == .email ? " (email)" : "")")
                }
            }
            start = end
        }
        return lines
    }

    /// How an event that may escalate is named in the report's list; `nil` for one that never does.
    private func escalationTrigger(_ event: IncidentEvent, in incident: Incident) -> String? {
        switch event.change {
        case .declared: "at once"
        case .severityChanged(let from, let to, _) where to < from: "at the raise to \(to.label)"
        case .reopened: "at the reopening"
        case .timerFired(.escalation):
            "after " + TimeText.span(from: incident.declaredAt, to: incident.declaredAt + incident.openTime(until: event.at))
        default: nil
        }
    }

    /// What went well and what didn't, from the timeline: cadence, checklist, commander, escalations, resolution.
    private func observations(_ incident: Incident, metrics: IncidentMetrics) -> [(good: Bool, text: String)] {
        var found: [(Bool, String)] = []
        if metrics.cadenceTime > 0 {
            found.append(metrics.overdueTime == 0
                ? (true, "Update cadence kept: no update was ever overdue")
                : (false, "Updates were overdue for \(TimeText.span(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: TimeInterval(metrics.overdueTime)))) in all"))
        }
        if let onTime = metrics.checklistOnTime {
            let title = policy.checklists.declare.title
            found.append(onTime ? (true, "Checklist \"\(title)\" complete on time") : (false, "Checklist \"\(title)\" not complete by its deadline"))
        }
        if let within = policy[incident.severity].commanderWithin?.seconds, let seconds = metrics.timeToCommander {
            let span = TimeText.span(from: incident.declaredAt, to: incident.declaredAt + TimeInterval(seconds))
            found.append(seconds <= within ? (true, "Commander named after \(span)") : (false, "Commander named only after \(span)"))
        }
        let nudges = incident.timeline.filter { if case .timerFired(.updateDue) = $0.change { true } else { false } }.count
        if nudges > 0 { found.append((false, "Klaxon had to nudge for an update \(nudges == 1 ? "once" : "\(nudges) times")")) }
        for event in incident.timeline {
            guard case .timerFired(let timer) = event.change else { continue }
            let at = TimeText.time(event.at)
            switch timer {
            case .recoveryTargetMissed(let severity):
                found.append((false, "Recovery target of \(policy[severity].recoveryTarget?.spoken ?? "?") missed"))
            case .commanderMissing:
                found.append((false, "No commander at \(at): Klaxon flagged it"))
            default:
                break
            }
        }
        let notes = resolutionNotes(incident)
        found += notes.map { (false, $0) }
        if let disproved = incident.review.disprovedMitigation {
            let time = { TimeText.sameDay($0, incident.declaredAt) ? TimeText.time($0) : TimeText.dateTime($0) }
            found.append((false, "The mitigation recorded at \(time(disproved.mitigatedAt)) did not hold: reopened at \(time(disproved.reopenedAt)); users counted as affected until the last resolution unless a later one is recorded"))
        }
        let forced = incident.timeline.contains { if case .resolved(_, _?) = $0.change { true } else { false } }
        if !forced, !incident.isOpen, incident.withdrawal == nil, policy.checklists.resolution.severities.contains(incident.severity) {
            found.append((true, "Resolved with the verification checklist complete"))
        }
        return found
    }

    /// Every resolution forced and every one that did not hold: a fix that came back is what the review is for. The
    /// times tell the resolutions apart once there are several.
    func resolutionNotes(_ incident: Incident) -> [String] {
        let reopened = incident.hasEvent(named: "reopened")
        return incident.timeline.compactMap { event in
            let at = TimeText.sameDay(event.at, incident.declaredAt) ? TimeText.time(event.at) : TimeText.dateTime(event.at)
            switch event.change {
            case .resolved(_, let reason?): return "Resolved\(reopened ? " at \(at)" : "") without the full verification checklist: \(reason)"
            case .reopened(let reason): return "Reopened at \(at): the fix did not hold (\(reason))"
            default: return nil
            }
        }
    }
}
