import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `klaxon serve` per data directory with the embedded database. Two servers on one SQLite file would each
/// deliver and fire timers as if alone (replicas need PostgreSQL, whose claims and locks are made for them), and a
/// server restarted after a crash could not tell a dead predecessor's claims from a live neighbour's. Holding this lock,
/// it knows: every claim it finds is a dead run's, so it takes them back at once instead of waiting out their lease.
/// The kernel lets go of the lock when the process ends, however it ends.
public final class DataDirectoryLock: Sendable {
    static let fileName = "klaxon.lock"
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock on `directory` for `purpose` (the command: `serve`, `import`, `migrate`), or says which
    /// process holds it and for what.
    public static func acquire(in directory: String, for purpose: String = "serve") throws(ConfigurationError) -> DataDirectoryLock {
        let path = (directory as NSString).appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError("cannot create the data directory \(directory): \(error.localizedDescription)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ConfigurationError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            guard failure == EWOULDBLOCK else {
                // No locking here at all (some network and FUSE file systems): say so, not that a server holds it.
                close(descriptor)
                throw ConfigurationError("cannot lock \(path): \(String(cString: strerror(failure))); keep the data directory on a local file system")
            }
            // "<pid> <command>", or a bare pid as written before commands other than serve took the lock.
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.split(whereSeparator: \.isWhitespace) ?? []
            let command = holder.count > 1 ? String(holder[1]) : "serve"
            close(descriptor)
            throw ConfigurationError(
                "another klaxon \(command)\(holder.isEmpty ? "" : " (process \(holder[0]))") is using \(directory): one server per data directory, "
                    + "and import and migrate only while none runs; stop it, choose another --data-dir, or run replicas on PostgreSQL (KLAXON_DATABASE_URL)"
            )
        }
        // Who holds it, for the message above.
        _ = ftruncate(descriptor, 0)
        let pid = "\(getpid()) \(purpose)\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        return DataDirectoryLock(descriptor: descriptor)
    }

    /// Lets go of the lock (the process's end does too).
    public func release() {
        close(descriptor)
    }
}
