import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging

/// `klaxon bench status`: requests a second for `GET /status` on a real `klaxon serve` (its own process on core 0)
/// whose store holds open public incidents and many resolved ones, with wrk on core 1. The page reads the store's
/// public view, so the figure should not depend on how long the incidents' histories are.
public struct StatusBenchmark: Sendable {
    public var open: Int
    public var resolved: Int
    public var duration: Double
    public var connections: Int
    public var binary: String

    public init(open: Int, resolved: Int, duration: Double, connections: Int, binary: String) {
        self.open = open
        self.resolved = resolved
        self.duration = duration
        self.connections = connections
        self.binary = binary
    }

    /// Seeds, serves, measures; returns the report in Markdown.
    public func run(policy: Policy, directory: String) async throws -> String {
        guard let wrk = WrkLoad.find() else { throw BenchmarkError("wrk is not installed (apt-get install wrk)") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await seed(policy: policy, directory: directory)
        // Local mode: no chat platform, loopback only.
        let server = try await ServerUnderTest.start(
            binary, arguments: { ["serve", "--host", "127.0.0.1", "--port", String($0), "--data-dir", directory] },
            environment: [:], core: 0, logPath: directory + "/serve.log"
        )
        var lines = [
            "Status page: \(open) open public incidents (with updates, components and an ETA), \(resolved) resolved ones over 90 days;",
            "`klaxon serve` on core 0 (SQLite), wrk -t1 -c\(connections) -d\(Int(duration))s on core 1.", "",
            "| request | req/s | p50 | p99 |", "| --- | ---: | ---: | ---: |",
        ]
        do {
            for path in ["/status", "/status.json", "/status.atom"] {
                let result = try await measure(wrk, port: server.port, path: path, directory: directory)
                lines.append("| GET \(path) | \(result.rate) | \(result.p50) | \(result.p99) |")
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        return lines.joined(separator: "\n")
    }

    private func measure(_ wrk: String, port: Int, path: String, directory: String) async throws -> (rate: String, p50: String, p99: String) {
        let output = directory + "/wrk-\(UUID().uuidString.prefix(8)).out"
        let arguments = ["-t1", "-c\(connections)", "-d\(Int(duration.rounded(.up)))s", "--latency", "http://127.0.0.1:\(port)\(path)"]
        let process = try PinnedProcess(wrk, arguments, core: 1, environment: [:], outputPath: output)
        guard await process.waitForExit() == 0 else { throw BenchmarkError("wrk failed: \(process.output())") }
        let text = process.output()
        if text.contains("Non-2xx or 3xx responses") { throw BenchmarkError("\(path) answered errors under load:\n\(text)") }
        func field(_ prefix: String) -> String {
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) } ?? "?"
        }
        return (field("Requests/sec:"), field("50%"), field("99%"))
    }

    /// Incidents as commits would leave them: events, index and public view. The resolved ones spread over 90 days.
    private func seed(policy: Policy, directory: String) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let channel = ChannelRef(platform: .slack, id: "CBENCH", name: "bench")
        let person = Participant(platform: .slack, id: "UBENCH")
        let now = Date()
        let components = policy.statusPageSettings.components
        for index in 0..<(open + resolved) {
            let isOpen = index >= resolved
            let declared = isOpen ? now.addingTimeInterval(-3600) : now.addingTimeInterval(-Double(resolved - index) * 90 * 86_400 / Double(resolved))
            func at(_ minutes: Double) -> Date { declared.addingTimeInterval(minutes * 60) }
            let component = components[index % components.count].id
            var changes: [(Double, IncidentChange)] = [
                (0, .declared(Declaration(severity: .p1, title: "Bench incident \(index): \(component) failing", publicFacing: true, channel: channel))),
                (1, .componentsAffected([AffectedComponent(id: component, impact: .partial)])),
                (2, .publicUpdatePosted(status: .investigating, text: "We are looking into failures of \(component) for some customers.")),
                (5, .statusChanged(from: .investigating, to: .identified, note: "Found it")),
                (6, .publicUpdatePosted(status: .identified, text: "We found the cause and are deploying a fix.")),
                (7, .etaSet(at: at(60))),
            ]
            if !isOpen { changes.append((30, .resolved(summary: "Fixed", forcedReason: "bench"))) }
            let events = changes.map { IncidentEvent(at: at($0.0), actor: person, change: $0.1) }
            guard let incident = Incident(id: IncidentID(0), events: events) else { continue }
            let view = PublicIncident(incident, components: components).map(PublicViewChange.show) ?? .unchanged
            let index = IncidentIndex(isOpen: isOpen, awaitsReview: false, nextDueAt: nil, channel: channel, publicView: view, severity: incident.severity)
            _ = try await handle.store.commit(Commit(target: .new, events: events, index: index) { _ in CommitEffects(outbox: [], reply: nil) })
        }
        try await handle.close()
    }
}
