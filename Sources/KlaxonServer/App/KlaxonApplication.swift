import Foundation
import Hummingbird
import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import KlaxonStore
import Logging

/// Builds the HTTP application without running it, so tests can drive it with `app.test(.router)`.
public enum KlaxonApplication {
    /// What the application needs from outside: all I/O and time are passed in.
    public struct Dependencies: Sendable {
        public var configuration: KlaxonConfiguration
        public var bundle: PolicyBundle
        public var store: any IncidentStore
        public var clock: any WallClock
        public var logger: Logger
        /// The signing secret in force (the configured one, or local mode's generated one).
        public var slackSigningSecret: String
        /// Where announcements go until delivery exists: local mode prints them.
        public var announce: @Sendable (String) -> Void
        /// Whether the application runs the timekeeper (route tests leave it out to stay deterministic).
        public var runsScheduler: Bool

        public init(
            configuration: KlaxonConfiguration, bundle: PolicyBundle, store: any IncidentStore, clock: any WallClock,
            logger: Logger, slackSigningSecret: String, announce: @escaping @Sendable (String) -> Void = { _ in },
            runsScheduler: Bool = true
        ) {
            self.configuration = configuration
            self.bundle = bundle
            self.store = store
            self.clock = clock
            self.logger = logger
            self.slackSigningSecret = slackSigningSecret
            self.announce = announce
            self.runsScheduler = runsScheduler
        }
    }

    /// The application and the desk behind it (loaded from the store).
    public static func build(_ deps: Dependencies) async throws -> some ApplicationProtocol {
        let renderer = try MessageRenderer(policy: deps.bundle.policy, templates: deps.bundle.templates, dialect: SlackDialect(roleIDs: deps.bundle.people.slackIDs))
        let responder = SlackResponder(renderer: renderer)
        let clock = deps.clock
        let announce = deps.announce
        let desk = IncidentDesk(store: deps.store, policy: deps.bundle.policy, clock: clock, logger: deps.logger) { incident, notices in
            for notice in notices {
                announce("[\(notice.destination.label)] " + responder.text(of: notice, incident: incident, now: clock.now))
            }
        }
        try await desk.load()
        let router = Router()
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        SlackCommandController(
            desk: desk, verifier: SlackSignatureVerifier(signingSecret: deps.slackSigningSecret), responder: responder,
            clock: deps.clock, platform: "slack"
        ).addRoutes(to: router, path: "/slack/commands")
        let scheduler = IncidentScheduler(desk: desk, clock: deps.clock, logger: deps.logger)
        return Application(
            router: router,
            configuration: .init(address: .hostname(deps.configuration.host, port: deps.configuration.port), serverName: "klaxon"),
            services: deps.runsScheduler ? [scheduler] : [],
            logger: deps.logger
        )
    }
}

extension Destination {
    /// A short label for console output.
    var label: String {
        switch self {
        case .incidentChannel(let channel): "#\(channel.name ?? channel.id)"
        case .role(let role): "to \(role)"
        case .email(let role): "email to \(role)"
        }
    }
}
