import AsyncHTTPClient
import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// Commands on one incident take turns in a process and decide on the incident as stored now.
@Suite struct OneWriterPerIncidentTests {
    @Test func fiftyConcurrentNotesOnOneIncidentAllSucceedAgainstTheRealServer() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-concurrent-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        try await harness.application().test(.live) { client in
            let port = try #require(client.port)
            _ = try await client.slash("p1 Payments failing", clock: harness.clock)
            let statuses = try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let body = TestHarness.form("note #1 responder \(index) checking")
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/slack/commands")
                        request.method = .POST
                        for field in TestHarness.signedHeaders(body, at: harness.clock.now) { request.headers.add(name: field.name.rawName, value: field.value) }
                        request.body = .bytes(ByteBuffer(string: body))
                        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                        let reply = String(buffer: try await response.body.collect(upTo: 1 << 20))
                        return (response.status.code, reply)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 50)
            #expect(statuses.allSatisfy { $0.0 == 200 })
            #expect(statuses.allSatisfy { $0.1.contains("Noted") })
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.version == 51)
        let notes = incident.timeline.compactMap { if case .notePosted(let text) = $0.change { text } else { nil } }
        #expect(Set(notes) == Set((0..<50).map { "responder \($0) checking" }))
        try await handle.close()
    }

    @Test func aRefusalIsDecidedOnWhatAnotherReplicaStoredSinceThisOneLooked() async throws {
        try await DeskHarness.replicas { a, b in
            try await a.say("p1 Payments failing", at: 0)
            try await a.say("update Looking into it", at: 1)
            // Replica b makes Bob commander; replica a last saw the incident without one.
            try await b.say("commander <@UBOB>", at: 2)
            let reply = try await a.reply("commander <@UBOB>", at: 3)
            #expect(reply.hasPrefix("rejected:"))
            #expect(reply.contains("already"))
            let incident = try #require(try await a.handle.store.incident(IncidentID(1)))
            #expect(incident.timeline.filter { if case .commanderAssigned = $0.change { true } else { false } }.count == 1)
        }
    }

    @Test func anIncidentAnotherReplicaDeclaredIsFoundWithoutAnId() async throws {
        try await DeskHarness.replicas { a, b in
            try await b.say("p2 OCR slow", at: 0)
            try await a.say("update Queue drained", at: 1)
            #expect(try await a.handle.store.incident(IncidentID(1))?.lastUpdateText == "Queue drained")
        }
    }
}
