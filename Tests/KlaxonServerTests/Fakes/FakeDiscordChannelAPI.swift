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
        /// Id Discord gave it; messages sent as a person (not the bot) are marked so.
        var id = ""
        var byPerson = false

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var content: String { json["content"] as? String ?? "" }
        var parse: [String] { (json["allowed_mentions"] as? [String: Any])?["parse"] as? [String] ?? ["<missing>"] }
        var users: [String] { (json["allowed_mentions"] as? [String: Any])?["users"] as? [String] ?? [] }
        var isEphemeral: Bool { json["flags"] as? Int == 64 }
    }

    /// How a post to one channel is answered, when scripted (`script(_:in:)`).
    enum Answer: Sendable {
        /// Taken and answered, as unscripted posts are.
        case taken
        /// Not taken: answered with this status and Discord's error code, as a 502 from a gateway or a 403 for a
        /// user who does not accept DMs (50007).
        case refused(status: Int, code: Int)
    }

    private struct State {
        var messages: [Message] = []
        /// Scripted answers per channel, used up in order.
        var scripts: [String: [Answer]] = [:]
        var threads: [String] = []
        /// The name each thread was opened with.
        var threadNames: [String] = []
        var rateLimits: [Double] = []
        /// How many of the next posts Discord takes and then answers 502 (a gateway that lost the answer).
        var lostAnswers = 0
        var lookups: [String] = []
        /// Edits of posted messages, their `channel` being "channel/message".
        var edits: [Message] = []
        /// Whether opening a thread is refused, as for a bot without Create Public Threads.
        var threadsRefused = false
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
        router.get("/api/v10/channels/:channel/messages") { request, context in
            box.value!.history(of: context.parameters.get("channel") ?? "", query: request.uri.query ?? "")
        }
        router.patch("/api/v10/channels/:channel/messages/:message") { request, context in
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let edited = "\(context.parameters.get("channel") ?? "")/\(context.parameters.get("message") ?? "")"
            box.value!.edit(Message(channel: edited, authorization: request.headers[.authorization], body: body))
            return Self.reply(["id": context.parameters.get("message") ?? ""])
        }
        router.post("/api/v10/channels/:channel/messages/:message/threads") { request, context in
            let body = try await request.body.collect(upTo: 1 << 20)
            let name = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])?["name"] as? String
            return box.value!.thread(on: context.parameters.get("message") ?? "", name: name ?? "")
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
            return box.value!.followUp(Message(channel: channel, authorization: request.headers[.authorization], body: body))
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

    /// Refuses every thread from now on, as Discord does a bot without permission to open them.
    func refuseThreads() { state.withLock { $0.threadsRefused = true } }

    /// Answers the next posts with 429 and these `retry_after` seconds.
    func rateLimit(_ seconds: [Double]) { state.withLock { $0.rateLimits = seconds } }

    /// Answers the next posts to `channel` this way, in order; after them, posts are taken.
    func script(_ answers: [Answer], in channel: String) { state.withLock { $0.scripts[channel] = answers } }

    /// Takes the next `count` posts and answers each with 502, as a gateway that lost Discord's answer does.
    func loseAnswers(_ count: Int) { state.withLock { $0.lostAnswers = count } }

    /// A message a person wrote in the channel.
    func personWrites(_ content: String, in channel: String) {
        state.withLock { state in
            state.next += 1
            let body = (try? JSONSerialization.data(withJSONObject: ["content": content])) ?? Data()
            state.messages.append(Message(channel: channel, authorization: nil, body: body, id: "M\(state.next)", byPerson: true))
        }
    }

    /// Every message so far becomes a person's, as if people had written exactly what the bot tried to send.
    func attributeEveryMessageToAPerson() {
        state.withLock { state in
            for index in state.messages.indices { state.messages[index].byPerson = true }
        }
    }

    var messages: [Message] { state.withLock { $0.messages } }
    /// The query of each history read, in order.
    var lookups: [String] { state.withLock { $0.lookups } }
    var threads: [String] { state.withLock { $0.threads } }
    var threadNames: [String] { state.withLock { $0.threadNames } }
    /// Each edit, in order; its `channel` is "channel id/message id".
    var edits: [Message] { state.withLock { $0.edits } }

    func stop() async { await server.stop() }

    private func message(_ request: Request, channel: String) async throws -> Response {
        let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        let (id, retryAfter, lost, refusal) = state.withLock { state -> (String?, Double?, Bool, (status: Int, code: Int)?) in
            if case .refused(let status, let code)? = state.scripts[channel]?.first {
                state.scripts[channel]?.removeFirst()
                return (nil, nil, false, (status, code))
            }
            if state.scripts[channel]?.isEmpty == false { state.scripts[channel]?.removeFirst() }
            if !state.rateLimits.isEmpty { return (nil, state.rateLimits.removeFirst(), false, nil) }
            state.next += 1
            state.messages.append(Message(channel: channel, authorization: request.headers[.authorization], body: body, id: "M\(state.next)"))
            let lost = state.lostAnswers > 0
            if lost { state.lostAnswers -= 1 }
            return ("M\(state.next)", nil, lost, nil)
        }
        if let refusal {
            return Self.reply(["message": "Refused", "code": refusal.code], status: .init(code: refusal.status))
        }
        if lost { return Self.reply(["message": "Bad gateway"], status: .badGateway) }
        if let retryAfter {
            return Self.reply(["message": "You are being rate limited.", "retry_after": retryAfter, "global": false], status: .tooManyRequests)
        }
        return Self.reply(["id": id ?? "", "channel_id": channel])
    }

    /// The channel's messages as Discord lists them: newest first, each with its author and any thread opened on it.
    private func history(of channel: String, query: String) -> Response {
        let listed = state.withLock { state -> [[String: Any]] in
            state.lookups.append(query)
            return state.messages.filter { $0.channel == channel }.reversed().map { message in
                var object: [String: Any] = [
                    "id": message.id, "content": message.content,
                    "author": message.byPerson ? ["id": "1", "bot": false] : ["id": "2", "bot": true],
                ]
                if state.threads.contains(message.id) { object["thread"] = ["id": message.id] }
                return object
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: listed)) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func edit(_ message: Message) {
        state.withLock { $0.edits.append(message) }
    }

    /// A follow-up through an interaction's webhook: taken, or refused as scripted for its `followup:` channel.
    private func followUp(_ message: Message) -> Response {
        let refusal = state.withLock { state -> (status: Int, code: Int)? in
            if case .refused(let status, let code)? = state.scripts[message.channel]?.first {
                state.scripts[message.channel]?.removeFirst()
                return (status, code)
            }
            state.messages.append(message)
            return nil
        }
        if let refusal { return Self.reply(["message": "Unknown Webhook", "code": refusal.code], status: .init(code: refusal.status)) }
        return Self.reply(["id": "F1"])
    }

    private func record(_ message: Message) {
        state.withLock { $0.messages.append(message) }
    }

    private func thread(on message: String, name: String) -> Response {
        let refused = state.withLock { state in
            if !state.threadsRefused { state.threads.append(message); state.threadNames.append(name) }
            return state.threadsRefused
        }
        if refused { return Self.reply(["message": "Missing Permissions", "code": 50013], status: .forbidden) }
        // As on Discord, a thread started on a message takes the message's id.
        return Self.reply(["id": message], status: .created)
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
