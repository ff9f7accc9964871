import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Discord's message endpoints on loopback: records every message and answers as scripted.
final class FakeDiscordChannelAPI: Sendable {
    /// One posted message.
    struct Message: Sendable {
        let channel: String
        let authorization: String?
        let body: Data

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var content: String { json["content"] as? String ?? "" }
        var parse: [String] { (json["allowed_mentions"] as? [String: Any])?["parse"] as? [String] ?? ["<missing>"] }
        var users: [String] { (json["allowed_mentions"] as? [String: Any])?["users"] as? [String] ?? [] }
        var isEphemeral: Bool { json["flags"] as? Int == 64 }
    }

    private struct State {
        var messages: [Message] = []
        var threads: [String] = []
        var rateLimits: [Double] = []
        var next = 0
    }

    private let state = Mutex(State())
    private let server: LoopbackServer
    let baseURL: String

    static func start() async throws -> FakeDiscordChannelAPI {
        let box = Box()
        let router = Router()
        router.post("/api/v10/channels/:channel/messages") { request, context in
            try await box.value!.message(request, channel: context.parameters.get("channel") ?? "")
        }
        router.post("/api/v10/channels/:channel/messages/:message/threads") { _, context in
            box.value!.thread(on: context.parameters.get("message") ?? "")
        }
        router.patch("/api/v10/webhooks/:application/:token/messages/@original") { request, context in
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let channel = "webhook:\(context.parameters.get("application") ?? "")/\(context.parameters.get("token") ?? "")"
            box.value!.record(Message(channel: channel, authorization: request.headers[.authorization], body: body))
            return Self.reply(["id": "W1"])
        }
        router.post("/api/v10/webhooks/:application/:token") { request, context in
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let channel = "followup:\(context.parameters.get("application") ?? "")/\(context.parameters.get("token") ?? "")"
            box.value!.record(Message(channel: channel, authorization: request.headers[.authorization], body: body))
            return Self.reply(["id": "F1"])
        }
        router.post("/api/v10/users/@me/channels") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 16)
            let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
            return Self.reply(["id": "DM-\(json?["recipient_id"] as? String ?? "")"])
        }
        let fake = FakeDiscordChannelAPI(server: try await LoopbackServer.start(router))
        box.value = fake
        return fake
    }

    private init(server: LoopbackServer) {
        self.server = server
        baseURL = "http://127.0.0.1:\(server.port)/api/v10"
    }

    /// Answers the next posts with 429 and these `retry_after` seconds.
    func rateLimit(_ seconds: [Double]) { state.withLock { $0.rateLimits = seconds } }

    var messages: [Message] { state.withLock { $0.messages } }
    var threads: [String] { state.withLock { $0.threads } }

    func stop() async { await server.stop() }

    private func message(_ request: Request, channel: String) async throws -> Response {
        let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        let (id, retryAfter) = state.withLock { state -> (String?, Double?) in
            if !state.rateLimits.isEmpty { return (nil, state.rateLimits.removeFirst()) }
            state.next += 1
            state.messages.append(Message(channel: channel, authorization: request.headers[.authorization], body: body))
            return ("M\(state.next)", nil)
        }
        if let retryAfter {
            return Self.reply(["message": "You are being rate limited.", "retry_after": retryAfter, "global": false], status: .tooManyRequests)
        }
        return Self.reply(["id": id ?? "", "channel_id": channel])
    }

    private func record(_ message: Message) {
        state.withLock { $0.messages.append(message) }
    }

    private func thread(on message: String) -> Response {
        state.withLock { $0.threads.append(message) }
        return Self.reply(["id": "T-\(message)"], status: .created)
    }

    private static func reply(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private final class Box: @unchecked Sendable {
        // Set once, right after the server starts and before any request is sent to it.
        var value: FakeDiscordChannelAPI?
    }
}
