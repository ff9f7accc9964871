import ArgumentParser
import Foundation
import KlaxonServer
import KlaxonStore
import Logging

/// `klaxon doctor`: what is wrong with the store, if anything (unreadable incidents, schema, stuck messages).
struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the store: schema version, incidents whose history cannot be read (quarantined), waiting messages."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let handle = try await storeOptions.openExisting()
        let store = handle.store
        print("store: \(try storeOptions.location()) (\(store.engineName))")
        print("schema: \(try await store.schemaVersion()) (this Klaxon knows up to \(SQLIncidentStore.latestSchema))")
        print("open incidents: \(try await store.heads(IncidentQuery(.open)).count)")
        print("awaiting review: \(try await store.heads(IncidentQuery(.awaitingReview)).count)")
        print("messages waiting: \(try await store.pendingOutbox(limit: 100_000).count)")
        let quarantined = try await store.quarantined()
        if quarantined.isEmpty {
            print("quarantined incidents: none")
        } else {
            print("quarantined incidents (their events cannot be read; they are left out until repaired):")
            for (id, reason) in quarantined { print("  \(id): \(reason)") }
        }
        // A server quarantines an incident only once it reads it: after a restore, before any server has, the damage
        // is found here by reading every history (without marking anything: doctor only reports).
        let unread = try await store.unreadableHistories(besides: Set(quarantined.map(\.0)))
        if unread.isEmpty {
            print("histories read: all readable")
        } else {
            print("unreadable histories not yet quarantined (a server will quarantine them when it reads them):")
            for (id, reason) in unread { print("  \(id): \(reason)") }
        }
        try await handle.close()
        if !quarantined.isEmpty || !unread.isEmpty { throw ExitCode(2) }
    }
}
