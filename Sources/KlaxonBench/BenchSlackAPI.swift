import Foundation
import KlaxonServer
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A Slack Web API stand-in on loopback for benchmarks: accepts instantly, or fails while `down` says so.
final class BenchSlackAPI: Sendable {
    /// One request as the fake saw it.
    struct Request: Sendable {
        let at: Date
        let method: String
        let channel: String
        let status: Int
        let text: String
    }

    private let log = Mutex<[Request]>([])
    private let counter = Mutex(0)
    private let group: ServiceGroup
    private let running: Task<Void, any Error>
    let baseURL: String

    /// Starts the fake; `down(now)` decides whether Slack is failing at that moment; `clock` stamps the log.
    static func start(clock: any WallClock, down: @escaping @Sendable (Date) -> Bool = { _ in false }) async throws -> BenchSlackAPI {
        let box = Box()
        let router = Router()
        router.post("/api/:method") { request, context in
            try await box.value!.answer(request, method: context.parameters.get("method") ?? "", clock: clock, down: down)
        }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let quiet = Logger(label: "bench-slack", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                sink.yield(channel.localAddress?.port ?? 0)
                sink.finish()
            }, logger: quiet
        )
        let group = ServiceGroup(services: [app], logger: quiet)
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw BenchmarkError("the benchmark's Slack stand-in did not start") }
        let api = BenchSlackAPI(baseURL: "http://127.0.0.1:\(port)/api", group: group, running: running)
        box.value = api
        return api
    }

    private init(baseURL: String, group: ServiceGroup, running: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.group = group
        self.running = running
    }

    var requests: [Request] { log.withLock { $0 } }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await running.result
    }

    private func answer(_ request: Hummingbird.Request, method: String, clock: any WallClock, down: @Sendable (Date) -> Bool) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
        let now = clock.now
        let failing = down(now)
        log.withLock {
            $0.append(Request(at: now, method: method, channel: json["channel"] as? String ?? "", status: failing ? 503 : 200, text: json["text"] as? String ?? ""))
        }
        if failing { return Response(status: .serviceUnavailable) }
        let ts = counter.withLock { count -> Int in
            count += 1
            return count
        }
        let reply = #"{"ok":true,"ts":"1700000000.\#(String(format: "%06d", ts))","channel":"C"}"#
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: reply)))
    }

    private final class Box: @unchecked Sendable {
        // Set once right after start, before any request can reach the server.
        var value: BenchSlackAPI?
    }
}
