import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Synchronization
import Testing

/// A script's declaration while the database cannot write gets a 503 problem with `Retry-After` (as the alert hooks and chat
/// answer it), not a bare 500, and records nothing; its retry then goes through.
@Suite struct APIStoreOutageTests {
    struct DatabaseDown: Error {}

    @Test func aRequestTheStoreCannotAnswerGets503AndItsRetrySucceeds() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let down = Mutex(true)
        let store = InterposedStore(base: handle.store) { _ in
            if down.withLock({ $0 }) { throw DatabaseDown() }
        }
        try await TestHarness(store: store).application(apiTokens: APIRouteTests.tokens).test(.router) { client in
            let declare = #"{"severity":"p1","title":"Checkout errors"}"#
            let answer = try await APIRouteTests.call(client, .post, "/api/v1/incidents", json: declare)
            #expect(answer.status == .serviceUnavailable, "\(answer.text)")
            #expect(answer.headers[.retryAfter] == "5")
            #expect(answer.headers[.contentType] == "application/problem+json")
            #expect(answer.json["status"] as? Int == 503)
            #expect(try await handle.store.heads(IncidentQuery(.any)).isEmpty)
            down.withLock { $0 = false }
            let retried = try await APIRouteTests.call(client, .post, "/api/v1/incidents", json: declare)
            #expect(retried.status == .created, "\(retried.text)")
        }
        #expect(try await handle.store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }
}
