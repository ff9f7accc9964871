import Foundation
import Hummingbird
import HTTPTypes
@testable import KlaxonServer
import Logging
import NIOCore
import Testing

@Suite("An alert hook's body")
struct AlertHookBodyTests {
    @Test("A chunked alert group over 1 MiB gets a problem that says why, and declares nothing")
    func aChunkedGroupOverTheLimitGetsAProblem() async throws {
        let desk = try await DeskHarness()
        let controller = AlertHookController(desk: desk.desk, tokens: AlertFixtures.tokens)
        var headers = AlertFixtures.headers()
        headers[.contentType] = "application/json"
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/hooks/alertmanager", headerFields: headers),
            body: RequestBody(buffer: ByteBuffer(string: try AlertFixtures.payload("alertmanager-firing") + String(repeating: " ", count: 1024 * 1024)))
        )
        let error = await #expect(throws: Problem.self) { try await controller.handle(request, source: .alertmanager, logger: Logger(label: "test")) }
        #expect(error == Problem(.contentTooLarge, "the body is larger than 1 MiB", headers: [.connection: "close"]))
        #expect(try await desk.handle.store.trackedIncidents().isEmpty)
        try await desk.handle.close()
    }
}
