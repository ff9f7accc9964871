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
}
