import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import Synchronization
import Testing

/// `GET /api/v1/incidents` reads a page's worth of incidents, however many are stored: it once loaded every incident
/// ever declared (0.7 s a call with 10,000 resolved ones) to show fifty.
@Suite struct APIIncidentPageTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Incident n (1…30) is declared at minute n, in `#incidents`, as P1 when n is odd and P2 when even; those up to
    /// 20 are resolved.
    static let count = 30

    static let pages: [(String, String, [Int])] = [
        ("every incident, newest first", "state=all&limit=7", Array((1...30).reversed())),
        ("the resolved ones", "state=resolved&limit=6", Array((1...20).reversed())),
        ("the open P1s", "state=open&severity=p1&limit=4", [29, 27, 25, 23, 21]),
        ("resolved P2s declared from minute 9", "state=resolved&severity=p2&since=2027-01-15T08:09:00Z&limit=3", [20, 18, 16, 14, 12, 10]),
        // RFC 3339 with a fraction: a half second past minute 9 leaves #9 out; as Python's isoformat() writes it.
        ("resolved P1s from half a second past minute 9", "state=resolved&severity=p1&since=2027-01-15T08:09:00.5Z&limit=3", [19, 17, 15, 13, 11]),
        ("resolved P1s from Python's isoformat()", "state=resolved&severity=p1&since=2027-01-15T08:08:59.430347%2B00:00&limit=3", [19, 17, 15, 13, 11, 9]),
        ("below #5", "state=all&before=5&limit=50", [4, 3, 2, 1]),
    ]

    @Test(arguments: pages)
    func pagesWalkTheIncidentsNewestFirstReadingOnlyAPagesWorth(name: String, query: String, expected: [Int]) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let readRows = Mutex<[Int]>([])
        var store = InterposedStore(base: handle.store) { _ in }
        store.headsRead = { _, heads in readRows.withLock { $0.append(heads.count) } }
        try await Self.store(on: handle.store)
        let harness = TestHarness(store: store)
        let limit = try #require(query.split(separator: "&").first { $0.hasPrefix("limit=") }.flatMap { Int($0.dropFirst(6)) })
        try await harness.application(apiTokens: APIRouteTests.tokens, apiRateLimit: .init(perMinute: 600, burst: 100)).test(.router) { client in
            var seen: [Int] = []
            var uri = "/api/v1/incidents?\(query)"
            for _ in 0..<20 {
                readRows.withLock { $0.removeAll() }
                let page = try await APIRouteTests.call(client, .get, uri)
                #expect(page.status == .ok, "\(page.text)")
                let ids = ((page.json["incidents"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
                #expect(ids.count <= limit)
                seen += ids
                // One row more than the page, to know whether another follows.
                #expect(readRows.withLock { $0 }.reduce(0, +) <= limit + 1, "\(name): \(uri) read \(readRows.withLock { $0 }) rows")
                guard let next = page.json["next"] as? Int else { break }
                uri = "/api/v1/incidents?\(query)&before=\(next)"
            }
            #expect(seen == expected, "\(name)")
        }
        try await handle.close()
    }

    @Test func rowsWithoutAStoredSeverityAreCheckedAgainstTheIncidentPageByPage() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        // As an older Klaxon wrote them: no severity in the row, so the store cannot narrow by it.
        try await Self.store(on: handle.store, indexedSeverity: false)
        try await TestHarness(store: handle.store).application(apiTokens: APIRouteTests.tokens).test(.router) { client in
            var seen: [Int] = []
            var uri = "/api/v1/incidents?state=resolved&severity=p2&limit=3"
            for _ in 0..<10 {
                let page = try await APIRouteTests.call(client, .get, uri)
                seen += ((page.json["incidents"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
                guard let next = page.json["next"] as? Int else { break }
                uri = "/api/v1/incidents?state=resolved&severity=p2&limit=3&before=\(next)"
            }
            #expect(seen == [20, 18, 16, 14, 12, 10, 8, 6, 4, 2])
        }
        try await handle.close()
    }

    /// Stores the incidents as the desk would have, straight into the store.
    static func store(on store: any IncidentStore, indexedSeverity: Bool = true) async throws {
        let channel = ChannelRef(platform: .slack, id: "C1", name: "incidents")
        let ann = Participant(platform: .slack, id: "UANN", name: "ann")
        let declaredAt = ISO8601DateFormatter().date(from: "2027-01-15T08:00:00Z")!
        for number in 1...count {
            let severity: Severity = number.isMultiple(of: 2) ? .p2 : .p1
            let at = declaredAt.addingTimeInterval(Double(number) * 60)
            var events = [IncidentEvent(at: at, actor: ann, change: .declared(Declaration(severity: severity, title: "Incident \(number)", channel: channel)))]
            if number <= 20 {
                events.append(IncidentEvent(at: at.addingTimeInterval(30), actor: ann, change: .resolved(summary: "fixed", forcedReason: "test")))
            }
            let index = IncidentIndex(isOpen: number > 20, awaitsReview: false, nextDueAt: nil, channel: channel, severity: indexedSeverity ? severity : nil)
            let commit = Commit(target: .new, events: events, requestKey: nil, index: index) { _ in CommitEffects(outbox: [], reply: nil) }
            guard case .recorded(let id, _) = try await store.commit(commit), id.rawValue == number else { throw StoreError.corrupt("not stored in order") }
        }
    }
}
