import Foundation
import ServiceLifecycle
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

/// Slow, idle and lying clients cannot hold the server: they are closed after the request timeout, refused at once
/// when they announce too large a body, and held back by the connection cap, while real commands are answered.
/// These tests wait for the server's own timeout in real time; it is kept short and every wait is bounded.
@Suite struct SlowClientTests {
    /// The server's request timeout in these tests.
    static let timeout: TimeInterval = 2

    /// Runs the whole server (not HummingbirdTesting's `.live`, which drops the connection cap) on a free port.
    private func withServer(_ limits: ConnectionLimits, _ body: (_ port: Int, _ clock: ManualWallClock) async throws -> Void) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.connections = limits
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        var deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: handle.store,
            clock: harness.clock, logger: quiet, slackSigningSecret: TestHarness.secret, runsScheduler: false
        )
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        deps.onListening = { port in
            listening.yield(port)
            listening.finish()
        }
        let group = ServiceGroup(services: [try await KlaxonApplication.build(deps)], logger: quiet)
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        var failure: (any Error)?
        do { try await body(try #require(port > 0 ? port : nil), harness.clock) } catch { failure = error }
        await group.triggerGracefulShutdown()
        _ = await running.result
        try await handle.close()
        if let failure { throw failure }
    }

    /// A signed `/incident` over a connection of its own; the server's whole answer.
    private func slash(_ text: String, port: Int, clock: ManualWallClock) async throws -> String {
        let body = TestHarness.form(text)
        let fields = TestHarness.signedHeaders(body, at: clock.now).map { "\($0.name.rawName): \($0.value)\r\n" }.joined()
        let connection = try await RawConnection.open(port: port)
        connection.send("POST /slack/commands HTTP/1.1\r\nHost: klaxon\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\(fields)\r\n\(body)")
        #expect(await allClosed([connection], within: 10))
        return connection.answer
    }

    /// Waits for every connection to be closed by the server, for at most `seconds`; whether they all were.
    private func allClosed(_ connections: [RawConnection], within seconds: TimeInterval) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        // Polling, not awaiting each close: a connection the server never closes must not hang the test.
        while ContinuousClock.now < deadline {
            if connections.allSatisfy(\.isClosed) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return connections.allSatisfy(\.isClosed)
    }

    /// Waits (at most 10 s) for the server's first answer on a connection.
    private func answered(_ connection: RawConnection) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while connection.answer.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(connection.answer.hasPrefix("HTTP/1.1 200"))
    }

    @Test func hundredsOfSlowConnectionsAreClosedAfterTheTimeoutWhileSignedCommandsAreAnsweredAtOnce() async throws {
        // Longer than the other tests' timeout: a loaded test machine once took 2.06 s to answer beside 300 slow
        // connections, and in CI, with the whole suite running beside it, 6.4 s. The point is that the answer does
        // not wait for them (which would take the whole timeout), not a latency figure.
        let timeout: TimeInterval = 12
        try await withServer(ConnectionLimits(requestTimeout: timeout, maxConnections: 1024)) { port, clock in
            let head = "POST /slack/commands HTTP/1.1\r\nHost: klaxon\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            let slow = try await withThrowingTaskGroup(of: RawConnection.self) { group in
                for index in 0..<300 {
                    group.addTask {
                        let connection = try await RawConnection.open(port: port)
                        switch index % 3 {
                        case 0:
                            break // connects and says nothing
                        case 1:
                            connection.trickle(head + "Content-Length: 10\r\n\r\n", every: .milliseconds(100))
                        default:
                            connection.send(head + "Content-Length: 4000\r\n\r\n")
                            connection.trickle(String(repeating: "x", count: 4000), every: .milliseconds(100))
                        }
                        return connection
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let opened = ContinuousClock.now
            for _ in 0..<5 {
                let started = ContinuousClock.now
                let answer = try await slash("list", port: port, clock: clock)
                #expect(answer.hasPrefix("HTTP/1.1 200"))
                #expect(answer.contains("No open incidents"))
                // Answered without waiting for any slow connection to be closed first.
                #expect(ContinuousClock.now - started < .seconds(timeout))
            }
            // Trickling bytes faster than the timeout does not keep a connection open.
            #expect(await allClosed(slow, within: timeout * 3 + 5))
            #expect(ContinuousClock.now - opened >= .seconds(timeout) - .milliseconds(100))
            #expect(slow.allSatisfy { !$0.answer.contains("200 OK") })
            for connection in slow { await connection.close() }
        }
    }

    @Test(arguments: ["1000000000000", "65537", "000000000000000000000000070000"])
    func aRequestAnnouncingABodyOverTheLimitIsRefusedAtOnceAndClosed(_ length: String) async throws {
        // A long timeout: the connection must close because of the 413, not the timeout.
        try await withServer(ConnectionLimits(requestTimeout: 600, maxConnections: 1024)) { port, _ in
            let connection = try await RawConnection.open(port: port)
            connection.send("POST /slack/commands HTTP/1.1\r\nHost: klaxon\r\nContent-Length: \(length)\r\n\r\n")
            #expect(await allClosed([connection], within: 10))
            #expect(connection.answer.hasPrefix("HTTP/1.1 413"))
            await connection.close()
        }
    }

    @Test func connectionsOverTheCapWaitUntilAnIdleOneIsClosed() async throws {
        try await withServer(ConnectionLimits(requestTimeout: Self.timeout, maxConnections: 4)) { port, _ in
            var idle: [RawConnection] = []
            var firstIdle: ContinuousClock.Instant?
            for _ in 0..<4 {
                // Answered, so surely accepted: the server takes connections in batches, and the cap counts accepted ones.
                let connection = try await RawConnection.open(port: port)
                // Taken before the request leaves: the server's idle timer cannot start earlier, however late this
                // test sees the answer on a loaded machine.
                firstIdle = firstIdle ?? ContinuousClock.now
                connection.send("GET /healthz HTTP/1.1\r\nHost: klaxon\r\n\r\n")
                try await answered(connection)
                idle.append(connection)
            }
            let waiting = try await RawConnection.open(port: port)
            waiting.send("GET /healthz HTTP/1.1\r\nHost: klaxon\r\nConnection: close\r\n\r\n")
            #expect(await allClosed([waiting], within: Self.timeout * 3 + 5))
            #expect(waiting.answer.hasPrefix("HTTP/1.1 200"))
            // The fifth was served only once an idle one had timed out (its timer started with its answer) and made room.
            #expect(ContinuousClock.now - (firstIdle ?? .now) >= .seconds(Self.timeout) - .milliseconds(100))
            #expect(await allClosed(idle, within: 5))
            for connection in idle + [waiting] { await connection.close() }
        }
    }
}
