import Hummingbird
import HTTPTypes
@testable import KlaxonServer
import Logging
import NIOCore
import Testing

@Suite("A chat endpoint's body")
struct ChatEndpointTests {
    /// Answers with the body it read, so a test sees what `body(of:)` let through.
    struct EchoEndpoint: ChatEndpoint {
        func handle(_ request: Request, logger: Logger) async throws -> Response {
            json(String(buffer: try await body(of: request)))
        }
    }

    /// A POST as a chunked body arrives: no `Content-Length`, so only reading it finds its size.
    func chunked(_ body: String) -> Request {
        Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/slack/commands"),
            body: RequestBody(buffer: ByteBuffer(string: body))
        )
    }

    @Test("A chunked body over the limit gets a 413 that says why and closes the connection")
    func aChunkedBodyOverTheLimitGetsA413ThatSaysWhy() async throws {
        let request = chunked(String(repeating: "x", count: EchoEndpoint.maxBodySize + 1))
        let error = await #expect(throws: HTTPError.self) { try await EchoEndpoint().handle(request, logger: Logger(label: "test")) }
        #expect(error?.status == .contentTooLarge)
        #expect(error?.body == "the body is larger than 65536 bytes")
        #expect(error?.headers[.connection] == "close")
    }

    @Test("A chunked body at the limit is read")
    func aChunkedBodyAtTheLimitIsRead() async throws {
        let body = String(repeating: "x", count: EchoEndpoint.maxBodySize)
        let response = try await EchoEndpoint().handle(chunked(body), logger: Logger(label: "test"))
        #expect(response.status == .ok)
    }
}
