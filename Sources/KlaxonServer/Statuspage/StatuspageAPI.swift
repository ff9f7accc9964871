import AsyncHTTPClient
import Foundation
import KlaxonPolicy
import NIOCore
import NIOHTTP1

/// The Statuspage REST calls the sync makes (`/pages/{page_id}/incidents`), each after its turn from the pacer, with
/// Statuspage's answers mapped onto delivery outcomes. The key goes in the `Authorization` header only: never in a
/// log line or an error.
public struct StatuspageAPI: Sendable {
    /// `https://api.statuspage.io/v1`, or a test's fake.
    public let baseURL: String
    public let pageID: String
    private let key: String
    private let pacer: RequestPacer
    private let client: HTTPClient
    private let timeout: TimeAmount

    public init(baseURL: String, pageID: String, key: String, pacer: RequestPacer, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.pageID = pageID
        self.key = key
        self.pacer = pacer
        self.client = client
        self.timeout = timeout
    }

    /// The page's latest 100 incidents, open and resolved, newest first: where a copy is looked for before creating one.
    func recentIncidents() async throws(DeliveryFailure) -> [StatuspageIncident] {
        try Self.decode([StatuspageIncident].self, from: try await send(.GET, "incidents?limit=100", body: nil), what: "list incidents")
    }

    /// One incident, with its updates: what a retry reads to know whether its text was posted already.
    func incident(_ id: String) async throws(DeliveryFailure) -> StatuspageIncident {
        try Self.decode(StatuspageIncident.self, from: try await send(.GET, "incidents/" + (try Self.checked(id)), body: nil), what: "read an incident")
    }

    func create(_ fields: StatuspageFields) async throws(DeliveryFailure) -> StatuspageIncident {
        try Self.decode(StatuspageIncident.self, from: try await send(.POST, "incidents", body: fields), what: "create an incident")
    }

    func update(_ id: String, _ fields: StatuspageFields) async throws(DeliveryFailure) -> StatuspageIncident {
        try Self.decode(StatuspageIncident.self, from: try await send(.PATCH, "incidents/" + (try Self.checked(id)), body: fields), what: "update an incident")
    }

    /// Deletes an incident; one that is gone already (404) is fine.
    func delete(_ id: String) async throws(DeliveryFailure) {
        let answer = try await exchange(.DELETE, "incidents/" + (try Self.checked(id)), body: nil)
        guard answer.status != 404 else { return }
        try await check(answer)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: StatuspageFields?) async throws(DeliveryFailure) -> Data {
        let answer = try await exchange(method, path, body: body)
        try await check(answer)
        return answer.data
    }

    /// Maps the answer onto a delivery outcome; a rate limit holds the pacer for every lane on the key.
    private func check(_ answer: (status: UInt, headers: HTTPHeaders, data: Data, what: String)) async throws(DeliveryFailure) {
        do {
            try Self.check(answer.status, headers: answer.headers, what: answer.what)
        } catch {
            if case .rateLimited(let retryAfter) = error { await pacer.hold(for: retryAfter) }
            throw error
        }
    }

    /// One request after its turn, and the answer as it came.
    private func exchange(
        _ method: HTTPMethod, _ path: String, body: StatuspageFields?
    ) async throws(DeliveryFailure) -> (status: UInt, headers: HTTPHeaders, data: Data, what: String) {
        let what = "\(method) /pages/\(pageID)/\(path.split(separator: "?")[0])"
        var request = HTTPClientRequest(url: "\(baseURL)/pages/\(pageID)/\(path)")
        request.method = method
        request.headers.add(name: "Authorization", value: "OAuth \(key)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "klaxon")
        if let body {
            guard let json = try? JSONEncoder().encode(body) else { throw .permanent("Statuspage: cannot encode the incident") }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        do {
            try await pacer.turn()
        } catch {
            throw .notSent("\(what): cancelled while waiting for its turn")
        }
        let (response, data) = try await client.exchange(request, timeout: timeout, what: "Statuspage: \(what)")
        return (response.status.code, response.headers, data, what)
    }

    /// 420 and 429 (Statuspage's rate limits) wait for `Retry-After`; 5xx is worth retrying; 401 (a bad key), 404
    /// (no such page or incident) and the other 4xx are not, and are announced in the incident's channel.
    static func check(_ status: UInt, headers: HTTPHeaders, what: String) throws(DeliveryFailure) {
        switch status {
        case 200..<300:
            return
        case 420, 429:
            throw .rateLimited(retryAfter: headers.first(name: "retry-after").flatMap(TimeInterval.init).map { max(1, $0) } ?? 1)
        case 500...:
            throw .transient("Statuspage: \(what): HTTP \(status)")
        case 401:
            throw .permanent("Statuspage refused the API key (HTTP 401): check KLAXON_STATUSPAGE_API_KEY")
        case 404:
            throw .permanent("Statuspage: \(what): not found (HTTP 404): check KLAXON_STATUSPAGE_PAGE_ID, or the incident was deleted there")
        default:
            throw .permanent("Statuspage: \(what): HTTP \(status)")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from data: Data, what: String) throws(DeliveryFailure) -> T {
        guard let value = try? JSONDecoder().decode(type, from: data) else { throw .transient("Statuspage: \(what): unreadable answer") }
        return value
    }

    /// Statuspage's ids are letters and digits; anything else is not put in a path.
    private static func checked(_ id: String) throws(DeliveryFailure) -> String {
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw .permanent("Statuspage: '\(id)' is not an incident id")
        }
        return id
    }
}
