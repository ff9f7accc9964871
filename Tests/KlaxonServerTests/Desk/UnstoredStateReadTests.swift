import Foundation
import KlaxonCore
@testable import KlaxonServer
import KlaxonStore
import Testing

@Suite struct UnstoredStateReadTests {
    @Test("A read while a command is on its way to disk waits for it, and never shows the state of a commit that failed")
    func aReadShowsOnlyWhatIsStored() async throws {
        let disk = TestGate()
        let desk = try await DeskHarness { store in
            InterposedStore(base: store) { commit in
                guard commit.events.contains(where: { if case .notePosted = $0.change { true } else { false } }) else { return }
                await disk.wait()
                throw DiskGone()
            }
        }
        try await desk.say("p2 OCR slow")
        let stored = try #require(try await desk.handle.store.incident(IncidentID(1)))
        let noting = Task { try await desk.reply("note #1 this never reaches the disk") }
        for _ in 0..<1_000_000 where disk.arrived == 0 { await Task.yield() }
        try #require(disk.arrived == 1, "the note's commit is on its way")
        async let read = desk.desk.incident(IncidentID(1))
        async let listed = desk.desk.openIncidents()
        // Give both reads every chance to answer from the cache before the commit fails.
        for _ in 0..<10_000 { await Task.yield() }
        disk.open()
        _ = try? await noting.value
        #expect(try await read?.version == stored.version, "the API's read shows the stored version")
        #expect(try await listed.first { $0.id == IncidentID(1) }?.version == stored.version, "so does the open list")
        #expect(try await desk.handle.store.incident(IncidentID(1))?.version == stored.version, "the note was never stored")
        #expect(try await desk.desk.incident(IncidentID(1))?.timeline.contains { if case .notePosted = $0.change { true } else { false } } == false)
        try await desk.close()
    }
}

private struct DiskGone: Error {}
