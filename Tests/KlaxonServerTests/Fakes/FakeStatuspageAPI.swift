import Foundation
import HTTPTypes
import Hummingbird
import KlaxonServer
import NIOCore
import Synchronization

/// Atlassian Statuspage's incidents API for one page (`/v1/pages/{page_id}/incidents`), on loopback: keeps the
/// incidents it is asked to create, lists them newest first, updates and deletes them, records every request with
/// the pacing clock's time, and answers the next requests as scripted (rate limits, 5xx, 401).
final class FakeStatuspageAPI: Sendable {
    /// An incident's fields as a request carried them (the test's own reading of the JSON, not Klaxon's types).
    struct Fields: Decodable, Sendable, Equatable {
        var name: String?
        var status: String?
        var impact_override: String?
        var body: String?
        var components: [String: String]?
        var component_ids: [String]?
        var metadata: [String: [String: String]]?
    }

    /// One request as it arrived.
    struct Received: Sendable {
        let method: String
        let path: String
        let fields: Fields?
        /// The body as sent, for looking for text that must never leave.
        let raw: String
        let authorization: String
        /// The pacing clock's time when it arrived.
        let at: Date

        /// `PATCH sp1` or `POST`: what the sequence tests compare.
        var line: String {
            let id = path.split(separator: "/").count > 4 ? " " + path.split(separator: "/").last! : ""
            return method + id
        }
    }

    /// An incident as the fake holds it.
    struct Incident: Sendable, Equatable {
        let id: String
        var status: String
        var components: [String: String]
        var metadata: [String: [String: String]]
        /// The incident updates' texts, oldest first.
        var updates: [String]
    }

    /// How to answer the next request.
    enum Answer: Sendable {
        case accept
        /// Refuse with this status and these headers, changing nothing.
        case status(Int, headers: [String: String] = [:])
        /// Do the work, then answer 502, as when the connection is lost after Statuspage did it.
        case doThenFail
    }

    private struct State {
        var incidents: [Incident] = []
        var created = 0
        var script: [Answer] = []
        var received: [Received] = []
    }

    private let state = Mutex(State())
    private let server: LoopbackServer
    private let clock: ManualWallClock
    let page = "pg1"
    let baseURL: String

    static func start(clock: ManualWallClock) async throws -> FakeStatuspageAPI {
        let box = Box()
        let router = Router()
        let incidents = "/v1/pages/:page/incidents"
        router.get(RouterPath(incidents)) { request, _ in try await box.value!.handle(request, id: nil) }
        router.post(RouterPath(incidents)) { request, _ in try await box.value!.handle(request, id: nil) }
        router.get(RouterPath(incidents + "/:id")) { request, context in try await box.value!.handle(request, id: context.parameters.get("id")) }
        router.patch(RouterPath(incidents + "/:id")) { request, context in try await box.value!.handle(request, id: context.parameters.get("id")) }
        router.delete(RouterPath(incidents + "/:id")) { request, context in try await box.value!.handle(request, id: context.parameters.get("id")) }
        let server = try await LoopbackServer.start(router)
        let api = FakeStatuspageAPI(server: server, clock: clock)
        box.value = api
        return api
    }

    private init(server: LoopbackServer, clock: ManualWallClock) {
        self.server = server
        self.clock = clock
        baseURL = "http://127.0.0.1:\(server.port)/v1"
    }

    func script(_ answers: [Answer]) { state.withLock { $0.script = answers } }
    var received: [Received] { state.withLock { $0.received } }
    /// The requests that change something (not the look-ups).
    var changes: [Received] { received.filter { $0.method != "GET" } }
    var incidents: [Incident] { state.withLock { $0.incidents } }

    func stop() async { await server.stop() }

    private func handle(_ request: Request, id: String?) async throws -> Response {
        let data = Data((try await request.body.collect(upTo: 1 << 20)).readableBytesView)
        let fields = try? JSONDecoder().decode([String: Fields].self, from: data)["incident"]
        let answer = state.withLock { state -> Answer in
            state.received.append(Received(
                method: request.method.rawValue, path: request.uri.path, fields: fields, raw: String(decoding: data, as: UTF8.self),
                authorization: request.headers[.authorization] ?? "", at: clock.now
            ))
            return state.script.isEmpty ? .accept : state.script.removeFirst()
        }
        if case .status(let code, let headers) = answer {
            var fields = HTTPFields()
            for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
            return Response(status: .init(code: code), headers: fields)
        }
        guard let result = apply(request.method, id: id, fields: fields) else { return Response(status: .notFound) }
        if case .doThenFail = answer { return Response(status: .badGateway) }
        return reply(result)
    }

    private func apply(_ method: HTTPRequest.Method, id: String?, fields: Fields?) -> Any? {
        state.withLock { state -> Any? in
            let index = id.flatMap { id in state.incidents.firstIndex { $0.id == id } }
            switch method {
            case .get:
                guard let id else { return state.incidents.reversed().map(Self.render) }
                return index.map { Self.render(state.incidents[$0]) }
            case .post:
                state.created += 1
                var incident = Incident(id: "sp\(state.created)", status: "", components: [:], metadata: fields?.metadata ?? [:], updates: [])
                Self.update(&incident, with: fields)
                state.incidents.append(incident)
                return Self.render(incident)
            case .patch:
                guard let index else { return nil }
                Self.update(&state.incidents[index], with: fields)
                return Self.render(state.incidents[index])
            case .delete:
                guard let index else { return nil }
                return Self.render(state.incidents.remove(at: index))
            default:
                return nil
            }
        }
    }

    private static func update(_ incident: inout Incident, with fields: Fields?) {
        if let status = fields?.status { incident.status = status }
        incident.components.merge(fields?.components ?? [:]) { _, new in new }
        if let body = fields?.body { incident.updates.append(body) }
    }

    private static func render(_ incident: Incident) -> [String: Any] {
        ["id": incident.id, "status": incident.status, "metadata": incident.metadata, "impact": "none",
         "incident_updates": incident.updates.reversed().map { ["body": $0] }]
    }

    private func reply(_ object: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Lets the router reach the fake before it exists.
    private final class Box: @unchecked Sendable {
        // Written once before the first request can arrive (the port is only known after start).
        var value: FakeStatuspageAPI?
    }
}
