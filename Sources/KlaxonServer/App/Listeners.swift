import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import Logging
import ServiceLifecycle

/// How every port Klaxon listens on is served, the main one and the separate status and metrics ports alike: TLS
/// when configured (h2 and http/1.1), each request's deadline, the connection limit, and the `RequestFrame` (request
/// id, timing, body limit). The status port is the one an operator exposes to the internet: it must be no less
/// guarded than the main one.
struct Listeners {
    let server: HTTPServerBuilder
    let limits: ConnectionLimits
    let frame: RequestFrame
    let logger: Logger

    init(_ deps: KlaxonApplication.Dependencies) throws {
        let timeout = deps.configuration.connections.requestTimeout
        limits = deps.configuration.connections
        logger = deps.logger
        let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [RequestDeadlineHandler(timeout: timeout)])
        if let tls = deps.tls {
            // ALPN offers h2 and http/1.1; every new connection's handshake asks the rotation for the current pair.
            server = try .http2Upgrade(tlsConfiguration: tls.serverConfiguration(), configuration: .init(streamConfiguration: http1))
        } else {
            server = .http1(configuration: http1)
        }
        frame = RequestFrame(
            timing: RequestTiming(metrics: deps.metrics),
            bodyLimit: ContentLengthLimit(maxBodySize: SlackCommandController.maxBodySize, allowances: [
                .init(prefix: "/hooks/", limit: AlertHookController.maxBodySize, refusal: AlertHookController.tooLarge),
                .init(
                    prefix: "/api/", limit: APIAccessMiddleware<BasicRequestContext>.maxBodySize,
                    refusal: APIAccessMiddleware<BasicRequestContext>.tooLarge
                ),
            ])
        )
    }

    /// A router whose every request passes through the frame.
    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: frame)
        return router
    }

    /// A port's address and name, with the connection limit (each port its own).
    func configuration(host: String, port: Int, name: String) -> ApplicationConfiguration {
        .init(
            address: .hostname(host, port: port), serverName: name,
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)
        )
    }

    /// A separate port serving only what `addRoutes` adds.
    func application(host: String, port: Int, name: String, _ addRoutes: (Router<BasicRequestContext>) -> Void) -> some Service {
        let router = router()
        addRoutes(router)
        return Application(router: router, server: server, configuration: configuration(host: host, port: port, name: name), logger: logger)
    }
}
