import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Discord's application-commands endpoints on loopback: stores what is PUT, lists it back with the fields Discord
/// adds, and refuses a wrong bot token. The tests' stand-in for Discord.
final class FakeDiscordAPI: Sendable {
    /// One recorded request.
    struct Call: Sendable, Equatable {
        let method: String
        let path: String
        let authorization: String?
    }

    private struct State {
        var calls: [Call] = []
        /// The registered commands' JSON, by path.
        var registered: [String: Data] = [:]
    }

    private let state = Mutex(State())
    let token: String

    init(token: String) {
        self.token = token
    }

    var calls: [Call] { state.withLock { $0.calls } }

    /// What is registered at a path, as Discord would list it.
    func registered(at path: String) -> Data? { state.withLock { $0.registered[path] } }

    /// Seeds what is registered at a path.
    func seed(_ json: String, at path: String) {
        state.withLock { $0.registered[path] = Data(json.utf8) }
    }

    /// An application on 127.0.0.1 and a free port, to run with `.test(.live)`.
    func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("/api/v10/applications/:app/commands") { request, _ in self.answer(request, body: nil) }
        router.get("/api/v10/applications/:app/guilds/:guild/commands") { request, _ in self.answer(request, body: nil) }
        router.put("/api/v10/applications/:app/commands") { request, _ in self.answer(request, body: try await request.body.collect(upTo: 1 << 20)) }
        router.put("/api/v10/applications/:app/guilds/:guild/commands") { request, _ in
            self.answer(request, body: try await request.body.collect(upTo: 1 << 20))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    private func answer(_ request: Request, body: ByteBuffer?) -> Response {
        let path = request.uri.path
        let authorization = request.headers[.authorization]
        state.withLock { $0.calls.append(Call(method: request.method.rawValue, path: path, authorization: authorization)) }
        guard authorization == "Bot \(token)" else {
            return Self.json(#"{"message": "401: Unauthorized", "code": 0}"#, status: .unauthorized)
        }
        if let body {
            let listed = Self.withDiscordFields(Data(buffer: body))
            state.withLock { $0.registered[path] = listed }
            return Self.json(String(decoding: listed, as: UTF8.self), status: .ok)
        }
        return Self.json(state.withLock { $0.registered[path].map { String(decoding: $0, as: UTF8.self) } } ?? "[]", status: .ok)
    }

    /// Adds what Discord adds to stored commands (ids, versions, defaults), so comparing must ignore it.
    private static func withDiscordFields(_ data: Data) -> Data {
        guard var commands = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else { return data }
        for index in commands.indices {
            commands[index]["id"] = "12345678901234567\(index)"
            commands[index]["application_id"] = "1150000000000000001"
            commands[index]["version"] = "1"
            commands[index]["default_member_permissions"] = NSNull()
            commands[index]["nsfw"] = false
        }
        return (try? JSONSerialization.data(withJSONObject: commands)) ?? data
    }

    private static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
