import Foundation
import KlaxonServer
import Testing

@Suite("Ticket configuration")
struct TicketConfigurationTests {
    @Test("GitHub and the webhook are read with their defaults, and each needs all its parts")
    func gitHubAndTheWebhookAreRead() throws {
        let configuration = try ConfigurationLoader(environment: [
            "KLAXON_GITHUB_TOKEN": "ghp_x", "KLAXON_GITHUB_REPO": "acme/ops",
            "KLAXON_TICKET_WEBHOOK_URL": "https://hooks.example.com/klaxon", "KLAXON_TICKET_WEBHOOK_SECRET": "s3cret",
            "KLAXON_REPORTS_DIR": "/srv/postmortems",
        ]).load()
        #expect(configuration.tickets.github?.apiURL == "https://api.github.com")
        #expect(configuration.tickets.github?.repository == "acme/ops")
        #expect(configuration.tickets.webhook?.secret == "s3cret")
        #expect(configuration.tickets.trackers == [.github, .webhook])
        #expect(configuration.reportsDirectory == "/srv/postmortems")
    }

    @Test("Incomplete or malformed ticket settings stop start-up with what to fix", arguments: [
        (["KLAXON_GITHUB_REPO": "acme/ops"], "KLAXON_GITHUB_REPO is set but KLAXON_GITHUB_TOKEN is not: filing issues needs both"),
        (["KLAXON_GITHUB_TOKEN": "ghp_x"], "KLAXON_GITHUB_TOKEN is set but KLAXON_GITHUB_REPO (owner/name) is not"),
        (["KLAXON_GITHUB_TOKEN": "ghp_x", "KLAXON_GITHUB_REPO": "ops"], "KLAXON_GITHUB_REPO must be owner/name, not 'ops'"),
        (["KLAXON_TICKET_WEBHOOK_URL": "https://hooks.example.com"],
         "KLAXON_TICKET_WEBHOOK_URL is set but KLAXON_TICKET_WEBHOOK_SECRET (to sign the requests) is not"),
    ])
    func incompleteTicketSettingsStopStartUp(environment: [String: String], message: String) {
        #expect(throws: ConfigurationError(message)) { try ConfigurationLoader(environment: environment).load() }
    }
}
