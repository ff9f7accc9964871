import Foundation
import KlaxonCore
import SQLiteKit
import Testing

@testable import KlaxonStore

/// Who copies the SQLite log back into the database: the writer at SQLite's threshold for a command that opens the
/// store briefly, the background (`StoreHandle.checkpoint`) for a server.
@Suite struct WALCheckpointTests {
    private typealias F = StoreFixtures

    /// Enough declarations, each with a long note, to write well over SQLite's 1,000-page threshold.
    private static func writePastTheThreshold(_ store: any IncidentStore) async throws {
        let note = String(repeating: "The upload queue is still backed up. ", count: 400)
        for _ in 0..<150 {
            _ = try await F.declare(store, [F.declared(), F.event(.notePosted(text: note), minutes: 1)])
        }
    }

    /// Frames in the file's log now, asked on a connection of the test's own.
    private static func framesInLog(directory: String) async throws -> Int {
        let connection = try await SQLiteConnection.open(storage: .file(path: directory + "/" + SQLiteIncidentStore.fileName))
        defer { _ = connection.close() as EventLoopFuture<Void> }
        // A checkpoint that may copy nothing (a full one needs no reader) reports the log's size.
        let row = try await connection.sql().raw("PRAGMA wal_checkpoint(PASSIVE)").all().first
        return try row?.decode(column: "log", as: Int.self) ?? 0
    }

    @Test func aServersWriterLeavesTheLogToTheBackgroundCheckpoint() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger, backgroundCheckpoints: true)
        let checkpoint = try #require(handle.checkpoint)
        try await Self.writePastTheThreshold(handle.store)

        let copied = try await checkpoint()
        // Past the threshold, and the writer did not copy and restart it.
        #expect(copied.framesInLog > 1_000)
        #expect(copied.framesCopied == copied.framesInLog)
        // Copied back, the log starts again from its beginning with the next commit instead of growing.
        _ = try await F.declare(handle.store)
        #expect(try await checkpoint().framesInLog < 20)
        try await handle.close()
    }

    @Test func aServersLogStartsAgainBeforeItWouldBeCutBack() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger, backgroundCheckpoints: true)
        let log = directory + "/" + SQLiteIncidentStore.fileName + "-wal"
        // No background checkpoint runs, as under steady writes none lets the log start again: some 40 MB of log.
        let note = String(repeating: "The upload queue is still backed up. ", count: 1_600)
        var sizes: [Int] = []
        for _ in 0..<400 {
            _ = try await F.declare(handle.store, [F.declared(), F.event(.notePosted(text: note), minutes: 1)])
            sizes.append(try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int))
        }
        // The writer started the log again (it filled up, then was written from its beginning), before it reached
        // the size a log is cut back to: the file never shrank, so no commit paid for cutting it and growing it again.
        #expect(sizes.max()! > 8 << 20)
        #expect(sizes.max()! <= SQLiteIncidentStore.logSizeLimit)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 <= $1 })
        try await handle.close()
    }

    @Test func aCommandsWriterCheckpointsAtSQLitesThreshold() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(handle.checkpoint == nil)
        try await Self.writePastTheThreshold(handle.store)
        // The writer copied the log at 1,000 pages and started it again: what is in it now came after.
        #expect(try await Self.framesInLog(directory: directory) < 1_000)
        try await handle.close()
    }

    @Test func aHandleDroppedWithoutClosingStillClosesItsCheckpointConnection() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let dropped = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger, backgroundCheckpoints: true)
            _ = try await F.declare(dropped.store)
            _ = try await dropped.checkpoint?()
        }
        // A connection left open would stop the process when SQLiteNIO lets it go; the file opens again.
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger, backgroundCheckpoints: true)
        #expect(try await F.declare(again.store) == IncidentID(2))
        try await again.close()
    }

    @Test func anInMemoryStoreHasNoLogToCheckpoint() async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: F.logger, backgroundCheckpoints: true)
        #expect(handle.checkpoint == nil)
        try await handle.close()
    }
}
