import Foundation
import KlaxonServer
import KlaxonCore
import KlaxonStore
import Logging
import Synchronization

/// `klaxon bench timers`: many open incidents whose updates fall due over the next minute, run by the real
/// scheduler on the system clock. Measures how late each firing is, CPU while idle, and memory.
public struct TimerBenchmark: Sendable {
    public struct Report: Sendable, CustomStringConvertible {
        public let incidents: Int
        public let firings: Int
        public let expectedFirings: Int
        public let lateness: [Double]
        public let seedSeconds: Double
        public let idleCPUPercent: Double
        public let idleSeconds: Double
        public let residentMemoryMB: Double

        func percentile(_ p: Double) -> Double {
            guard !lateness.isEmpty else { return 0 }
            let sorted = lateness.sorted()
            return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }

        public var description: String {
            """
            incidents: \(incidents) open (40% P0, 30% P1, 20% P2 public, 10% P3), seeded in \(String(format: "%.1f", seedSeconds)) s
            firings: \(firings) of \(expectedFirings) expected, each exactly once
            lateness: p50 \(ms(percentile(0.5))) ms, p99 \(ms(percentile(0.99))) ms, max \(ms(lateness.max() ?? 0)) ms
            idle CPU: \(String(format: "%.2f", idleCPUPercent))% of one core over \(Int(idleSeconds)) s with nothing due
            resident memory: \(String(format: "%.0f", residentMemoryMB)) MB
            """
        }

        private func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
    }

    let incidents: Int
    let window: TimeInterval
    let idle: TimeInterval

    public init(incidents: Int = 10_000, window: TimeInterval = 60, idle: TimeInterval = 20) {
        self.incidents = incidents
        self.window = window
        self.idle = idle
    }

    public func run(bundle: PolicyBundle, directory: String) async throws -> Report {
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: quiet)
        let policy = bundle.policy
        let seedStart = Date()
        // Seeding writes one transaction per incident; leave room for it so every due time is still ahead.
        let firstDue = seedStart.addingTimeInterval(10 + 0.005 * Double(incidents))
        let expected = try await seed(handle.store, policy: policy, from: firstDue)
        let seedSeconds = Date().timeIntervalSince(seedStart)
        guard Date() < firstDue else { throw BenchmarkError("seeding took \(Int(seedSeconds)) s, past the first due time; use fewer incidents") }
        let lateness = Mutex<[Double]>([])
        let desk = IncidentDesk(store: handle.store, policy: policy, clock: SystemWallClock(), logger: quiet) { incident, _ in
            let firedAt = Date()
            guard case .timerFired(.updateDue(let anchor, let slot))? = incident.event(incident.version)?.change,
                  let cadence = policy[incident.severity].cadence(publicFacing: incident.publicFacing) else { return }
            let due = anchor.addingTimeInterval(TimeInterval(slot * cadence.seconds))
            lateness.withLock { $0.append(firedAt.timeIntervalSince(due)) }
        }
        try await desk.prepare()
        let scheduler = IncidentScheduler(desk: desk, clock: SystemWallClock(), logger: quiet)
        let task = Task { try await scheduler.run() }
        // Everything falls due within the window after firstDue; then nothing is due for a long while.
        try await SystemWallClock().sleep(until: firstDue.addingTimeInterval(window + 5))
        let cpuBefore = Self.cpuSeconds()
        let idleStart = Date()
        try await Task.sleep(for: .seconds(idle))
        let idleCPU = (Self.cpuSeconds() - cpuBefore) / Date().timeIntervalSince(idleStart) * 100
        let memory = Self.residentMegabytes()
        task.cancel()
        _ = await task.result
        try await handle.close()
        let measured = lateness.withLock { $0 }
        return Report(
            incidents: incidents, firings: measured.count, expectedFirings: expected, lateness: measured, seedSeconds: seedSeconds,
            idleCPUPercent: idleCPU, idleSeconds: idle, residentMemoryMB: memory
        )
    }

    /// Declares incidents in the past so that each one's next update falls due inside the window, and no other timer does.
    private func seed(_ store: any IncidentStore, policy: Policy, from start: Date) async throws -> Int {
        let channel = ChannelRef(platform: .slack, id: "CBENCH", name: "bench")
        let person = Participant(platform: .slack, id: "UBENCH")
        var expected = 0
        for index in 0..<incidents {
            let (severity, publicFacing): (Severity, Bool) = switch index % 10 {
            case 0...3: (.p0, false)
            case 4...6: (.p1, false)
            case 7...8: (.p2, true)
            default: (.p3, false)
            }
            let due = start.addingTimeInterval(window * Double(index) / Double(incidents))
            let cadence = policy[severity].cadence(publicFacing: publicFacing)?.seconds ?? 3600
            let declared = due.addingTimeInterval(-TimeInterval(cadence))
            let declaration = Declaration(severity: severity, title: "Bench \(index)", publicFacing: publicFacing, channel: channel)
            var events = [IncidentEvent(at: declared, actor: person, change: .declared(declaration))]
            // A commander, scope and first update at once, so only the update cadence is due in the window.
            events.append(IncidentEvent(at: declared, actor: person, change: .commanderAssigned(person)))
            events.append(IncidentEvent(at: declared, actor: person, change: .scopeSet(text: "all")))
            events.append(IncidentEvent(at: declared, actor: person, change: .updatePosted(text: "investigating")))
            guard let incident = Incident(id: IncidentID(0), events: events) else { continue }
            let index = IncidentIndex(
                isOpen: true, awaitsReview: false, nextDueAt: Timekeeper(policy: policy).nextDue(incident), channel: channel, severity: incident.severity
            )
            _ = try await store.commit(Commit(target: .new, events: events, index: index) { _ in CommitEffects(outbox: [], reply: nil) })
            if policy[severity].cadence(publicFacing: publicFacing) != nil { expected += 1 }
        }
        return expected
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}

/// A benchmark that could not measure what it set out to.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
