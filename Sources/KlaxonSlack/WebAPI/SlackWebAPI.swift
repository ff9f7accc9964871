import AsyncHTTPClient
import Foundation
import KlaxonPolicy
import NIOCore
import NIOHTTP1

/// A small client for the Slack Web API methods Klaxon uses, mapping Slack's answers onto delivery outcomes.
public struct SlackWebAPI: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// e.g. `https://slack.com/api`; tests point it at a fake.
    public let baseURL: String
    private let token: String
    private let client: HTTPClient
    private let timeout: TimeAmount

    /// Its URL only: a value printed into a log (by a library, or `\(api)`) must not carry the token.
    public var description: String { "SlackWebAPI(\(baseURL))" }
    public var debugDescription: String { description }

    public init(baseURL: String, token: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.client = client
        self.timeout = timeout
    }

    /// Errors retrying won't fix: stop and tell people through another way.
    static let permanentErrors: Set<String> = [
        "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission",
        "channel_not_found", "not_in_channel", "is_archived", "missing_scope", "invalid_blocks", "msg_too_long",
        "cant_update_message", "restricted_action", "user_not_found", "ekm_access_denied",
    ]

    /// Calls a method with a JSON body; returns Slack's JSON answer when `ok` is true.
    public func call(_ method: String, _ body: [String: any Sendable]) async throws(DeliveryFailure) -> [String: Any] {
        var request = HTTPClientRequest(url: "\(baseURL)/\(method)")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
            throw .permanent("cannot encode the \(method) request")
        }
        request.body = .bytes(ByteBuffer(bytes: json))
        return try await send(request, method: method)
    }

    /// Calls a read method with query parameters.
    public func get(_ method: String, _ query: [String: String]) async throws(DeliveryFailure) -> [String: Any] {
        var components = URLComponents(string: "\(baseURL)/\(method)")
        components?.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        var request = HTTPClientRequest(url: components?.url?.absoluteString ?? "\(baseURL)/\(method)")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return try await send(request, method: method)
    }

    private func send(_ request: HTTPClientRequest, method: String) async throws(DeliveryFailure) -> [String: Any] {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 4 << 20)
        } catch {
            throw .transient("\(method): \(error)")
        }
        let retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
        if response.status == .tooManyRequests { throw .rateLimited(retryAfter: retryAfter ?? 1) }
        if response.status.code >= 500 { throw .transient("\(method): HTTP \(response.status.code)") }
        // Any other 4xx (a wrong API URL, a proxy refusing us) will not change by retrying.
        if response.status.code >= 400 { throw .permanent("\(method): HTTP \(response.status.code)") }
        guard response.status == .ok,
              let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw .transient("\(method): HTTP \(response.status.code), unreadable answer")
        }
        guard object["ok"] as? Bool == true else {
            let error = object["error"] as? String ?? "unknown_error"
            if error == "ratelimited" { throw .rateLimited(retryAfter: retryAfter ?? 1) }
            if Self.permanentErrors.contains(error) { throw .permanent("\(method): \(error)") }
            throw .transient("\(method): \(error)")
        }
        return object
    }
}
