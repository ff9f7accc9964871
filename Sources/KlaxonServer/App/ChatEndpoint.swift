import Hummingbird
import Logging

/// A chat platform's inbound endpoint (`POST`): small bodies, answered with JSON.
protocol ChatEndpoint: Sendable {
    /// Answers one request; throws `HTTPError`s for refused ones.
    func handle(_ request: Request, logger: Logger) async throws -> Response
}

extension ChatEndpoint {
    /// Chat platforms' bodies are small; anything larger is refused (413) before it is read whole.
    static var maxBodySize: Int { 64 * 1024 }

    /// Mounts the endpoint at `path`.
    func addRoutes(to router: Router<some RequestContext>, path: RouterPath) {
        router.post(path) { request, context in
            try await handle(request, logger: context.logger)
        }
        // Whoever opens the URL in a browser to check it learns that it is the right one, and how it is used.
        router.get(path) { _, _ -> Response in
            throw HTTPError(.methodNotAllowed, headers: [.allow: "POST"], message: "this endpoint takes the chat platform's POST requests")
        }
    }

    /// The request's body, up to `maxBodySize`.
    func body(of request: Request) async throws -> ByteBuffer {
        try await request.body.collect(
            upTo: Self.maxBodySize,
            refusing: HTTPError(.contentTooLarge, headers: [.connection: "close"], message: "the body is larger than \(Self.maxBodySize) bytes")
        )
    }

    /// A 200 with a JSON body.
    func json(_ body: String) -> Response {
        Response(status: .ok, headers: .json, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
