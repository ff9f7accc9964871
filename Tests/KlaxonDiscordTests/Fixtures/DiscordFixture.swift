import Foundation
import KlaxonCore
import KlaxonDiscord
import KlaxonPolicy

/// The shipped policy rendered for Discord, and outcomes decided by the real core.
enum DiscordFixture {
    static let nelly = Participant(platform: .discord, id: "80351110224678912", name: "Nelly")
    static let bob = Participant(platform: .discord, id: "53908232506183680", name: "bob")
    static let channel = ChannelRef(platform: .discord, id: "41771983423143937", name: "incidents")
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func responder(roleIDs: [String: [String]] = [:]) throws -> DiscordResponder {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        return DiscordResponder(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: DiscordDialect(roleIDs: roleIDs)))
    }

    /// What the desk would return for `command` on `incident` (nil: a declaration).
    static func outcome(_ command: IncidentCommand, on incident: Incident? = nil, by actor: Participant = nelly) throws -> CommandOutcome {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let events = try IncidentDecider(policy: policy).decide(command, on: incident, by: actor, in: channel, at: now)
        let after: Incident
        if let incident {
            after = events.reduce(incident) { $0.evolved(by: $1) }
        } else {
            guard let declared = Incident(id: IncidentID(1), events: events) else { throw FixtureError() }
            after = declared
        }
        let first = incident?.version ?? 0
        let notices = events.enumerated().flatMap { offset, event in
            Announcer(policy: policy).notices(for: event, sequence: first + offset + 1, incident: after)
        }
        return .recorded(after, events: events, notices: notices)
    }

    /// The incident a recorded outcome left.
    static func incident(of outcome: CommandOutcome) throws -> Incident {
        guard case .recorded(let incident, _, _) = outcome else { throw FixtureError() }
        return incident
    }

    struct FixtureError: Error {}
}
