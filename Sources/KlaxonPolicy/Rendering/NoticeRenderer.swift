import Foundation
import KlaxonCore

/// A notice's text on one platform: the policy's template for it, filled with the incident's facts in the
/// platform's dialect. Every transport that renders notices holds one.
public struct NoticeRenderer: Sendable {
    public let renderer: MessageRenderer
    public let facts: MessageFacts

    public init(policy: Policy, templates: TemplateSet, dialect: any ChatDialect) throws(PolicyErrors) {
        renderer = try MessageRenderer(policy: policy, templates: templates, dialect: dialect)
        facts = MessageFacts(policy: policy, dialect: dialect)
    }

    /// The notice's text, about `incident` as it stood after the notice's event, seen at `now`.
    public func text(_ notice: Notice, incident: Incident, now: Date) -> String {
        renderer.render(notice, facts.notice(notice, incident: incident, now: now))
    }

    /// A delivery's text: the same on every attempt, so a resend can be recognised by it.
    public func text(of delivery: Delivery) -> String {
        text(delivery.notice, incident: delivery.incident, now: delivery.now)
    }

    /// Messages after which the incident's first message (the alert, which opened its thread) is edited to show the
    /// incident as it now is: with collapsed threads, what the channel shows of an incident is that message.
    public static let headerKinds: Set<MessageKind> = [.statusChanged, .severityChanged, .resolution, .commanderAssigned, .reopened, .withdrawn]

    /// The text the incident's first message is edited to after `delivery`, if its kind changes what it shows: the
    /// incident as it stands, pinging no one (an edit notifies nobody anyway).
    public func header(after delivery: Delivery) -> String? {
        guard delivery.thread != nil, Self.headerKinds.contains(delivery.notice.kind) else { return nil }
        var header = facts.incident(delivery.incident, now: delivery.now)
        header["ping"] = nil
        return renderer.render(.incidentHeader, header)
    }
}
