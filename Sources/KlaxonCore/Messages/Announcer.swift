import Foundation

/// Decides which notices an event causes under a policy. Pure.
public struct Announcer: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// The notices caused by the event with this sequence number, given the incident after it.
    public func notices(for event: IncidentEvent, sequence: Int, incident: Incident) -> [Notice] {
        var team = teamNotices(for: event, sequence: sequence, incident: incident)
        // `--public`: the same command told customers in the event after this one. Known here, where the command's
        // events are all in `incident`, and kept on the notice, since the outbox renders it as of its own event.
        if case .publicUpdatePosted(_, let text)? = incident.event(sequence + 1)?.change, !text.isEmpty {
            for index in team.indices { team[index].toCustomers = true }
        }
        return team + statuspage(event, sequence: sequence, incident: incident)
    }

    /// Whether the incident was public at some point before the event with this sequence.
    static func wasPublic(_ incident: Incident, before sequence: Int) -> Bool {
        incident.timeline.prefix(max(sequence - 1, 0)).contains { event in
            switch event.change {
            case .declared(let declaration): declaration.publicFacing
            case .madePublic: true
            default: false
            }
        }
    }

    /// The severities the incident had before the event numbered `sequence`.
    private func severitiesHeld(_ incident: Incident, before sequence: Int) -> Set<Severity> {
        Set(incident.timeline.prefix(max(sequence - 1, 0)).compactMap { event -> Severity? in
            switch event.change {
            case .declared(let declaration): declaration.severity
            case .severityChanged(_, let to, _): to
            default: nil
            }
        })
    }

    /// What an event asks of Atlassian Statuspage: bringing the incident's copy there up to date when the event changed
    /// what customers see (routed only when Statuspage is configured).
    private func statuspage(_ event: IncidentEvent, sequence: Int, incident: Incident) -> [Notice] {
        let changesPage = switch event.change {
        case .madePublic, .madePrivate, .publicUpdatePosted: true
        case .declared, .statusChanged, .resolved, .reopened, .withdrawn, .etaSet, .componentsAffected: incident.publicFacing
        default: false
        }
        guard changesPage else { return [] }
        return [Notice(kind: .publicPageChanged, incident: incident.id, sequence: sequence, destination: .statuspage)]
    }

    private func teamNotices(for event: IncidentEvent, sequence: Int, incident: Incident) -> [Notice] {
        let home = Destination.incidentChannel(incident.channel)
        func notice(_ kind: MessageKind, audience: [Audience] = []) -> Notice {
            Notice(kind: kind, incident: incident.id, sequence: sequence, destination: home, audience: audience)
        }
        func tracker(_ kind: MessageKind) -> Notice {
            Notice(kind: kind, incident: incident.id, sequence: sequence, destination: .tracker)
        }
        switch event.change {
        case .declared:
            let ping: [Audience] = policy[incident.severity].pingChannel ? [.channel] : []
            let ticket = policy[incident.severity].fileTicket ? [tracker(.ticketOpened)] : []
            return [notice(.initialAlert, audience: ping)] + immediateEscalations(incident, sequence: sequence) + ticket
                + teamEmail(.initialAlert, incident, sequence: sequence)
        case .commanderAssigned(let person):
            return [notice(.commanderAssigned, audience: [.person(person)])]
        case .updatePosted:
            return [notice(.updatePosted)]
        case .statusChanged:
            return [notice(.statusChanged)]
        case .severityChanged(let from, let to, _):
            // Escalating into a severity brings its at-once escalations (a P2 that becomes a P0 pings like a P0),
            // the ping only the first time: lowered and raised again, the channel has heard it.
            // Raised back to a severity it had: the roles a rule paged then are not paged again by it.
            let held = severitiesHeld(incident, before: sequence)
            let ping: [Audience] = to < from && policy[to].pingChannel && !held.contains { policy[$0].pingChannel } ? [.channel] : []
            let newlyDue = to < from ? immediateEscalations(incident, sequence: sequence, except: firedAtOnce(incident, before: sequence)) : []
            return [notice(.severityChanged, audience: ping)] + newlyDue
        case .scopeSet:
            return [notice(.scopeSet)]
        case .checklistItemChecked:
            return [notice(.checklistChecked)]
        // Taken back: the channel saw the ✅ and may be standing down on it, so it hears the item is open again.
        case .checklistItemUnchecked:
            return [notice(.checklistUnchecked)]
        case .actionAdded:
            return [tracker(.ticketOpened)]
        case .actionClosed:
            return [tracker(.ticketClosed)]
        case .notePosted, .impactSet, .causeSet, .gapNoted, .ticketFiled, .milestoneSet, .statuspageLinked, .statuspageUnlinked:
            // Facts for the review: confirmed to their author, gathered in the report.
            return []
        case .reviewClosed:
            return [notice(.postIncidentSummary)]
        case .madePublic:
            // The team email hears of a public incident when it is declared (the playbook's "if public incident"):
            // one made public later, while open, is announced to it then, as if declared so; once only, not again
            // when it is retitled or goes back on the page.
            let first = incident.isOpen && !Self.wasPublic(incident, before: sequence)
            return [notice(.publicPageChanged)] + (first ? teamEmail(.initialAlert, incident, sequence: sequence) : [])
        case .madePrivate, .etaSet, .componentsAffected:
            return [notice(.publicPageChanged)]
        case .publicUpdatePosted:
            // Posted with its update or status change, which the channel hears about.
            return []
        case .customersNotified(let role):
            // The email itself, and a line in the thread saying who sent it.
            let email = Notice(kind: .customerEmail, incident: incident.id, sequence: sequence, destination: .email(role), audience: [.role(role)])
            return [email, notice(.customersNotified)]
        case .resolved:
            return [notice(.resolution)] + teamEmail(.resolution, incident, sequence: sequence)
        case .reopened:
            // Back on like a declaration: the channel pinged as its severity is, whoever is responsible named, and the
            // rules that escalate at once (security, legal, finance for their kinds) told again.
            let ping: [Audience] = policy[incident.severity].pingChannel ? [.channel] : []
            return [notice(.reopened, audience: ping + responsible(incident))] + immediateEscalations(incident, sequence: sequence)
                + teamEmail(.reopened, incident, sequence: sequence)
        case .withdrawn:
            // Whoever was paged hears the stand-down the same way: the channel if it was pinged, the roles escalated
            // to in chat (named, and DMed where they have ids), those emailed by email, the team email for a public
            // one, and customers who were emailed about it: told it was opened in error (as the status page says).
            let ping: [Audience] = severitiesHeld(incident, before: sequence).contains { policy[$0].pingChannel } ? [.channel] : []
            let escalations = escalated(incident, before: sequence)
            let chatRoles = escalations.filter { if case .incidentChannel = $0.destination { true } else { false } }.flatMap(\.audience)
            // The on-call role is named by the nudges (an update due, no commander): not paged before one fired.
            let nudged = incident.timeline.prefix(max(sequence - 1, 0)).contains { if case .timerFired = $0.change { true } else { false } }
            var audience = ping + responsible(incident).filter { if case .role = $0 { nudged } else { true } }
            for role in chatRoles where !audience.contains(role) { audience.append(role) }
            var emailed: [String] = []
            for notice in escalations {
                if case .email(let role) = notice.destination, !emailed.contains(role) { emailed.append(role) }
            }
            // Each to its role, all of them named: a person in two of them is written to once (see the email transport).
            let emails = emailed.map { Notice(kind: .withdrawn, incident: incident.id, sequence: sequence, destination: .email($0), audience: emailed.map(Audience.role)) }
            // Those told of it by email hear it was a mistake even if it has since left the page: customers who were
            // emailed, and the team email if it was ever public.
            var customers: [Notice] = []
            if incident.customersNotifiedAt != nil, let role = policy.statusPageSettings.customers {
                customers = [Notice(kind: .customerEmail, incident: incident.id, sequence: sequence, destination: .email(role), audience: [.role(role)])]
            }
            let wasPublic = incident.publicFacing || Self.wasPublic(incident, before: sequence)
            return [notice(.withdrawn, audience: audience)] + emails + customers + teamEmail(.withdrawn, incident, sequence: sequence, evenIfPrivate: wasPublic)
        case .alertsChanged:
            // In the incident's thread, once per change: a re-send that changes nothing records no event.
            return [notice(.alertsChanged, audience: responsible(incident))]
        case .reviewScheduled:
            // The invitation: the playbook's attendees (commander, the engineers who acted, on-call lead, ops).
            return [notice(.reviewScheduled, audience: reviewAttendees(incident))]
        case .timerFired(let timer):
            return timerNotices(timer, at: event.at, sequence: sequence, incident: incident)
        case .deliveryFailed(let transport, _, _, _, _):
            // The on-call role always hears it as well: it is who email reaches when chat is down.
            let onCall = policy.onCallRole.map { [Audience.role($0)] } ?? []
            let audience = responsible(incident) + onCall.filter { !responsible(incident).contains($0) }
            return [Notice(
                kind: .deliveryProblem, incident: incident.id, sequence: sequence, destination: .incidentChannel(incident.channel),
                audience: audience, avoiding: transport
            )]
        }
    }

    /// The escalations the incident caused before the event with this sequence: at its declaration, when raised,
    /// and by its timers.
    private func escalated(_ incident: Incident, before sequence: Int) -> [Notice] {
        incident.timeline.prefix(max(sequence - 1, 0)).enumerated().flatMap { index, event in
            teamNotices(for: event, sequence: index + 1, incident: incident).filter { $0.kind == .escalation }
        }
    }

    /// The same message by email to the team when the incident is public (the playbook's "to team email").
    private func teamEmail(_ kind: MessageKind, _ incident: Incident, sequence: Int, evenIfPrivate: Bool = false) -> [Notice] {
        guard incident.publicFacing || evenIfPrivate, let role = policy.statusPageSettings.teamEmail else { return [] }
        return [Notice(kind: kind, incident: incident.id, sequence: sequence, destination: .email(role), audience: [.role(role)])]
    }

    /// Who is asked to act: the commander, or without one the declarer (a person, not a script or an alert source)
    /// and the on-call role.
    func responsible(_ incident: Incident) -> [Audience] {
        if let commander = incident.commander { return [.person(commander)] }
        let declarer = incident.declaredBy.flatMap { AutomatedActor($0) == nil ? [Audience.person($0)] : nil } ?? []
        return declarer + (policy.onCallRole.map { [.role($0)] } ?? [])
    }

    /// Who the review reminder names: the commander (or who is responsible without one), everyone who acted on the
    /// incident, and the roles the policy invites (on-call lead, ops or management).
    /// How late a scheduled review's report may fire and still be posted.
    static let staleReport: TimeInterval = 3 * 86_400
    /// How long after it passed an estimate is still worth a ping: the page has shown it wrong that long already.
    static let staleEta: TimeInterval = 6 * 3600

    func reviewAttendees(_ incident: Incident) -> [Audience] {
        var people: [Audience] = responsible(incident)
        for event in incident.timeline {
            // People only: an alert source or an API token acted, but attends nothing.
            guard let actor = event.actor, AutomatedActor(actor) == nil, !people.contains(.person(actor)) else { continue }
            people.append(.person(actor))
        }
        let roles = policy[incident.severity].review.attendees.map(Audience.role).filter { !people.contains($0) }
        return people + roles
    }

    private func timerNotices(_ timer: IncidentTimer, at time: Date, sequence: Int, incident: Incident) -> [Notice] {
        func notice(_ kind: MessageKind, audience: [Audience], prompts: [String] = [], offer: MessageKind? = nil) -> Notice {
            Notice(
                kind: kind, incident: incident.id, sequence: sequence, destination: .incidentChannel(incident.channel),
                audience: audience, prompts: prompts, offer: offer
            )
        }
        switch timer {
        case .updateDue:
            return [notice(.nudgeUpdateDue, audience: responsible(incident), offer: offer(for: incident, at: time))]
        case .commanderMissing:
            return [notice(.commanderMissing, audience: responsible(incident))]
        case .checklistOverdue(let name, let missing):
            let items = policy.checklists[name]?.items.filter { missing.contains($0.id) } ?? []
            // Each line says how it gets done: its command, or a tick by hand for an item that waits for no event.
            let prompts = items.map { item in
                "\(item.text): " + (item.trigger?.command(on: incident.id) ?? "`/incident check \(incident.id) \(item.id)`")
                    + (item.owner.map { owner in " · \(policy.roles[owner] ?? owner)" } ?? "")
            }
            return [notice(.checklistOverdue, audience: responsible(incident), prompts: prompts)]
        case .escalation(let id):
            guard let rule = policy.escalations.first(where: { $0.id == id }) else { return [] }
            return escalationNotices(rule, incident: incident, sequence: sequence)
        case .recoveryTargetMissed:
            return [notice(.recoveryTargetMissed, audience: responsible(incident))]
        case .etaPassed(let eta):
            // Flagged long after it passed (the first start after an upgrade, a server down for hours): recorded
            // quietly, as a stale review report is, rather than a burst of pings for estimates long forgotten.
            if time.timeIntervalSince(eta) > Self.staleEta { return [] }
            return [notice(.etaPassed, audience: responsible(incident))]
        case .reviewOverdue:
            // Reports of scheduled reviews came with this version: the first start after an upgrade finds old
            // incidents' long past, and recording those quietly keeps the channel from a burst of stale pings.
            if let due = Timekeeper(policy: policy).scheduledReviewOverdue(incident), time.timeIntervalSince(due) > Self.staleReport { return [] }
            return [notice(.reviewReminder, audience: reviewAttendees(incident))]
        case .reviewReminder:
            return [notice(.reviewReminder, audience: reviewAttendees(incident))]
        }
    }

    /// A rule's draft, unless it no longer applies: the customer email only for a public incident, and only until it
    /// is sent.
    private func offered(_ offer: MessageKind?, _ incident: Incident) -> MessageKind? {
        guard offer == .customerEmail else { return offer }
        let sendable = incident.publicFacing && incident.customersNotifiedAt == nil && policy.statusPageSettings.customers != nil
        return sendable ? offer : nil
    }

    /// The playbook update template due at this age of the incident, if any.
    private func offer(for incident: Incident, at time: Date) -> MessageKind? {
        let rules = policy[incident.severity]
        guard let cadence = rules.cadence(publicFacing: incident.publicFacing)?.seconds else { return nil }
        let age = Int(incident.openTime(until: time))
        return rules.updateTemplates.last { age >= $0.at.seconds && age < $0.at.seconds + cadence }?.message
    }

    /// Escalation rules that fire the moment an incident is declared (or escalated into their severity).
    /// The at-once escalations of the incident as it stands, but for the rules in `fired`.
    private func immediateEscalations(_ incident: Incident, sequence: Int, except fired: Set<String> = []) -> [Notice] {
        policy.escalations
            .filter { $0.isImmediate && !fired.contains($0.id) && $0.when.matches(severity: incident.severity, kind: incident.kind, publicFacing: incident.publicFacing) }
            .flatMap { escalationNotices($0, incident: incident, sequence: sequence) }
    }

    /// The at-once rules that paged before the event numbered `sequence`: matched by the incident as it stood when
    /// it was declared, raised or reopened (its severity and whether it was public then, not now). A rule that only
    /// matches since the incident was made public has paged no one, so a raise still brings it.
    private func firedAtOnce(_ incident: Incident, before sequence: Int) -> Set<String> {
        var fired: Set<String> = []
        var (severity, publicFacing) = (incident.severity, incident.publicFacing)
        func fire() {
            for rule in policy.escalations where rule.isImmediate && rule.when.matches(severity: severity, kind: incident.kind, publicFacing: publicFacing) {
                fired.insert(rule.id)
            }
        }
        for event in incident.timeline.prefix(max(sequence - 1, 0)) {
            switch event.change {
            case .declared(let declaration): (severity, publicFacing) = (declaration.severity, declaration.publicFacing); fire()
            case .severityChanged(let from, let to, _): severity = to; if to < from { fire() }
            case .madePublic: publicFacing = true
            case .madePrivate: publicFacing = false
            case .reopened: fire()
            default: break
            }
        }
        return fired
    }

    private func escalationNotices(_ rule: EscalationRule, incident: Incident, sequence: Int) -> [Notice] {
        switch rule.via {
        case .chat:
            let offer = offered(rule.offer, incident)
            // A rule that only offers a draft asks whoever runs the incident to act on it.
            let audience = rule.notify.isEmpty && offer != nil ? responsible(incident) : rule.notify.map(Audience.role)
            return [Notice(
                kind: .escalation, incident: incident.id, sequence: sequence, destination: .incidentChannel(incident.channel),
                audience: audience, prompts: rule.prompts, rule: rule.id, offer: offer
            )]
        case .email:
            // One email to each role, all of them named, as in chat: a person in two of them is written to once (see
            // the email transport).
            return rule.notify.map { role in
                Notice(
                    kind: .escalation, incident: incident.id, sequence: sequence, destination: .email(role), audience: rule.notify.map(Audience.role),
                    prompts: rule.prompts, rule: rule.id
                )
            }
        }
    }
}
