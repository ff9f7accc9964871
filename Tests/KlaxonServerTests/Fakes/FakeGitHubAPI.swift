import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// GitHub's issues API for one repository, on loopback: keeps the issues it is asked to create, lists them by label,
/// closes them, and answers the next creations as scripted (rate limits, 422, 5xx).
final class FakeGitHubAPI: Sendable {
    /// One issue as the fake holds it.
    struct Issue: Sendable, Equatable {
        let number: Int
        let title: String
        let body: String
        let labels: [String]
        var state: String
    }

    /// How to answer the next issue creation.
    enum Answer: Sendable {
        case accept
        /// Refuse with this status and these headers, creating nothing.
        case status(Int, headers: [String: String] = [:])
        /// Create the issue, then answer 502, as when the connection is lost after GitHub did the work.
        case createThenFail
    }

    private struct State {
        var issues: [Issue] = []
        var script: [Answer] = []
        var requests: [String] = []
        var authorizations: Set<String> = []
    }

    private let state = Mutex(State())
    private let server: LoopbackServer
    let baseURL: String

    static func start() async throws -> FakeGitHubAPI {
        let box = Box()
        let router = Router()
        router.post("/repos/:owner/:name/issues") { request, _ in try await box.value!.create(request) }
        router.get("/repos/:owner/:name/issues") { request, _ in box.value!.list(request) }
        router.patch("/repos/:owner/:name/issues/:number") { request, context in
            try await box.value!.update(request, number: context.parameters.get("number", as: Int.self) ?? 0)
        }
        let server = try await LoopbackServer.start(router)
        let api = FakeGitHubAPI(server: server)
        box.value = api
        return api
    }

    private init(server: LoopbackServer) {
        self.server = server
        baseURL = "http://127.0.0.1:\(server.port)"
    }

    func script(_ answers: [Answer]) { state.withLock { $0.script = answers } }
    var issues: [Issue] { state.withLock { $0.issues } }
    /// Method and path of every request, in order.
    var requests: [String] { state.withLock { $0.requests } }
    var authorizations: Set<String> { state.withLock { $0.authorizations } }

    func stop() async { await server.stop() }

    private func record(_ request: Request) {
        state.withLock {
            $0.requests.append("\(request.method) \(request.uri.path)")
            $0.authorizations.insert(request.headers[.authorization] ?? "")
        }
    }

    private func create(_ request: Request) async throws -> Response {
        record(request)
        let body = try await request.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
        let answer = state.withLock { $0.script.isEmpty ? .accept : $0.script.removeFirst() }
        if case .status(let code, let headers) = answer {
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: code), headers: fields)
        }
        let issue = state.withLock { state -> Issue in
            let issue = Issue(
                number: state.issues.count + 1, title: json["title"] as? String ?? "", body: json["body"] as? String ?? "",
                labels: json["labels"] as? [String] ?? [], state: "open"
            )
            state.issues.append(issue)
            return issue
        }
        if case .createThenFail = answer { return Response(status: .badGateway) }
        return reply(render(issue), status: .created)
    }

    private func list(_ request: Request) -> Response {
        record(request)
        let label = URLComponents(string: request.uri.description)?.queryItems?.first { $0.name == "labels" }?.value ?? ""
        let matching = issues.filter { $0.labels.contains(label) }.reversed().map(render)
        return reply(Array(matching))
    }

    private func update(_ request: Request, number: Int) async throws -> Response {
        record(request)
        let body = try await request.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
        let updated = state.withLock { state -> Issue? in
            guard let index = state.issues.firstIndex(where: { $0.number == number }) else { return nil }
            if let value = json["state"] as? String { state.issues[index].state = value }
            return state.issues[index]
        }
        guard let updated else { return Response(status: .notFound) }
        return reply(render(updated))
    }

    private func render(_ issue: Issue) -> [String: Any] {
        [
            "number": issue.number, "title": issue.title, "body": issue.body, "state": issue.state,
            "html_url": "https://github.com/acme/ops/issues/\(issue.number)", "labels": issue.labels.map { ["name": $0] },
        ]
    }

    private func reply(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Lets the router reach the fake before it exists.
    private final class Box: @unchecked Sendable {
        // Written once before the first request can arrive (the port is only known after start).
        var value: FakeGitHubAPI?
    }
}
