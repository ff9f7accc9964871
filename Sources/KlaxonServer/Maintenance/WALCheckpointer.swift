import Foundation
import KlaxonStore
import Logging
import ServiceLifecycle

/// Copies the SQLite store's write-ahead log back into the database every `interval`, so that no commit (and no
/// command waiting on it) pays for it. Under load the log grows by a few hundred pages a second; checkpoints at
/// this pace keep it small, each a short write and sync.
struct WALCheckpointer: Service {
    let checkpoint: @Sendable () async throws -> WALCheckpoint
    let clock: any WallClock
    let logger: Logger
    var interval: TimeInterval = 1

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await clock.sleep(until: clock.now.addingTimeInterval(interval))
                } catch {
                    return
                }
                await checkpointOnce()
            }
        }
    }

    /// One checkpoint; a failure is logged and the next one tries again (the writer's own threshold bounds the log).
    func checkpointOnce() async {
        do {
            let done = try await checkpoint()
            if done.framesCopied < done.framesInLog {
                logger.debug("Checkpoint left pages a reader still uses", metadata: [
                    "wal.frames": "\(done.framesInLog)", "wal.copied": "\(done.framesCopied)",
                ])
            }
        } catch {
            if Task.isCancelled { return }
            logger.warning("Could not checkpoint the database's write-ahead log", metadata: ["error": "\(describeStoreFailure(error))"])
        }
    }
}
