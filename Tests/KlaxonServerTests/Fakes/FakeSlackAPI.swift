import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Slack Web API on loopback that records every request and answers as scripted: the tests' stand-in for Slack.
final class FakeSlackAPI: Sendable {
    /// One recorded call.
    struct Call: Sendable {
        let method: String
        let authorization: String?
        let body: Data
        let query: [String: String]

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }

        var text: String? { json["text"] as? String }
        var channel: String? { json["channel"] as? String }
        var threadTS: String? { json["thread_ts"] as? String }
        var broadcast: Bool { json["reply_broadcast"] as? Bool ?? false }
        var key: String? { ((json["metadata"] as? [String: Any])?["event_payload"] as? [String: Any])?["key"] as? String }
    }

    /// How to answer the next `chat.postMessage`.
    enum Answer: Sendable {
        case accept
        case status(Int, retryAfter: String?)
        case slackError(String)
    }

    private struct State {
        var calls: [Call] = []
        var script: [Answer] = []
        var fallback: Answer = .accept
        var counters: [String: Int] = [:]
        var posted: [Data] = []
    }

    private let state = Mutex(State())
    private let server: LoopbackServer
    let baseURL: String

    static func start() async throws -> FakeSlackAPI {
        let fake = FakeSlackAPI.Box()
        let router = Router()
        router.post("/api/:method") { request, context in try await fake.value!.handle(request, context: context) }
        router.get("/api/:method") { request, context in try await fake.value!.handle(request, context: context) }
        let server = try await LoopbackServer.start(router)
        let api = FakeSlackAPI(server: server)
        fake.value = api
        return api
    }

    private init(server: LoopbackServer) {
        self.server = server
        self.baseURL = "http://127.0.0.1:\(server.port)/api"
    }

    /// Answers for the next `chat.postMessage` calls, in order; then `fallback`.
    func script(_ answers: [Answer], then fallback: Answer = .accept) {
        state.withLock {
            $0.script = answers
            $0.fallback = fallback
        }
    }

    var calls: [Call] { state.withLock { $0.calls } }
    var posts: [Call] { calls.filter { $0.method == "chat.postMessage" } }

    func stop() async {
        await server.stop()
    }

    private func handle(_ request: Request, context: some RequestContext) async throws -> Response {
        let method = context.parameters.get("method") ?? ""
        let body = try await request.body.collect(upTo: 1 << 20)
        var query: [String: String] = [:]
        for item in URLComponents(string: request.uri.description)?.queryItems ?? [] { query[item.name] = item.value }
        let call = Call(method: method, authorization: request.headers[.authorization], body: Data(body.readableBytesView), query: query)
        let answer: Answer = state.withLock { state in
            state.calls.append(call)
            // Scripted: posting, and the start-up check of the token.
            guard method == "chat.postMessage" || method == "auth.test" else { return .accept }
            return state.script.isEmpty ? state.fallback : state.script.removeFirst()
        }
        switch answer {
        case .status(let code, let retryAfter):
            var headers: HTTPFields = [:]
            if let retryAfter { headers[HTTPField.Name("Retry-After")!] = retryAfter }
            return Response(status: .init(code: code), headers: headers)
        case .slackError(let error):
            return reply(["ok": false, "error": error])
        case .accept:
            return respond(to: call)
        }
    }

    private func respond(to call: Call) -> Response {
        switch call.method {
        case "chat.postMessage":
            let ts = state.withLock { state -> String in
                // Like Slack, a ts is unique within its channel.
                let count = state.counters[call.channel ?? "", default: 0] + 1
                state.counters[call.channel ?? ""] = count
                let ts = String(format: "1700000000.%06d", count)
                var message = call.json
                message["ts"] = ts
                // Like Slack, a message to a user's id lands in the DM conversation with them.
                if let user = call.channel, user.hasPrefix("U") { message["channel"] = "D" + user.dropFirst() }
                state.posted.append((try? JSONSerialization.data(withJSONObject: message)) ?? Data())
                return ts
            }
            return reply(["ok": true, "ts": ts, "channel": call.channel ?? ""])
        case "conversations.open":
            // One person: the DM with them; several: one group DM.
            let users = (call.json["users"] as? String)?.split(separator: ",") ?? []
            return reply(["ok": true, "channel": ["id": users.count == 1 ? "D" + users[0].dropFirst() : "D0GROUP"]])
        case "conversations.history", "conversations.replies":
            let posted = state.withLock { $0.posted }.compactMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
            let messages = posted.filter { message in
                guard message["channel"] as? String == call.query["channel"] else { return false }
                if call.method == "conversations.replies" { return message["thread_ts"] as? String == call.query["ts"] || message["ts"] as? String == call.query["ts"] }
                return message["thread_ts"] == nil
            }
            return reply(["ok": true, "messages": messages])
        case "auth.test":
            return reply(["ok": true, "team": "Acme", "user": "klaxon"])
        default:
            return reply(["ok": true])
        }
    }

    private func reply(_ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Lets the router reach the fake before it exists.
    private final class Box: @unchecked Sendable {
        // Written once before the first request can arrive (the port is only known after start).
        var value: FakeSlackAPI?
    }
}
