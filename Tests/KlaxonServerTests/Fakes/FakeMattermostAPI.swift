import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Mattermost's REST API (v4) on loopback, as far as delivery uses it: records every post and answers as scripted.
final class FakeMattermostAPI: Sendable {
    /// One post.
    struct Post: Sendable {
        let id: String
        let channel: String
        let authorization: String?
        let body: Data

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var message: String { json["message"] as? String ?? "" }
        var root: String? { json["root_id"] as? String }
        var props: [String: String] { json["props"] as? [String: String] ?? [:] }
    }

    /// How the next post is answered.
    enum Answer: Sendable {
        /// 429 with these headers.
        case rateLimited(headers: [String: String])
        /// Taken, then answered 502, as a proxy that lost Mattermost's answer does.
        case lost
        /// Refused with this status and Mattermost's error body.
        case refused(Int, String)
    }

    private struct State {
        var posts: [Post] = []
        var script: [Answer] = []
        /// Scripted answers for posts to one channel, used up in order before `script`; `nil` takes the post.
        var channelScripts: [String: [Answer?]] = [:]
        var lookups: [String] = []
        /// How many of the next channel reads answer 503.
        var failingLookups = 0
        /// Each edit of a post: its id and new message, in order.
        var edits: [(post: String, message: String)] = []
        var next = 0
    }

    /// The users Mattermost knows, by username.
    static let users = ["ann": "user-ann", "bo": "user-bo"]
    static let bot = "user-klaxon"
    /// The one channel the bot is a member of.
    static let memberOf = "mm-incidents"

    private let state = Mutex(State())
    private let server: LoopbackServer
    let baseURL: String

    static func start() async throws -> FakeMattermostAPI {
        let box = Box()
        let router = Router()
        router.post("/api/v4/posts") { request, _ in
            try await box.value!.post(request)
        }
        router.get("/api/v4/channels/:channel/posts") { request, context in
            box.value!.posts(in: context.parameters.get("channel") ?? "", query: request.uri.query ?? "")
        }
        router.put("/api/v4/posts/:post/patch") { request, context in
            let body = (try? JSONSerialization.jsonObject(with: Data(try await request.body.collect(upTo: 1 << 20).readableBytesView))) as? [String: Any]
            let post = context.parameters.get("post") ?? ""
            box.value!.state.withLock { $0.edits.append((post, body?["message"] as? String ?? "")) }
            return Self.reply(["id": post])
        }
        router.get("/api/v4/users/me") { request, _ in
            if request.headers[.authorization] == "Bearer mm-overloaded" { return Self.reply(["message": "overloaded"], status: .serviceUnavailable) }
            guard request.headers[.authorization] == "Bearer mm-bot-token" else {
                return Self.reply(["id": "api.context.session_expired.app_error", "message": "Invalid or expired session, please login again."], status: .unauthorized)
            }
            return Self.reply(["id": Self.bot, "username": "klaxon"])
        }
        router.get("/api/v4/channels/:channel/members/me") { _, context in
            guard context.parameters.get("channel") == memberOf else {
                return Self.reply(["id": "app.channel.get_member.missing.app_error", "message": "No channel member found for that user ID and channel ID."], status: .notFound)
            }
            return Self.reply(["channel_id": memberOf, "user_id": Self.bot])
        }
        router.post("/api/v4/users/usernames") { request, _ in
            let names = (try? JSONSerialization.jsonObject(with: Data(try await request.body.collect(upTo: 1 << 16).readableBytesView))) as? [String] ?? []
            return Self.reply(names.compactMap { name in users[name].map { ["id": $0, "username": name] } })
        }
        router.post("/api/v4/channels/direct") { request, _ in
            let pair = (try? JSONSerialization.jsonObject(with: Data(try await request.body.collect(upTo: 1 << 16).readableBytesView))) as? [String] ?? []
            guard pair.count == 2, pair[0] == Self.bot else { return Self.reply(["message": "Invalid user_ids"], status: .badRequest) }
            return Self.reply(["id": "DM-\(pair[1])"], status: .created)
        }
        let fake = FakeMattermostAPI(server: try await LoopbackServer.start(router))
        box.value = fake
        return fake
    }

    private init(server: LoopbackServer) {
        self.server = server
        baseURL = "http://127.0.0.1:\(server.port)/api/v4"
    }

    /// Answers the next posts this way, in order; after them, posts are taken.
    func script(_ answers: [Answer]) { state.withLock { $0.script = answers } }

    /// Answers the next posts to `channel` this way, in order (`nil` takes one); after them, posts are taken.
    func script(_ answers: [Answer?], in channel: String) { state.withLock { $0.channelScripts[channel] = answers } }

    /// Answers the next `count` reads of a channel's posts with 503.
    func failLookups(_ count: Int) { state.withLock { $0.failingLookups = count } }

    var posts: [Post] { state.withLock { $0.posts } }
    var edits: [(post: String, message: String)] { state.withLock { $0.edits } }
    /// The query of each channel read, in order.
    var lookups: [String] { state.withLock { $0.lookups } }

    func stop() async { await server.stop() }

    private func post(_ request: Request) async throws -> Response {
        let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        let channel = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["channel_id"] as? String ?? ""
        let (answer, post) = state.withLock { state -> (Answer?, Post?) in
            let scripted = state.channelScripts[channel]?.isEmpty == false ? state.channelScripts[channel]?.removeFirst() : nil
            let answer = scripted ?? (state.script.isEmpty ? nil : state.script.removeFirst())
            switch answer {
            case .rateLimited, .refused: return (answer, nil)
            case .lost, nil:
                state.next += 1
                let post = Post(id: "P\(state.next)", channel: channel, authorization: request.headers[.authorization], body: body)
                state.posts.append(post)
                return (answer, post)
            }
        }
        switch answer {
        case .rateLimited(let headers):
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            fields[.contentType] = "application/json"
            return Response(status: .tooManyRequests, headers: fields, body: .init(byteBuffer: ByteBuffer(string: #"{"message":"Too many requests"}"#)))
        case .refused(let status, let message):
            return Self.reply(["message": message, "status_code": status], status: .init(code: status))
        case .lost:
            return Self.reply(["message": "Bad gateway"], status: .badGateway)
        case nil:
            return Self.reply(["id": post?.id ?? "", "channel_id": channel, "root_id": post?.root ?? ""], status: .created)
        }
    }

    /// The channel's posts as Mattermost lists them: ids newest first in `order`, the posts by id.
    private func posts(in channel: String, query: String) -> Response {
        let listed = state.withLock { state -> [Post]? in
            state.lookups.append(query)
            guard state.failingLookups == 0 else {
                state.failingLookups -= 1
                return nil
            }
            return state.posts.filter { $0.channel == channel }.reversed()
        }
        guard let listed else { return Self.reply(["message": "Service unavailable"], status: .serviceUnavailable) }
        let byID = Dictionary(uniqueKeysWithValues: listed.map { post in
            (post.id, ["id": post.id, "channel_id": post.channel, "root_id": post.root ?? "", "message": post.message, "props": post.props, "delete_at": 0] as [String: Any])
        })
        return Self.reply(["order": listed.map(\.id), "posts": byID])
    }

    private static func reply(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private final class Box: @unchecked Sendable {
        // Set once, right after the server starts and before any request is sent to it.
        var value: FakeMattermostAPI?
    }
}
