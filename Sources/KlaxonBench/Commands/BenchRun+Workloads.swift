import Foundation

extension BenchRun {
    /// One workload against the bare server, then against Klaxon: closed loop, then at a fixed rate.
    func compare(_ workload: BenchWorkload) async throws -> CommandBenchmarkReport.Comparison {
        progress("\(workload): bare server")
        let (bare, bareFixed) = try await measureBare(workload)
        progress("\(workload): bare \(CommandBenchmarkReport.count(bare.result.requestsPerSecond)) req/s; now klaxon serve")
        let server = try await startKlaxon(dataDirectory: directory + "/data-\(workload)")
        return try await stopping(server) {
            try await warmUp(server, expect: BenchWorkload.help.expectedReply)
            let (klaxon, tenths, used) = try await measureKlaxon(workload, on: server, bareRate: bare.result.requestsPerSecond)
            progress("\(workload): klaxon \(CommandBenchmarkReport.count(klaxon.result.requestsPerSecond)) req/s, \(klaxon.failed) failed")
            var fixed: CommandBenchmarkReport.FixedRate?
            if let bareFixed {
                // After the closed-loop run, on the same server (the note workload's incident is at its longest), once
                // the messages that run queued are delivered: the steady state at the fixed rate.
                let drained = try await OutboxBacklogWait(limit: .seconds(300)).wait(for: server)
                progress("\(workload): the outbox's \(drained.messages) messages delivered in \(CommandBenchmarkReport.seconds(drained.took))")
                let file = try signed(workload, used..<used + Int(options.rate * options.fixedRateDuration))
                let run = load(server, file, .once, seconds: options.fixedRateDuration, expect: workload.expectedReply)
                fixed = .init(bare: bareFixed, klaxon: try await fixedRate.run(run), backlog: drained)
            }
            return .init(workload: workload, bare: bare, klaxon: klaxon, tenths: tenths, fixedRate: fixed)
        }
    }

    /// The bare server: the workload's requests over and over, closed loop, then at the fixed rate.
    private func measureBare(_ workload: BenchWorkload) async throws -> (CommandBenchmarkReport.Measured, LoadResult?) {
        let server = try await startBare()
        return try await stopping(server) {
            // The bare server checks nothing, so a file it replays in a loop is as good as a fresh request each time.
            let file = try signed(workload, 0..<20_000)
            _ = try await closedLoop.run(load(server, file, .cycle, seconds: warmUpSeconds)) // not measured cold
            let (result, serverBusy, generatorBusy) = try await busy(server) {
                try await closedLoop.run(load(server, file, .cycle, seconds: options.duration))
            }
            let fixed = workload == .help ? nil : try await fixedRate.run(load(server, file, .cycle, seconds: options.fixedRateDuration))
            return (.init(result, expectingEveryRequest: false, serverBusy: serverBusy, generatorBusy: generatorBusy), fixed)
        }
    }

    /// Klaxon's closed-loop run; for the note workload also its tenths. Returns how many of the workload's
    /// requests it used, so the fixed-rate run carries on with new ones.
    private func measureKlaxon(
        _ workload: BenchWorkload, on server: ServerUnderTest, bareRate: Double
    ) async throws -> (CommandBenchmarkReport.Measured, [CommandBenchmarkReport.Tenth], Int) {
        switch workload {
        case .note:
            try await declareNotedIncident(on: server)
            let (tenths, serverBusy, generatorBusy) = try await busy(server) { try await notes(on: server) }
            let result = LoadResult.combined(tenths.map(\.result))
            return (.init(result, expectingEveryRequest: true, serverBusy: serverBusy, generatorBusy: generatorBusy), tenths, options.notes)
        case .declare, .help:
            // Enough fresh requests for the whole run even at the bare server's rate.
            let count = Int(bareRate * options.duration * 1.25) + 1000
            let file = try signed(workload, 0..<count)
            let (result, serverBusy, generatorBusy) = try await busy(server) {
                try await closedLoop.run(load(server, file, .once, seconds: options.duration, expect: workload.expectedReply))
            }
            if result.completed >= count { progress("\(workload): Klaxon answered every prepared request before the end of the run") }
            return (.init(result, expectingEveryRequest: false, serverBusy: serverBusy, generatorBusy: generatorBusy), [], count)
        }
    }

    /// The note workload: `--notes` notes on incident #1 in ten runs of a tenth each, each signed just before it
    /// (all of them could take longer than a signature stays valid) and each reported on its own.
    private func notes(on server: ServerUnderTest) async throws -> [CommandBenchmarkReport.Tenth] {
        let parts = min(10, max(1, options.notes))
        var tenths: [CommandBenchmarkReport.Tenth] = []
        for part in 0..<parts {
            let indices = part * options.notes / parts..<(part + 1) * options.notes / parts
            let file = try signed(.note, indices)
            let cpuBefore = server.cpuSeconds
            let result = try await sendEach(file, to: server, expect: BenchWorkload.note.expectedReply)
            let tenth = CommandBenchmarkReport.Tenth(result: result, serverCPUSeconds: server.cpuSeconds - cpuBefore)
            progress("note: \(indices.upperBound) of \(options.notes), \(CommandBenchmarkReport.count(result.requestsPerSecond)) req/s")
            tenths.append(tenth)
        }
        return tenths
    }

    /// Declares incident #1, the one every note goes to, in the notes' channel.
    private func declareNotedIncident(on server: ServerUnderTest) async throws {
        let expect = "Incident #\(BenchWorkload.notedIncident) "
        let declared = try await sendEach(try signed(.declare, 0..<1), to: server, expect: expect, connections: 1)
        guard declared.completed == 1, declared.failed(expectingEveryRequest: true) == 0 else {
            throw BenchmarkError("could not declare incident #\(BenchWorkload.notedIncident) for the notes; see \(server.process.outputPath).err")
        }
    }

    /// Help requests for a moment, so Klaxon is not measured cold; refusing them is a setup error (a wrong secret?).
    private func warmUp(_ server: ServerUnderTest, expect: String) async throws {
        let result = try await closedLoop.run(load(server, try signed(.help, 0..<5_000), .once, seconds: warmUpSeconds, expect: expect))
        guard result.completed > 0, result.failures == 0 else {
            throw BenchmarkError("klaxon serve did not answer the warm-up's help requests as expected; see \(server.process.outputPath).err")
        }
    }
}
