import Foundation
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Testing

@Suite struct DiscordIncidentFlowTests {
    typealias I = Interaction
    static let bob = "53908232506183680"

    @Test func aWholeP0FromDiscordThroughSignedInteractions() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let (clock, signer) = (harness.clock, DiscordSigner(clock: harness.clock))
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            // For the status page, a title may not mention anyone: refused, and nothing declared.
            let forPage = try await client.interact(
                I.command("declare", ["severity": .text("p0"), "title": .text("Uploads *failing* <@\(Self.bob)>"), "public": .flag(true)], id: "100"),
                signer: signer
            )
            #expect(forPage.isEphemeral)
            #expect(forPage.content.contains("it mentions @\(Self.bob)"))
            let alert = try await client.interact(
                I.command("declare", ["severity": .text("p0"), "title": .text("Uploads *failing* <@\(Self.bob)>")], id: "101"),
                signer: signer
            )
            #expect(alert.type == 4)
            #expect(!alert.isEphemeral)
            #expect(alert.content.hasPrefix(#"**[P0 INCIDENT] Service is down - Uploads \*failing\* \<@\#(Self.bob)\>** - @everyone"#))
            #expect(alert.data?.allowed_mentions == .init(parse: ["everyone"], users: [I.nelly], roles: []))
            #expect(alert.controlIDs == ["incident:commander:1", "incident:update:1", "incident:status:1"])

            clock.advance(minutes: 2)
            let commander = try await client.interact(I.component("incident:commander:1", id: "102", user: Self.bob), signer: signer)
            #expect(commander.content.hasPrefix("<@\(Self.bob)> is incident commander for #1"))
            #expect(commander.data?.allowed_mentions == .init(parse: [], users: [Self.bob], roles: []))

            let form = try await client.interact(I.component("incident:update:1", id: "103", user: Self.bob), signer: signer)
            #expect(form.type == 9)
            // As long as the policy lets a typed update be (3,000), not a fixed 1,500.
            #expect(form.textLimits == [3000])
            let formID = try #require(form.data?.custom_id)
            clock.advance(minutes: 3)
            let update = try await client.interact(I.form(formID, text: "Investigating the upload errors", id: "104", user: Self.bob), signer: signer)
            #expect(update.content.hasPrefix("**Update on #1"))
            #expect(update.content.contains("> Investigating the upload errors"))

            clock.advance(minutes: 10)
            let status = try await client.interact(I.component("incident:status:1", values: ["identified"], id: "105", user: Self.bob), signer: signer)
            #expect(status.content.contains("Investigating → **Identified**"))

            let refused = try await client.interact(I.command("resolve", ["summary": .text("Pool raised")], id: "106", user: Self.bob), signer: signer)
            #expect(refused.isEphemeral)
            #expect(refused.content.contains("Smoke tests pass"))

            clock.advance(minutes: 20)
            // "Resolved" in the status menu asks for the summary (and the reason to go without the checklist).
            let resolveForm = try await client.interact(I.component("incident:status:1", values: ["resolved"], id: "107", user: Self.bob), signer: signer)
            #expect(resolveForm.type == 9)
            #expect(resolveForm.textLimits == [3000, 3000])
            let resolveFormID = try #require(resolveForm.data?.custom_id)
            let resolved = try await client.interact(
                I.form(resolveFormID, fields: ["summary": "Pool raised, uploads recovered", "force": "customer asleep"], id: "108", user: Self.bob),
                signer: signer
            )
            #expect(resolved.content.hasPrefix(#"**[RESOLVED] #1 Uploads \*failing\*"#))
            #expect(resolved.content.contains("customer asleep"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.map(\.change.name) == ["declared", "commander_assigned", "update_posted", "status_changed", "resolved"])
        #expect(incident.commander == Participant(platform: .discord, id: Self.bob))
        #expect(incident.declaredBy == Participant(platform: .discord, id: I.nelly))
        #expect(incident.channel == ChannelRef(platform: .discord, id: I.channel))
        #expect(!incident.publicFacing)
        #expect(!incident.isOpen)
        try await handle.close()
    }

    @Test("Reopening suggests the resolved incidents as the incident is typed; an update only the open ones")
    func reopeningSuggestsResolvedIncidents() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let (clock, signer) = (harness.clock, DiscordSigner(clock: harness.clock))
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            _ = try await client.slash("p2 Search slow", clock: clock)
            _ = try await client.slash("resolve #1 Reindexed --force verified by hand", clock: clock)
            _ = try await client.slash("p1 Login broken", clock: clock)
            let reopen = try await client.interact(
                I.command("reopen", ["incident": .text(""), "reason": .text("")], id: "301", type: 4, focused: "incident"), signer: signer
            )
            #expect(reopen.data?.choices?.map(\.value) == ["#2", "#1"])
            #expect(reopen.data?.choices?.last?.name == "#1 P2 Search slow (resolved)")
            let update = try await client.interact(
                I.command("update", ["incident": .text(""), "text": .text("")], id: "302", type: 4, focused: "incident"), signer: signer
            )
            #expect(update.data?.choices?.map(\.value) == ["#2"])
        }
        try await handle.close()
    }

    @Test func anIncidentDeclaredInSlackIsRunFromDiscordByNumber() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let (clock, signer) = (harness.clock, DiscordSigner(clock: harness.clock))
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            _ = try await client.slash("p1 Login broken", clock: clock)

            let suggestions = try await client.interact(
                I.command("update", ["incident": .text("#"), "text": .text("")], id: "201", type: 4, focused: "incident"), signer: signer
            )
            #expect(suggestions.type == 8)
            #expect(suggestions.data?.choices?.map(\.value) == ["#1"])
            #expect(suggestions.data?.choices?.first?.name == "#1 P1 Login broken")

            let update = try await client.interact(I.command("update", ["incident": .text("#1"), "text": .text("Auth rolled back")], id: "202"), signer: signer)
            #expect(update.content.hasPrefix("**Update on #1 Login broken**"))
            // Without a number, Discord's channel has no incident of its own.
            let current = try await client.interact(I.command("update", ["text": .text("Hello?")], id: "203"), signer: signer)
            #expect(current.isEphemeral)

            let list = try await client.slash("list", clock: clock)
            #expect(list.text.contains("Login broken"))
            let show = try await client.slash("show #1", clock: clock)
            #expect(show.text.contains("Last update: Auth rolled back"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.map { $0.actor?.platform } == [.slack, .discord])
        try await handle.close()
    }
}
