/// What one checkpoint of the SQLite file's write-ahead log did: SQLite's answer to `PRAGMA wal_checkpoint(PASSIVE)`.
public struct WALCheckpoint: Sendable, Equatable {
    /// Frames in the log when it ran.
    public let framesInLog: Int
    /// Of those, frames now copied into the database file (all of them, unless a reader still needed older pages).
    public let framesCopied: Int

    public init(framesInLog: Int, framesCopied: Int) {
        self.framesInLog = framesInLog
        self.framesCopied = framesCopied
    }
}
