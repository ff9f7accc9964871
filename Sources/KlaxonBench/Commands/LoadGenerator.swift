/// Sends a file of signed requests to a server under test from its own process on the load core, and reports.
protocol LoadGenerator: Sendable {
    /// How the report names it.
    var name: String { get }
    func run(_ run: LoadRun) async throws -> LoadResult
}

/// One load run: which requests, to which port, how many at once, for how long.
struct LoadRun: Sendable {
    /// How the run uses its file.
    enum Replay: String, Sendable {
        /// Every request once, in order; the run ends when the last is answered or the duration is up.
        case once
        /// From the start again at the end (the bare server checks nothing, so repeats cost it nothing extra).
        case cycle
    }

    var port: Int
    var file: SignedCommandFile
    var replay: Replay
    var duration: Double
    /// Concurrent keep-alive connections (closed loop: each sends its next request when answered).
    var connections: Int
    /// What every answer's body must hold to count as a success (empty: any 200 does).
    var expect = ""
}
