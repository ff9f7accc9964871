import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// On Discord each incident's messages go to a thread opened on its alert, and that is where its responders type:
/// a command there without `#id` is about that incident, however many are open in the channel.
@Suite struct DiscordThreadCommandTests {
    typealias I = Interaction

    @Test func aCommandTypedInAnIncidentsThreadIsAboutThatIncident() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let signer = DiscordSigner(clock: harness.clock)
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            for (number, title) in [(1, "Uploads failing"), (2, "Search slow")] {
                let declared = try await client.interact(I.command("declare", ["severity": .text("p2"), "title": .text(title)], id: "10\(number)"), signer: signer)
                #expect(declared.content.contains("Incident #\(number)"))
            }
            // The delivery of each alert opened its thread (a thread takes its alert's id).
            try await handle.store.setThread(of: IncidentID(1), on: .discord, to: "900000000000000011")
            try await handle.store.setThread(of: IncidentID(2), on: .discord, to: "900000000000000012")

            let inThread = try await client.interact(
                I.command("update", ["text": .text("Search index rebuilt")], id: "110", thread: "900000000000000012"), signer: signer
            )
            #expect(inThread.content.hasPrefix("**Update on #2 Search slow**"), "\(inThread.content)")
            // In the channel itself, two open incidents still need a number.
            let inChannel = try await client.interact(I.command("update", ["text": .text("Still looking")], id: "111"), signer: signer)
            #expect(inChannel.isEphemeral)
            #expect(inChannel.content.contains("#1") && inChannel.content.contains("#2"), "\(inChannel.content)")
            // A thread that is no incident's (a discussion the team opened) is the channel's, as before.
            let elsewhere = try await client.interact(
                I.command("update", ["text": .text("Still looking")], id: "112", thread: "900000000000000099"), signer: signer
            )
            #expect(elsewhere.isEphemeral)
            // Text that starts with another open incident's number is refused in a thread too, not applied to #2.
            let numbered = try await client.interact(
                I.command("note", ["text": .text("1 more region affected")], id: "114", thread: "900000000000000012"), signer: signer
            )
            #expect(numbered.isEphemeral, "\(numbered.content)")
            #expect(numbered.content.contains("#1"), "\(numbered.content)")
            // A number typed in the thread still wins.
            let named = try await client.interact(
                I.command("note", ["text": .text("Uploads recovered too"), "incident": .text("1")], id: "113", thread: "900000000000000012"), signer: signer
            )
            #expect(named.content.contains("#1"), "\(named.content)")
        }
        #expect(try await handle.store.incident(IncidentID(2))?.lastUpdateText == "Search index rebuilt")
        #expect(try await handle.store.incident(IncidentID(1))?.lastUpdateText == nil)
        try await handle.close()
    }
}
