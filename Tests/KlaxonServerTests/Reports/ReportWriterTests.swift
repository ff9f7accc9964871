import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import Logging
import Testing

@Suite("Reports written to KLAXON_REPORTS_DIR")
struct ReportWriterTests {
    @Test("Each changed incident's report is written as YYYY-MM-DD-<id>-<slug>.md, the newest state last")
    func eachChangedIncidentsReportIsWritten() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-reports-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let clock = ManualWallClock(DeskHarness.start)
        let writer = ReportWriter(
            directory: directory, report: try IncidentReport(policy: bundle.policy, templates: bundle.templates), clock: clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let declared = IncidentEvent(
            at: DeskHarness.start, actor: nil,
            change: .declared(Declaration(severity: .p1, title: "Uploads failing: EU / S3!", channel: DeskHarness.channel))
        )
        let first = try #require(Incident(id: IncidentID(12), events: [declared]))
        let second = first.evolved(by: IncidentEvent(at: DeskHarness.start, actor: nil, change: .causeSet(text: "Expired certificate")))
        writer.changed(first)
        writer.changed(second)
        writer.changed(first)
        writer.finish()
        try await writer.run()
        #expect(IncidentReport.fileName(first) == "2027-01-15-12-uploads-failing-eu-s3.md")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["2027-01-15-12-uploads-failing-eu-s3.md"])
        let text = try String(contentsOfFile: directory + "/2027-01-15-12-uploads-failing-eu-s3.md", encoding: .utf8)
        #expect(text.contains("**Root cause:** Expired certificate"))
    }
}
