import HTTPTypes
import Hummingbird

/// Refuses at once (413) a request whose announced `Content-Length` is over the limit, before reading any of it, and
/// asks for the connection to be closed rather than drained: a client announcing a terabyte gets its answer now.
struct ContentLengthLimit<Context: RequestContext>: RouterMiddleware {
    let maxBodySize: Int
    /// Paths (by prefix) whose bodies may be larger, with their own limit: the alert hooks take whole alert groups.
    var allowances: [(prefix: String, limit: Int)] = []

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = allowances.first { request.uri.path.hasPrefix($0.prefix) }?.limit ?? maxBodySize
        if let announced = request.headers.value(.contentLength), Self.exceeds(announced, limit: limit) {
            throw HTTPError(.contentTooLarge, headers: [.connection: "close"], message: "the body is larger than \(limit) bytes")
        }
        return try await next(request, context)
    }

    /// Whether an announced length is over `limit`; one too long for an `Int` is over any limit. A length that is not a
    /// number is the HTTP parser's to refuse.
    static func exceeds(_ announced: String, limit: Int) -> Bool {
        guard !announced.isEmpty, announced.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let significant = announced.drop { $0 == "0" }
        return significant.count > 18 || (Int(significant) ?? 0) > limit
    }
}
