import Foundation
import KlaxonCore
import KlaxonPolicy

/// Delivers notices by email to the people of a role: one message, plain text and HTML from the same template.
public struct EmailTransport: MessageTransport {
    public let name = TransportName.email
    public var threads: Bool { false }
    let client: SMTPClient
    let people: PeopleDirectory
    let html: MessageRenderer
    let htmlFacts: MessageFacts
    let deferrals = EmailDeferrals()

    public init(client: SMTPClient, people: PeopleDirectory, policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.client = client
        self.people = people
        html = try MessageRenderer(policy: policy, templates: templates, dialect: HTMLDialect())
        htmlFacts = MessageFacts(policy: policy, dialect: HTMLDialect())
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        guard case .email(let role) = delivery.target else { throw .permanent("email only goes to roles") }
        guard !(people.roles[role]?.email ?? []).isEmpty else { throw .permanent("no email address configured for \(role)") }
        let recipients = recipients(of: role, for: delivery.notice)
        // Everyone in the role has it already, as someone of a role before it in the same message.
        guard !recipients.isEmpty else { return DeliveryReceipt(messageID: nil) }
        let message = email(for: delivery, to: recipients)
        // A recipient deferred (4xx) holds up the others only so long: greylisting takes a retry after a few
        // minutes, but a full mailbox would keep the team's email from everyone on the list for as long as it lasts.
        let deferredSince = deferrals.since(delivery.key)
        let left: [SMTPClient.Refusal]
        do {
            left = try await client.send(message, leavingOutDeferred: deferredSince.map { delivery.now.timeIntervalSince($0) >= Self.deferralGrace } ?? false) {
                deferrals.note(delivery.key, at: delivery.now)
            }
        } catch {
            if case .permanent = error { deferrals.forget(delivery.key) }
            throw error
        }
        deferrals.forget(delivery.key)
        guard !left.isEmpty else { return DeliveryReceipt(messageID: message.messageID) }
        // Sent to the others: sending again would repeat it to them. The team hears who it did not reach.
        let what = delivery.notice.kind == .customerEmail ? "the customer email" : "the email to \(role)"
        let refused = left.filter(\.isPermanent).map { Self.masked($0.address) }
        let deferred = left.filter { !$0.isPermanent }.map { Self.masked($0.address) }
        let parts = (refused.isEmpty ? [] : ["refused \(refused.count) of \(recipients.count) recipients of \(what) for good: \(refused.joined(separator: ", "))"])
            + (deferred.isEmpty ? [] : [
                "kept deferring \(deferred.count) of \(recipients.count) recipients of \(what) for over \(Int(Self.deferralGrace / 60)) minutes, "
                    + "so the others got it without them: \(deferred.joined(separator: ", "))",
            ])
        return DeliveryReceipt(messageID: message.messageID, warning: "the mail server " + parts.joined(separator: "; it "), teamHearsWarning: true)
    }

    /// The role's addresses, but those the same message reaches under a role named before it: an escalation or a
    /// stand-down emails each role its notice names, and a person in two of them (the CTO who is also the engineering
    /// lead) gets it once.
    func recipients(of role: String, for notice: Notice) -> [String] {
        let roles = notice.audience.compactMap { if case .role(let role) = $0 { role } else { nil } }
        let before = Set(roles.prefix { $0 != role }.flatMap { people.roles[$0]?.email ?? [] })
        var seen: Set<String> = []
        return (people.roles[role]?.email ?? []).filter { !before.contains($0) && seen.insert($0).inserted }
    }

    /// How long a message waits for a recipient the server defers, from the first deferral, before the others get it
    /// without them.
    static let deferralGrace: TimeInterval = 300

    /// The email for a delivery: the subject is the message's first line without chat markup.
    func email(for delivery: Delivery, to recipients: [String]) -> EmailMessage {
        let notice = delivery.notice
        let incident = notice.kind == .customerEmail ? Self.customerView(delivery) : delivery.incident
        let marked = html.render(notice, htmlFacts.notice(notice, incident: incident, now: delivery.now))
        let plain = EmailMarkup.text(fromHTML: marked)
        // Customers get the template's own subject: severities and the bot's name are the team's words. The team's
        // carries the severity for mail filters, once: not again where the message's line says it (`(P0)`).
        let line = plain.split(separator: "\n").first.map(String.init) ?? "Incident \(delivery.incident.id)"
        let severity = delivery.incident.severity.label
        let says = line.contains("(\(severity))") || line.contains("[\(severity) ")
        let prefix = notice.kind == .customerEmail ? "" : says ? "[Klaxon] " : "[Klaxon \(severity)] "
        let subject = prefix + line
        // The subject line is not repeated in a customer's body.
        let shown = notice.kind == .customerEmail ? Self.droppingFirstLine(marked) : marked
        let text = notice.kind == .customerEmail ? Self.droppingFirstLine(plain) : plain
        let body = EmailMarkup.html(shown).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>\n")
        let domain = client.settings.address.split(separator: "@").last.map(String.init) ?? "klaxon"
        // The outbox key says which message this is, stable across a resend; the declaration's moment (to the
        // millisecond) tells one store's incident #2 from another's (staging and production, a store started anew),
        // which mail systems would otherwise take for one message and drop.
        let declared = Int64((delivery.incident.declaredAt.timeIntervalSince1970 * 1000).rounded())
        let id = delivery.key.map { $0.isLetter || $0.isNumber ? $0 : "." } + ".\(declared)"
        // Customers listed one by one must not see each other's addresses; a single (list) address is named.
        let blind = notice.kind == .customerEmail && recipients.count > 1
        return EmailMessage(
            from: client.settings.from, to: blind ? [] : recipients, bcc: blind ? recipients : [], subject: subject, text: text,
            html: "<!doctype html><html><body style=\"font-family: sans-serif\">\n\(body)\n</body></html>",
            messageID: "\(String(id))@\(domain)", thread: "incident.\(delivery.incident.id.rawValue).\(declared)@\(domain)", date: delivery.now
        )
    }

    /// The incident a customer email speaks of: as it stands at the send, as the status page shows it then (one sent
    /// late, after the mail server came back, says "resolved" if it is), unless customers are told again after it
    /// (`notify customers --again`, a withdrawal): then as of its own event, and the later email tells what changed.
    static func customerView(_ delivery: Delivery) -> Incident {
        guard let latest = delivery.latest, latest.version > delivery.notice.sequence else { return delivery.incident }
        let toldAgain = latest.latestEvents(latest.version - delivery.notice.sequence).contains { event in
            switch event.change {
            case .customersNotified, .withdrawn: true
            default: false
            }
        }
        return toldAgain ? delivery.incident : latest
    }

    /// An address as the team's channel shows it: enough to find it in the people file (`r…r@example.org`), not a
    /// customer's whole address in chat and in the report.
    static func masked(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return "…" }
        let local = address[..<at]
        guard let first = local.first, let last = local.last, local.count > 2 else { return "…" + address[at...] }
        return "\(first)…\(last)" + address[at...]
    }

    private static func droppingFirstLine(_ text: String) -> String {
        guard let end = text.firstIndex(of: "\n") else { return text }
        return String(text[text.index(after: end)...].drop { $0 == "\n" })
    }
}
