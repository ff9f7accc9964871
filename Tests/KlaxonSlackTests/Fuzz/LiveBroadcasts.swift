import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonSlack

/// Counts what would notify a whole channel in rendered text, per dialect, and renders what a command leads to.
struct LiveBroadcasts {
    /// Slack: every `<!…>` but a user group's `<!subteam^…>` notifies the channel (`<!channel>`, `<!here>`, `<!everyone>`).
    static func slack(_ text: String) -> Int {
        (text.components(separatedBy: "<!").count - 1) - (text.components(separatedBy: "<!subteam^").count - 1)
    }

    /// Mattermost: `@channel`, `@here`, `@all` not run on into a longer username, and Slack's `<!…>`.
    static func mattermost(_ text: String) -> Int {
        let pattern = /@(channel|here|all)(?![A-Za-z0-9_\-])/.ignoresCase()
        return text.matches(of: pattern).count + slack(text)
    }
}

/// Renders the replies a command leads to, with how many channel-wide mentions each may legitimately carry.
struct ReplyProbe {
    let policy: Policy
    let composer: ReplyComposer
    let announcer: Announcer
    let decider: IncidentDecider
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init(dialect: any ChatDialect) throws {
        policy = try PolicyLoader().loadDefault(templates: .defaults)
        composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: dialect), maxLength: SlackReply.maxLength)
        announcer = Announcer(policy: policy)
        decider = IncidentDecider(policy: policy)
    }

    /// An open P1 declared by someone else in the same channel.
    func existing(in channel: ChannelRef) -> Incident {
        let declaration = Declaration(severity: .p1, title: "Uploads failing", kind: .general, publicFacing: false, channel: channel)
        let event = IncidentEvent(at: now.addingTimeInterval(-600), actor: Participant(platform: channel.platform, id: "U0BOB", name: "bob"), change: .declared(declaration))
        return Incident(id: IncidentID(1), events: [event])!
    }

    /// Each reply text with the number of channel-wide mentions the policy allows in it (the P0 alert's ping).
    func replies(to command: IncidentCommand, by actor: Participant, in channel: ChannelRef) -> [(text: String, allowed: Int)] {
        let before: Incident? = if case .declare = command { nil } else { existing(in: channel) }
        let events: [IncidentEvent]
        do throws(CommandRejection) {
            events = try decider.decide(command, on: before, by: actor, in: channel, at: now)
        } catch {
            return [(composer.reply(to: .rejected(error), now: now).text, 0)]
        }
        guard let after = before.map({ events.reduce($0) { $0.evolved(by: $1) } }) ?? Incident(id: IncidentID(1), events: events) else { return [] }
        let version = before?.version ?? 0
        let notices = events.enumerated().flatMap { offset, event in announcer.notices(for: event, sequence: version + offset + 1, incident: after) }
        let recorded = composer.reply(to: .recorded(after, events: events, notices: notices), now: now)
        return [
            (recorded.text, recorded.announced.filter { $0.audience.contains(.channel) }.count),
            (composer.reply(to: .timeline(after), now: now).text, 0),
            (composer.reply(to: .detail(after), now: now).text, 0),
            (composer.reply(to: .list([after], total: 1), now: now).text, 0),
        ]
    }
}
