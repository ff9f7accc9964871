import Foundation

extension IncidentDecider {
    /// What customers are told: public updates, status notes, the incident on or off the page, ETA, components.
    func decidePublic(
        _ command: IncidentCommand, on incident: Incident, by actor: Participant, in channel: ChannelRef, at now: Date
    ) throws(CommandRejection) -> [IncidentEvent] {
        func event(_ change: IncidentChange) -> IncidentEvent {
            IncidentEvent(at: now, actor: actor, change: change)
        }
        switch command {
        case .publicUpdate(_, let text):
            try requireOpen(incident)
            try requirePublic(incident, for: command)
            let shown = try Self.forCustomers(text, typedOn: channel.platform, as: .update)
            return [event(.updatePosted(text: text)), event(.publicUpdatePosted(status: incident.status, text: shown))]
        case .publicStatus(_, .resolved, let note, let forceReason):
            // Typed as `resolve --public` or `status resolved --public`: plain `resolve` is the way without the page.
            guard incident.publicFacing else { throw .notPublic(incident.id, command: "resolve") }
            let shown = try Self.forCustomers(note, typedOn: channel.platform, as: .update)
            let resolution = try resolve(incident, summary: note, forceReason: forceReason, at: now, by: actor)
            return resolution + [event(.publicUpdatePosted(status: .resolved, text: shown))]
        case .publicStatus(_, let phase, let note, _):
            try requireOpen(incident)
            try requirePublic(incident, for: command)
            guard phase != incident.status else { throw .unchanged(incident.id, what: "is \(phase.title)") }
            let shown = try Self.forCustomers(note, typedOn: channel.platform, as: .update)
            return [event(.statusChanged(from: incident.status, to: phase, note: note)), event(.publicUpdatePosted(status: phase, text: shown))]
        case .makePublic(_, let typed):
            let title = typed.map(Declaration.heading)
            guard !incident.publicFacing || (title != nil && title != incident.publicTitle) else {
                throw .unchanged(incident.id, what: "is on the public status page")
            }
            if let title {
                // The title typed now is what mentions them: the remedy is to write it without them.
                return [event(.madePublic(title: try Self.forCustomers(title, typedOn: channel.platform, as: .update)))]
            }
            // The page would show the title it has, typed where the incident was declared.
            try Self.requireNoMentions(in: incident.publicTitle ?? incident.title, typedOn: incident.channel.platform, for: .title)
            return [event(.madePublic(title: nil))]
        case .makePrivate:
            guard incident.publicFacing else { throw .unchanged(incident.id, what: "is off the public status page") }
            return [event(.madePrivate)]
        case .eta(_, let when):
            try requireOpen(incident)
            let at = when.resolved(at: now)
            if let at, at <= now { throw .etaPassed(incident.id, at: at) }
            // `eta 06:00` typed at 07:05 reads as tomorrow's, 23 hours off: a local time or a slip far more often
            // than an estimate, and customers would be shown it.
            if case .clock = when, let at, !Calendar.utc.isDate(at, inSameDayAs: now), at.timeIntervalSince(now) > Self.tomorrowReach {
                throw .etaClockPassed(incident.id, at: at)
            }
            // `eta 99999h` would promise customers a fix in 2038: a slip, not an estimate.
            if let at, at.timeIntervalSince(now) > Self.furthestETA { throw .etaTooFar(incident.id, at: at) }
            guard at != incident.eta else { throw .unchanged(incident.id, what: at == nil ? "has no ETA" : "has that ETA") }
            return [event(.etaSet(at: at))]
        case .affects(_, let names, let impact):
            try requireOpen(incident)
            let page = policy.statusPageSettings
            var affected: [AffectedComponent] = []
            for name in names {
                guard let component = page.component(named: name) else { throw .unknownComponent(name, available: page.components.map(\.id)) }
                affected.append(AffectedComponent(id: component.id, impact: impact ?? .implied(by: incident.severity)))
            }
            // A component never marked is operational already.
            guard affected.contains(where: { (incident.components[$0.id] ?? .operational) != $0.impact }) else {
                throw .unchanged(incident.id, what: "affects those components that way")
            }
            return [event(.componentsAffected(affected))]
        case .notifyCustomers(_, let preview, let again):
            let role = try customerRole(for: incident)
            if preview { return [] }
            // The customer email given up since the last one was sent: customers never had it, so no `--again` needed.
            if let sent = incident.customersNotifiedAt, !again, (incident.customerEmailFailedAt ?? .distantPast) < sent {
                throw .customersAlreadyNotified(incident.id, at: sent)
            }
            return [event(.customersNotified(role: role))]
        default:
            return []
        }
    }

    /// How far ahead a time of day already past today may be read as tomorrow's, for an ETA.
    static let tomorrowReach: TimeInterval = 12 * 3_600

    /// The role the customer email goes to, if customers may be emailed about the incident: only what is on the
    /// status page may be said to them.
    public func customerRole(for incident: Incident) throws(CommandRejection) -> String {
        guard incident.publicFacing else { throw .notPublic(incident.id, command: "notify") }
        guard let role = policy.statusPageSettings.customers else { throw .noCustomerRole }
        return role
    }

    /// How far ahead an ETA may be: 30 days.
    static let furthestETA: TimeInterval = 30 * 86_400

    /// Text typed in chat as customers will read it: refused if it mentions anyone, Slack's links written out.
    static func forCustomers(_ text: String, typedOn platform: Platform, as kind: CommandRejection.PublicText) throws(CommandRejection) -> String {
        try requireNoMentions(in: text, typedOn: platform, for: kind)
        return ChatMarkup.plainLinks(text)
    }

    static func requireNoMentions(in text: String, typedOn platform: Platform, for kind: CommandRejection.PublicText) throws(CommandRejection) {
        let mentions = ChatMarkup.mentions(in: text, typedOn: platform)
        guard mentions.isEmpty else { throw .mentionsOnStatusPage(mentions, in: kind) }
    }

    private func requirePublic(_ incident: Incident, for command: IncidentCommand) throws(CommandRejection) {
        guard incident.publicFacing else { throw .notPublic(incident.id, command: command.name) }
    }
}
