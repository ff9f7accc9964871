import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonSlack
import KlaxonStore
import Logging
import Testing
import NIOCore

/// Builds a Klaxon application over a given store and signs requests the way Slack does.
struct TestHarness {
    static let secret = "test-signing-secret-0123456789abcdef"
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    let clock: ManualWallClock
    let store: any IncidentStore

    init(store: any IncidentStore, clock: ManualWallClock = ManualWallClock(start)) {
        self.store = store
        self.clock = clock
    }

    /// A harness over a fresh in-memory store, with the store's handle for the test to read and close.
    static func inMemory() async throws -> (TestHarness, StoreHandle) {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        return (TestHarness(store: handle.store), handle)
    }

    func application(
        secret: String = secret, apiTokens: APITokens = APITokens(), apiRateLimit: RateLimiter.Limit = .standard
    ) async throws -> some ApplicationProtocol {
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.apiTokens = apiTokens
        configuration.apiRateLimit = apiRateLimit
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        return try await KlaxonApplication.build(.init(
            configuration: configuration, bundle: bundle, store: store, clock: clock,
            logger: Logger(label: "test"), slackSigningSecret: secret, runsScheduler: false
        ))
    }

    /// A slash-command form body as Slack sends it.
    static func form(_ text: String, user: String = "UANN", userName: String = "ann", channel: String = "C0INC", trigger: String = UUID().uuidString) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let fields = [
            ("token", "x"), ("team_id", "T1"), ("channel_id", channel), ("channel_name", "incidents"), ("user_id", user),
            ("user_name", userName), ("command", "/incident"), ("text", text), ("trigger_id", trigger),
        ]
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    /// Headers that sign `body` at `time` with `secret`.
    static func signedHeaders(_ body: String, at time: Date, secret: String = secret) -> HTTPFields {
        let timestamp = String(Int(time.timeIntervalSince1970))
        let signature = SlackSignatureVerifier(signingSecret: secret).signature(body: Data(body.utf8), timestamp: timestamp)
        return [
            .contentType: "application/x-www-form-urlencoded",
            HTTPField.Name("X-Slack-Request-Timestamp")!: timestamp,
            HTTPField.Name("X-Slack-Signature")!: signature,
        ]
    }
}

/// The JSON Slack receives back.
struct ReplyBody: Decodable {
    let response_type: String
    let text: String
}

extension TestClientProtocol {
    /// Posts a signed slash command and decodes the reply.
    func slash(_ text: String, clock: ManualWallClock, user: String = "UANN", trigger: String = UUID().uuidString) async throws -> ReplyBody {
        let body = TestHarness.form(text, user: user, trigger: trigger)
        return try await execute(
            uri: "/slack/commands", method: .post, headers: TestHarness.signedHeaders(body, at: clock.now), body: ByteBuffer(string: body)
        ) { response in
            guard response.status == .ok else { throw TestFailure("status \(response.status) for \(text): \(String(buffer: response.body))") }
            return try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: response.body))
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Waits for background services to catch up with the manual clock (work on other threads), not for time to pass.
func eventually(_ what: String = "condition", _ condition: @Sendable () async -> Bool) async throws {
    // Generous: a loaded CI machine runs hundreds of tests at once; a condition that holds returns at once anyway.
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while ContinuousClock.now < deadline {
        if await condition() { return }
        await Task.yield()
    }
    Issue.record("\(what) was not met within 60 s")
}
