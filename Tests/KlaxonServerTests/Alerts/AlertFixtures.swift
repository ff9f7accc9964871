import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore

/// The sample notifications in `examples/alerts/` (the shapes of Alertmanager's version-4 webhook and Grafana's
/// unified alerting webhook, as their documentation and code lay them out), and tokens to send them with.
enum AlertFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/alerts")

    static func payload(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".json"), encoding: .utf8)
    }

    /// The same notification with its alerts at `warning` (P2), which the default policy proposes.
    static func warning(_ name: String) throws -> String {
        try payload(name).replacingOccurrences(of: #""severity": "critical""#, with: #""severity": "warning""#)
    }

    /// "test" may send alerts; "other" may only read. Their SHA-256 from `printf … | sha256sum`.
    static let tokens = try! APITokenFile.parse("""
        tokens:
          - {name: prometheus, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, scopes: [alerts]}
          - {name: reader, sha256: d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa, scopes: [read]}
        """, file: "tokens.yaml")

    /// An application over a fresh in-memory store, at the harness's start time.
    static func harness() async throws -> (TestHarness, StoreHandle) {
        try await TestHarness.inMemory()
    }

    /// The notices waiting in the outbox, by kind.
    static func outboxKinds(_ store: any IncidentStore) async throws -> [MessageKind] {
        try await store.pendingOutbox(limit: 1_000).map(\.notice.kind)
    }

    static func headers(token: String? = "test") -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }
}

/// What an alert hook answered.
struct AlertAnswer: Decodable, Equatable {
    let result: String
    let incident: Int?
    /// The proposal's alert id, for a proposed group.
    let proposal: String?

    init(result: String, incident: Int? = nil, proposal: String? = nil) {
        self.result = result
        self.incident = incident
        self.proposal = proposal
    }
}

/// An RFC 9457 problem as the server sends it.
struct ProblemAnswer: Decodable, Equatable {
    let type: String
    let title: String
    let status: Int
    let detail: String
}

extension TestClientProtocol {
    /// Posts a notification and decodes the answer; anything but a 200 fails the test.
    func alert(_ body: String, to hook: String = "alertmanager", token: String = "test") async throws -> AlertAnswer {
        try await execute(uri: "/hooks/\(hook)", method: .post, headers: AlertFixtures.headers(token: token), body: ByteBuffer(string: body)) { response in
            guard response.status == .ok else { throw TestFailure("status \(response.status): \(String(buffer: response.body))") }
            return try JSONDecoder().decode(AlertAnswer.self, from: Data(buffer: response.body))
        }
    }
}
