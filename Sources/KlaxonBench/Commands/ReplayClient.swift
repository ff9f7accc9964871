import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Our own load generator (`klaxon bench load`): replays signed requests over keep-alive connections, either
/// closed loop (each connection sends its next request once answered) or open loop at a fixed rate (requests
/// leave on schedule whether or not earlier ones are answered, and latency counts from the scheduled time, so a
/// stall shows in full rather than being hidden by sending less).
public struct ReplayClient: Sendable {
    let port: Int
    let requests: [SignedCommand]
    let replay: LoadRun.Replay
    let duration: Double
    let connections: Int
    /// Requests a second for an open loop; `nil` for a closed loop.
    let rate: Double?
    /// What a successful answer's body holds.
    let expect: String

    /// Reads the signed requests of `file`.
    public init(port: Int, file: String, cycle: Bool, duration: Double, connections: Int, rate: Double?, expect: String) throws {
        self.port = port
        self.requests = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap(SignedCommand.init(line:))
        guard !requests.isEmpty else { throw BenchmarkError("no signed requests in \(file)") }
        self.replay = cycle ? .cycle : .once
        self.duration = duration
        self.connections = connections
        self.rate = rate
        self.expect = expect
    }

    /// Runs the load and reports.
    public func run() async throws -> LoadResult {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        let samples = if let rate { await openLoop(client, rate: rate) } else { await closedLoop(client) }
        try await client.shutdown()
        return report(samples)
    }

    /// One answered (or failed) request: when it was due, when it ended, how.
    struct Sample: Sendable {
        enum Outcome: Sendable { case ok, failed, error }
        let due: ContinuousClock.Instant
        let ended: ContinuousClock.Instant
        let outcome: Outcome
    }

    private func closedLoop(_ client: HTTPClient) async -> [Sample] {
        let next = Ticket()
        let end = ContinuousClock.now + .seconds(duration)
        return await withTaskGroup(of: [Sample].self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var samples: [Sample] = []
                    while ContinuousClock.now < end, let command = request(next.take()) {
                        samples.append(await send(command, client, due: .now))
                    }
                    return samples
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    private func openLoop(_ client: HTTPClient, rate: Double) async -> [Sample] {
        let total = Int(rate * duration)
        let start = ContinuousClock.now
        return await withTaskGroup(of: Sample?.self) { group in
            for index in 0..<total {
                let due = start + .seconds(Double(index) / rate)
                try? await Task.sleep(until: due, clock: .continuous)
                group.addTask {
                    guard let command = request(index) else { return nil }
                    return await send(command, client, due: due)
                }
            }
            return await group.reduce(into: []) { samples, sample in sample.map { samples.append($0) } }
        }
    }

    /// Hands out request indices in order, one to each caller.
    private final class Ticket: Sendable {
        private let next = Atomic(0)

        func take() -> Int {
            next.add(1, ordering: .relaxed).oldValue
        }
    }

    /// The `index`-th request to send, or `nil` when a run that sends each once has sent them all.
    private func request(_ index: Int) -> SignedCommand? {
        replay == .cycle || index < requests.count ? requests[index % requests.count] : nil
    }

    private func send(_ command: SignedCommand, _ client: HTTPClient, due: ContinuousClock.Instant) async -> Sample {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/slack/commands")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "X-Slack-Request-Timestamp", value: command.timestamp)
        request.headers.add(name: "X-Slack-Signature", value: command.signature)
        request.body = .bytes(ByteBuffer(string: command.body))
        do {
            // Long enough to see how late a late answer is; past Slack's 3 s it counts as failed anyway.
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            let succeeded = response.status == .ok && (expect.isEmpty || body.contains(expect))
            return Sample(due: due, ended: .now, outcome: succeeded ? .ok : .failed)
        } catch {
            return Sample(due: due, ended: .now, outcome: .error)
        }
    }

    private func report(_ samples: [Sample]) -> LoadResult {
        let answered = samples.filter { $0.outcome != .error }
        let latencies = answered.map { ($0.ended - $0.due).seconds }
        var seconds = 0.0
        if let first = samples.map(\.due).min(), let last = samples.map(\.ended).max() { seconds = (last - first).seconds }
        return LoadResult(
            offered: requests.count, sent: samples.count, completed: answered.count, seconds: seconds,
            failures: answered.count { $0.outcome == .failed }, late: latencies.count { $0 > 3 }, errors: samples.count - answered.count,
            latency: LatencyProfile(seconds: latencies)
        )
    }
}
