import Foundation
import KlaxonStore

/// Everything `klaxon serve` is configured with, read once at start-up and validated.
public struct KlaxonConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var dataDirectory: String
    /// An operator's policy file; `nil` uses the embedded playbook.
    public var policyPath: String?
    /// An operator's template directory, laid over the built-in templates.
    public var templatesDirectory: String?
    /// The people file: who each role is on each platform.
    public var peoplePath: String?
    /// Slack's signing secret; `nil` means local mode.
    public var slackSigningSecret: String?
    /// Outbound delivery: bot tokens, channels, SMTP.
    public var delivery: DeliveryConfiguration = DeliveryConfiguration()
    /// Discord's interactions endpoint: the application's public key (hex); `nil` leaves `/discord/interactions` unmounted.
    public var discordPublicKey: String?
    /// The Discord application's id (`klaxon commands register discord` uses it).
    public var discordApplicationID: String?
    /// Where deferred interaction answers go (`KLAXON_DISCORD_API_URL`), with or without a bot token; `nil` is Discord's.
    public var discordAPIURL: String?
    /// Mattermost's slash-command token; `nil` leaves `/mattermost/commands` unmounted.
    public var mattermostToken: String?
    /// How long a client may take to send a request, and how many connections are served at once.
    public var connections = ConnectionLimits()
    /// A PostgreSQL server for the incidents (`KLAXON_DATABASE_URL`); `nil` keeps them in the data directory's SQLite file.
    public var postgres: PostgresStoreSettings?
    /// Where incident reports are written as Markdown whenever they change (`KLAXON_REPORTS_DIR`); `nil` writes none.
    public var reportsDirectory: String?
    /// GitHub Issues and the ticket webhook, for action items and P2/P3 tickets.
    public var tickets = TicketConfiguration()
    /// The Atlassian Statuspage page public incidents are copied to; `nil` copies them nowhere.
    public var statuspage: StatuspageConfiguration?
    /// `/metrics` on a port of its own (`KLAXON_METRICS_PORT`); `nil` serves it on the main port.
    public var metricsPort: Int?
    /// The status page on a port of its own as well (`KLAXON_STATUS_PORT`), so only it need face the internet.
    public var statusPort: Int?
    /// Where users reach Klaxon's status page (`KLAXON_PUBLIC_URL`, e.g. `https://status.example.com`); links in feeds
    /// and emails are absolute with it, relative without.
    public var publicURL: String?
    /// HTTPS with these PEM files (`KLAXON_TLS_CERT`, `KLAXON_TLS_KEY`); `nil` serves plain HTTP (behind a proxy).
    public var tls: TLSFiles?
    /// Seconds SIGTERM waits for requests in flight and the current timer and delivery steps (`KLAXON_SHUTDOWN_GRACE`).
    public var shutdownGrace: TimeInterval = 25
    /// The tokens the JSON API and the alert hooks accept (`KLAXON_API_TOKENS_FILE`); none configured, none accepted.
    public var apiTokens = APITokens()
    /// How many API requests each token may make (`KLAXON_API_RATE_LIMIT`, per minute).
    public var apiRateLimit = RateLimiter.Limit.standard
    /// When `/readyz` says 503.
    public var readiness = Readiness.Limits()

    public static let defaultPort = 8080
    public static let defaultDataDirectory = "./data"

    public init(
        host: String, port: Int = defaultPort, dataDirectory: String = defaultDataDirectory,
        policyPath: String? = nil, templatesDirectory: String? = nil, peoplePath: String? = nil, slackSigningSecret: String? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.policyPath = policyPath
        self.templatesDirectory = templatesDirectory
        self.peoplePath = peoplePath
        self.slackSigningSecret = slackSigningSecret
    }

    /// Where the incidents are kept.
    public var store: StoreLocation {
        postgres.map(StoreLocation.postgres) ?? .embedded(directory: dataDirectory)
    }

    /// Local mode: no chat platform configured, loopback only, a generated secret for `klaxon say`.
    /// The status page's address for links in messages: `KLAXON_PUBLIC_URL`, or in local mode the loopback address
    /// it is served on. A server without it links to nothing rather than to an address users cannot reach.
    public var statusPageURL: String? {
        if let publicURL { return publicURL }
        guard isLocalMode else { return nil }
        // An IPv6 loopback (`::1`) goes in brackets in an address.
        let address = host.contains(":") ? "[\(host)]" : host
        return "\(tls == nil ? "http" : "https")://\(address):\(statusPort ?? port)"
    }

    public var isLocalMode: Bool { slackSigningSecret == nil && discordPublicKey == nil && mattermostToken == nil }
}

/// A configuration mistake, reported at start-up. Never includes a secret's value.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
