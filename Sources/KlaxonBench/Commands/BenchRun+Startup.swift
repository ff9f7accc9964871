import Foundation

extension BenchRun {
    /// Cold start and memory with `--incidents` open incidents: declared by requests (through the real path,
    /// whatever the store's schema), memory read, then the server started again on the same data three times.
    func startup() async throws -> CommandBenchmarkReport.Startup {
        let data = directory + "/data-startup"
        progress("start-up: declaring \(options.incidents) incidents")
        let server = try await startKlaxon(dataDirectory: data)
        let residentEmpty = server.resident
        let (seeding, residentAfterSeeding) = try await stopping(server) {
            let (runs, serverBusy, generatorBusy) = try await busy(server) {
                var runs: [LoadResult] = []
                // In batches, each signed just before it is sent.
                for start in stride(from: 0, to: options.incidents, by: 10_000) {
                    let file = try signed(.declare, start..<min(start + 10_000, options.incidents))
                    runs.append(try await sendEach(file, to: server, expect: BenchWorkload.declare.expectedReply))
                }
                return runs
            }
            // Memory once what the declarations set off (their announcements through the outbox) is done, and the
            // server has had a quiet moment: what holding the incidents takes, not the burst of declaring them.
            _ = try await OutboxBacklogWait(limit: .seconds(300)).wait(for: server)
            try await Task.sleep(for: .seconds(3))
            let seeding = CommandBenchmarkReport.Measured(
                .combined(runs), expectingEveryRequest: true, serverBusy: serverBusy, generatorBusy: generatorBusy
            )
            return (seeding, server.resident)
        }
        var coldStarts: [Duration] = []
        var residentAfterRestart: ResidentMemory?
        for attempt in 1...3 {
            let restarted = try await startKlaxon(dataDirectory: data)
            coldStarts.append(restarted.readyAfter)
            residentAfterRestart = restarted.resident
            await restarted.stop()
            progress("start-up: cold start \(attempt) ready after \(CommandBenchmarkReport.seconds(restarted.readyAfter))")
        }
        return .init(
            incidents: options.incidents, seeding: seeding, residentEmpty: residentEmpty, residentAfterSeeding: residentAfterSeeding,
            coldStarts: coldStarts, residentAfterRestart: residentAfterRestart
        )
    }
}
