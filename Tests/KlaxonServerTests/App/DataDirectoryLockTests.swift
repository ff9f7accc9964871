import Foundation
@testable import KlaxonServer
import Testing

/// With the embedded database, one `klaxon serve` per data directory.
@Suite struct DataDirectoryLockTests {
    @Test func aSecondServerOnTheSameDataDirectoryIsRefusedUntilTheFirstLetsGo() throws {
        let directory = NSTemporaryDirectory() + "klaxon-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try DataDirectoryLock.acquire(in: directory)
        do {
            _ = try DataDirectoryLock.acquire(in: directory)
            Issue.record("a second lock was granted")
        } catch {
            #expect(error.message.hasPrefix("another klaxon serve (process \(getpid())) is using \(directory)"), "\(error.message)")
        }
        // Another directory is another server's.
        try DataDirectoryLock.acquire(in: directory + "-other").release()
        try? FileManager.default.removeItem(atPath: directory + "-other")
        first.release()
        try DataDirectoryLock.acquire(in: directory).release()
    }

    @Test("A data directory held by an import is refused to a server naming the import, and the other way round")
    func theHolderIsNamedByWhatItIsDoing() throws {
        let directory = NSTemporaryDirectory() + "klaxon-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (holder, asking) in [("import", "serve"), ("serve", "migrate")] {
            let held = try DataDirectoryLock.acquire(in: directory, for: holder)
            do {
                _ = try DataDirectoryLock.acquire(in: directory, for: asking)
                Issue.record("\(asking) was let in beside \(holder)")
            } catch {
                #expect(error.message.hasPrefix("another klaxon \(holder) (process \(getpid())) is using \(directory)"), "\(error.message)")
            }
            held.release()
        }
    }
}
