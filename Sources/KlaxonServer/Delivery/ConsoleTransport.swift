import Foundation
import KlaxonCore
import KlaxonPolicy

/// Local mode's transport: prints each message as it would be sent, so a new user sees the whole conversation.
public struct ConsoleTransport: MessageTransport {
    public let name = "console"
    private let renderer: MessageRenderer
    private let facts: MessageFacts
    private let write: @Sendable (String) -> Void

    public init(bundle: PolicyBundle, write: @escaping @Sendable (String) -> Void) throws(PolicyErrors) {
        renderer = try MessageRenderer(policy: bundle.policy, templates: bundle.templates, dialect: PlainTextDialect())
        facts = MessageFacts(policy: bundle.policy, dialect: PlainTextDialect())
        self.write = write
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        let text = renderer.render(delivery.notice, facts.notice(delivery.notice, incident: delivery.incident, now: delivery.now))
        let place = switch delivery.target {
        case .channel:
            "#\(delivery.incident.channel.name ?? delivery.incident.channel.id) · \(delivery.notice.proposal.map { "alert \($0)" } ?? delivery.incident.id.description)"
        case .direct(let role): "direct message to \(role)"
        case .email(let role): "email to \(role) (no SMTP configured)"
        case .tracker: "ticket tracker"
        case .statuspage: "Statuspage"
        }
        write("── \(place) ──\n\(text)\n")
        return DeliveryReceipt(messageID: nil)
    }
}
