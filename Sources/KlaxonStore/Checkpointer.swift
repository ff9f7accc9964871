import Logging
import NIOPosix
import SQLiteKit

/// The connection that copies the write-ahead log back into the SQLite file, on a thread of its own so that a long
/// checkpoint holds up neither the writer (on its `WriterThread`) nor the reader (on SQLiteNIO's pool).
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
                try await connection.sql(queryLogLevel: .trace).raw("PRAGMA busy_timeout=15000").run()
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
        // At trace, like the store's other statements: at debug this would be a log line every second.
        let rows = try await connection.sql(queryLogLevel: .trace).raw("PRAGMA wal_checkpoint(PASSIVE)").all()
        guard let row = rows.first else { return WALCheckpoint(framesInLog: 0, framesCopied: 0) }
        // Columns: busy, log, checkpointed (-1 when the database is not in WAL mode).
        return WALCheckpoint(
            framesInLog: max(0, try row.decode(column: "log", as: Int.self)),
            framesCopied: max(0, try row.decode(column: "checkpointed", as: Int.self))
        )
    }

    /// Closes the connection, then stops its thread whether or not the close succeeded.
    func close() async throws {
        var failure: (any Error)?
        do { try await connection.close() } catch { failure = error }
        try await thread.shutdownGracefully()
        if let failure { throw failure }
    }

    /// For a handle dropped without closing: lets go without waiting. The thread stops once the close has run on it;
    /// stopped first, it would drop the queued close and leave the file open.
    func abandon() {
        let thread = self.thread
        (connection.close() as EventLoopFuture<Void>).whenComplete { _ in thread.shutdownGracefully { _ in } }
    }
}
