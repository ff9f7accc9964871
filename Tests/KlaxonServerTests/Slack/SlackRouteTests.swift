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

@Suite struct SlackRouteTests {
    /// The official Slack example request, from shared/vectors/signatures.json.
    struct OfficialVector: Decodable {
        let signing_secret: String
        let timestamp: String
        let body: String
        let expected_signature: String

        static func load() throws -> OfficialVector {
            struct File: Decodable { struct Slack: Decodable { let valid: [OfficialVector] }; let slack: Slack }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let dir = ProcessInfo.processInfo.environment["KLAXON_SHARED_DIR"].map(URL.init(fileURLWithPath:))
                ?? root.deletingLastPathComponent().appendingPathComponent("shared")
            let data = try Data(contentsOf: dir.appendingPathComponent("vectors/signatures.json"))
            return try JSONDecoder().decode(File.self, from: data).slack.valid[0]
        }

        var headers: HTTPFields {
            [
                .contentType: "application/x-www-form-urlencoded",
                HTTPField.Name("X-Slack-Request-Timestamp")!: timestamp,
                HTTPField.Name("X-Slack-Signature")!: expected_signature,
            ]
        }
    }

    private func harness(at time: Date = TestHarness.start) async throws -> (TestHarness, StoreHandle) {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        return (TestHarness(store: handle.store, clock: ManualWallClock(time)), handle)
    }

    @Test func healthzAnswers() async throws {
        let (harness, handle) = try await harness()
        try await harness.application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
        try await handle.close()
    }

    @Test func theOfficialSlackRequestIsAcceptedAndAnswered() async throws {
        let vector = try OfficialVector.load()
        let (harness, handle) = try await harness(at: Date(timeIntervalSince1970: TimeInterval(Int(vector.timestamp)!)))
        try await harness.application(secret: vector.signing_secret).test(.router) { client in
            try await client.execute(uri: "/slack/commands", method: .post, headers: vector.headers, body: ByteBuffer(string: vector.body)) { response in
                #expect(response.status == .ok)
                let reply = try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: response.body))
                // Its text is empty, so Klaxon explains what to type, to the sender only.
                #expect(reply.response_type == "ephemeral")
                #expect(reply.text.contains("/incident p0"))
            }
        }
        try await handle.close()
    }

    @Test(arguments: ["tampered", "stale", "unsigned", "wrongSecret"])
    func forgedStaleOrUnsignedRequestsGet401AndChangeNothing(_ kind: String) async throws {
        let vector = try OfficialVector.load()
        let signedAt = Date(timeIntervalSince1970: TimeInterval(Int(vector.timestamp)!))
        let (harness, handle) = try await harness(at: kind == "stale" ? signedAt.addingTimeInterval(301) : signedAt)
        let declare = vector.body.replacingOccurrences(of: "text=&", with: "text=p0+Forged&")
        var headers = vector.headers
        var body = vector.body
        switch kind {
        case "tampered": body = declare
        case "unsigned": headers[HTTPField.Name("X-Slack-Signature")!] = nil
        case "wrongSecret":
            body = declare
            headers = TestHarness.signedHeaders(declare, at: signedAt, secret: "someone-else")
        default: break
        }
        let (sentHeaders, sentBody) = (headers, body)
        try await harness.application(secret: vector.signing_secret).test(.router) { client in
            try await client.execute(uri: "/slack/commands", method: .post, headers: sentHeaders, body: ByteBuffer(string: sentBody)) { response in
                #expect(response.status == .unauthorized)
                #expect(!String(buffer: response.body).contains("Forged"))
                // The refusal is what a user reports: it names the request, as an answer does.
                #expect(response.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false, "\(response.headers)")
            }
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        #expect(try await handle.store.pendingOutbox(limit: 10).isEmpty)
        try await handle.close()
    }

    @Test func anOversizedBodyGets413() async throws {
        let (harness, handle) = try await harness()
        let body = TestHarness.form("p0 " + String(repeating: "x", count: 70 * 1024))
        try await harness.application().test(.router) { client in
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: harness.clock.now), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
    }

    @Test func aGETOnTheCommandURLGets405NamingPOST() async throws {
        let (harness, handle) = try await harness()
        try await harness.application().test(.router) { client in
            try await client.execute(uri: "/slack/commands", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
        try await handle.close()
    }

    @Test func aSignedButMalformedBodyGets400WithoutEchoingIt() async throws {
        let (harness, handle) = try await harness()
        let body = "text=p0+Secret+sauce&command=%2Fincident"
        try await harness.application().test(.router) { client in
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: harness.clock.now), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(!String(buffer: response.body).contains("Secret"))
            }
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
    }

    @Test func sslCheckIsAnsweredWithoutACommand() async throws {
        let (harness, handle) = try await harness()
        let body = "ssl_check=1&token=x"
        try await harness.application().test(.router) { client in
            try await client.execute(
                uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: harness.clock.now), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
            }
        }
        try await handle.close()
    }
}
