import Foundation
import KlaxonCore
import KlaxonPolicy
import Logging
import ServiceLifecycle

/// Writes each incident's report to `KLAXON_REPORTS_DIR` as `YYYY-MM-DD-<id>-<slug>.md` whenever a commit changes
/// the incident, off the command path: commits only hand the new state over, the service renders and writes.
public final class ReportWriter: Service, Sendable {
    let directory: String
    let report: IncidentReport
    let clock: any WallClock
    let logger: Logger
    private let changes: AsyncStream<Incident>
    private let continuation: AsyncStream<Incident>.Continuation

    public init(directory: String, report: IncidentReport, clock: any WallClock, logger: Logger) {
        self.directory = directory
        self.report = report
        self.clock = clock
        self.logger = logger
        (changes, continuation) = AsyncStream.makeStream(of: Incident.self, bufferingPolicy: .bufferingNewest(4_096))
    }

    /// The file an incident's report is written to, relative to the directory.
    public static func fileName(_ incident: Incident) -> String {
        IncidentReport.fileName(incident)
    }

    /// Hands a committed state over; never waits.
    public func changed(_ incident: Incident) {
        continuation.yield(incident)
    }

    /// Ends the service once what was handed over is written (the server ends it by cancellation instead).
    public func finish() {
        continuation.finish()
    }

    public func run() async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [IncidentID: Int] = [:]
        for await incident in changes.cancelOnGracefulShutdown() {
            // A burst of commits on one incident queues several states; an older one than the last written is skipped.
            guard (written[incident.id] ?? 0) < incident.version else { continue }
            write(incident)
            written[incident.id] = incident.version
        }
    }

    func write(_ incident: Incident) {
        let path = (directory as NSString).appendingPathComponent(Self.fileName(incident))
        do {
            try report.markdown(incident, now: clock.now).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            logger.warning("Could not write the incident report", metadata: ["incident.id": "\(incident.id.rawValue)", "report.path": "\(path)", "error": "\(error)"])
        }
    }
}
