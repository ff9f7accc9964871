import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Testing

/// Two responders who see the same alert declare it a minute apart, and a load balancer sends them to two replicas:
/// on a store replicas share, the second replica finds the first's declaration in the store and refuses it.
@Suite struct ReplicaDeclarationTests {
    /// Two desks over one database file, each store saying whether replicas share it.
    static func replicas(shared: Bool, _ body: (DeskHarness, DeskHarness) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "klaxon-replicas-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualWallClock(DeskHarness.start)
        let share: (any IncidentStore) -> any IncidentStore = { InterposedStore(base: $0, beforeCommit: { _ in }, sharedByReplicas: shared) }
        let a = try await DeskHarness(directory: directory, clock: clock, interpose: share)
        let b = try await DeskHarness(directory: directory, clock: clock, interpose: share)
        try await body(a, b)
        try await a.close()
        try await b.close()
    }

    @Test("A declaration another replica took a few minutes earlier in the channel, still open, is refused and names it")
    func aDeclarationAnotherReplicaTookIsRefused() async throws {
        try await Self.replicas(shared: true) { a, b in
            try await a.say("p0 Uploads failing", at: 0)
            let reply = try await b.reply("p1 uploads FAILING!", as: "UBOB", at: 2.5)
            let earlier = IncidentSummary(id: IncidentID(1), severity: .p0, title: "Uploads failing")
            #expect(reply == "rejected: " + CommandRejection.alreadyDeclared(earlier, minutesAgo: 2, raiseTo: nil, makePublic: false).message)
            #expect(try await b.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1)], "no second incident")
        }
    }

    @Test("The same title another replica took in another channel is refused too, naming where")
    func theSameTitleAnotherReplicaTookElsewhereIsRefused() async throws {
        try await Self.replicas(shared: true) { a, b in
            try await a.say("p0 Uploads failing", at: 0)
            let reply = try await b.reply("p0 Uploads failing", as: "UBOB", at: 1, in: ChannelRef(platform: .slack, id: "C0OTHER", name: "payments"))
            #expect(reply.contains("was declared in #incidents on Slack a minute ago"), "\(reply)")
            #expect(try await b.handle.store.heads(IncidentQuery(.any)).map(\.id) == [IncidentID(1)], "no second incident")
        }
    }

    @Test("Another replica's declaration does not stop one under another title, after ten minutes, or once resolved", arguments: [
        ("p0 Downloads failing", "C0OTHER", 1.0, false), ("p0 Downloads failing", "C0INC", 1.0, false),
        ("p0 Uploads failing", "C0INC", 10.5, false), ("p0 Uploads failing", "C0INC", 3.0, true),
    ])
    func unrelatedDeclarationsGoThrough(second: String, channel: String, minute: Double, resolveFirst: Bool) async throws {
        try await Self.replicas(shared: true) { a, b in
            try await a.say("p0 Uploads failing", at: 0)
            if resolveFirst { try await a.say("resolve #1 Rolled back --force verified by hand", at: 2) }
            let reply = try await b.reply(second, as: "UBOB", at: minute, in: ChannelRef(platform: .slack, id: channel, name: "incidents"))
            #expect(reply == "ok")
            #expect(try await b.handle.store.heads(IncidentQuery(.any)).count == 2)
        }
    }

    @Test("On a store only one process writes to (the embedded SQLite file), the desk's own memory is enough: no store read")
    func anUnsharedStoreIsNotAsked() async throws {
        try await Self.replicas(shared: false) { a, b in
            try await a.say("p0 Uploads failing", at: 0)
            #expect(try await b.reply("p0 Uploads failing", as: "UBOB", at: 1) == "ok")
        }
    }
}
