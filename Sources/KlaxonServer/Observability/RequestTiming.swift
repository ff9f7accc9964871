import Hummingbird

/// Times every request into `klaxon_http_request_duration_seconds{route,method,status_class}`.
///
/// Hummingbird's own `MetricsMiddleware` reports to the process-wide `MetricsSystem` under OpenTelemetry names and by
/// status code; this keeps Klaxon's registry (one per application, so tests don't share counts), the `klaxon_`
/// prefix, and status classes, which is what the alerting rules need. Unmatched paths share one route label, so a
/// scanner cannot grow the label set.
struct RequestTiming: Sendable {
    let metrics: KlaxonMetrics

    /// The route pattern that answered; paths no route matches share one label (Hummingbird's router names them
    /// "NotFound"), so a scan of made-up paths adds no series.
    static func route(_ context: BasicRequestContext) -> String {
        guard let path = context.endpointPath, path.hasPrefix("/") else { return "unmatched" }
        return path
    }

    /// Records an answered request, or, for a body streamed after the handler returns, wraps it to record at its end.
    func answered(
        _ response: Response, method: String, context: BasicRequestContext, since start: ContinuousClock.Instant
    ) -> Response {
        let status = response.status.code
        let route = Self.route(context)
        let metrics = self.metrics
        // Klaxon's bodies of known length (buffers, encoded JSON) are in memory when the handler returns, so their
        // time is all here; wrapping them would cost Hummingbird's single-write path (head, body and end in one pass
        // and one event-loop hop). A stream of unknown length is timed to its last byte.
        guard response.body.contentLength == nil else {
            metrics.httpRequest(route: route, method: method, status: status, duration: ContinuousClock.now - start)
            return response
        }
        var response = response
        let body = response.body
        response.body = ResponseBody { writer in
            try await body.write(writer)
            metrics.httpRequest(route: route, method: method, status: status, duration: ContinuousClock.now - start)
        }
        return response
    }

    /// Records a request answered by an error (Hummingbird turns it into the response).
    func failed(_ error: any Error, method: String, context: BasicRequestContext, since start: ContinuousClock.Instant) {
        let status = (error as? any HTTPResponseError)?.status.code ?? 500
        metrics.httpRequest(route: Self.route(context), method: method, status: status, duration: ContinuousClock.now - start)
    }
}
