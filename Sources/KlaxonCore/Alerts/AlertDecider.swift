import Foundation

/// Decides what a notification about an alert group means: a new incident, a change to the group's open incident,
/// or nothing (a re-send). Pure: the same group, incident, time and policy give the same decision.
public struct AlertDecider: Sendable {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// What a notification comes to.
    public enum Decision: Equatable, Sendable {
        /// Nothing to record: a re-send that changes nothing, or alerts resolving with no incident open for them.
        case nothing
        /// Declare an incident for the group now.
        case declare(Declaration)
        /// Propose the incident in the incidents channel; someone declares it with `/incident accept`.
        case propose(Declaration)
        /// The group's open proposal now declares this (alerts joined or resolved, so the severity or title may differ);
        /// no new message: the proposal is read when it is accepted.
        case reviseProposal(Declaration)
        /// Alerts joined the group's open proposal at a severity the policy declares at once (a critical alert beside
        /// a warning): declare now, the proposal taken up by the incident, instead of waiting for someone to accept.
        case declareProposed(Declaration)
        /// The whole group resolved before anyone accepted its proposal: withdraw it and say so.
        case withdrawProposal
        /// Record these events on the group's open incident.
        case record([IncidentEvent])
    }

    /// The channel an alert group's incident is filed under: how the store finds a group's open incident.
    public static func home(of group: AlertGroup) -> ChannelRef {
        ChannelRef(platform: Platform(group.source), id: group.filingID, name: group.receiver)
    }

    /// Decides a notification against the group's open incident, if it has one, else its open proposal, if it has one.
    /// The policy's `mode` for the severity chooses between declaring and proposing a group with neither.
    /// `previous` is the group's last incident, resolved, which a new declaration names; `last` that incident, when
    /// it could be read.
    public func decide(
        _ group: AlertGroup, open incident: Incident?, proposal: AlertProposal? = nil, previous: IncidentID? = nil, last: Incident? = nil,
        by actor: Participant, at now: Date
    ) -> Decision {
        guard let incident, incident.isOpen else {
            if let proposal, proposal.state == .open {
                guard !group.firing.isEmpty else { return .withdrawProposal }
                let revised = declaration(for: group, previous: previous, withdrawn: last?.withdrawal)
                if policy.alertRules.mode(for: revised.severity) == .declare { return .declareProposed(revised) }
                return revised == proposal.declaration ? .nothing : .reviseProposal(revised)
            }
            guard !group.firing.isEmpty else { return .nothing }
            // Resolved by people while its alerts still fired ("--force still firing but fine"): the sender repeats
            // them every `repeat_interval`, and each would declare and page everyone again. Alerts that fire anew
            // (started since) or join do.
            if let last, Self.stillFiring(group, resolved: last) { return .nothing }
            let declaration = declaration(for: group, previous: previous, withdrawn: last?.withdrawal)
            switch policy.alertRules.mode(for: declaration.severity) {
            case .declare: return .declare(declaration)
            case .propose: return .propose(declaration)
            }
        }
        let change = changes(group, since: incident.firingAlerts)
        guard !change.firing.isEmpty || !change.resolved.isEmpty else { return .nothing }
        var events = [IncidentEvent(at: now, actor: actor, change: .alertsChanged(change))]
        if change.allResolved, policy.alertRules.autoResolve.contains(incident.severity) {
            let reason = "the alert policy resolves \(incident.severity.label) incidents when all their alerts resolve"
            events.append(IncidentEvent(at: now, actor: actor, change: .resolved(summary: "All alerts resolved.", forcedReason: reason)))
        }
        return .record(events)
    }

    /// Whether every alert firing in the notification was firing on `resolved` when it was resolved, since before.
    static func stillFiring(_ group: AlertGroup, resolved incident: Incident) -> Bool {
        guard let resolvedAt = incident.resolvedAt, !group.firing.isEmpty else { return false }
        let known = Set(incident.firingAlerts.map(\.fingerprint))
        return group.firing.allSatisfy { known.contains($0.fingerprint) && $0.startsAt <= resolvedAt }
    }

    /// Alerts that fire now and were not firing, and alerts known to fire that resolved. An alert missing from the
    /// notification resolved only when the sender left none out (`truncatedAlerts` is 0).
    func changes(_ group: AlertGroup, since known: [AlertSummary]) -> AlertChange {
        let knownPrints = Set(known.map(\.fingerprint))
        let sent = Dictionary(group.alerts.map { ($0.fingerprint, $0.status) }) { first, _ in first }
        let firing = group.firing.filter { !knownPrints.contains($0.fingerprint) }.map { $0.summary(common: group.commonLabels) }
        let resolved = known.filter { alert in
            switch sent[alert.fingerprint] {
            case .resolved?: true
            case .firing?: false
            case nil: group.truncated == 0
            }
        }
        let stillFiring = known.count - resolved.count + Set(firing.map(\.fingerprint)).count
        return AlertChange(firing: firing, resolved: resolved, allResolved: stillFiring == 0)
    }

    /// The incident a firing group opens: severity from its most severe alert, title from the summary
    /// annotation (else `alertname` and the group labels), public-facing and kind from labels (public only when the
    /// title mentions nobody).
    public func declaration(for group: AlertGroup, previous: IncidentID? = nil, withdrawn: String? = nil) -> Declaration {
        let rules = policy.alertRules
        let firing = group.firing
        let labelSets = firing.isEmpty ? [group.commonLabels] : firing.map(\.labels)
        let severity = labelSets.map(rules.severity(of:)).min() ?? rules.defaultSeverity
        let publicFacing = labelSets.contains { ["true", "yes", "1"].contains($0[rules.publicLabel]?.lowercased() ?? "") }
        let kind = labelSets.lazy.compactMap { $0[rules.kindLabel].flatMap { IncidentKind(rawValue: $0.lowercased()) } }.first ?? .general
        var origin = AlertOrigin(
            source: group.source, key: group.key, firing: firing.map { $0.summary(common: group.commonLabels) }, link: group.link, previous: previous,
            previousWithdrawn: previous == nil ? nil : withdrawn
        )
        // From the alerts at the severity declared: a warning firing for weeks beside the critical alert that declared
        // is not when the incident began. A zero time (year 1, as a sender with no start fills it) says nothing.
        if previous == nil {
            origin.firingSince = firing.filter { rules.severity(of: $0.labels) == severity }.map(\.startsAt).filter { $0 > Self.noTime }.min()
        }
        let title = Declaration.heading(title(of: group)), home = Self.home(of: group)
        // A public title is what customers read: one naming a person, a group or a channel (`@here` in an alert's
        // summary) stays internal, as a typed one would be refused, until someone publishes it under a title for them.
        // The summary goes to whichever chat is configured, so every chat's way of mentioning counts.
        let named = Self.chats.contains { !ChatMarkup.mentions(in: title, typedOn: $0).isEmpty }
        if publicFacing && named { origin.publicWithheld = true }
        return Declaration(severity: severity, title: title, kind: kind, publicFacing: publicFacing && !named, channel: home, alerts: origin)
    }

    private static let chats: [Platform] = [.slack, .discord, .mattermost]
    /// 2000-01-01: before it, an alert's start is a placeholder.
    private static let noTime = Date(timeIntervalSince1970: 946_684_800)

    private func title(of group: AlertGroup) -> String {
        let annotation = policy.alertRules.titleAnnotation
        let summaries = group.commonAnnotations[annotation].map { [$0] } ?? group.firing.compactMap { $0.annotations[annotation] }
        var title = summaries.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        if title.isEmpty {
            let name = group.commonLabels["alertname"] ?? group.firing.first?.labels["alertname"] ?? "Alert"
            let others = group.groupLabels.filter { $0.key != "alertname" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            title = others.isEmpty ? name : "\(name) (\(others.joined(separator: ", ")))"
        }
        // Alert text is not typed by a person: cut it to the policy's limit rather than refuse the alert.
        let limit = policy.textLimits.title
        let scalars = title.unicodeScalars
        return scalars.count <= limit ? title : String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + "…"
    }
}
