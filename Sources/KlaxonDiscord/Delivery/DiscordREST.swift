import AsyncHTTPClient
import Foundation
import KlaxonPolicy
import NIOCore
import NIOHTTP1

/// The Discord REST calls delivery uses, with Discord's answers mapped onto delivery outcomes.
public struct DiscordREST: Sendable {
    /// e.g. `https://discord.com/api/v10`; tests point it at a fake.
    public let baseURL: String
    private let token: String
    private let client: HTTPClient

    public init(baseURL: String, token: String, client: HTTPClient = .shared) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.client = client
    }

    /// POSTs JSON to a path; returns the JSON answer on success.
    public func post(_ path: String, _ body: [String: any Sendable]) async throws(DeliveryFailure) -> [String: Any] {
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
            throw .permanent("cannot encode the request to \(path)")
        }
        return try await send(.POST, path, json, authorized: true, label: path) as? [String: Any] ?? [:]
    }

    /// PATCHes JSON to a path (an edit); returns the JSON answer on success.
    public func patch(_ path: String, _ body: [String: any Sendable]) async throws(DeliveryFailure) -> [String: Any] {
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
            throw .permanent("cannot encode the request to \(path)")
        }
        return try await send(.PATCH, path, json, authorized: true, label: path) as? [String: Any] ?? [:]
    }

    /// GETs a path (query included); returns the JSON answer, an object or an array.
    public func get(_ path: String) async throws(DeliveryFailure) -> Any? {
        try await send(.GET, path, nil, authorized: true, label: path)
    }

    /// Edits an interaction's deferred answer through its webhook (the interaction token is the credential).
    public func editOriginal(application: String, token: String, message json: Data) async throws(DeliveryFailure) {
        // The token is a credential: errors name the call, not the path.
        _ = try await send(.PATCH, "/webhooks/\(application)/\(token)/messages/@original", json, authorized: false, label: "interaction follow-up")
    }

    /// Posts a further message to an interaction through its webhook: public or private by its own `flags`, unlike
    /// the deferred answer, which keeps the visibility it was deferred with.
    public func createFollowUp(application: String, token: String, message json: Data) async throws(DeliveryFailure) {
        _ = try await send(.POST, "/webhooks/\(application)/\(token)", json, authorized: false, label: "interaction follow-up")
    }

    private func send(_ method: HTTPMethod, _ path: String, _ json: Data?, authorized: Bool, label: String) async throws(DeliveryFailure) -> Any? {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if authorized { request.headers.add(name: "Authorization", value: "Bot \(token)") }
        request.headers.add(name: "User-Agent", value: "DiscordBot (https://github.com/klaxon, 1.0) Klaxon")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response: HTTPClientResponse
        let data: Data
        do {
            response = try await client.execute(request, timeout: .seconds(10))
            data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        } catch {
            throw .transient("\(label): \(error)")
        }
        let answer = try? JSONSerialization.jsonObject(with: data)
        let object = answer as? [String: Any] ?? [:]
        switch response.status.code {
        case 200..<300:
            return answer
        case 429:
            // Discord says how long in the JSON body (seconds, fractional); the header is a fallback.
            let seconds = object["retry_after"] as? Double ?? response.headers.first(name: "Retry-After").flatMap(Double.init) ?? 1
            throw .rateLimited(retryAfter: seconds)
        case 500...:
            throw .transient("\(label): HTTP \(response.status.code)")
        default:
            let message = object["message"] as? String ?? "HTTP \(response.status.code)"
            throw .permanent("\(label): \(message) (\(response.status.code))")
        }
    }
}
