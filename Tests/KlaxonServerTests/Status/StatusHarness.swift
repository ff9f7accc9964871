import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// A Klaxon application on an in-memory store, driven by slash commands, with helpers to read the status page.
struct StatusHarness {
    let harness: TestHarness
    let handle: StoreHandle

    static func make() async throws -> StatusHarness {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        return StatusHarness(harness: TestHarness(store: handle.store), handle: handle)
    }

    var clock: ManualWallClock { harness.clock }

    /// Every status resource for incident `id`: what a leak would have to pass through.
    static func resources(of id: Int) -> [String] {
        ["/status", "/status.json", "/status.atom", "/status/history", "/status/incidents/\(id)", "/status/incidents/\(id).atom"]
    }
}

/// A response as the tests read it.
struct Fetched: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String
}

extension TestClientProtocol {
    /// A GET with optional headers, read whole.
    func fetch(_ uri: String, headers: HTTPFields = [:]) async throws -> Fetched {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            Fetched(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// Sends a slash command and fails the test if Klaxon refused it.
    func command(_ text: String, clock: ManualWallClock) async throws {
        let reply = try await slash(text, clock: clock)
        // Recorded commands are announced in the channel; refusals are answered to their author only.
        #expect(reply.response_type == "in_channel", "\(text) was refused: \(reply.text)")
    }
}
