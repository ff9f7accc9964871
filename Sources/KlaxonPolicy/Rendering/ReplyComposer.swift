import Foundation
import KlaxonCore
import Synchronization

/// Renders what came of a command as a platform-neutral reply: announcements for the channel, everything else for the
/// sender only. Each chat adapter wraps the result in its own envelope.
public struct ReplyComposer: Sendable {
    /// A rendered reply.
    public struct Reply: Sendable, Equatable {
        /// Who sees it.
        public enum Visibility: Sendable, Equatable {
            /// Everyone in the channel: announcements.
            case channel
            /// Only the person who sent the command: errors, help, lists and notes.
            case sender
        }

        public let visibility: Visibility
        public let text: String
        /// The notices the text announces in the channel; empty for answers to the sender.
        public let announced: [Notice]
    }

    public let renderer: MessageRenderer
    public let facts: MessageFacts
    /// Help and runbooks depend only on the policy: rendered on first use, then reused.
    private let fixed = FixedReplies()
    /// The platform's limit on a reply, in UTF-16 code units (Discord's measure, never less than Slack's characters):
    /// list-like answers are cut to it with a "… and N more" line.
    public let maxLength: Int

    /// The most items of a list-like answer (open incidents, a timeline's entries) worth reading and rendering: no
    /// chat answer shows more. Mattermost's 16,383 characters hold about 250 lines, Slack's and Discord's far fewer;
    /// the rest are counted. Reading them all made `list` and `timeline` cost the whole list or history each time.
    public static let itemsReadAtMost = 300

    public init(renderer: MessageRenderer, maxLength: Int = .max) {
        self.renderer = renderer
        self.facts = MessageFacts(policy: renderer.policy, dialect: renderer.dialect)
        self.maxLength = maxLength
    }

    /// The reply for an outcome, as of `now`.
    public func reply(to outcome: CommandOutcome, now: Date) -> Reply {
        func toSender(_ kind: MessageKind, _ context: [String: Any]) -> Reply {
            Reply(visibility: .sender, text: renderer.render(kind, context), announced: [])
        }
        switch outcome {
        case .recorded(let incident, let events, let notices):
            let announced = notices.filter { if case .incidentChannel = $0.destination { true } else { false } }
            guard !announced.isEmpty else {
                // Nothing announced (a note, a fact for the review): confirm to the author only.
                let context = IncidentFacts(facts: facts, incident: incident, now: now, overriding: events.last.map { facts.event($0, in: incident) } ?? [:])
                let kind: MessageKind = if case .notePosted? = events.last?.change { .noteRecorded } else { .factRecorded }
                return Reply(visibility: .sender, text: renderer.render(kind, context), announced: [])
            }
            let text = announced.map { self.text(of: $0, incident: incident, now: now) }
            return Reply(visibility: .channel, text: text.joined(separator: "\n\n"), announced: announced)
        case .list(let incidents, let total): return listToSender(.incidentList, facts.list(incidents, total: total, now: now), items: "incidents", total: total)
        case .detail(let incident): return toSender(.incidentDetail, facts.detail(incident, now: now))
        case .timeline(let incident):
            let facts = facts.timeline(incident, newest: Self.itemsReadAtMost, now: now)
            return listToSender(.timeline, facts, items: "entries", newest: true, total: incident.version)
        case .actions(let incident): return listToSender(.actionList, facts.actions(incident, now: now), items: "actions")
        case .report(let incident, let file): return toSender(.reportReply, facts.reportReply(incident, file: file, now: now))
        case .customerEmailPreview(let incident):
            let context = facts.incident(incident, now: now).merging(facts.customerFacts(incident, now: now)) { _, new in new }
            let text = renderer.render(.customerEmailPreview, context) + "\n\n" + renderer.render(.customerEmail, context)
            return Reply(visibility: .sender, text: text, announced: [])
        case .runbook(let runbook): return fixed.reply("runbook:" + runbook.id) { toSender(.runbook, facts.runbook(runbook)) }
        case .runbooks: return fixed.reply("runbooks") { listToSender(.runbookList, facts.runbooks(), items: "runbooks") }
        case .help(let spec): return fixed.reply(spec.map { "help:" + $0.name } ?? "help") { toSender(.help, facts.help(spec)) }
        case .helpGroup(let group): return fixed.reply("help-group:" + group.name) { toSender(.help, facts.help(group: group)) }
        case .rejected(let rejection): return toSender(.error, facts.error(rejection))
        }
    }

    /// A list-like answer for the sender, cut to `maxLength`.
    private func listToSender(_ kind: MessageKind, _ context: [String: Any], items key: String, newest: Bool = false, total: Int? = nil) -> Reply {
        let text = ListFitter(renderer: renderer, maxLength: maxLength).text(kind, context, items: key, newest: newest, total: total)
        return Reply(visibility: .sender, text: text, announced: [])
    }

    /// The rendered text of one notice, as it would be posted.
    public func text(of notice: Notice, incident: Incident, now: Date) -> String {
        renderer.render(notice, facts.noticeFacts(notice, incident: incident, now: now))
    }
}

/// Replies that never change for a policy, kept once rendered.
private final class FixedReplies: Sendable {
    private let replies = Mutex<[String: ReplyComposer.Reply]>([:])

    func reply(_ key: String, render: () -> ReplyComposer.Reply) -> ReplyComposer.Reply {
        if let known = replies.withLock({ $0[key] }) { return known }
        let reply = render()
        replies.withLock { $0[key] = reply }
        return reply
    }
}
