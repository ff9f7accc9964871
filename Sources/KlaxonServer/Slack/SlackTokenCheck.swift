import KlaxonPolicy
import KlaxonSlack
import Logging
import ServiceLifecycle

/// At start-up, asks Slack whether the bot token works (`auth.test`), so a revoked or mistyped token is in the log
/// when the server starts, not found when a P0's alert fails to reach the channel. Slash commands are answered
/// either way; a token Slack refuses stops only what Klaxon posts on its own.
struct SlackTokenCheck: Service, CustomStringConvertible {
    let api: SlackWebAPI
    let logger: Logger

    /// ServiceLifecycle logs each service as it starts and stops: by name, never with the token it holds.
    var description: String { "SlackTokenCheck" }

    enum Outcome: Equatable {
        case works(team: String)
        case refused(String)
        case unreachable(String)
    }

    static func check(_ api: SlackWebAPI) async -> Outcome {
        do {
            return .works(team: try await api.call("auth.test", [:])["team"] as? String ?? "")
        } catch {
            switch error {
            case .permanent(let reason): return .refused(reason)
            case .transient, .rateLimited: return .unreachable(error.reason)
            }
        }
    }

    func run() async throws {
        // A server stopped while Slack has not answered yet does not wait for it.
        let outcome = try? await cancelWhenGracefulShutdown { await Self.check(api) }
        guard let outcome, !Task.isShuttingDownGracefully else { return }
        switch outcome {
        case .works(let team):
            logger.info("Slack accepted the bot token", metadata: ["slack.team": "\(team)"])
        case .refused(let reason):
            logger.error(
                "Slack refused the bot token: no alert, nudge or escalation reaches Slack until it is replaced (KLAXON_SLACK_BOT_TOKEN)",
                metadata: ["error": "\(reason)"]
            )
        case .unreachable(let reason):
            logger.warning("Could not reach Slack to check the bot token; messages wait in the outbox until it answers", metadata: ["error": "\(reason)"])
        }
        // Done: it waits for the others, as a service that returned would stop the server.
        try? await gracefulShutdown()
    }
}
