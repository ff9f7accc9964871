import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonPolicy
@testable import KlaxonServer
import Testing

@Suite("Status page routes")
struct StatusRouteTests {
    @Test("The page follows a public P0 from declaration to resolution")
    func thePageFollowsAPublicP0() async throws {
        let status = try await StatusHarness.make()
        let clock = status.clock
        try await status.harness.application().test(.router) { client in
            var page = try await client.fetch("/status")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.contains("All systems operational"))
            #expect(page.body.contains("No incidents right now."))

            try await client.command("p0 Uploads failing for everyone --public", clock: clock)
            page = try await client.fetch("/status")
            #expect(page.body.contains("Uploads failing for everyone"))
            #expect(page.body.contains("We are investigating reports of a problem"))

            try await client.command("affects uploads", clock: clock)
            clock.advance(minutes: 1)
            try await client.command("update --public Uploads fail for all customers; we are on it", clock: clock)
            page = try await client.fetch("/status")
            #expect(page.body.contains("Major outage"))
            #expect(page.body.contains("Uploads fail for all customers; we are on it"))

            clock.advance(minutes: 1)
            try await client.command("status identified --public We found the cause", clock: clock)
            try await client.command("eta 30m", clock: clock)
            page = try await client.fetch("/status")
            #expect(page.body.contains("Identified"))
            #expect(page.body.contains("Expected fix by"))
            // Newest first.
            let found = try #require(page.body.range(of: "We found the cause"))
            let earlier = try #require(page.body.range(of: "Uploads fail for all customers"))
            #expect(found.lowerBound < earlier.lowerBound)

            clock.advance(minutes: 1)
            try await client.command("status monitoring", clock: clock)
            clock.advance(minutes: 1)
            try await client.command("resolve Pool raised --force customer confirmation pending", clock: clock)
            page = try await client.fetch("/status")
            #expect(page.body.contains("All systems operational"))
            #expect(page.body.contains("No incidents right now."))
            #expect(page.body.contains("This incident has been resolved."))
            #expect(!page.body.contains("Expected fix by"))
        }
        try await status.handle.close()
    }

    @Test("Internal text is nowhere in the HTML, the JSON or the feeds")
    func internalTextIsNowhereOnThePage() async throws {
        let marker = "ZQXMARKER"
        let status = try await StatusHarness.make()
        let clock = status.clock
        try await status.harness.application().test(.router) { client in
            try await client.command("p0 Pool \(marker) exhausted on db-7 --public", clock: clock)
            try await client.command("public #1 Uploads are failing", clock: clock)
            for command in [
                "update Internal \(marker) update", "scope All \(marker) users", "commander <@U0\(marker)|carol\(marker)>",
                "check multiple-clients", "status identified Internal \(marker) note", "update --public Customers may see failed uploads",
                "resolve Fixed \(marker) --force \(marker) reason",
            ] {
                clock.advance(minutes: 1)
                try await client.command(command, clock: clock)
            }
            // Recorded, and confirmed to their author only.
            for command in ["note #1 Private \(marker) note", "cause #1 The \(marker) cause"] {
                #expect(try await client.slash(command, clock: clock).text.contains(marker))
            }
            // A second, private incident must not show at all, not even as a count.
            try await client.command("p1 Private \(marker) incident", clock: clock)
            var seen = 0
            for uri in StatusHarness.resources(of: 1) + StatusHarness.resources(of: 2) {
                let fetched = try await client.fetch(uri)
                #expect(!fetched.body.contains(marker), "\(uri) shows internal text")
                #expect(!fetched.body.contains("carol"), "\(uri) shows a name")
                if fetched.status == .ok { seen += fetched.body.contains("Uploads are failing") ? 1 : 0 }
            }
            // The public incident was there to be seen (resolved: the front page, feed, JSON-free history, its page and feed).
            #expect(seen >= 4)
        }
        try await status.handle.close()
    }

    @Test("An unknown incident and a private one get the same 404")
    func unknownAndPrivateIncidentsGetTheSame404() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            try await client.command("p1 Private one", clock: status.clock)
            let privateOne = try await client.fetch("/status/incidents/1")
            let unknown = try await client.fetch("/status/incidents/99")
            let privateFeed = try await client.fetch("/status/incidents/1.atom")
            let garbage = try await client.fetch("/status/incidents/1x")
            for response in [privateOne, unknown, privateFeed, garbage] {
                #expect(response.status == .notFound)
                #expect(response.body == unknown.body)
            }
            // A page a person reads, with the way back.
            #expect(unknown.headers[.contentType] == "text/html; charset=utf-8")
            #expect(unknown.body.contains("No such incident on this status page") && unknown.body.contains(#"href="/status""#))
        }
        try await status.handle.close()
    }

    @Test("Every status resource has validators, and a conditional request for an unchanged one gets 304")
    func conditionalRequestsGet304() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            try await client.command("p0 Uploads failing --public", clock: status.clock)
            status.clock.advance(minutes: 1.0 / 60)
            for uri in StatusHarness.resources(of: 1) {
                let first = try await client.fetch(uri)
                #expect(first.status == .ok, "\(uri)")
                let etag = try #require(first.headers[.eTag], "\(uri) has no ETag")
                let modified = try #require(first.headers[.lastModified], "\(uri) has no Last-Modified")
                #expect(first.headers[.cacheControl]?.hasPrefix("public, max-age=") == true)
                #expect(try await client.fetch(uri, headers: [.ifNoneMatch: etag]).status == .notModified, "\(uri)")
                #expect(try await client.fetch(uri, headers: [.ifModifiedSince: modified]).status == .notModified, "\(uri)")
                #expect(try await client.fetch(uri, headers: [.ifNoneMatch: "\"other\""]).status == .ok, "\(uri)")
            }
            let before = try await client.fetch("/status")
            status.clock.advance(minutes: 2)
            try await client.command("update --public Still on it", clock: status.clock)
            let after = try await client.fetch("/status", headers: [.ifNoneMatch: try #require(before.headers[.eTag])])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != before.headers[.eTag])
        }
        try await status.handle.close()
    }

    @Test("Taking an incident off the page moves the pages' date forward, never back: a cache revalidating by date gets the page without it")
    func takingAnIncidentOffMovesTheDateForward() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            try await client.command("p0 Uploads failing --public", clock: status.clock)
            status.clock.advance(minutes: 1)
            let shown = try await client.fetch("/status")
            let modified = try #require(shown.headers[.lastModified])
            let hiddenAt = status.clock.now
            try await client.command("private", clock: status.clock)
            status.clock.advance(minutes: 1)
            for uri in ["/status", "/status.json", "/status.atom"] {
                let revalidated = try await client.fetch(uri, headers: [.ifModifiedSince: modified])
                #expect(revalidated.status == .ok, "\(uri)")
                #expect(!revalidated.body.contains("Uploads failing"), "\(uri)")
                let date = try #require(revalidated.headers[.lastModified].flatMap(HTTPDate.parse), "\(uri)")
                #expect(date > (try #require(HTTPDate.parse(modified))), "\(uri)")
            }
            #expect(try await client.fetch("/status.atom").body.contains("<updated>\(StatusPageFacts.iso(hiddenAt))</updated>"))
        }
        try await status.handle.close()
    }

    @Test("A page changed twice within a second is never 304 to If-Modified-Since for its first version: its date is given once the second is over")
    func aDateWithinItsOwnSecondIsNotGiven() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            try await client.command("p0 Uploads failing --public", clock: status.clock)
            status.clock.advance(minutes: 0.3 / 60)
            let first = try await client.fetch("/status.atom")
            #expect(first.status == .ok)
            #expect(first.headers[.lastModified] == nil, "the second of the change is not over")
            // A client that took the time of its copy for the page's: the page is sent, not 304.
            let formatter = DateFormatter()
            (formatter.locale, formatter.timeZone, formatter.dateFormat) = (Locale(identifier: "en_US_POSIX"), TimeZone(identifier: "GMT"), "EEE, dd MMM yyyy HH:mm:ss 'GMT'")
            #expect(try await client.fetch("/status.atom", headers: [.ifModifiedSince: formatter.string(from: status.clock.now)]).status == .ok)
            // Later in the same second, another public change.
            status.clock.advance(minutes: 0.4 / 60)
            try await client.command("update --public Failing over now", clock: status.clock)
            status.clock.advance(minutes: 1 / 60)
            let settled = try await client.fetch("/status.atom")
            #expect(settled.body.contains("Failing over now"))
            let modified = try #require(settled.headers[.lastModified], "given once its second is over")
            #expect(try await client.fetch("/status.atom", headers: [.ifModifiedSince: modified]).status == .notModified)
        }
        try await status.handle.close()
    }

    @Test("HEAD on every status resource and on the health checks answers like GET, without a body (uptime monitors use it)")
    func headAnswersLikeGet() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            try await client.command("p0 Uploads failing --public", clock: status.clock)
            for uri in StatusHarness.resources(of: 1) + ["/healthz", "/readyz"] {
                let get = try await client.fetch(uri)
                try await client.execute(uri: uri, method: .head) { head in
                    #expect(head.status == get.status, "\(uri)")
                    #expect(head.headers[.eTag] == get.headers[.eTag], "\(uri)")
                    #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                    #expect(head.body.readableBytes == 0, "\(uri)")
                }
            }
        }
        try await status.handle.close()
    }

    @Test("A page rendered by one replica follows a change another replica commits to the same store")
    func aPageFollowsAnotherReplicasChange() async throws {
        let status = try await StatusHarness.make()
        let reader = try await status.harness.application()
        try await status.harness.application().test(.router) { writer in
            try await writer.command("p1 Payments failing --public", clock: status.clock)
            try await reader.test(.router) { client in
                let before = try await client.fetch("/status")
                #expect(before.body.contains("We are investigating reports"))
                status.clock.advance(minutes: 1)
                try await writer.command("update --public Card payments are failing", clock: status.clock)
                let after = try await client.fetch("/status")
                #expect(after.body.contains("Card payments are failing"))
                #expect(after.headers[.eTag] != before.headers[.eTag])
            }
        }
        try await status.handle.close()
    }

    @Test("status.json has the shape of Statuspage's summary.json")
    func statusJSONHasTheSummaryShape() async throws {
        struct Summary: Decodable {
            struct Page: Decodable { let id: String; let name: String; let url: String; let updated_at: String }
            struct Indicator: Decodable { let indicator: String; let description: String }
            struct Component: Decodable { let id: String; let name: String; let status: String }
            struct Update: Decodable { let id: String; let status: String; let body: String; let created_at: String }
            struct Incident: Decodable { let id: String; let name: String; let status: String; let impact: String; let incident_updates: [Update] }
            let page: Page
            let status: Indicator
            let components: [Component]
            let incidents: [Incident]
        }
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            try await client.command("p1 Payments failing --public", clock: status.clock)
            try await client.command("affects payments", clock: status.clock)
            status.clock.advance(minutes: 1)
            try await client.command("update --public Card payments fail", clock: status.clock)
            let fetched = try await client.fetch("/status.json")
            #expect(fetched.headers[.contentType] == "application/json")
            let summary = try JSONDecoder().decode(Summary.self, from: Data(fetched.body.utf8))
            #expect(summary.status.indicator == "major")
            #expect(summary.components.first { $0.id == "payments" }?.status == "partial_outage")
            #expect(summary.components.first { $0.id == "uploads" }?.status == "operational")
            // Local mode (the harness's configuration sets no platform): links are absolute, to the loopback address
            // the page is served on, as in chat; widgets built for summary.json expect absolute ones.
            #expect(summary.page.url == "http://127.0.0.1:0/status")
            let incident = try #require(summary.incidents.first)
            #expect(incident.name == "Payments failing")
            #expect(incident.status == "investigating")
            #expect(incident.incident_updates.map(\.body) == ["Card payments fail", "We are investigating reports of a problem and will post an update soon."])
        }
        try await status.handle.close()
    }

    @Test("History lists resolved public incidents newest first, 20 a page")
    func historyIsPaginated() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            for number in 1...23 {
                try await client.command("p3 Slow thing \(number) --public", clock: status.clock)
                try await client.command("resolve #\(number) Done", clock: status.clock)
                status.clock.advance(minutes: 1)
            }
            let first = try await client.fetch("/status/history")
            let second = try await client.fetch("/status/history?page=2")
            #expect(first.body.components(separatedBy: "<article").count - 1 == 20)
            #expect(second.body.components(separatedBy: "<article").count - 1 == 3)
            #expect(first.body.contains("Slow thing 23"))
            #expect(second.body.contains("Slow thing 1<"))
            #expect(first.body.contains("Page 1 of 2"))
            // A page that is not there is a 404, not an empty page or page 1 again.
            for query in ["page=3", "page=0", "page=-1", "page=abc", "page="] {
                let missing = try await client.fetch("/status/history?\(query)")
                #expect(missing.status == .notFound, "\(query)")
                #expect(missing.body.contains("No such page of the history") && missing.body.contains(#"href="/status""#), "\(query)")
            }
        }
        try await status.handle.close()
    }

    @Test("An empty history has its first page")
    func anEmptyHistoryHasItsFirstPage() async throws {
        let status = try await StatusHarness.make()
        try await status.harness.application().test(.router) { client in
            let statuses = try await [client.fetch("/status/history"), client.fetch("/status/history?page=1"), client.fetch("/status/history?page=2")].map(\.status)
            #expect(statuses == [.ok, .ok, .notFound])
        }
        try await status.handle.close()
    }
}
