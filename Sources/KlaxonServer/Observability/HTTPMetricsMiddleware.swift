import Hummingbird

/// Times every request into `klaxon_http_request_duration_seconds{route,method,status_class}`.
///
/// Hummingbird's own `MetricsMiddleware` reports to the process-wide `MetricsSystem` under OpenTelemetry names and by
/// status code; this one keeps Klaxon's registry (one per application, so tests don't share counts), the `klaxon_`
/// prefix, and status classes, which is what the alerting rules need. Unmatched paths share one route label, so a
/// scanner cannot grow the label set.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: KlaxonMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            var response = try await next(request, context)
            let status = response.status.code
            let route = context.endpointPath ?? "unmatched"
            let metrics = self.metrics
            let body = response.body
            // Counted once the body is written, so a slow answer's time is all there.
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                try await body.write(writer)
                metrics.httpRequest(route: route, method: method, status: status, duration: ContinuousClock.now - start)
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.httpRequest(route: context.endpointPath ?? "unmatched", method: method, status: status, duration: ContinuousClock.now - start)
            throw error
        }
    }
}
