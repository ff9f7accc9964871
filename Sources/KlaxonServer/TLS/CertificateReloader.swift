import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the TLS pair on SIGHUP, and when either file's modification time changes (checked every `pollInterval`
/// on `clock`: cert-manager and certbot replace files without signalling anyone).
struct CertificateReloader: Service {
    let rotation: CertificateRotation
    let clock: any WallClock
    var pollInterval: TimeInterval = 10
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals.cancelOnGracefulShutdown() {
                    logger.info("SIGHUP: reloading the TLS certificate")
                    rotation.reload(now: clock.now)
                }
            }
            group.addTask { await watchFiles() }
            await group.next()
            group.cancelAll()
        }
    }

    private func watchFiles() async {
        var seen = stamps()
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do { try await clock.sleep(until: clock.now.addingTimeInterval(pollInterval)) } catch { return }
            let now = stamps()
            if now != seen {
                seen = now
                logger.info("The TLS files changed: reloading the certificate")
                rotation.reload(now: clock.now)
            }
        }
    }

    /// Both files' modification times (nil for one that is missing mid-replacement).
    private func stamps() -> [Date?] {
        [rotation.files.certificatePath, rotation.files.keyPath].map {
            (try? FileManager.default.attributesOfItem(atPath: $0))?[.modificationDate] as? Date
        }
    }
}
