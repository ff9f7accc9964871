import Foundation
import Logging
import NIOPosix
import SQLiteKit

/// Opens the embedded SQLite store: one file under the data directory, WAL, fully synchronous commits.
public enum SQLiteIncidentStore {
    /// The database file's name inside the data directory.
    public static let fileName = "klaxon.sqlite"

    /// How many pages the log may hold before the writer copies it back itself and starts it again. SQLite's default,
    /// 1,000 (about 4 MB), when nothing else checkpoints. With `backgroundCheckpoints` the background copies most
    /// pages, but under steady writes it never lets the log start again (that takes a write that finds the whole log
    /// copied, and a new commit always comes first), so the writer's checkpoint is what restarts it. At 20,000 pages
    /// the log reached 82 MB, each restart cut the file back to `logSizeLimit`, and the next commits grew it again:
    /// commands stalled for 30 ms every 2.5 s at 500 declarations a second. About 16 MB now, and never cut back.
    static let writerCheckpointPages = (alone: 1_000, withBackground: 4_000)

    /// The size a log is cut back to once copied: twice what the writer lets it reach, so the commit that crosses the
    /// threshold (it checkpoints after that commit) stays under it. Only a log that grew past it, a reader having
    /// held the checkpoints back or a long migration, is cut back.
    static let logSizeLimit = 32 << 20

    /// Opens (creating if needed) the store in `directory`; `nil` opens a private in-memory database.
    ///
    /// `backgroundCheckpoints` moves most of copying the write-ahead log back into the database off the commit path,
    /// to a connection of its own on a thread of its own (`StoreHandle.checkpoint`): done by the writer alone, a
    /// commit that crosses the threshold waits for all of the log's pages to be written and synced, and every command
    /// queued behind it with it.
    public static func open(directory: String?, logger: Logger, backgroundCheckpoints: Bool = false) async throws -> StoreHandle {
        let storage: SQLiteConnection.Storage
        if let directory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            storage = .file(path: (directory as NSString).appendingPathComponent(fileName))
        } else {
            storage = .memory
        }
        let writerThread = WriterThread()
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(
                storage: storage, threadPool: writerThread.pool, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()
            )
        } catch {
            try? await writerThread.stop()
            throw error
        }
        var connections = [writer]
        var checkpointer: Checkpointer?
        do {
            // WAL lets readers work while a batch commits; FULL makes a commit durable before we acknowledge it. Another
            // process on the same file (`klaxon migrate`, an export, a second server) holds the lock for a batch at a
            // time; on a loaded machine that took longer than 5 s, so a writer waits up to 15 s before giving up.
            let pages = backgroundCheckpoints && directory != nil ? writerCheckpointPages.withBackground : writerCheckpointPages.alone
            try await configure(writer, [
                "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=15000", "PRAGMA wal_autocheckpoint=\(pages)",
                // A log that grew (a long migration, a reader holding a checkpoint back) is cut back once copied.
                "PRAGMA journal_size_limit=\(logSizeLimit)",
            ])
            // A file gets a second connection for reads, which then never wait behind a write; an in-memory
            // database is private to its connection, so it has only the one.
            var reader: SQLiteConnection?
            if directory != nil {
                let second = try await SQLiteConnection.open(storage: storage, logger: logger)
                connections.append(second)
                try await configure(second, ["PRAGMA busy_timeout=15000", "PRAGMA query_only=1"])
                reader = second
            }
            let store = SQLIncidentStore(
                writer: writer.sql(queryLogLevel: .trace), reader: reader?.sql(queryLogLevel: .trace), engine: engine, writeExecutor: writerThread
            )
            let applied = try await store.migrate()
            if backgroundCheckpoints, directory != nil {
                checkpointer = try await Checkpointer.open(storage: storage, logger: logger)
            }
            let open = connections
            let background = checkpointer
            var checkpoint: (@Sendable () async throws -> WALCheckpoint)?
            if let background { checkpoint = { try await background.checkpoint() } }
            return StoreHandle(store: store, migrationsApplied: applied, checkpoint: checkpoint, close: {
                // Every connection is closed even when one fails to; the first failure is reported.
                var failure: (any Error)?
                do { try await background?.close() } catch { failure = failure ?? error }
                for connection in open {
                    do { try await connection.close() } catch { failure = failure ?? error }
                }
                // After the writer's close, which runs on it.
                do { try await writerThread.stop() } catch { failure = failure ?? error }
                if let failure { throw failure }
            }, abandon: {
                // Had the connections not been closed, SQLiteNIO would stop the process.
                background?.abandon()
                let closes = open.map { $0.close() as EventLoopFuture<Void> }
                // The writer's thread stops once the writer's close has run on it: stopped first, it would drop it.
                closes[0].whenComplete { _ in writerThread.pool.shutdownGracefully { _ in } }
            })
        } catch {
            try? await checkpointer?.close()
            for connection in connections { try? await connection.close() }
            try? await writerThread.stop()
            throw error
        }
    }

    static let engine = SQLEngine(
        name: "SQLite", beginStatement: "BEGIN IMMEDIATE", migrationLock: nil, serializesWrites: true,
        snapshotBegin: "BEGIN", sequenceReset: nil, transactionDeadline: nil, isUniqueViolation: isUniqueViolation
    )

    private static func configure(_ connection: SQLiteConnection, _ pragmas: [String]) async throws {
        let database = connection.sql()
        for pragma in pragmas { try await database.raw(SQLQueryString(pragma)).run() }
    }

    /// SQLite's unique and primary-key violations, told by the error's code.
    @Sendable static func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed: return true
        default: return false
        }
    }
}
