import Hummingbird
import KlaxonDiscord
import KlaxonPolicy
import KlaxonSlack

extension KlaxonApplication {
    /// Mounts the endpoints of the chat platforms beside Slack that are configured: Discord and Mattermost.
    static func addChatPlatformRoutes(to router: Router<some RequestContext>, desk: IncidentDesk, background: BackgroundWork, deps: Dependencies) throws {
        let configuration = deps.configuration
        let bundle = deps.bundle
        if let key = configuration.discordPublicKey {
            let dialect = DiscordDialect(roleIDs: bundle.people.roles.mapValues(\.discord))
            let renderer = try MessageRenderer(policy: bundle.policy, templates: bundle.templates, dialect: dialect)
            DiscordInteractionController(
                desk: desk, verifier: try DiscordSignatureVerifier(publicKeyHex: key), responder: DiscordResponder(renderer: renderer),
                clock: deps.clock, announcesElsewhere: configuration.delivery.discord != nil,
                followUp: DiscordFollowUp(
                    rest: DiscordREST(
                        baseURL: configuration.delivery.discord?.apiURL ?? configuration.discordAPIURL ?? DeliveryConfiguration.defaultDiscordAPI, token: ""
                    ),
                    deferAfter: deps.discordDeferAfter, logger: deps.logger, clock: deps.clock
                ),
                background: background
            ).addRoutes(to: router, path: "/discord/interactions")
        }
        if let token = configuration.mattermostToken {
            let dialect = MattermostDialect(roleUsernames: bundle.people.mattermostUsernames)
            let renderer = try MessageRenderer(policy: bundle.policy, templates: bundle.templates, dialect: dialect)
            // With a bot posting the incident's messages, answers are for the one who typed the command, as on Slack.
            SlackCommandController(
                desk: desk, verifier: MattermostTokenVerifier(token: token), responder: SlackResponder(renderer: renderer),
                clock: deps.clock, platform: .mattermost, announcesInThread: configuration.delivery.mattermost != nil, background: background
            ).addRoutes(to: router, path: "/mattermost/commands")
        }
    }
}
