import Logging

/// Which database holds the incidents: the embedded SQLite file in the data directory, or a PostgreSQL server.
public enum StoreLocation: Sendable, Equatable {
    /// The SQLite file in this directory; `nil` is a private in-memory database (simulations, tests).
    case embedded(directory: String?)
    case postgres(PostgresStoreSettings)

    /// Opens the store and brings its schema up to date. `backgroundCheckpoints`: a server, whose `StoreHandle.checkpoint`
    /// someone calls, rather than a command that opens the store for a moment.
    public func open(logger: Logger, backgroundCheckpoints: Bool = false) async throws -> StoreHandle {
        switch self {
        case .embedded(let directory):
            try await SQLiteIncidentStore.open(directory: directory, logger: logger, backgroundCheckpoints: backgroundCheckpoints)
        case .postgres(let settings): try await PostgresIncidentStore.open(settings, logger: logger)
        }
    }
}

extension StoreLocation: CustomStringConvertible {
    /// Where the data is, for start-up messages (never with a password).
    public var description: String {
        switch self {
        case .embedded(let directory?): "\(directory)/\(SQLiteIncidentStore.fileName)"
        case .embedded(nil): "an in-memory SQLite database"
        case .postgres(let settings): settings.description
        }
    }
}
