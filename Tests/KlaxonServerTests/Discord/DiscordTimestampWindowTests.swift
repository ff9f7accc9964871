import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// A signed interaction is accepted only within 5 minutes of its `X-Signature-Timestamp`, as Slack's requests are,
/// so a captured request cannot be replayed later.
@Suite struct DiscordTimestampWindowTests {
    /// A timestamp relative to the server's clock, or a literal one.
    enum Stamp: CustomTestStringConvertible, Sendable {
        case offset(Int)
        case literal(String)

        func text(now: Date) -> String {
            switch self {
            case .offset(let seconds): String(Int(now.timeIntervalSince1970) + seconds)
            case .literal(let text): text
            }
        }

        var testDescription: String {
            switch self {
            case .offset(let seconds): "\(seconds) s from now"
            case .literal(let text): "'\(text)'"
            }
        }
    }

    @Test(arguments: [
        (Stamp.offset(-301), HTTPResponse.Status.unauthorized),
        (.offset(301), .unauthorized),
        (.offset(-3600), .unauthorized),
        (.offset(5 * 365 * 86_400), .unauthorized),
        (.literal("abc"), .unauthorized),
        (.literal("0"), .unauthorized),
        (.literal("-1"), .unauthorized),
        (.literal("99999999999999999999"), .unauthorized),
        (.offset(-300), .ok),
        (.offset(0), .ok),
        (.offset(300), .ok),
    ] as [(Stamp, HTTPResponse.Status)])
    func aSignedInteractionIsAcceptedOnlyWithinFiveMinutesOfItsTimestamp(stamp: Stamp, expected: HTTPResponse.Status) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let signer = DiscordSigner()
        let body = Interaction.command("declare", ["severity": .text("p1"), "title": .text("Replayed outage")], id: "1")
        let headers = try signer.headers(body, timestamp: stamp.text(now: harness.clock.now))
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            try await client.execute(uri: "/discord/interactions", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == expected)
            }
        }
        #expect(try await handle.store.trackedIncidents().count == (expected == .ok ? 1 : 0))
        try await handle.close()
    }
}
