import Hummingbird
import KlaxonCore
import KlaxonAPI
import OpenAPIHummingbird
import OpenAPIRuntime

extension KlaxonApplication {
    /// Mounts the JSON API (`/api/v1/…`, openapi.yaml) behind its token check and rate limit. Always mounted: without
    /// a tokens file every request is refused (401), which says what to configure.
    static func addAPIRoutes(to router: Router<some RequestContext>, desk: IncidentDesk, deps: Dependencies) throws {
        // A group of its own, so the token check guards exactly the API's routes, whatever their path looks like
        // (`//api/v1/…` reaches them too) and whatever routes are added after these.
        let api = router.group().add(middleware: APIAccessMiddleware(
            tokens: deps.configuration.apiTokens, limiter: RateLimiter(limit: deps.configuration.apiRateLimit, clock: deps.clock)
        ))
        let chats = deps.configuration.delivery.chatTransports
        let platforms: [TransportName: Platform] = [.slack: .slack, .discord: .discord, .mattermost: .mattermost]
        let posting: Platform? = chats.count == 1 ? platforms[chats[0]] : nil
        let service = try KlaxonAPIService(desk: desk, bundle: deps.bundle, clock: deps.clock, postingChat: posting)
        let configuration = Configuration(dateTranscoder: APIDateTranscoder())
        try service.registerHandlers(on: api, configuration: configuration, middlewares: [APIErrorMiddleware(logger: deps.logger)])
        let operations = RegisteredOperations()
        try service.registerHandlers(on: operations, configuration: configuration)
        MethodNotAllowed.addRoutes(to: api, allowing: operations.methods)
    }
}
