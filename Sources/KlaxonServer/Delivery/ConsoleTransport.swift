import Foundation
import KlaxonCore
import KlaxonPolicy

/// Local mode's transport: prints each message as it would be sent, so a new user sees the whole conversation.
public struct ConsoleTransport: MessageTransport {
    public let name = TransportName.console
    public var threads: Bool { false }
    private let notices: NoticeRenderer
    private let write: @Sendable (_ place: String, _ text: () -> String) -> Void

    /// `write` gets where each message was going and renders its text only if it prints it: outside local mode the
    /// console only logs the place.
    public init(bundle: PolicyBundle, write: @escaping @Sendable (_ place: String, _ text: () -> String) -> Void) throws(PolicyErrors) {
        notices = try NoticeRenderer(policy: bundle.policy, templates: bundle.templates, dialect: PlainTextDialect())
        self.write = write
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        let place = switch delivery.target {
        case .channel:
            "#\(delivery.incident.channel.name ?? delivery.incident.channel.id) · \(delivery.notice.proposal.map { "alert \($0)" } ?? delivery.incident.id.description)"
        case .direct(let role): "direct message to \(role)"
        case .email(let role): "email to \(role) (no SMTP configured)"
        case .tracker: "ticket tracker"
        case .statuspage: "Statuspage"
        }
        write(place) { "── \(place) ──\n\(notices.text(of: delivery))\n" }
        return DeliveryReceipt(messageID: nil)
    }
}
