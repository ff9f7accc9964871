import Crypto
import Foundation
import Hummingbird
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import NIOCore
import Synchronization
import Testing

@Suite("The ticket webhook")
struct TicketWebhookTests {
    /// What the receiver got: headers and the raw body.
    final class Received: Sendable {
        let requests = Mutex<[(headers: [String: String], body: Data)]>([])
    }

    static let owner = Participant(platform: .slack, id: "UCAROL", name: "carol")
    static let declaredAt = Date(timeIntervalSince1970: 1_800_000_000)

    static func delivery(now: Date) throws -> Delivery {
        let events = [
            IncidentEvent(at: declaredAt, actor: owner, change: .declared(Declaration(severity: .p0, title: "Uploads failing", channel: ChannelRef(platform: .slack, id: "C0")))),
            IncidentEvent(at: declaredAt, actor: owner, change: .actionAdded(ActionItem(number: 1, owner: owner, text: "Alert at 80%", team: "platform", due: CalendarDay(text: "2027-01-22")))),
        ]
        let incident = try #require(Incident(id: IncidentID(3), events: events))
        let notice = Notice(kind: .ticketOpened, incident: IncidentID(3), sequence: 2, destination: .tracker)
        return Delivery(id: 1, key: notice.idempotencyKey, target: .tracker, notice: notice, incident: incident, thread: nil, now: now)
    }

    @Test("A ticket is posted as the documented JSON, signed with HMAC-SHA256 over the timestamp and body, and its url recorded")
    func aTicketIsPostedSignedAndItsURLRecorded() async throws {
        let received = Received()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            received.requests.withLock { $0.append((headers, Data(body.readableBytesView))) }
            let answer = Data(#"{"url":"https://jira.example.com/browse/OPS-7"}"#.utf8)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer)))
        }
        let server = try await LoopbackServer.start(router)
        let transport = TicketWebhookTransport(url: "http://127.0.0.1:\(server.port)/hook", secret: "s3cret")
        let now = Self.declaredAt.addingTimeInterval(60)
        let receipt = try await transport.send(try Self.delivery(now: now))
        await server.stop()
        #expect(receipt.ticket == FiledTicket(action: 1, url: "https://jira.example.com/browse/OPS-7"))
        let (headers, body) = try #require(received.requests.withLock { $0.first })
        #expect(headers["x-klaxon-timestamp"] == "1800000060")
        let expected = HMAC<SHA256>.authenticationCode(for: Data("1800000060.".utf8) + body, using: SymmetricKey(data: Data("s3cret".utf8)))
        #expect(headers["x-klaxon-signature"] == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
        #expect(headers["idempotency-key"] == "incident-3/2/ticket_opened/tracker")
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["event"] as? String == "ticket.opened")
        #expect(json["ticket"] as? String == "incident-3/action-1")
        #expect(json["title"] as? String == "[#3] Alert at 80%")
        #expect((json["incident"] as? [String: Any])?["severity"] as? String == "p0")
        let action = try #require(json["action"] as? [String: Any])
        #expect(action["text"] as? String == "Alert at 80%")
        #expect(action["team"] as? String == "platform")
        #expect(action["due"] as? String == "2027-01-22")
        #expect((action["owner"] as? [String: Any])?["id"] as? String == "UCAROL")
    }
}
