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
        try await handle.close()
        if !quarantined.isEmpty { throw ExitCode(2) }
    }
}
