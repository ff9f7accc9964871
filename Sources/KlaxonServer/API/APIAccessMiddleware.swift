import HTTPTypes
import Hummingbird
import KlaxonCore

/// The API request being handled, for the handlers: who sent it.
enum APIRequest {
    /// The token that got in.
    @TaskLocal static var token: APIToken?
}

/// Guards the API's routes (it is mounted on their group only): a bearer token with the scope the method needs (`read` to read, `write` to change), then the
/// token's rate limit, then a body of at most 64 KiB. The token that got in is handed to the handlers as
/// `APIRequest.token`.
struct APIAccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: APITokens
    let limiter: RateLimiter

    /// Declarations and commands are small; a body past this is refused (413) before it is decoded.
    static var maxBodySize: Int { 64 * 1024 }
    /// The answer to a body over `maxBodySize`, announced or found while reading it; the rest is not read.
    static var tooLarge: Problem { Problem(.contentTooLarge, "the body is larger than 64 KiB", headers: [.connection: "close"]) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let reads = [.get, .head].contains(request.method)
        let token: APIToken
        switch tokens.authorize(request.headers[.authorization], for: reads ? .read : .write) {
        case .success(let found): token = found
        // A command may only read (`show`, `report`): a `read` token gets as far as its handler, which decides.
        case .failure(.missingScope(let name, needs: .write)) where Self.runsACommand(request):
            guard case .success(let found) = tokens.authorize(request.headers[.authorization], for: .read) else {
                throw Problem.refused(.missingScope(token: name, needs: .write))
            }
            token = found
        case .failure(let refusal): throw Problem.refused(refusal)
        }
        let remaining: Int
        switch limiter.take(for: token.name) {
        case .allowed(let left):
            remaining = left
        case .limited(let seconds):
            context.logger.notice("An API token is over its rate limit", metadata: ["api.token": "\(token.name)"])
            throw Problem(
                .tooManyRequests, "the token `\(token.name)` sent too many requests; try again in \(seconds) s",
                headers: [.retryAfter: String(seconds)]
            )
        }
        var request = request
        if !reads {
            // Read here, within the limit, and kept for the handler: the generated code reads the body whole.
            let body = try await request.body.collect(upTo: Self.maxBodySize, refusing: Self.tooLarge)
            // The generated decoder would keep one of the two values, silently: a script's mistake is named instead.
            if let name = JSONDuplicateNames.first(in: body.readableBytesView) {
                throw Problem(.badRequest, "`\(name.prefix(60))` is given twice in the body; send each field once")
            }
            request.body = RequestBody(buffer: body)
        }
        var response = try await APIRequest.$token.withValue(token) { try await next(request, context) }
        response.headers[.rateLimitRemaining] = String(remaining)
        return response
    }
}

extension APIAccessMiddleware {
    /// `POST /api/v1/incidents/{id}/commands`.
    static func runsACommand(_ request: Request) -> Bool {
        let parts = request.uri.path.split(separator: "/")
        return request.method == .post && parts.count == 5 && parts.last == "commands" && parts[2] == "incidents"
    }
}

extension HTTPField.Name {
    /// How many requests the token may still make at once (draft RateLimit header fields).
    static let rateLimitRemaining = Self("RateLimit-Remaining")!
}
