import KlaxonDiscord
import KlaxonEmail
import KlaxonPolicy
import KlaxonSlack
import Logging

/// Builds the transports and the router from configuration.
public enum DeliverySetup {
    public static func make(
        _ configuration: KlaxonConfiguration, bundle: PolicyBundle, logger: Logger, clock: any WallClock = SystemWallClock()
    ) throws -> (transports: [any MessageTransport], router: DeliveryRouter) {
        let delivery = configuration.delivery
        let local = configuration.isLocalMode
        // The console always exists: local mode prints there; elsewhere it logs what nothing else could carry.
        var transports: [any MessageTransport] = [try ConsoleTransport(bundle: bundle) { place, text in
            if local {
                Console.write(text())
            } else {
                // Only where it was going, not the message: logs keep no incident text.
                logger.warning("A message had no transport left to carry it (none is configured, or only the one that is failing); it was not sent", metadata: ["delivery.destination": "\(place)"])
            }
        }]
        if let slack = delivery.slack {
            transports.append(try SlackTransport(
                api: SlackWebAPI(baseURL: slack.apiURL, token: slack.token), channel: slack.channel,
                roleIDs: bundle.people.slackIDs, policy: bundle.policy, templates: bundle.templates
            ))
        }
        if let discord = delivery.discord {
            transports.append(try DiscordTransport(
                rest: DiscordREST(baseURL: discord.apiURL, token: discord.token), channel: discord.channel,
                roleIDs: bundle.people.roles.mapValues(\.discord), policy: bundle.policy, templates: bundle.templates
            ))
        }
        if let mattermost = delivery.mattermost {
            transports.append(try MattermostTransport(
                api: MattermostAPI(baseURL: mattermost.apiURL, token: mattermost.token), channel: mattermost.channel,
                roleUsernames: bundle.people.mattermostUsernames, policy: bundle.policy, templates: bundle.templates
            ))
        }
        if let smtp = delivery.smtp {
            transports.append(try EmailTransport(client: SMTPClient(settings: smtp), people: bundle.people, policy: bundle.policy, templates: bundle.templates))
        }
        if let github = configuration.tickets.github {
            transports.append(try GitHubIssuesTransport(
                api: GitHubIssuesAPI(baseURL: github.apiURL, repository: github.repository, token: github.token),
                policy: bundle.policy, templates: bundle.templates
            ))
        }
        if let webhook = configuration.tickets.webhook {
            transports.append(TicketWebhookTransport(url: webhook.url, secret: webhook.secret))
        }
        if let statuspage = configuration.statuspage {
            let api = StatuspageAPI(
                baseURL: statuspage.apiURL, pageID: statuspage.pageID, key: statuspage.apiKey, pacer: RequestPacer(interval: 1, clock: clock)
            )
            transports.append(try StatuspageTransport(api: api, policy: bundle.policy, templates: bundle.templates))
        }
        let router = DeliveryRouter(
            chat: delivery.chatTransports.filter { name in transports.contains { $0.name == name } }, email: delivery.smtp != nil,
            people: bundle.people, trackers: configuration.tickets.trackers, statuspage: configuration.statuspage != nil, printsMessages: local
        )
        return (transports, router)
    }
}
