import Foundation
import KlaxonCore
import KlaxonPolicy

/// Delivers notices by email to the people of a role: one message, plain text and HTML from the same template.
public struct EmailTransport: MessageTransport {
    public let name = "email"
    let client: SMTPClient
    let people: PeopleDirectory
    let text: MessageRenderer
    let html: MessageRenderer
    let textFacts: MessageFacts
    let htmlFacts: MessageFacts

    public init(client: SMTPClient, people: PeopleDirectory, policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.client = client
        self.people = people
        text = try MessageRenderer(policy: policy, templates: templates, dialect: PlainTextDialect())
        html = try MessageRenderer(policy: policy, templates: templates, dialect: HTMLDialect())
        textFacts = MessageFacts(policy: policy, dialect: PlainTextDialect())
        htmlFacts = MessageFacts(policy: policy, dialect: HTMLDialect())
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        guard case .email(let role) = delivery.target else { throw .permanent("email only goes to roles") }
        let recipients = people.roles[role]?.email ?? []
        guard !recipients.isEmpty else { throw .permanent("no email address configured for \(role)") }
        let message = email(for: delivery, to: recipients)
        try await client.send(message)
        return DeliveryReceipt(messageID: message.messageID)
    }

    /// The email for a delivery: the subject is the message's first line without chat markup.
    func email(for delivery: Delivery, to recipients: [String]) -> EmailMessage {
        let notice = delivery.notice
        let plain = text.render(notice, textFacts.notice(notice, incident: delivery.incident, now: delivery.now))
        let marked = html.render(notice, htmlFacts.notice(notice, incident: delivery.incident, now: delivery.now))
        let firstLine = plain.split(separator: "\n").first.map(String.init) ?? "Incident \(delivery.incident.id)"
        let subject = "[Klaxon \(delivery.incident.severity.label)] " + firstLine.replacingOccurrences(of: "*", with: "")
        let body = marked.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>\n")
        let domain = client.settings.from.split(separator: "@").last.map(String.init) ?? "klaxon"
        let id = delivery.key.map { $0.isLetter || $0.isNumber ? $0 : "." }
        return EmailMessage(
            from: client.settings.from, to: recipients, subject: subject, text: plain,
            html: "<!doctype html><html><body style=\"font-family: sans-serif\">\n\(body)\n</body></html>",
            messageID: "\(String(id))@\(domain)", date: delivery.now
        )
    }
}
