import HTTPTypes
import Hummingbird

/// What every request passes through, in one middleware: its id, set for every log line written while answering it
/// and returned as `X-Request-ID` so a user's report can be matched to the logs; its time, in the metrics; and the
/// refusal of a body announced over its limit, before any of it is read.
///
/// One middleware rather than three: each is an async frame and a closure around the rest of the request, and the
/// two frames saved were 4,500 of the 242,600 instructions of a `help` command (callgrind,
/// `scripts/bench/request_instructions.py`).
struct RequestFrame: RouterMiddleware {
    typealias Context = BasicRequestContext

    let timing: RequestTiming
    let bodyLimit: ContentLengthLimit

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        // Hummingbird's id, which its own log lines carry as `hb.request.id`. `context.id` traps when the context's
        // logger lacks it (a context built by hand); make one then.
        let id = context.logger[metadataKey: "hb.request.id"]?.description ?? RequestID().description
        do {
            try bodyLimit.check(request)
            var response = try await RequestLogContext.$requestID.withValue(id) {
                try await next(request, context)
            }
            // Appended, not set: no route sets it, and setting searches the fields for one to replace.
            response.headers.append(HTTPField(name: .requestID, value: id))
            return timing.answered(response, method: method, context: context, since: start)
        } catch let error as any HTTPResponseError {
            // A refusal (401, 404, 413, a problem document) is the answer users report: it carries the id too.
            timing.failed(error, method: method, context: context, since: start)
            var response = try error.response(from: request, context: context)
            response.headers.append(HTTPField(name: .requestID, value: id))
            return response
        } catch {
            timing.failed(error, method: method, context: context, since: start)
            throw error
        }
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-ID")!
}
