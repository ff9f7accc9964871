import Hummingbird
import Logging

/// `GET /metrics`: the Prometheus text exposition, with the gauges read from the store at scrape time.
struct MetricsController: Sendable {
    let desk: IncidentDesk
    let metrics: KlaxonMetrics

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/metrics") { _, context in
            await scrape(logger: context.logger)
        }
    }

    func scrape(logger: Logger) async -> Response {
        do {
            metrics.observe(try await desk.metricsSnapshot())
        } catch {
            // The counters are still worth having; the gauges keep their last values (readiness says why).
            logger.warning("Metrics: could not read the store's gauges", metadata: ["error.type": "\(type(of: error))"])
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition()))
        )
    }
}
