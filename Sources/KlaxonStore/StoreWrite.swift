import SQLKit

/// One write in the group commit: a command's or timer's commit, or a single bookkeeping statement (an outbox
/// claim, a delivery, a remembered refusal). Bookkeeping rides in the same transactions as the commits instead of
/// syncing the disk once more for each statement.
enum StoreWrite: Sendable {
    case commit(Commit)
    case statement(@Sendable (any SQLDatabase) async throws -> any Sendable)

    /// The commit, if this is one.
    var commit: Commit? {
        if case .commit(let commit) = self { return commit }
        return nil
    }
}

/// What a write came to.
enum StoreWriteOutput: Sendable {
    case commit(CommitResult)
    case value(any Sendable)
}
