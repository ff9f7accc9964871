import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonFuzzSupport
import NIOCore
import Testing

/// Mutated Alertmanager and Grafana notifications, seeded from the examples in `examples/alerts/`, sent through the
/// real hooks: each is handled (200) or refused with a problem (400, 413) — never a 5xx, never a crash. The seeds are
/// fixed, so a failing case replays; `KLAXON_FUZZ_CASES` runs more by hand.
@Suite struct AlertPayloadFuzzTests {
    static let seeds = [
        ("alertmanager", "alertmanager-firing"), ("alertmanager", "alertmanager-new-alert"), ("alertmanager", "alertmanager-resolved"),
        ("alertmanager", "alertmanager-truncated"), ("grafana", "grafana-firing"), ("grafana", "grafana-resolved"),
    ]

    static var cases: Int { ProcessInfo.processInfo.environment["KLAXON_FUZZ_CASES"].flatMap(Int.init) ?? 400 }

    /// Text as it stands inside a JSON string literal.
    static func escaped(_ text: String) -> String {
        let literal = String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        return String(literal.dropFirst().dropLast())
    }

    @Test func mutatedNotificationsAreHandledOrRefusedWithAProblemNeverA5xx() async throws {
        let payloads = try Self.seeds.map { ($0.0, try AlertFixtures.payload($0.1)) }
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            var handled = 0
            for seed in 0..<UInt64(Self.cases) {
                var mutator = Mutator(seed: seed)
                let (hook, payload) = mutator.pick(payloads)
                // Half the cases mutate bytes (mostly no longer JSON); half keep the JSON and put hostile text in it.
                let body = mutator.below(2) == 0
                    ? mutator.mutate(Array(payload.utf8), rounds: 6)
                    : Array(payload.replacingOccurrences(of: "\"summary\": \"", with: "\"summary\": \"" + Self.escaped(mutator.text(from: "Uploads"))).utf8)
                try await client.execute(
                    uri: "/hooks/\(hook)", method: .post, headers: AlertFixtures.headers(), body: ByteBuffer(bytes: body)
                ) { response in
                    let status = response.status.code
                    #expect([200, 400, 413].contains(status), "seed \(seed): \(status) for \(String(decoding: body, as: UTF8.self).prefix(300))")
                    if status != 200 { #expect(response.headers[.contentType] == "application/problem+json", "seed \(seed)") }
                    if status == 200 { handled += 1 }
                }
            }
            // The hostile-text half decodes: the run reached the decisions, not only the decoder's refusals.
            #expect(handled > Self.cases / 10)
        }
        try await handle.close()
    }
}
