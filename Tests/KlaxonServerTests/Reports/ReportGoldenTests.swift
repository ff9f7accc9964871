import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import Testing

/// The incident report of scripted incidents, played through the real desk and store on a manual clock, against the
/// committed Markdown in `Reports/`. `KLAXON_RECORD_REPORTS=1 swift test --filter ReportGoldenTests` rewrites them
/// after a deliberate change to the templates; review the diff.
@Suite("Incident report golden files")
struct ReportGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The issue's P0: declare, commander at 4 min, updates, one missed update, escalation, identified, monitoring,
    /// resolve with one checklist item forced, impact milestones, cause, gap, two action items, and the review closed.
    static func scriptedP0(_ desk: DeskHarness) async throws {
        try await desk.say("p0 Uploads failing for everyone --public", as: "UALICE", named: "alice", at: 0)
        await desk.run(until: 4)
        try await desk.say("commander me", as: "UBOB", named: "bob")
        await desk.run(until: 6)
        try await desk.say("update We are investigating failed uploads", as: "UBOB", named: "bob")
        await desk.run(until: 8)
        try await desk.say("scope All uploads, all regions", as: "UBOB", named: "bob")
        await desk.run(until: 20)
        try await desk.say("update Connection pool exhausted on db-1; raising it", as: "UBOB", named: "bob")
        // The update due at 35 is missed: nudged, and the 30-minute escalations fire on the way.
        await desk.run(until: 42)
        try await desk.say("status identified Pool exhausted by the nightly batch job", as: "UBOB", named: "bob")
        await desk.run(until: 50)
        try await desk.say("status monitoring Pool raised to 50, uploads recovering", as: "UCAROL", named: "carol")
        await desk.run(until: 55)
        for item in ["multiple-clients", "monitoring-stable", "smoke-tests"] {
            try await desk.say("check \(item)", as: "UCAROL", named: "carol")
        }
        await desk.run(until: 58)
        try await desk.say("resolve Pool raised, uploads recovered --force customer confirmation pending", as: "UBOB", named: "bob")
        await desk.run(until: 65)
        try await desk.say("started -1h13m", as: "UBOB", named: "bob")
        try await desk.say("mitigated -17m", as: "UBOB", named: "bob")
        try await desk.say("impact #1 Uploads failed for every user for 48 minutes (about 1,200 failed uploads)", as: "UBOB", named: "bob")
        try await desk.say("cause #1 The connection pool (20) was too small for the nightly batch job", as: "UBOB", named: "bob")
        try await desk.say("gap #1 No alert on connection pool saturation", as: "UCAROL", named: "carol")
        try await desk.say("action #1 <@UCAROL|carol> Alert when the pool is over 80% team:platform due:2027-01-22", as: "UBOB", named: "bob")
        try await desk.say("action #1 me Move the batch job to a read replica team:data", as: "UBOB", named: "bob")
        await desk.run(until: 130)
        // Closed, so nothing in the report depends on when it is printed.
        try await desk.say("review #1 done", as: "UBOB", named: "bob")
    }

    static func scriptedP1(_ desk: DeskHarness) async throws {
        try await desk.say("p1 Password reset emails not sent", as: "UALICE", named: "alice", at: 0)
        try await desk.say("commander me", as: "UALICE", named: "alice", at: 2)
        try await desk.say("update Mail provider rejecting our API key", as: "UALICE", named: "alice", at: 20)
        for item in ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"] {
            try await desk.say("check \(item)", as: "UALICE", named: "alice", at: 40)
        }
        try await desk.say("resolve Rotated the key", as: "UALICE", named: "alice", at: 45)
        try await desk.say("cause #1 The API key expired", as: "UALICE", named: "alice", at: 50)
        try await desk.say("gap #1 No alert on rejected API calls", as: "UALICE", named: "alice", at: 50)
        try await desk.say("gap #1 Key expiry not tracked", as: "UALICE", named: "alice", at: 50)
        try await desk.say("action #1 me Alert 14 days before keys expire team:platform", as: "UALICE", named: "alice", at: 51)
    }

    static func scriptedP2(_ desk: DeskHarness) async throws {
        try await desk.say("p2 OCR stuck for PDFs", as: "UALICE", named: "alice", at: 0)
        try await desk.say("note Queue worker restarted", as: "UALICE", named: "alice", at: 30)
        for item in ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"] {
            try await desk.say("check \(item)", as: "UALICE", named: "alice", at: 90)
        }
        try await desk.say("resolve Worker restarted, backlog drained", as: "UALICE", named: "alice", at: 95)
        try await desk.say("impact #1 OCR of PDFs delayed by up to 90 minutes", as: "UALICE", named: "alice", at: 96)
    }

    @Test("Each scripted incident renders exactly the committed report", arguments: [
        ("p0-report.md", 0), ("p1-report.md", 1), ("p2-report.md", 2),
    ])
    func eachScriptedIncidentRendersExactlyTheCommittedReport(file: String, script: Int) async throws {
        let desk = try await DeskHarness()
        switch script {
        case 0: try await Self.scriptedP0(desk)
        case 1: try await Self.scriptedP1(desk)
        default: try await Self.scriptedP2(desk)
        }
        let incident = try #require(try await desk.handle.store.incident(IncidentID(1)))
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let markdown = try IncidentReport(policy: bundle.policy, templates: bundle.templates).markdown(incident, now: desk.clock.now)
        try await desk.close()
        let path = Self.directory.appendingPathComponent(file).path
        if ProcessInfo.processInfo.environment["KLAXON_RECORD_REPORTS"] == "1" {
            try markdown.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown == expected)
    }

    @Test("klaxon report 1 prints the golden report of the scripted P0 from the store")
    func klaxonReportPrintsTheGoldenReport() async throws {
        let directory = NSTemporaryDirectory() + "klaxon-report-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let desk = try await DeskHarness(directory: directory)
        try await Self.scriptedP0(desk)
        try await desk.close()
        // The executable is built beside the test bundle.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("klaxon")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["report", "1", "--data-dir", directory]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KLAXON_") }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = try String(contentsOfFile: Self.directory.appendingPathComponent("p0-report.md").path, encoding: .utf8)
        #expect(String(decoding: printed, as: UTF8.self) == expected)
        // A report written to a file is edited there: written again over it only when asked to.
        let file = directory + "/postmortem.md"
        try "edited by hand".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Self.klaxon(binary, ["report", "1", "--data-dir", directory, "--output", file]) != 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "edited by hand")
        #expect(try Self.klaxon(binary, ["report", "1", "--data-dir", directory, "--output", file, "--force"]) == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == expected)
    }

    /// Runs klaxon quietly to its end; its exit status.
    private static func klaxon(_ binary: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KLAXON_") }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

extension ReportGoldenTests {
    @Test("A person named by text and by user id who read the same is one responder")
    func aPersonNamedTwoWaysIsOneResponder() async throws {
        let desk = try await DeskHarness()
        try await desk.say("p0 OCR stuck", as: "UALICE", named: "alice", at: 0)
        // `@alice` typed as text (as `klaxon say` sends it) is a participant of its own, shown as Alice's id is.
        try await desk.say("commander @alice", as: "UALICE", named: "alice", at: 1)
        try await desk.say("resolve Restarted --force test", as: "UALICE", named: "alice", at: 2)
        let incident = try #require(try await desk.handle.store.incident(IncidentID(1)))
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let markdown = try IncidentReport(policy: bundle.policy, templates: bundle.templates).markdown(incident, now: desk.clock.now)
        try await desk.close()
        let section = try #require(markdown.components(separatedBy: "## Responders").dropFirst().first).components(separatedBy: "##")[0]
        #expect(section.split(separator: "\n").filter { $0.hasPrefix("- ") } == ["- @alice (declared, commander, resolved)"], "\(section)")
    }
}
