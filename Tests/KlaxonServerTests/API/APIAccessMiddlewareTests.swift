import Foundation
import HTTPTypes
import Hummingbird
@testable import KlaxonServer
import Logging
import NIOCore
import NIOEmbedded
import Testing

@Suite("The API's access middleware: a body's size")
struct APIAccessMiddlewareTests {
    typealias Middleware = APIAccessMiddleware<BasicRequestContext>

    let middleware = Middleware(tokens: APIRouteTests.tokens, limiter: RateLimiter(limit: .standard, clock: ManualWallClock(Date())))
    /// Where the handler says how many bytes of body it was given.
    static let bytesRead = HTTPField.Name("Bytes-Read")!

    /// A POST as a chunked upload arrives: no `Content-Length`, so only reading the body finds its size.
    func chunked(_ body: String) -> Request {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer test"
        return Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/v1/incidents", headerFields: fields),
            body: RequestBody(buffer: ByteBuffer(string: body))
        )
    }

    /// Runs the middleware in front of a handler that says how large the body it was given is.
    func handled(_ request: Request) async throws -> Response {
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test")))
        return try await middleware.handle(request, context: context) { request, _ in
            Response(status: .ok, headers: [Self.bytesRead: String(try await request.body.collect(upTo: .max).readableBytes)])
        }
    }

    @Test("A chunked body over 64 KiB gets the same 413 problem as one announced too large")
    func aChunkedBodyOverTheLimitGetsTheProblem() async throws {
        let error = await #expect(throws: Problem.self) { try await handled(chunked(String(repeating: "x", count: Middleware.maxBodySize + 1))) }
        #expect(error == Problem(.contentTooLarge, "the body is larger than 64 KiB", headers: [.connection: "close"]))
    }

    @Test("A chunked body of exactly 64 KiB reaches the handler whole")
    func aChunkedBodyAtTheLimitReachesTheHandler() async throws {
        let response = try await handled(chunked(String(repeating: "x", count: Middleware.maxBodySize)))
        #expect(response.status == .ok)
        #expect(response.headers[Self.bytesRead] == String(Middleware.maxBodySize))
    }
}
