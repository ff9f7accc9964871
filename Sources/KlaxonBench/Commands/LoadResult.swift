/// What one load run measured, in the form every generator prints it (wrk through the replay script, or ours).
public struct LoadResult: Codable, Sendable, Equatable {
    /// Requests the run had to send (lines in its file).
    public var offered: Int
    /// Requests sent.
    public var sent: Int
    /// Answers received (within the generator's timeout, 10 s).
    public var completed: Int
    /// From the first request sent to the last answer received.
    public var seconds: Double
    /// Answers that were not a 200 holding the expected text.
    public var failures: Int
    /// Answers later than Slack's 3-second deadline (Slack has shown the user an error by then).
    public var late: Int
    /// Socket errors, and (our generator) requests not answered within its timeout.
    public var errors: Int
    public var latency: LatencyProfile

    public var requestsPerSecond: Double { seconds > 0 ? Double(completed) / seconds : 0 }

    /// Everything that went wrong, each request at most once. A run that had to have each request answered counts
    /// those that were not (socket errors among them); a run cut off by its duration counts socket errors instead,
    /// since requests still in flight at the end are not failures.
    func failed(expectingEveryRequest: Bool) -> Int {
        min(failures + late, completed) + (expectingEveryRequest ? max(0, offered - completed) : errors)
    }

    /// Runs one after another (the note workload's chunks) as one run.
    static func combined(_ runs: [LoadResult]) -> LoadResult {
        LoadResult(
            offered: runs.reduce(0) { $0 + $1.offered }, sent: runs.reduce(0) { $0 + $1.sent },
            completed: runs.reduce(0) { $0 + $1.completed }, seconds: runs.reduce(0) { $0 + $1.seconds },
            failures: runs.reduce(0) { $0 + $1.failures }, late: runs.reduce(0) { $0 + $1.late }, errors: runs.reduce(0) { $0 + $1.errors },
            latency: .combined(runs.map { ($0.latency, $0.completed) })
        )
    }
}
