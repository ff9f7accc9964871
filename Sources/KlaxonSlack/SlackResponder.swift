import Foundation
import KlaxonCore
import KlaxonPolicy

/// Turns what came of a command into Slack's reply: announcements in the channel, everything else ephemeral.
public struct SlackResponder: Sendable {
    public let renderer: MessageRenderer
    private let facts: MessageFacts

    public init(renderer: MessageRenderer) {
        self.renderer = renderer
        self.facts = MessageFacts(policy: renderer.policy, dialect: renderer.dialect)
    }

    /// The reply for an outcome, as of `now`.
    public func reply(to outcome: CommandOutcome, now: Date) -> SlackReply {
        switch outcome {
        case .recorded(let incident, let events, let notices):
            let announced = notices.filter { if case .incidentChannel = $0.destination { true } else { false } }
            guard !announced.isEmpty else {
                // Nothing announced (a note): confirm to the author only.
                let event = events.last.map { facts.event($0, in: incident) } ?? [:]
                let context = facts.incident(incident, now: now).merging(event) { _, new in new }
                return SlackReply(.ephemeral, text: renderer.render(.noteRecorded, context))
            }
            let text = announced.map { renderer.render($0, facts.notice($0, incident: incident, now: now)) }
            return SlackReply(.inChannel, text: text.joined(separator: "\n\n"))
        case .list(let incidents):
            return SlackReply(.ephemeral, text: renderer.render(.incidentList, facts.list(incidents, now: now)))
        case .detail(let incident):
            return SlackReply(.ephemeral, text: renderer.render(.incidentDetail, facts.detail(incident, now: now)))
        case .timeline(let incident):
            return SlackReply(.ephemeral, text: renderer.render(.timeline, facts.timeline(incident, now: now)))
        case .runbook(let runbook):
            return SlackReply(.ephemeral, text: renderer.render(.runbook, facts.runbook(runbook)))
        case .runbooks:
            return SlackReply(.ephemeral, text: renderer.render(.runbookList, facts.runbooks()))
        case .help(let spec):
            return SlackReply(.ephemeral, text: renderer.render(.help, facts.help(spec)))
        case .rejected(let rejection):
            return SlackReply(.ephemeral, text: renderer.render(.error, facts.error(rejection)))
        }
    }

    /// The rendered text of one notice, as it would be posted (local mode prints these).
    public func text(of notice: Notice, incident: Incident, now: Date) -> String {
        renderer.render(notice, facts.notice(notice, incident: incident, now: now))
    }
}
