import Foundation
import Hummingbird
import KlaxonPolicy
import KlaxonSlack
import KlaxonStore
import Logging
import NIOCore
import ServiceLifecycle

/// Runs `klaxon serve`: loads configuration, policy and store, then serves until stopped.
public enum KlaxonServer {
    public static func serve(_ configuration: KlaxonConfiguration, logger: Logger) async throws {
        let bundle = try PolicyBundle.load(
            policyPath: configuration.policyPath, templatesDirectory: configuration.templatesDirectory, peoplePath: configuration.peoplePath
        ).published(at: configuration.statusPageURL)
        if !bundle.unconfiguredRoles.isEmpty {
            logger.warning(
                "Roles named by the policy have no one configured: they are named in messages but nobody is pinged. Add them to the people file (KLAXON_PEOPLE).",
                metadata: ["policy.roles": "\(bundle.unconfiguredRoles.joined(separator: ", "))"]
            )
        }
        if !configuration.isLocalMode, configuration.delivery.chatTransports.isEmpty {
            logger.warning("No bot token (KLAXON_SLACK_BOT_TOKEN, KLAXON_DISCORD_BOT_TOKEN or KLAXON_MATTERMOST_BOT_TOKEN): slash commands are answered, but nudges and escalations can only be logged")
        }
        // The embedded database is this server's alone: what it finds claimed, a crashed run was sending.
        var lock: DataDirectoryLock?
        if case .embedded(let directory?) = configuration.store { lock = try DataDirectoryLock.acquire(in: directory) }
        defer { lock?.release() }
        let handle = try await openStore(configuration.store, logger: logger, backgroundCheckpoints: true)
        if lock != nil {
            do {
                let taken = try await handle.store.endClaims(at: Date())
                if taken > 0 {
                    logger.notice("Messages the last run was sending when it stopped are looked up and sent now", metadata: ["outbox.claims": "\(taken)"])
                }
            } catch {
                // Not fatal: their claims lapse on their own, in at most 20 s.
                logger.warning("Could not take back the last run's claims", metadata: ["error": "\(describeStoreFailure(error))"])
            }
        }
        // Local mode makes its own secret for `klaxon say`; a server for Discord or Mattermost only serves no Slack route.
        let secret = try configuration.slackSigningSecret
            ?? (configuration.isLocalMode ? LocalSecret.loadOrCreate(in: configuration.dataDirectory) : nil)
        let local = configuration.isLocalMode
        let (transports, router) = try DeliverySetup.make(configuration, bundle: bundle, logger: logger)
        var deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: bundle, store: handle.store, clock: SystemWallClock(), logger: logger,
            slackSigningSecret: secret, transports: transports, router: router
        )
        if local { deps.onListening = { _ in printLocalModeHelp(configuration) } }
        if let files = configuration.tls {
            do throws(TLSPairError) {
                deps.tls = try CertificateRotation(files: files, now: Date(), logger: logger)
            } catch {
                try? await handle.close()
                throw ConfigurationError("HTTPS: \(error.description)")
            }
        }
        do {
            let application = try await KlaxonApplication.build(deps)
            // SIGTERM: the server stops accepting and lets requests in flight finish, then the scheduler and the worker
            // stop after their current step; past the grace period whatever is left is cancelled.
            let checkpoints = handle.checkpoint.map { WALCheckpointer(checkpoint: $0, clock: SystemWallClock(), logger: logger) }
            let tokenChecks: [any Service] = [
                configuration.delivery.slack.map { BotTokenCheck.slack(SlackWebAPI(baseURL: $0.apiURL, token: $0.token, timeout: .seconds(5)), logger: logger) },
                configuration.delivery.mattermost.map {
                    BotTokenCheck.mattermost(MattermostAPI(baseURL: $0.apiURL, token: $0.token, timeout: .seconds(5)), channel: $0.channel, logger: logger)
                },
            ].compactMap { $0 }
            var group = ServiceGroupConfiguration(
                // Services stop in reverse order: the server first (its requests drain while checkpoints go on), then this.
                services: (checkpoints.map { [$0 as any Service] } ?? []) + [HeapTrimmer(clock: SystemWallClock())] + tokenChecks + [application],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
            )
            group.maximumGracefulShutdownDuration = .milliseconds(Int64(configuration.shutdownGrace * 1000))
            try await ServiceGroup(configuration: group).run()
            // An operator watching the log sees the stop was orderly (SIGTERM, SIGINT), not a crash.
            logger.notice("Klaxon stopped")
        } catch {
            try? await handle.close()
            if let error = error as? IOError, error.errnoCode == EADDRINUSE {
                throw ConfigurationError("port \(configuration.port) on \(configuration.host) is already in use: stop what runs there, or choose another with --port or KLAXON_PORT")
            }
            throw error
        }
        try await handle.close()
    }

    /// Opens the store, turning what an operator must fix into a configuration error that says what to do.
    public static func openStore(_ location: StoreLocation, logger: Logger, backgroundCheckpoints: Bool = false) async throws -> StoreHandle {
        do {
            let handle = try await location.open(logger: logger, backgroundCheckpoints: backgroundCheckpoints)
            logger.info("Store open", metadata: ["store": "\(location)", "store.engine": "\(handle.store.engineName)"])
            return handle
        } catch StoreError.schemaTooNew(let found, let known) {
            throw ConfigurationError(
                "the database (\(location)) has schema \(found), newer than this Klaxon knows (\(known)): run the newer Klaxon, or restore a backup"
            )
        } catch StoreError.unreachable(let why) {
            throw ConfigurationError(why)
        } catch StoreError.badDatabaseURL(let why) {
            throw ConfigurationError("KLAXON_DATABASE_URL: \(why)")
        }
    }

    private static func printLocalModeHelp(_ configuration: KlaxonConfiguration) {
        // `say` needs the same port and data directory to find the bot and its secret.
        var options = ""
        if configuration.port != KlaxonConfiguration.defaultPort { options += " --port \(configuration.port)" }
        if configuration.dataDirectory != KlaxonConfiguration.defaultDataDirectory { options += " --data-dir \(configuration.dataDirectory)" }
        let sayOptions = options
        let say = sayInvocation(startedAs: CommandLine.arguments.first ?? "")
        Console.write("""

        Klaxon is running in local mode (no KLAXON_SLACK_SIGNING_SECRET set).
          Listening on \(configuration.tls == nil ? "http" : "https")://\(configuration.host):\(configuration.port) (loopback only)
          Data: \(configuration.store)
          Every message the bot would post is printed here.
          Status page: \(configuration.statusPageURL ?? "")/status

        Try it from a second terminal:
          \(say) say\(sayOptions) '/incident p0 Uploads failing for everyone --public'
          \(say) say\(sayOptions) '/incident commander me'
          \(say) say\(sayOptions) '/incident help'

        """)
    }
}

extension KlaxonServer {
    /// How to run `klaxon` from a second terminal: as this binary was started (`./klaxon`), or as the README starts
    /// it when it runs from a build folder.
    static func sayInvocation(startedAs path: String) -> String {
        path.isEmpty || path.hasPrefix(".build") || path.contains("/.build") ? "swift run klaxon" : path
    }
}

/// Unbuffered standard output, so local mode's messages show at once even when piped to a file.
enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
