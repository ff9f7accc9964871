import ArgumentParser
import Foundation
import Configuration
import KlaxonServer
import KlaxonStore
import Logging

/// `--data-dir` and `--database-url`, for the commands that open the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory of the embedded SQLite database (KLAXON_DATA_DIR; default ./data).")
    var dataDir: String?
    @Option(
        name: .customLong("database-url"),
        help: "PostgreSQL instead of the embedded database: postgres://user:password@host:5432/db (KLAXON_DATABASE_URL, or KLAXON_DATABASE_URL_FILE)."
    )
    var databaseURL: String?

    /// The values given on the command line, under the configuration's keys.
    var arguments: [AbsoluteConfigKey: ConfigValue] {
        var arguments: [AbsoluteConfigKey: ConfigValue] = [:]
        if let dataDir { arguments["klaxon.data.dir"] = .init(.string(dataDir), isSecret: false) }
        if let databaseURL { arguments["klaxon.database.url"] = .init(.string(databaseURL), isSecret: true) }
        return arguments
    }

    /// Where the store is: the command line, then the environment.
    func location() throws -> StoreLocation {
        do {
            return try ConfigurationLoader(arguments: arguments).storeLocation()
        } catch {
            throw fail(error.message)
        }
    }

    /// Opens a store that must exist already: an embedded file is not created by looking at it.
    func openExisting() async throws -> StoreHandle {
        if case .embedded(let directory?) = try location(),
           !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(SQLiteIncidentStore.fileName)) {
            throw fail("no database in \(directory) (use --data-dir, or --database-url for PostgreSQL)")
        }
        return try await open()
    }

    /// For a command that writes to the store behind a server's back (import, migrate): the embedded database's
    /// directory, locked as a server locks it, so neither runs while the other does (a server would go on serving
    /// from what it cached). `nil` for PostgreSQL. Release it after closing the store.
    func lockDataDirectory(for purpose: String) throws -> DataDirectoryLock? {
        guard case .embedded(let directory?) = try location() else { return nil }
        do throws(ConfigurationError) {
            return try DataDirectoryLock.acquire(in: directory, for: purpose)
        } catch {
            throw fail(error.message)
        }
    }

    /// The embedded database's files, when the store is one and has none yet: what a failed first write leaves.
    func newDatabaseFiles() throws -> [String]? {
        guard case .embedded(let directory?) = try location() else { return nil }
        let file = (directory as NSString).appendingPathComponent(SQLiteIncidentStore.fileName)
        guard !FileManager.default.fileExists(atPath: file) else { return nil }
        return [file, file + "-wal", file + "-shm"]
    }

    /// Opens the store without serving; what an operator must fix ends the command with its message.
    func open() async throws -> StoreHandle {
        // Only warnings (the database is not reachable yet, and why) reach standard error.
        var logger = Logger(label: "klaxon", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .warning
        do {
            return try await KlaxonServer.openStore(try location(), logger: logger)
        } catch let error as ConfigurationError {
            throw fail(error.message)
        }
    }
}
