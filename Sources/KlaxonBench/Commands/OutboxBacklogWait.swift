import AsyncHTTPClient
import Foundation

/// The messages a server under test still has to deliver, read from its `/metrics` (`klaxon_outbox_pending`). A
/// closed-loop run records messages faster than they go out; the fixed-rate run after it measures the steady state
/// at its rate, so it starts once that backlog is out, and the report says how long that took.
struct OutboxBacklogWait: Sendable {
    /// How many messages were waiting when the wait began, and how long they took to go out.
    struct Drained: Sendable {
        let messages: Int
        let took: Duration
    }

    let limit: Duration

    func wait(for server: ServerUnderTest) async throws -> Drained {
        let clock = ContinuousClock()
        let started = clock.now
        let first = try await pending(on: server)
        var waiting = first
        while waiting > 0 {
            guard clock.now - started < limit else {
                throw BenchmarkError("klaxon serve still had \(waiting) of \(first) messages to deliver after \(limit); see \(server.process.outputPath).err")
            }
            // Not more often: each scrape is work for the server it would measure.
            try await Task.sleep(for: .milliseconds(500))
            waiting = try await pending(on: server)
        }
        return Drained(messages: first, took: clock.now - started)
    }

    /// The sum of `klaxon_outbox_pending` over its transports.
    private func pending(on server: ServerUnderTest) async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/metrics"), timeout: .seconds(10))
        guard response.status == .ok else { throw BenchmarkError("GET /metrics answered \(response.status)") }
        let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
        return Self.pending(inExposition: text)
    }

    /// Sums the samples of `klaxon_outbox_pending` in a Prometheus text exposition.
    static func pending(inExposition text: String) -> Int {
        text.split(separator: "\n").reduce(0) { total, line in
            guard line.hasPrefix("klaxon_outbox_pending{") || line.hasPrefix("klaxon_outbox_pending "),
                  let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { return total }
            return total + Int(value)
        }
    }
}
