/// What differs between the engines under the one SQLKit store.
struct SQLEngine: Sendable {
    /// For messages and `klaxon doctor`: "SQLite", "PostgreSQL".
    let name: String
    /// The statement that opens a write transaction (SQLite takes its write lock up front with IMMEDIATE).
    let beginStatement: String
    /// Run first in the migration transaction, so that replicas starting together migrate one after the other.
    let migrationLock: String?
    /// One connection carries every write (SQLite), so writes take turns in this process; PostgreSQL gives each
    /// transaction a pooled connection of its own.
    let serializesWrites: Bool
    /// Opens a read-only transaction that sees one snapshot throughout (for an export of a running store).
    let snapshotBegin: String
    /// After rows were inserted with their own ids: moves the table's id sequence past them (PostgreSQL; SQLite
    /// does that by itself).
    let sequenceReset: (@Sendable (String) -> String)?
    /// How long a write transaction may take before it is given up as failed (`nil`: no limit, for a local file).
    let transactionDeadline: Duration?
    /// The engine's way of telling that a unique key was already taken, by the error's type.
    let isUniqueViolation: @Sendable (any Error) -> Bool
}
