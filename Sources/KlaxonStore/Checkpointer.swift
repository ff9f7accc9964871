import Logging
import NIOPosix
import SQLiteKit

/// The connection that copies the write-ahead log back into the SQLite file, on a thread of its own so that a long
/// checkpoint holds up neither the writer nor the reader, which share SQLiteNIO's pool.
final class Checkpointer: Sendable {
    private let connection: SQLiteConnection
    private let thread: NIOThreadPool

    static func open(storage: SQLiteConnection.Storage, logger: Logger) async throws -> Checkpointer {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        do {
            let connection = try await SQLiteConnection.open(
                storage: storage, threadPool: thread, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any()
            )
            do {
                try await connection.sql().raw("PRAGMA busy_timeout=15000").run()
            } catch {
                try? await connection.close()
                throw error
            }
            return Checkpointer(connection: connection, thread: thread)
        } catch {
            try? await thread.shutdownGracefully()
            throw error
        }
    }

    private init(connection: SQLiteConnection, thread: NIOThreadPool) {
        self.connection = connection
        self.thread = thread
    }

    /// A passive checkpoint: copies what no reader still needs and waits for no one.
    func checkpoint() async throws -> WALCheckpoint {
        let rows = try await connection.sql().raw("PRAGMA wal_checkpoint(PASSIVE)").all()
        guard let row = rows.first else { return WALCheckpoint(framesInLog: 0, framesCopied: 0) }
        // Columns: busy, log, checkpointed (-1 when the database is not in WAL mode).
        return WALCheckpoint(
            framesInLog: max(0, try row.decode(column: "log", as: Int.self)),
            framesCopied: max(0, try row.decode(column: "checkpointed", as: Int.self))
        )
    }

    func close() async throws {
        try await connection.close()
        try await thread.shutdownGracefully()
    }

    /// For a handle dropped without closing: lets go without waiting.
    func abandon() {
        _ = connection.close() as EventLoopFuture<Void>
        thread.shutdownGracefully { _ in }
    }
}
