import AsyncHTTPClient
import Foundation
import KlaxonPolicy
import NIOCore
import NIOHTTP1

/// The few GitHub REST calls the ticket transport makes, with GitHub's answers mapped onto delivery outcomes.
public struct GitHubIssuesAPI: Sendable {
    /// `https://api.github.com`, a GitHub Enterprise `https://host/api/v3`, or a test's fake.
    public let baseURL: String
    /// `owner/name`.
    public let repository: String
    private let token: String
    private let client: HTTPClient
    private let timeout: TimeAmount

    public init(baseURL: String, repository: String, token: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.repository = repository
        self.token = token
        self.client = client
        self.timeout = timeout
    }

    /// One issue as Klaxon reads it back.
    public struct Issue: Sendable, Equatable {
        public let number: Int
        public let url: String
        public let body: String
        public let isOpen: Bool
    }

    /// Creates an issue; returns it.
    public func create(title: String, body: String, labels: [String], now: Date) async throws(DeliveryFailure) -> Issue {
        let object = try await call(.POST, "/repos/\(repository)/issues", ["title": title, "body": body, "labels": labels], now: now)
        guard let issue = Self.issue(object) else { throw .transient("create issue: unreadable answer") }
        return issue
    }

    /// Closes an issue.
    public func close(_ number: Int, now: Date) async throws(DeliveryFailure) {
        _ = try await call(.PATCH, "/repos/\(repository)/issues/\(number)", ["state": "closed", "state_reason": "completed"], now: now)
    }

    /// The issues (open and closed, newest first) that carry a label: where a ticket is looked for before creating it again.
    public func issues(labelled label: String, now: Date) async throws(DeliveryFailure) -> [Issue] {
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "labels", value: label), URLQueryItem(name: "state", value: "all"), URLQueryItem(name: "per_page", value: "100")]
        let answer = try await send(.GET, "/repos/\(repository)/issues?" + (query.percentEncodedQuery ?? ""), body: nil, now: now)
        guard let list = answer as? [[String: Any]] else { throw .transient("list issues: unreadable answer") }
        return list.compactMap(Self.issue)
    }

    private func call(_ method: HTTPMethod, _ path: String, _ body: [String: any Sendable], now: Date) async throws(DeliveryFailure) -> [String: Any] {
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else { throw .permanent("cannot encode the request") }
        guard let object = try await send(method, path, body: json, now: now) as? [String: Any] else { throw .transient("\(path): unreadable answer") }
        return object
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?, now: Date) async throws(DeliveryFailure) -> Any {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/vnd.github+json")
        request.headers.add(name: "X-GitHub-Api-Version", value: "2022-11-28")
        request.headers.add(name: "User-Agent", value: "klaxon")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let (response, data) = try await client.exchange(request, timeout: timeout, what: "\(method) \(path)")
        try Self.check(response.status.code, headers: response.headers, what: "\(method) \(path)", now: now)
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw .transient("\(method) \(path): HTTP \(response.status.code), unreadable answer")
        }
        return object
    }

    /// GitHub's rate limits: 429, or 403 with no requests left, wait until `x-ratelimit-reset` (or `retry-after`);
    /// 5xx is worth retrying; any other 4xx (bad token, no such repository, 422 a refused issue) is not.
    static func check(_ status: UInt, headers: HTTPHeaders, what: String, now: Date) throws(DeliveryFailure) {
        guard status >= 400 else { return }
        let retryAfter = headers.first(name: "retry-after").flatMap(TimeInterval.init)
        let reset = headers.first(name: "x-ratelimit-reset").flatMap(TimeInterval.init).map { max(1, $0 - now.timeIntervalSince1970) }
        let exhausted = headers.first(name: "x-ratelimit-remaining") == "0"
        if status == 429 || (status == 403 && (exhausted || retryAfter != nil)) {
            throw .rateLimited(retryAfter: retryAfter ?? reset ?? 60)
        }
        if status >= 500 { throw .transient("\(what): HTTP \(status)") }
        throw .permanent("\(what): HTTP \(status)")
    }

    static func issue(_ object: Any) -> Issue? {
        guard let object = object as? [String: Any], let number = object["number"] as? Int, let url = object["html_url"] as? String else { return nil }
        return Issue(number: number, url: url, body: object["body"] as? String ?? "", isOpen: object["state"] as? String != "closed")
    }
}
