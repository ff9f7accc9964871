import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonPolicy
import KlaxonStore
import Synchronization
import Testing

@Suite struct IncidentListTests {
    /// `list` as the desk answers it: the ids shown, in order, and how many are open in all.
    static func list(_ h: DeskHarness) async throws -> (shown: [Int], total: Int) {
        let envelope = CommandEnvelope(
            command: .list, actor: Participant(platform: .slack, id: "UANN", name: nil), channel: DeskHarness.channel, requestKey: nil
        )
        let answer = Mutex<(shown: [Int], total: Int)>(([], -1))
        _ = try await h.desk.handle(envelope) { outcome in
            if case .list(let shown, let total) = outcome { answer.withLock { $0 = (shown.map(\.id.rawValue), total) } }
            return ""
        }
        return answer.withLock { $0 }
    }

    @Test func theListIsMostSevereFirstThenByNumberAcrossChannels() async throws {
        let h = try await DeskHarness()
        for (index, text) in ["p2 Search slow", "p0 Site down", "p3 Typo on pricing page", "p1 Payments failing"].enumerated() {
            try await h.say(text, in: ChannelRef(platform: .slack, id: "C\(index)", name: "incident-\(index)"))
        }
        try await h.say("resolve #3 copy fixed", in: ChannelRef(platform: .slack, id: "C2", name: "incident-2"))
        let answer = try await Self.list(h)
        #expect(answer.shown == [2, 4, 1])
        #expect(answer.total == 3)
        try await h.close()
    }

    @Test func aLongListReadsOnlyWhatAnAnswerCanShowAndCountsTheRest() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-list-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let open = ReplyComposer.itemsReadAtMost + 20
        let first = try await DeskHarness(directory: directory)
        for number in 1..<open {
            try await first.say("p2 Queue \(number) backed up", in: ChannelRef(platform: .slack, id: "C\(number)", name: "queue-\(number)"))
        }
        // The most severe, declared last: shown first, though its number is the highest.
        try await first.say("p0 Everything down", in: ChannelRef(platform: .slack, id: "CALL", name: "all"))
        try await first.close()
        // A restarted server: nothing cached, so every incident shown is read from the store.
        let (h, reads) = try await DeskHarness.restarted(in: directory)
        let answer = try await Self.list(h)
        #expect(answer.total == open)
        #expect(answer.shown.count == ReplyComposer.itemsReadAtMost)
        #expect(answer.shown.first == open, "the P0")
        #expect(Array(answer.shown.dropFirst().prefix(3)) == [1, 2, 3])
        #expect(reads.total <= ReplyComposer.itemsReadAtMost, "read \(reads.total) of \(open)")
        try await h.close()
    }

    @Test("Discord's picker reads what list reads, and the open incident whose number is typed beyond it")
    func thePickerReadsWhatListReadsAndTheTypedNumber() async throws {
        let h = try await DeskHarness()
        let open = ReplyComposer.itemsReadAtMost + 5
        for number in 1...open {
            try await h.say("p2 Queue \(number) backed up", in: ChannelRef(platform: .slack, id: "C\(number)", name: "queue-\(number)"))
        }
        let offered = try await h.desk.openForPicker(typedNumber: nil).map(\.id.rawValue)
        #expect(offered == Array(1...ReplyComposer.itemsReadAtMost))
        let typed = try await h.desk.openForPicker(typedNumber: IncidentID(open)).map(\.id.rawValue)
        #expect(typed.count == ReplyComposer.itemsReadAtMost + 1 && typed.last == open)
        #expect(try await h.desk.openForPicker(typedNumber: IncidentID(open + 7)).count == ReplyComposer.itemsReadAtMost, "no such incident")
        try await h.close()
    }
}
