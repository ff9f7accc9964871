import ArgumentParser
import KlaxonStore

/// `klaxon migrate`: brings the store's schema up to date on its own, for deploy pipelines that migrate before
/// rolling out the new version. `serve` migrates too, and refuses a schema newer than it knows.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the store's schema migrations and exit (serve also applies them at start-up)."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let lock = try storeOptions.lockDataDirectory(for: "migrate")
        defer { lock?.release() }
        let handle = try await storeOptions.open()
        let version = try await handle.store.schemaVersion()
        if handle.migrationsApplied.isEmpty {
            print("schema \(version) is up to date (\(try storeOptions.location()))")
        } else {
            print("applied migrations \(handle.migrationsApplied.map(String.init).joined(separator: ", ")): schema is now \(version) (\(try storeOptions.location()))")
        }
        try await handle.close()
    }
}
