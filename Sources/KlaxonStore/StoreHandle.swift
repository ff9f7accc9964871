import Synchronization

/// An open store and what to release when done: the SQLite file's connections, or the PostgreSQL pool.
public final class StoreHandle: Sendable {
    public let store: SQLIncidentStore
    /// The schema migrations applied when it was opened (none when it was up to date).
    public let migrationsApplied: [Int]
    /// Copies the SQLite file's write-ahead log into the database, on a connection of its own, when the store was
    /// opened to have that done in the background (`nil` otherwise, and for PostgreSQL).
    public let checkpoint: (@Sendable () async throws -> WALCheckpoint)?
    private let release: @Sendable () async throws -> Void
    private let abandon: @Sendable () -> Void
    private let closed = Mutex(false)

    init(
        store: SQLIncidentStore, migrationsApplied: [Int], checkpoint: (@Sendable () async throws -> WALCheckpoint)? = nil,
        close: @escaping @Sendable () async throws -> Void, abandon: @escaping @Sendable () -> Void
    ) {
        self.store = store
        self.migrationsApplied = migrationsApplied
        self.checkpoint = checkpoint
        self.release = close
        self.abandon = abandon
    }

    /// Closes the connections; later calls do nothing.
    public func close() async throws {
        guard closed.withLock({ was in defer { was = true }; return !was }) else { return }
        try await release()
    }

    deinit {
        // A handle dropped without close() (a failed test, an early exit) still lets go of its connections.
        if !closed.withLock({ $0 }) { abandon() }
    }
}
