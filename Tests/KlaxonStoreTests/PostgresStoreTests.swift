import Foundation
import KlaxonCore
@testable import KlaxonStore
import Testing

/// What only PostgreSQL has: a server to reach, a URL with a password, replicas migrating at once.
@Suite struct PostgresStoreTests {
    typealias F = StoreFixtures

    @Test func aURLKlaxonCannotUseIsRefusedWithoutItsPassword() async throws {
        for url in ["mysql://klaxon:hunter2@db/klaxon", "postgres://:hunter2@db/klaxon", "postgres://klaxon:hunter2@db/klaxon?sslmode=sometimes", "hunter2"] {
            let error = await #expect(throws: StoreError.self) {
                try await PostgresIncidentStore.open(PostgresStoreSettings(url: url, startupWait: .zero), logger: F.logger)
            }
            guard case .badDatabaseURL(let why)? = error else {
                Issue.record("\(url): expected a bad-URL error, got \(String(describing: error))")
                continue
            }
            #expect(!why.contains("hunter2"))
        }
    }

    @Test func anUnreachableServerIsReportedWithWhereAndWhyButNotThePassword() async throws {
        // Port 1 on loopback: nothing listens there.
        let settings = PostgresStoreSettings(url: "postgres://klaxon:hunter2@127.0.0.1:1/klaxon?sslmode=disable", startupWait: .milliseconds(300))
        let error = await #expect(throws: StoreError.self) { try await PostgresIncidentStore.open(settings, logger: F.logger) }
        guard case .unreachable(let why)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(why.contains("127.0.0.1:1/klaxon"))
        #expect(why.localizedCaseInsensitiveContains("refused"))
        #expect(!why.contains("hunter2"))
    }

    @Test(.enabled(if: StoreEngine.postgresURL != nil)) func aURLThatRequiresTLSIsRefusedByAServerWithout() async throws {
        // The throwaway test server has no certificate: sslmode=require must not fall back to plain text.
        let url = StoreEngine.postgresURL!.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
        let error = await #expect(throws: StoreError.self) {
            try await PostgresIncidentStore.open(PostgresStoreSettings(url: url, startupWait: .zero), logger: F.logger)
        }
        guard case .unreachable(let why)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(why.contains("TLS"))
    }

    @Test(.enabled(if: StoreEngine.postgresURL != nil)) func replicasStartingTogetherMigrateOnce() async throws {
        let database = StoreEngine.postgres.make()
        let handles = try await withThrowingTaskGroup(of: StoreHandle.self) { group in
            for _ in 0..<4 { group.addTask { try await database.open() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Exactly one of them applied the migrations; the others found them done.
        #expect(handles.map(\.migrationsApplied).filter { !$0.isEmpty } == [Array(1...SQLIncidentStore.latestSchema)])
        for handle in handles {
            #expect(try await handle.store.schemaVersion() == SQLIncidentStore.latestSchema)
            try await handle.close()
        }
    }

    @Test(.enabled(if: StoreEngine.postgresURL != nil)) func aSchemaNewerThanThisKlaxonIsRefused() async throws {
        let database = StoreEngine.postgres.make()
        let first = try await database.open()
        try await first.store.writer.raw("INSERT INTO klaxon_migrations (version, applied_at) VALUES (99, 0)").run()
        try await first.close()
        await #expect(throws: StoreError.schemaTooNew(found: 99, known: SQLIncidentStore.latestSchema)) {
            try await database.open().close()
        }
    }
}
