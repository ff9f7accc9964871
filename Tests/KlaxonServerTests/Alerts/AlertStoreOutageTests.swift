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

@Suite struct AlertStoreOutageTests {
    struct DatabaseDown: Error {}

    @Test func aNotificationTheStoreCannotRecordGets503SoAlertmanagerRetriesAndTheRetryDeclaresOnce() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let down = Mutex(true)
        let store = InterposedStore(base: handle.store) { _ in
            if down.withLock({ $0 }) { throw DatabaseDown() }
        }
        let harness = TestHarness(store: store)
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            let body = try AlertFixtures.payload("alertmanager-firing")
            try await client.execute(uri: "/hooks/alertmanager", method: .post, headers: AlertFixtures.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await handle.store.heads(IncidentQuery(.any)).isEmpty)
            down.withLock { $0 = false }
            // Alertmanager's retry of the same notification, and then its next re-send.
            let retried = try await client.alert(body)
            let resent = try await client.alert(body)
            #expect(retried == AlertAnswer(result: "declared", incident: 1))
            #expect(resent == AlertAnswer(result: "unchanged", incident: 1))
        }
        #expect(try await handle.store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }
}
