import Foundation
import HummingbirdTesting
import KlaxonServer
import Testing

@Suite("Status page feeds")
struct StatusFeedTests {
    struct Parsed: Decodable {
        struct Entry: Decodable { let id: String?; let title: String?; let updated: String?; let link: String?; let content: String? }
        let bozo: Bool
        let bozo_exception: String
        let version: String
        let entries: [Entry]
    }

    static func parse(_ feed: String) async throws -> Parsed {
        try JSONDecoder().decode(Parsed.self, from: try await PythonScript.run("parse_atom.py", input: Data(feed.utf8)))
    }

    @Test("feedparser reads the feed as valid Atom with one entry per public update, ids stable as the incident goes on")
    func feedparserReadsOneEntryPerUpdate() async throws {
        let status = try await StatusHarness.make()
        let clock = status.clock
        try await status.harness.application().test(.router) { client in
            try await client.command("p0 Uploads & downloads <failing> --public", clock: clock)
            clock.advance(minutes: 1)
            try await client.command("update --public First \"update\" for customers", clock: clock)
            let before = try await Self.parse(try await client.fetch("/status.atom").body)
            clock.advance(minutes: 1)
            try await client.command("status identified", clock: clock)
            let feed = try await client.fetch("/status.atom")
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            let parsed = try await Self.parse(feed.body)
            #expect(!parsed.bozo, "not well-formed: \(parsed.bozo_exception)")
            #expect(parsed.version == "atom10")
            #expect(parsed.entries.count == 3)
            #expect(parsed.entries.map(\.content) == [
                "We have identified the cause and are working on a fix.", "First \"update\" for customers",
                "We are investigating reports of a problem and will post an update soon.",
            ])
            #expect(parsed.entries.first?.title == "Uploads & downloads <failing>: Identified")
            #expect(parsed.entries.allSatisfy { $0.updated != nil && $0.link?.hasSuffix("/status/incidents/1") == true })
            // Entries already published keep their ids.
            #expect(Array(parsed.entries.dropFirst().map(\.id)) == before.entries.map(\.id))
            #expect(Set(parsed.entries.compactMap(\.id)).count == 3)

            let single = try await Self.parse(try await client.fetch("/status/incidents/1.atom").body)
            #expect(!single.bozo)
            #expect(single.entries.map(\.id) == parsed.entries.map(\.id))
            // Each feed's page: the incident's for its own feed, the status page for the page's.
            let singleXML = try await client.fetch("/status/incidents/1.atom").body
            #expect(singleXML.contains(#"<link rel="alternate" type="text/html" href="http://127.0.0.1:0/status/incidents/1"/>"#), "\(singleXML)")
            #expect(feed.body.contains(#"<link rel="alternate" type="text/html" href="http://127.0.0.1:0/status"/>"#))
        }
        try await status.handle.close()
    }

    @Test("A retitle moves every entry's updated time to the retitle, since each entry shows the title; updates after it keep their own")
    func aRetitleMovesEachEntrysUpdatedTime() async throws {
        let status = try await StatusHarness.make()
        let clock = status.clock
        try await status.harness.application().test(.router) { client in
            try await client.command("p1 Uploads failing --public", clock: clock)
            clock.advance(minutes: 1)
            try await client.command("update --public Uploads fail for files over 1 GB", clock: clock)
            let before = try await Self.parse(try await client.fetch("/status.atom").body)
            clock.advance(minutes: 5)
            try await client.command("public Large uploads failing", clock: clock)
            let retitled = try await Self.parse(try await client.fetch("/status.atom").body)
            clock.advance(minutes: 2)
            try await client.command("status identified", clock: clock)
            let after = try await Self.parse(try await client.fetch("/status.atom").body)

            #expect(before.entries.count == 2)
            #expect(Set(before.entries.compactMap(\.updated)).count == 2, "each entry at its own update's time before")
            #expect(retitled.entries.map(\.title) == ["Large uploads failing: Investigating", "Large uploads failing: Investigating"])
            #expect(retitled.entries.map(\.id) == before.entries.map(\.id))
            let retitleTime = try #require(retitled.entries.first?.updated)
            #expect(retitled.entries.allSatisfy { $0.updated == retitleTime })
            #expect(!before.entries.contains { $0.updated == retitleTime })
            // The entry made after the retitle is at its own time; those before stay at the retitle's.
            #expect(after.entries.count == 3)
            #expect(after.entries.first?.updated != retitleTime)
            #expect(after.entries.dropFirst().allSatisfy { $0.updated == retitleTime })
        }
        try await status.handle.close()
    }

    @Test("A public incident withdrawn as opened in error stays at its address, and its feed's last entry says so")
    func aWithdrawnIncidentStaysAndItsFeedSaysSo() async throws {
        let status = try await StatusHarness.make()
        let clock = status.clock
        try await status.harness.application().test(.router) { client in
            try await client.command("p1 Login broken everywhere --public", clock: clock)
            clock.advance(minutes: 3)
            try await client.command("withdraw False alarm: the synthetic probe was misconfigured", clock: clock)
            #expect(try await client.fetch("/status/incidents/1").status == .ok)
            let parsed = try await Self.parse(try await client.fetch("/status/incidents/1.atom").body)
            #expect(!parsed.bozo)
            #expect(parsed.entries.map(\.content) == [
                "This incident was opened in error and is closed. Anything that does affect the service is shown on this page. We are sorry for the confusion.",
                "We are investigating reports of a problem and will post an update soon.",
            ])
            // The team's reason stays with the team.
            #expect(!(try await client.fetch("/status/incidents/1").body).contains("probe"))
        }
        try await status.handle.close()
    }
}
