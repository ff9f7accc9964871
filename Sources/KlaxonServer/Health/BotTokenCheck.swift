import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import Logging
import ServiceLifecycle

/// At start-up, asks the chat platform whether the bot token works (Slack's `auth.test`, Mattermost's `/users/me`,
/// and there whether the bot is in the incidents channel), so a revoked or mistyped token or a wrong channel is in
/// the log when the server starts, not found when a P0's alert fails to reach the channel. Slash commands are answered either way; a token the platform refuses stops only what Klaxon posts
/// on its own.
struct BotTokenCheck: Service, CustomStringConvertible {
    let platform: TransportName
    /// Asks the platform; holds the token, so it is never printed.
    let probe: @Sendable () async -> Outcome
    let logger: Logger

    /// ServiceLifecycle logs each service as it starts and stops: by name, never with the token it holds.
    var description: String { "\(platform.displayName)TokenCheck" }

    enum Outcome: Equatable {
        /// Accepted, as whom (Slack's team, Mattermost's bot username).
        case works(as: String)
        case refused(String)
        case unreachable(String)
        /// The token works, but the bot cannot post in the incidents channel (no such channel, not a member).
        case cannotPost(channel: String, String)

        init(_ failure: DeliveryFailure) {
            switch failure {
            case .permanent(let reason): self = .refused(reason)
            case .transient, .rateLimited, .notSent: self = .unreachable(failure.reason)
            }
        }
    }

    static func slack(_ api: SlackWebAPI, logger: Logger) -> BotTokenCheck {
        BotTokenCheck(platform: .slack, probe: { await check(api) }, logger: logger)
    }

    static func mattermost(_ api: MattermostAPI, channel: String, logger: Logger) -> BotTokenCheck {
        BotTokenCheck(platform: .mattermost, probe: { await check(api, channel: channel) }, logger: logger)
    }

    static func check(_ api: SlackWebAPI) async -> Outcome {
        do {
            return .works(as: try await api.call("auth.test", [:])["team"] as? String ?? "")
        } catch {
            return Outcome(error)
        }
    }

    static func check(_ api: MattermostAPI, channel: String) async -> Outcome {
        let bot: String
        do {
            bot = (try await api.get("/users/me") as? [String: Any])?["username"] as? String ?? ""
        } catch {
            return Outcome(error)
        }
        do {
            // The bot's own membership: a bot outside the channel (or a mistyped id) posts nothing there.
            _ = try await api.get("/channels/\(channel)/members/me")
            return .works(as: bot)
        } catch {
            guard case .permanent(let reason) = error else { return Outcome(error) }
            return .cannotPost(channel: channel, reason)
        }
    }

    func run() async throws {
        // A server stopped while the platform has not answered yet does not wait for it.
        let outcome = try? await cancelWhenGracefulShutdown { await probe() }
        guard let outcome, !Task.isShuttingDownGracefully else { return }
        let name = platform.displayName
        switch outcome {
        case .works(let who):
            logger.info("\(name) accepted the bot token", metadata: ["\(platform).account": "\(who)"])
        case .refused(let reason):
            logger.error(
                "\(name) refused the bot token: no alert, nudge or escalation reaches \(name) until it is replaced (KLAXON_\(platform.rawValue.uppercased())_BOT_TOKEN)",
                metadata: ["error": "\(reason)"]
            )
        case .unreachable(let reason):
            logger.warning("Could not reach \(name) to check the bot token; messages wait in the outbox until it answers", metadata: ["error": "\(reason)"])
        case .cannotPost(let channel, let reason):
            logger.error(
                "\(name) accepted the bot token, but the bot is not in the incidents channel \(channel): no alert reaches it until the bot is added or the id is fixed (KLAXON_\(platform.rawValue.uppercased())_CHANNEL)",
                metadata: ["error": "\(reason)"]
            )
        }
        // Done: it waits for the others, as a service that returned would stop the server.
        try? await gracefulShutdown()
    }
}
