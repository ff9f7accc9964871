import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

@Suite struct ReadinessTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let nextDueAgo: TimeInterval?
        let oldestMessageAgo: TimeInterval?
        var transport: TransportName = .slack
        let expected: Readiness
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "nothing due and nothing waiting is ready", nextDueAgo: nil, oldestMessageAgo: nil, expected: .ready),
        Row(name: "a timer due 30 s ago is still in time", nextDueAgo: 30, oldestMessageAgo: nil, expected: .ready),
        Row(name: "a timer due 31 s ago means the scheduler is behind", nextDueAgo: 31, oldestMessageAgo: nil, expected: .notReady(.schedulerBehind(seconds: 31))),
        Row(name: "a timer due in the future is ready", nextDueAgo: -600, oldestMessageAgo: nil, expected: .ready),
        Row(name: "a message waiting 15 minutes is still ready", nextDueAgo: nil, oldestMessageAgo: 900, expected: .ready),
        Row(name: "a message waiting longer than 15 minutes means the outbox is stuck", nextDueAgo: nil, oldestMessageAgo: 901, expected: .notReady(.outboxStuck(transport: .slack, seconds: 901))),
        Row(name: "tickets waiting long for GitHub leave the chat bot in service", nextDueAgo: nil, oldestMessageAgo: 5_000, transport: .github, expected: .ready),
        Row(name: "nor do emails, webhooks or Statuspage", nextDueAgo: nil, oldestMessageAgo: 5_000, transport: .email, expected: .ready),
        Row(name: "Discord's backlog counts as Slack's does", nextDueAgo: nil, oldestMessageAgo: 901, transport: .discord, expected: .notReady(.outboxStuck(transport: .discord, seconds: 901))),
        Row(name: "a late scheduler is reported before a stuck outbox", nextDueAgo: 60, oldestMessageAgo: 5_000, expected: .notReady(.schedulerBehind(seconds: 60))),
    ]

    @Test(arguments: rows)
    func readinessFollowsTheSchedulersLagAndTheOutboxsOldestMessage(_ row: Row) {
        let backlog = row.oldestMessageAgo.map { [OutboxBacklog(transport: row.transport, pending: 3, oldestCreatedAt: Self.now.addingTimeInterval(-$0))] } ?? []
        let readiness = Readiness.evaluate(
            nextDueAt: row.nextDueAgo.map { Self.now.addingTimeInterval(-$0) }, backlog: backlog, now: Self.now, limits: Readiness.Limits()
        )
        #expect(readiness == row.expected)
    }

    @Test func readyzAnswers503WithTheReasonWhileATimerIsOverdueAnd200Otherwise() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        // Route tests run no scheduler, so a P0's first update falls due and stays due: exactly "scheduler behind".
        try await harness.application().test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ready"}"#)
            }
            _ = try await client.slash("p0 Uploads failing", clock: harness.clock)
            harness.clock.advance(minutes: 16)
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body["reason"] == "scheduler_behind")
                // The earliest thing due is the P0's "no commander after 5 minutes" check, 11 minutes ago.
                #expect(body["detail"] == "a timer has been due for 660 s")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        try await handle.close()
    }

    @Test func readyzAnswers503WhenTheStoreIsClosed() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.router) { client in
            try await handle.close()
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body["reason"] == "store_unreachable")
            }
        }
    }
}
