import Foundation
import Hummingbird
import HummingbirdCore
import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import KlaxonStore
import HummingbirdHTTP2
import Logging
import ServiceLifecycle

/// Builds the HTTP application without running it, so tests can drive it with `app.test(.router)`.
public enum KlaxonApplication {
    /// What the application needs from outside: all I/O and time are passed in.
    public struct Dependencies: Sendable {
        public var configuration: KlaxonConfiguration
        public var bundle: PolicyBundle
        public var store: any IncidentStore
        public var clock: any WallClock
        public var logger: Logger
        /// The signing secret in force (the configured one, or local mode's generated one); `nil` serves no Slack route.
        public var slackSigningSecret: String?
        /// The transports that drain the outbox (Slack, Discord, email, and always the console).
        public var transports: [any MessageTransport]
        /// Which transports carry each notice.
        public var router: DeliveryRouter
        public var retry: RetryPolicy
        /// The least time between two messages to one channel, per transport (Slack asks for about one a second).
        public var pacing: [TransportName: TimeInterval]
        /// How long a Discord command may take before the answer is deferred (0 always defers; tests use it).
        public var discordDeferAfter: TimeInterval = 2.5
        /// The same for Slack, whose late answers go through `response_url`.
        public var slackDeferAfter: TimeInterval = 2.5
        /// Called with the port once the server listens (local mode prints how to try it then, not before).
        public var onListening: @Sendable (_ port: Int) async -> Void = { _ in }
        /// The certificate pair HTTPS serves (and reloads); `nil` serves plain HTTP.
        public var tls: CertificateRotation?
        /// Klaxon's Prometheus metrics (`GET /metrics`).
        public var metrics = KlaxonMetrics()
        /// Whether the application runs the timekeeper and the outbox worker (route tests leave them out to stay deterministic).
        public var runsScheduler: Bool

        public init(
            configuration: KlaxonConfiguration, bundle: PolicyBundle, store: any IncidentStore, clock: any WallClock,
            logger: Logger, slackSigningSecret: String?, transports: [any MessageTransport] = [], router: DeliveryRouter = .console,
            retry: RetryPolicy = RetryPolicy(), pacing: [TransportName: TimeInterval] = [.slack: 1.0], runsScheduler: Bool = true
        ) {
            self.configuration = configuration
            self.bundle = bundle
            self.store = store
            self.clock = clock
            self.logger = logger
            self.slackSigningSecret = slackSigningSecret
            self.transports = transports
            self.router = router
            self.retry = retry
            self.pacing = pacing
            self.runsScheduler = runsScheduler
        }
    }

    /// The application and the desk behind it (loaded from the store).
    public static func build(_ deps: Dependencies) async throws -> some ApplicationProtocol {
        let renderer = try MessageRenderer(policy: deps.bundle.policy, templates: deps.bundle.templates, dialect: SlackDialect(roleIDs: deps.bundle.people.slackIDs))
        let responder = SlackResponder(renderer: renderer)
        let reports = try deps.configuration.reportsDirectory.map { directory in
            ReportWriter(
                directory: directory, report: try IncidentReport(policy: deps.bundle.policy, templates: deps.bundle.templates),
                clock: deps.clock, logger: deps.logger
            )
        }
        let onCommitted: @Sendable (Incident, [Notice]) -> Void = { incident, _ in reports?.changed(incident) }
        var reportFile: (@Sendable (Incident) -> String?)?
        if reports != nil { reportFile = { @Sendable incident -> String? in ReportWriter.fileName(incident) } }
        let desk = IncidentDesk(
            store: deps.store, policy: deps.bundle.policy, clock: deps.clock, logger: deps.logger, router: deps.router,
            metrics: deps.metrics, onCommitted: onCommitted, reportFile: reportFile
        )
        try await desk.prepare()
        let background = BackgroundWork()
        let listeners = try Listeners(deps)
        let router = listeners.router()
        ReadinessController(store: deps.store, clock: deps.clock, limits: deps.configuration.readiness).addRoutes(to: router)
        let metricsEndpoint = MetricsController(desk: desk, metrics: deps.metrics)
        var extraServices: [any Service] = []
        if let port = deps.configuration.metricsPort {
            // `/metrics` alone on its own port, so it need not be reachable where the chat platforms are.
            extraServices.append(listeners.application(host: deps.configuration.host, port: port, name: "klaxon-metrics") { metricsEndpoint.addRoutes(to: $0) })
        } else {
            metricsEndpoint.addRoutes(to: router)
        }
        if let secret = deps.slackSigningSecret {
            SlackCommandController(
                desk: desk, verifier: SlackSignatureVerifier(signingSecret: secret), responder: responder,
                clock: deps.clock, platform: .slack, announcesInThread: deps.configuration.delivery.slack != nil,
                delayed: SlackDelayedReply(deferAfter: deps.slackDeferAfter, allowedHosts: slackHooks(deps.configuration), logger: deps.logger),
                background: background
            ).addRoutes(to: router, path: "/slack/commands")
        }
        try addChatPlatformRoutes(to: router, desk: desk, background: background, deps: deps)
        // Always mounted: without a tokens file every request is refused (401), which says what to configure.
        AlertHookController(desk: desk, tokens: deps.configuration.apiTokens).addRoutes(to: router)
        try addAPIRoutes(to: router, desk: desk, deps: deps)
        let status = StatusController(
            store: deps.store,
            renderer: try StatusPageRenderer(policy: deps.bundle.policy, templates: deps.bundle.templates, baseURL: deps.configuration.statusPageURL ?? ""),
            clock: deps.clock, maxAge: 30
        )
        status.addRoutes(to: router)
        if let port = deps.configuration.statusPort {
            // The status page alone on its own port: the one listener an operator may expose to the internet.
            extraServices.append(listeners.application(host: deps.configuration.host, port: port, name: "klaxon-status") { status.addRoutes(to: $0) })
        }
        let scheduler = IncidentScheduler(desk: desk, clock: deps.clock, logger: deps.logger)
        let worker = OutboxWorker(
            store: deps.store, policy: deps.bundle.policy, transports: deps.transports, clock: deps.clock, logger: deps.logger,
            wake: desk.outboxChanges, retry: deps.retry, pacing: deps.pacing, metrics: deps.metrics
        ) { problem in
            await desk.recordDeliveryProblem(problem)
        } filed: { incident, ticket in
            await desk.recordTicket(ticket, of: incident)
        } linked: { incident, change in
            await desk.recordStatuspage(change, of: incident)
        }
        if let tls = deps.tls {
            extraServices.append(CertificateReloader(rotation: tls, clock: deps.clock, logger: deps.logger))
        }
        return Application(
            router: router,
            server: listeners.server,
            configuration: listeners.configuration(host: deps.configuration.host, port: deps.configuration.port, name: "klaxon"),
            // The background work is always there: deferred answers need it, in tests too.
            services: [background] + extraServices + (deps.runsScheduler ? [scheduler, worker] : []) + (reports.map { [$0 as any Service] } ?? []),
            onServerRunning: { channel in await deps.onListening(channel.localAddress?.port ?? deps.configuration.port) },
            logger: deps.logger
        )
    }

    /// Hosts Slack's `response_url` may name: Slack's own, and the configured API's (a proxy, or a test).
    static func slackHooks(_ configuration: KlaxonConfiguration) -> Set<String> {
        let api = configuration.delivery.slack.flatMap { URLComponents(string: $0.apiURL)?.host }
        return Set(["hooks.slack.com"] + (api.map { [$0] } ?? []))
    }
}
