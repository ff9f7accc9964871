import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a Hummingbird router on 127.0.0.1 and a free port for the length of a test: the base for fake platform APIs.
struct LoopbackServer: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    static func start(_ router: Router<BasicRequestContext>) async throws -> LoopbackServer {
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let quiet = Logger(label: "fake", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                sink.yield(channel.localAddress?.port ?? 0)
                sink.finish()
            },
            logger: quiet
        )
        let group = ServiceGroup(services: [app], logger: quiet)
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw TestFailure("the fake server did not start") }
        return LoopbackServer(port: port, group: group, running: running)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await running.result
    }
}
