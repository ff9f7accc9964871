import KlaxonCore
import Configuration

extension ConfigurationLoader {
    /// GitHub Issues (token, `owner/name`, API) and the ticket webhook (URL, signing secret): each needs all its parts.
    func tickets(_ reader: ConfigReader) throws(ConfigurationError) -> TicketConfiguration {
        var tickets = TicketConfiguration()
        let token = try secretValue(reader, key: "klaxon.github.token", variable: "KLAXON_GITHUB_TOKEN")
        let repository = reader.string(forKey: "klaxon.github.repo")
        switch (token, repository) {
        case (nil, nil):
            break
        case (nil, _):
            throw ConfigurationError("KLAXON_GITHUB_REPO is set but KLAXON_GITHUB_TOKEN is not: filing issues needs both")
        case (_, nil):
            throw ConfigurationError("KLAXON_GITHUB_TOKEN is set but KLAXON_GITHUB_REPO (owner/name) is not")
        case (let token?, let repository?):
            let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) } }) else {
                throw ConfigurationError("KLAXON_GITHUB_REPO must be owner/name, not '\(repository)'")
            }
            let api = reader.string(forKey: "klaxon.github.api.url") ?? TicketConfiguration.defaultGitHubAPI
            guard api.hasPrefix("https://") || api.hasPrefix("http://") else { throw ConfigurationError("KLAXON_GITHUB_API_URL must be an http(s) URL") }
            tickets.github = TicketConfiguration.GitHub(token: token, repository: repository, apiURL: api)
        }
        if let url = reader.string(forKey: "klaxon.ticket.webhook.url") {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw ConfigurationError("KLAXON_TICKET_WEBHOOK_URL must be an http(s) URL") }
            guard let secret = try secretValue(reader, key: "klaxon.ticket.webhook.secret", variable: "KLAXON_TICKET_WEBHOOK_SECRET") else {
                throw ConfigurationError("KLAXON_TICKET_WEBHOOK_URL is set but KLAXON_TICKET_WEBHOOK_SECRET (to sign the requests) is not")
            }
            tickets.webhook = TicketConfiguration.Webhook(url: url, secret: secret)
        }
        return tickets
    }
}

/// Where action items and P2/P3 incidents are filed as tickets.
public struct TicketConfiguration: Sendable, Equatable {
    /// GitHub Issues in one repository.
    public struct GitHub: Sendable, Equatable {
        public var token: String
        /// `owner/name`.
        public var repository: String
        public var apiURL: String
    }

    /// A signed outgoing webhook.
    public struct Webhook: Sendable, Equatable {
        public var url: String
        public var secret: String
    }

    public var github: GitHub?
    public var webhook: Webhook?

    public static let defaultGitHubAPI = "https://api.github.com"

    /// The ticket transports configured.
    public var trackers: [TransportName] {
        (github == nil ? [] : [.github]) + (webhook == nil ? [] : [.webhook])
    }
}
