import Foundation

/// What `klaxon bench commands` measured, printed as markdown.
public struct CommandBenchmarkReport: Sendable, CustomStringConvertible {
    /// A run, what went wrong in it, and how busy the server's core and the generator were meanwhile.
    struct Measured: Sendable {
        let result: LoadResult
        let failed: Int
        /// Share of one core the server used during the run.
        let serverBusy: Double
        /// Share of one core the load generator used during the run.
        let generatorBusy: Double

        init(_ result: LoadResult, expectingEveryRequest: Bool, serverBusy: Double, generatorBusy: Double) {
            self.result = result
            self.failed = result.failed(expectingEveryRequest: expectingEveryRequest)
            self.serverBusy = serverBusy
            self.generatorBusy = generatorBusy
        }
    }

    /// One workload: the same requests to the bare server and to Klaxon, in the same setup.
    struct Comparison: Sendable {
        let workload: BenchWorkload
        let bare: Measured
        let klaxon: Measured
        /// The note workload in tenths of its notes, in order: how Klaxon keeps up as the incident's history grows.
        let tenths: [Tenth]
        /// The fixed-rate runs after the closed-loop ones (declare and note only).
        let fixedRate: FixedRate?
    }

    /// A tenth of the note workload, and the server's CPU time during it.
    struct Tenth: Sendable {
        let result: LoadResult
        let serverCPUSeconds: Double

        /// Server CPU per note answered, in microseconds: the work a note costs, whatever else the machine is doing
        /// (the request rate of one run swings by a third on a shared machine).
        var cpuMicrosecondsPerNote: Double {
            let answered = result.completed - result.failures
            return answered > 0 ? serverCPUSeconds / Double(answered) * 1e6 : 0
        }
    }

    /// Open-loop runs at a fixed rate, against each server.
    struct FixedRate: Sendable {
        let bare: LoadResult
        let klaxon: LoadResult
        /// The closed-loop run's undelivered messages, delivered before this run began.
        let backlog: OutboxBacklogWait.Drained
    }

    /// Cold start and memory with many stored incidents.
    struct Startup: Sendable {
        let incidents: Int
        let seeding: Measured
        /// Right after starting on an empty store, before the first request.
        let residentEmpty: ResidentMemory?
        let residentAfterSeeding: ResidentMemory?
        let coldStarts: [Duration]
        let residentAfterRestart: ResidentMemory?
    }

    /// How the run was set up, one line each.
    let setup: [String]
    let rate: Double
    let fixedRateSeconds: Double
    var comparisons: [Comparison] = []
    var startup: Startup?

    public var description: String {
        var lines = setup + ["", throughputTable]
        if let note = comparisons.first(where: { !$0.tenths.isEmpty }) { lines += ["", history(note.tenths)] }
        if comparisons.contains(where: { $0.fixedRate != nil }) { lines += ["", fixedRateTable] }
        if let startup { lines += ["", startupLines(startup)] }
        lines += ["", saturation]
        return lines.joined(separator: "\n")
    }

    private var throughputTable: String {
        var rows = [
            "| workload | bare req/s | Klaxon req/s | ratio (target) | bare p50 / p99 | Klaxon p50 / p99 | failed: bare / Klaxon |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in comparisons {
            let (bare, klaxon) = (row.bare.result, row.klaxon.result)
            let ratio = bare.requestsPerSecond > 0 ? klaxon.requestsPerSecond / bare.requestsPerSecond : 0
            let name = row.workload == .note ? "note (\(Self.count(klaxon.offered)) on #\(BenchWorkload.notedIncident))" : row.workload.rawValue
            rows.append(
                "| \(name) | \(Self.count(bare.requestsPerSecond)) | \(Self.count(klaxon.requestsPerSecond)) | "
                    + "\(Self.ratio(ratio)) (≥ \(Self.ratio(row.workload.targetRatio))) | \(Self.p50p99(bare.latency)) | "
                    + "\(Self.p50p99(klaxon.latency)) | \(row.bare.failed) / \(row.klaxon.failed) |"
            )
        }
        return rows.joined(separator: "\n")
    }

    private func history(_ tenths: [Tenth]) -> String {
        guard let first = tenths.first?.result, let last = tenths.last?.result else { return "" }
        let growth = first.requestsPerSecond > 0 ? last.requestsPerSecond / first.requestsPerSecond : 0
        let events = tenths.reduce(0) { $0 + $1.result.completed - $1.result.failures } + 1
        let (firstCPU, lastCPU) = (tenths[0].cpuMicrosecondsPerNote, tenths[tenths.count - 1].cpuMicrosecondsPerNote)
        return """
        History growth (note, one incident, \(Self.count(events))+ events by the end; each tenth of the notes signed and sent as its own run):
        first 10%: \(Self.count(first.requestsPerSecond)) req/s, p50 / p99 \(Self.p50p99(first.latency)); \
        last 10%: \(Self.count(last.requestsPerSecond)) req/s, p50 / p99 \(Self.p50p99(last.latency)); \
        last / first \(Self.ratio(growth)) (target ≥ 1×: no slowdown)
        every tenth, req/s: \(tenths.map { Self.count($0.result.requestsPerSecond) }.joined(separator: ", "))
        server CPU per note, µs: \(tenths.map { Self.count($0.cpuMicrosecondsPerNote) }.joined(separator: ", ")); \
        last / first \(Self.ratio(firstCPU > 0 ? lastCPU / firstCPU : 0)) (1× or less: a note costs no more work as the history grows)
        """
    }

    private var fixedRateTable: String {
        var rows = [
            "Fixed rate: \(Int(rate)) req/s for \(Int(fixedRateSeconds)) s, open loop (latency from each request's scheduled time), "
                + "each started once Klaxon had delivered the messages its closed-loop run left in the outbox:",
            "",
            "| workload | bare p50 / p99 | Klaxon p50 / p99 (target p99 < 5 ms) | Klaxon answered | failed: bare / Klaxon | outbox before: messages, delivered in |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in comparisons {
            guard let fixed = row.fixedRate else { continue }
            rows.append(
                "| \(row.workload.rawValue) | \(Self.p50p99(fixed.bare.latency)) | \(Self.p50p99(fixed.klaxon.latency)) | "
                    + "\(fixed.klaxon.completed) of \(fixed.klaxon.offered) | \(fixed.bare.failed(expectingEveryRequest: false)) / "
                    + "\(fixed.klaxon.failed(expectingEveryRequest: true)) | \(Self.count(fixed.backlog.messages)), \(Self.seconds(fixed.backlog.took)) |"
            )
        }
        return rows.joined(separator: "\n")
    }

    private func startupLines(_ startup: Startup) -> String {
        let sorted = startup.coldStarts.sorted()
        let median = sorted.isEmpty ? "–" : Self.seconds(sorted[sorted.count / 2])
        let all = sorted.map(Self.seconds).joined(separator: ", ")
        let seeded = startup.seeding.result
        return """
        Cold start to ready (spawn until /healthz answers) with \(Self.count(startup.incidents)) stored incidents: \
        median \(median) of \(sorted.count) (\(all)) (target < 0.5 s)
        RSS with \(Self.count(startup.incidents)) open incidents: \(Self.memory(startup.residentAfterSeeding)) after declaring them \
        by requests (their messages delivered, then 3 s quiet), \(Self.memory(startup.residentAfterRestart)) after a cold start (target < 64 MB); \
        \(Self.memory(startup.residentEmpty)) on an empty store before the first request
        (seeded at \(Self.count(seeded.requestsPerSecond)) declares/s, \(startup.seeding.failed) failed)
        """
    }

    /// Whether the bare server's rate was limited by its core rather than by the generator.
    private var saturation: String {
        let busy = comparisons.map { "\($0.workload.rawValue) \(Self.percent($0.bare.serverBusy)) / \(Self.percent($0.bare.generatorBusy))" }
        let generatorBound = comparisons.filter { $0.bare.generatorBusy >= 0.9 }
        let serverBound = comparisons.allSatisfy { $0.bare.serverBusy >= 0.85 }
        let verdict = !generatorBound.isEmpty
            ? "WARNING: the generator was saturated (\(generatorBound.map(\.workload.rawValue).joined(separator: ", "))): "
                + "the bare rate there is the generator's limit, and Klaxon's ratio looks better than it is."
            : serverBound ? "the bare server's rate is limited by its core, not by the generator."
            : "the bare server's core was not saturated either: something else (the machine?) limited the rate."
        return "Saturation check, bare runs (server core busy / generator busy): \(busy.joined(separator: "; ")): \(verdict)"
    }

    /// Rounded, with thousands separated by commas.
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let number = Int(value.rounded())
        let digits = String(number.magnitude)
        var grouped = number < 0 ? "-" : ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }

    static func count(_ value: Int) -> String { count(Double(value)) }

    static func ratio(_ value: Double) -> String { String(format: value < 0.1 ? "%.3f×" : "%.2f×", value) }

    static func p50p99(_ latency: LatencyProfile) -> String {
        "\(milliseconds(latency.milliseconds(at: 50))) / \(milliseconds(latency.milliseconds(at: 99))) ms"
    }

    static func milliseconds(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.0f", value) }

    static func seconds(_ duration: Duration) -> String { String(format: "%.3f s", duration.seconds) }

    static func memory(_ value: ResidentMemory?) -> String { value?.description ?? "–" }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
