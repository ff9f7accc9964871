import Foundation
import Logging
import SQLiteKit
import Synchronization

/// Opens the embedded SQLite store: one file under the data directory, WAL, fully synchronous commits.
public enum SQLiteIncidentStore {
    /// The database file's name inside the data directory.
    public static let fileName = "klaxon.sqlite"

    /// Opens (creating if needed) the store in `directory`; `nil` opens a private in-memory database.
    public static func open(directory: String?, logger: Logger) async throws -> SQLiteStoreHandle {
        let storage: SQLiteConnection.Storage
        if let directory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            storage = .file(path: (directory as NSString).appendingPathComponent(fileName))
        } else {
            storage = .memory
        }
        let connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        let database = connection.sql(queryLogLevel: .trace)
        // WAL lets readers work while a command commits; FULL makes a commit durable before we acknowledge it.
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=5000"] {
            try await database.raw(SQLQueryString(pragma)).run()
        }
        let store = SQLIncidentStore(database: database, beginStatement: "BEGIN IMMEDIATE")
        try await store.migrate()
        return SQLiteStoreHandle(store: store, connection: connection)
    }
}

/// An open SQLite store and the connection to close when done.
public final class SQLiteStoreHandle: Sendable {
    public let store: SQLIncidentStore
    let connection: SQLiteConnection
    private let closed = Mutex(false)

    init(store: SQLIncidentStore, connection: SQLiteConnection) {
        self.store = store
        self.connection = connection
    }

    /// Closes the database file.
    public func close() async throws {
        guard closed.withLock({ was in defer { was = true }; return !was }) else { return }
        try await connection.close()
    }

    deinit {
        // A handle dropped without close() (a failed test, an early exit) still closes its file.
        if !closed.withLock({ $0 }) { _ = connection.close() as EventLoopFuture<Void> }
    }
}
