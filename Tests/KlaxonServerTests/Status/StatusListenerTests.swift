import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonServer
import KlaxonStore
import Logging
import Testing

@Suite("Status page listener")
struct StatusListenerTests {
    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let socket = try ServerSocketProbe()
        return socket.port
    }

    /// Asks 127.0.0.1:`port` for `path` on a connection of its own until the listener is up; returns the answer.
    static func get(_ path: String, port: Int) async throws -> String {
        for _ in 0..<2_000 {
            if let connection = try? await RawConnection.open(port: port) {
                connection.send("GET \(path) HTTP/1.1\r\nHost: status.example.com\r\nConnection: close\r\n\r\n")
                try await eventually("the answer to \(path)") { connection.isClosed }
                return connection.answer
            }
            await Task.yield()
        }
        throw TestFailure("nothing listens on \(port)")
    }

    /// The whole application, live, with a status port of its own; `body` gets the main port's client and the status port.
    static func withStatusPort(
        _ limits: ConnectionLimits = ConnectionLimits(), _ body: @Sendable @escaping (any TestClientProtocol, Int) async throws -> Void
    ) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let statusPort = try Self.freePort()
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.statusPort = statusPort
        configuration.connections = limits
        let application = try await KlaxonApplication.build(.init(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: handle.store,
            clock: ManualWallClock(TestHarness.start), logger: Logger(label: "test"), slackSigningSecret: TestHarness.secret, runsScheduler: false
        ))
        try await application.test(.live) { client in try await body(client, statusPort) }
        try await handle.close()
    }

    @Test("With KLAXON_STATUS_PORT the status routes, and only they, are served on a port of their own as well")
    func theStatusPortServesOnlyTheStatusRoutes() async throws {
        try await Self.withStatusPort { client, statusPort in
            #expect(try await client.execute(uri: "/status", method: .get).status == .ok)
            let page = try await Self.get("/status", port: statusPort)
            #expect(page.hasPrefix("HTTP/1.1 200"))
            #expect(page.contains("All systems operational"))
            #expect(try await Self.get("/status.json", port: statusPort).hasPrefix("HTTP/1.1 200"))
            for path in ["/slack/commands", "/healthz", "/metrics"] {
                #expect(try await Self.get(path, port: statusPort).hasPrefix("HTTP/1.1 404"), "\(path) is reachable on the status port")
            }
        }
    }

    @Test("The status port, the one exposed to the internet, is guarded as the main one: answers and refusals name the request, and a client that never finishes its request is closed after the timeout")
    func theStatusPortIsGuardedAsTheMainOne() async throws {
        // Waited for in real time (the server's own timer), so short.
        try await Self.withStatusPort(ConnectionLimits(requestTimeout: 1, maxConnections: 1024)) { _, statusPort in
            for (path, status) in [("/status", "200"), ("/status/incidents/99", "404"), ("/nope", "404")] {
                let answer = try await Self.get(path, port: statusPort)
                #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(path): \(answer.prefix(40))")
                #expect(answer.lowercased().contains("\r\nx-request-id: "), "\(path) has no X-Request-ID")
            }
            let idle = try await RawConnection.open(port: statusPort)
            idle.send("GET /status HTTP/1.1\r\nHost: status.example.com\r\n")
            try await eventually("the status port closing a request that never ends") { idle.isClosed }
            #expect(idle.answer.isEmpty || idle.answer.hasPrefix("HTTP/1.1 408"), "\(idle.answer.prefix(40))")
        }
    }
}

/// Binds a loopback socket to learn a free port, then lets it go.
private struct ServerSocketProbe {
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free port") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }
}
