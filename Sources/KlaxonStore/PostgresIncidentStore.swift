import Foundation
import Logging
@preconcurrency import AsyncKit
import NIOPosix
import PostgresKit

/// Opens the store on a PostgreSQL server: a pool of connections, the same SQL as the embedded SQLite store.
public enum PostgresIncidentStore {
    /// Connects (waiting up to `settings.startupWait` for the server), brings the schema up to date and returns
    /// the store. - Throws: `StoreError.badDatabaseURL`, `.unreachable`, `.schemaTooNew`.
    public static func open(_ settings: PostgresStoreSettings, logger: Logger) async throws -> StoreHandle {
        var configuration = try configuration(settings)
        if let schema = settings.schema { configuration.searchPath = [schema] }
        let loops = MultiThreadedEventLoopGroup.singleton
        let loopCount = max(1, Array(loops.makeIterator()).count)
        // A closed connection (the server restarted) is dropped by the pool and a new one made for the next request.
        // The pool logs each failed connection attempt as an error; Klaxon says itself what failed and what it does.
        var poolLogger = logger
        poolLogger.logLevel = .critical
        let pool = SharedPool(EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: max(1, (settings.poolSize + loopCount - 1) / loopCount),
            requestTimeout: .seconds(10), logger: poolLogger, on: loops
        ))
        do {
            let database = pool.pool.database(logger: poolLogger).sql(queryLogLevel: .trace)
            try await waitForServer(database, settings: settings, logger: logger)
            if let schema = settings.schema {
                // Before the migrations, which create their tables in it. Replicas may race here; the loser's error
                // says the schema exists, which is what it wanted.
                do {
                    try await database.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                } catch where isUniqueViolation(error) {}
            }
            let store = SQLIncidentStore(writer: database, reader: database, engine: engine)
            let applied = try await store.migrate()
            return StoreHandle(store: store, migrationsApplied: applied, close: {
                try await pool.pool.shutdownAsync()
            }, abandon: {
                pool.pool.shutdownGracefully { _ in }
            })
        } catch {
            try? await pool.pool.shutdownAsync()
            throw error
        }
    }

    static let engine = SQLEngine(
        name: "PostgreSQL", beginStatement: "BEGIN",
        // Any fixed number: the lock only has to be the same for every Klaxon on the database.
        migrationLock: "SELECT pg_advisory_xact_lock(7241530918)",
        serializesWrites: false, snapshotBegin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        sequenceReset: { table in
            "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)"
        },
        transactionDeadline: .seconds(15),
        isUniqueViolation: isUniqueViolation
    )

    /// Checks the URL before anything connects, for the configuration's error messages.
    public static func validate(_ settings: PostgresStoreSettings) throws {
        _ = try configuration(settings)
    }

    /// The connection settings from the URL; a URL Klaxon cannot use is refused without repeating it.
    static func configuration(_ settings: PostgresStoreSettings) throws -> SQLPostgresConfiguration {
        guard let components = URLComponents(string: settings.url),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw StoreError.badDatabaseURL("the database URL must look like postgres://user:password@host:5432/database")
        }
        guard components.user?.isEmpty == false, components.host?.isEmpty == false else {
            throw StoreError.badDatabaseURL("the database URL \(settings.redactedURL) needs a user and a host")
        }
        do {
            return try SQLPostgresConfiguration(url: settings.url)
        } catch {
            throw StoreError.badDatabaseURL(
                "the database URL \(settings.redactedURL) was refused; sslmode may be disable, prefer or require"
            )
        }
    }

    /// Tries the server until it answers or the start-up wait is over, saying each time why it could not connect.
    static func waitForServer(_ database: any SQLDatabase, settings: PostgresStoreSettings, logger: Logger) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: settings.startupWait)
        var pause = Duration.milliseconds(250)
        while true {
            do {
                try await database.raw("SELECT 1").run()
                return
            } catch {
                let why = reason(error)
                guard clock.now.advanced(by: pause) < deadline else {
                    throw StoreError.unreachable("cannot connect to \(settings): \(why)")
                }
                logger.warning("Cannot connect to the database yet; trying again", metadata: [
                    "database": "\(settings.redactedURL)", "error": "\(why)", "retry.after": "\(pause)",
                ])
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }

    /// Why a connection failed, in words an operator can act on; PostgreSQL's errors hide their details by default.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if error.code == .sslUnsupported { return "the server does not offer TLS, which the URL's sslmode requires" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return String(describing: underlying) }
        return String(describing: error.code)
    }

    /// PostgreSQL's unique_violation (SQLSTATE 23505).
    @Sendable static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}

/// The pool, shared with the store's closing closures. async-kit's pool guards its state with its own lock and does
/// its work on its event loops, but predates Sendable and does not say so.
private final class SharedPool: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>

    init(_ pool: EventLoopGroupConnectionPool<PostgresConnectionSource>) {
        self.pool = pool
    }
}
