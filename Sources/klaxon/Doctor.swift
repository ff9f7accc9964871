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

    @Option(name: .customLong("data-dir"), help: "Directory of the database (KLAXON_DATA_DIR; default ./data).") var dataDir: String?

    func run() async throws {
        let directory = dataDir ?? ProcessInfo.processInfo.environment["KLAXON_DATA_DIR"] ?? KlaxonConfiguration.defaultDataDirectory
        guard FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(SQLiteIncidentStore.fileName)) else {
            throw fail("no database in \(directory) (use --data-dir)")
        }
        let quiet = Logger(label: "doctor", factory: { _ in SwiftLogNoOpLogHandler() })
        let handle: SQLiteStoreHandle
        do {
            handle = try await SQLiteIncidentStore.open(directory: directory, logger: quiet)
        } catch StoreError.schemaTooNew(let found, let known) {
            throw fail("the database has schema \(found), newer than this Klaxon knows (\(known)): run a newer Klaxon")
        }
        let store = handle.store
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
