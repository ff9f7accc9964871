import Foundation
import KlaxonCore
import KlaxonPolicy

/// Files action items (and the ticket a P2 or P3 gets on declaration) as GitHub issues, and closes them when the
/// action item is done. Each issue carries a hidden marker, and the incident's label; before creating one, the
/// transport looks for its marker among the incident's issues, so a retry or a restart never files it twice.
public struct GitHubIssuesTransport: MessageTransport {
    public let name = TransportName.github
    public var threads: Bool { false }
    let api: GitHubIssuesAPI
    let notices: NoticeRenderer

    public init(api: GitHubIssuesAPI, policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.api = api
        notices = try NoticeRenderer(policy: policy, templates: templates, dialect: MarkdownDocumentDialect())
    }

    public func send(_ delivery: Delivery) async throws(DeliveryFailure) -> DeliveryReceipt {
        guard case .tracker = delivery.target, let subject = TicketSubject(delivery) else {
            throw .permanent("GitHub issues are only filed for action items and incidents")
        }
        let existing = try await find(subject, now: delivery.now)
        if subject.closes {
            guard let issue = existing else { throw .transient("the action item's issue is not filed yet") }
            if issue.isOpen { try await api.close(issue.number, now: delivery.now) }
            return DeliveryReceipt(messageID: issue.url)
        }
        if let issue = existing { return receipt(issue, subject) }
        let body = notices.text(of: delivery)
        let issue = try await api.create(title: subject.title, body: body + "\n\n" + subject.marker, labels: subject.labels, now: delivery.now)
        return receipt(issue, subject)
    }

    /// After a crash mid-send: the issue if it was created (or closed) before the worker died.
    public func findDelivered(_ delivery: Delivery) async -> DeliveryReceipt? {
        guard let subject = TicketSubject(delivery), let issue = try? await find(subject, now: delivery.now) else { return nil }
        if subject.closes { return issue.isOpen ? nil : DeliveryReceipt(messageID: issue.url) }
        return receipt(issue, subject)
    }

    private func find(_ subject: TicketSubject, now: Date) async throws(DeliveryFailure) -> GitHubIssuesAPI.Issue? {
        try await api.issues(labelled: subject.incidentLabel, now: now).first { $0.body.contains(subject.marker) }
    }

    private func receipt(_ issue: GitHubIssuesAPI.Issue, _ subject: TicketSubject) -> DeliveryReceipt {
        DeliveryReceipt(messageID: issue.url, ticket: FiledTicket(action: subject.action, url: issue.url))
    }
}
