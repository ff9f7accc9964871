import AsyncHTTPClient
import Crypto
import Foundation
import KlaxonCore
import KlaxonPolicy
import NIOCore

/// Posts tickets to an operator's webhook (for Jira, Linear or anything else), signed so the receiver can trust
/// them: `X-Klaxon-Signature: sha256=<hex HMAC-SHA256 of "<X-Klaxon-Timestamp>.<body>">`. The body's `key` (also
/// `Idempotency-Key`) is the same on every retry; an answer with a `url` is recorded as the ticket's address.
public struct TicketWebhookTransport: MessageTransport {
    public let name = TransportName.webhook
    public var threads: Bool { false }
    let url: String
    let secret: String
    let client: HTTPClient

    public init(url: String, secret: String, client: HTTPClient = .shared) {
        self.url = url
        self.secret = secret
        self.client = client
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        guard case .tracker = delivery.target, let subject = TicketSubject(delivery) else { throw .permanent("the webhook only takes tickets") }
        guard let body = try? JSONSerialization.data(withJSONObject: Self.payload(subject, delivery: delivery), options: [.sortedKeys]) else {
            throw .permanent("cannot encode the ticket")
        }
        let timestamp = String(Int(delivery.now.timeIntervalSince1970))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: delivery.key)
        request.headers.add(name: "X-Klaxon-Timestamp", value: timestamp)
        request.headers.add(name: "X-Klaxon-Signature", value: "sha256=" + Self.signature(body, timestamp: timestamp, secret: secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .seconds(10))
            answer = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw .transient("ticket webhook: \(error)")
        }
        let status = response.status.code
        if status == 429 { throw .rateLimited(retryAfter: response.headers.first(name: "Retry-After").flatMap(TimeInterval.init) ?? 1) }
        if status >= 500 { throw .transient("ticket webhook: HTTP \(status)") }
        if status >= 300 { throw .permanent("ticket webhook: HTTP \(status)") }
        let ticketURL = (try? JSONSerialization.jsonObject(with: Data(answer.readableBytesView)) as? [String: Any])?["url"] as? String
        guard !subject.closes, let ticketURL else { return DeliveryReceipt(messageID: ticketURL) }
        return DeliveryReceipt(messageID: ticketURL, ticket: FiledTicket(action: subject.action, url: ticketURL))
    }

    /// Hex HMAC-SHA256 of `timestamp.body`.
    static func signature(_ body: Data, timestamp: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((timestamp + ".").utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The documented JSON shape (README, "Tickets").
    static func payload(_ subject: TicketSubject, delivery: Delivery) -> [String: Any] {
        let incident = delivery.incident
        var payload: [String: Any] = [
            "event": subject.closes ? "ticket.closed" : "ticket.opened",
            "key": delivery.key,
            "ticket": subject.marker.dropFirst("<!-- klaxon-ticket: ".count).dropLast(" -->".count).description,
            "title": subject.title,
            "labels": subject.labels,
            "incident": [
                "id": incident.id.rawValue, "title": incident.title, "severity": incident.severity.rawValue,
                "kind": incident.kind.rawValue, "declared_at": ISO8601DateFormatter().string(from: incident.declaredAt),
            ] as [String: Any],
        ]
        if let number = subject.action, let action = incident.review.action(number) {
            var item: [String: Any] = [
                "number": number, "text": action.item.text,
                "owner": ["platform": action.item.owner.platform.rawValue, "id": action.item.owner.id, "name": action.item.owner.name ?? ""],
            ]
            if let team = action.item.team { item["team"] = team }
            if let due = action.item.due { item["due"] = due.description }
            payload["action"] = item
        }
        return payload
    }
}
