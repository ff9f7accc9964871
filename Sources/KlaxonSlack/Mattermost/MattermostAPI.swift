import AsyncHTTPClient
import Foundation
import KlaxonPolicy
import NIOCore
import NIOHTTP1

/// The Mattermost REST API (v4) calls delivery uses, authorised with a bot's access token, with Mattermost's answers
/// mapped onto delivery outcomes.
public struct MattermostAPI: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// e.g. `https://chat.example.com/api/v4`; tests point it at a fake.
    public let baseURL: String
    private let token: String
    private let client: HTTPClient
    private let timeout: TimeAmount

    /// Its URL only: a value printed into a log must not carry the token.
    public var description: String { "MattermostAPI(\(baseURL))" }
    public var debugDescription: String { description }

    public init(baseURL: String, token: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.client = client
        self.timeout = timeout
    }

    /// POSTs JSON (an object or an array) to a path; returns the JSON answer on success.
    public func post(_ path: String, _ body: any Sendable) async throws(DeliveryFailure) -> Any? {
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
            throw .permanent("cannot encode the request to \(path)")
        }
        return try await send(.POST, path, json)
    }

    /// PUTs JSON to a path (a post's patch); returns the JSON answer on success.
    public func put(_ path: String, _ body: [String: any Sendable]) async throws(DeliveryFailure) -> Any? {
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
            throw .permanent("cannot encode the request to \(path)")
        }
        return try await send(.PUT, path, json)
    }

    /// GETs a path (query included); returns the JSON answer.
    public func get(_ path: String) async throws(DeliveryFailure) -> Any? {
        try await send(.GET, path, nil)
    }

    private func send(_ method: HTTPMethod, _ path: String, _ json: Data?) async throws(DeliveryFailure) -> Any? {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response: HTTPClientResponse
        let data: Data
        do {
            response = try await client.execute(request, timeout: timeout)
            data = Data(try await response.body.collect(upTo: 4 << 20).readableBytesView)
        } catch {
            throw .transient("\(path): \(error)")
        }
        let answer = try? JSONSerialization.jsonObject(with: data)
        switch response.status.code {
        case 200..<300:
            return answer
        case 429:
            throw .rateLimited(retryAfter: Self.retryAfter(response.headers))
        case 500...:
            throw .transient("\(path): HTTP \(response.status.code)")
        default:
            // Mattermost's errors carry a sentence in `message` ("Invalid or expired session", "Unable to find the channel").
            let message = (answer as? [String: Any])?["message"] as? String ?? "HTTP \(response.status.code)"
            throw .permanent("\(path): \(message) (\(response.status.code))")
        }
    }

    /// How long a rate limit asks to wait: `Retry-After`, else `X-Ratelimit-Reset` (seconds until the window resets).
    static func retryAfter(_ headers: HTTPHeaders) -> TimeInterval {
        let seconds = headers.first(name: "Retry-After").flatMap(TimeInterval.init)
            ?? headers.first(name: "X-Ratelimit-Reset").flatMap(TimeInterval.init)
        return max(seconds ?? 1, 1)
    }
}
