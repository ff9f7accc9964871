import Foundation
import KlaxonCore
import KlaxonEmail
import KlaxonPolicy
import KlaxonServer
import Testing

/// Emails to the roles of one escalation, through libcurl to a real SMTP server (aiosmtpd) on loopback.
@Suite("Escalation emails over SMTP")
struct EscalationEmailSMTPTests {
    static let roles = ["cto", "engineering-lead", "ceo"]

    /// The CTO is also the engineering lead: the people file gives both roles one address.
    private func transport(port: Int) throws -> (EmailTransport, Policy) {
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        let people = "cto:\n  email: [pat@example.com]\nengineering-lead:\n  email: [pat@example.com, lee@example.com]\nceo:\n  email: [ceo@example.com]\n"
        try people.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path)
        var policy = bundle.policy
        policy.escalations.append(EscalationRule(id: "leads-by-email", when: EscalationCondition(severity: [.p0]), notify: Self.roles, via: .email))
        let settings = try SMTPSettings(url: "smtp://127.0.0.1:\(port)", user: nil, password: nil, from: "klaxon@example.com")
        let client = SMTPClient(settings: settings, timeoutSeconds: 10)
        return (try EmailTransport(client: client, people: bundle.people, policy: policy, templates: bundle.templates), policy)
    }

    private func deliveries(_ notices: [Notice], of incident: Incident) -> [Delivery] {
        notices.enumerated().compactMap { index, notice in
            guard case .email(let role) = notice.destination else { return nil }
            return Delivery(
                id: index + 1, key: "email/email:\(role):incident-1/\(notice.sequence)/\(notice.kind.rawValue)", target: .email(role: role),
                notice: notice, incident: incident, thread: nil, now: DeskHarness.start
            )
        }
    }

    @Test("A person in two roles of one escalation gets its email once, as does one in two roles told it was withdrawn", arguments: [false, true])
    func aPersonInTwoRolesIsEmailedOnce(withdrawn: Bool) async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let (transport, policy) = try transport(port: sink.port)
        let channel = ChannelRef(platform: .slack, id: "C1", name: "incidents")
        var events = [IncidentEvent(at: DeskHarness.start, actor: nil, change: .declared(Declaration(severity: .p0, title: "Database down", channel: channel)))]
        let emails: [Notice]
        if withdrawn {
            events.append(IncidentEvent(at: DeskHarness.start.addingTimeInterval(60), actor: nil, change: .withdrawn(reason: "false alarm")))
            let incident = try #require(Incident(id: IncidentID(1), events: events))
            emails = Announcer(policy: policy).notices(for: events[1], sequence: 2, incident: incident).filter { $0.kind == .withdrawn }
        } else {
            let incident = try #require(Incident(id: IncidentID(1), events: events))
            emails = Announcer(policy: policy).notices(for: events[0], sequence: 1, incident: incident).filter { $0.rule == "leads-by-email" }
        }
        try #require(emails.compactMap { if case .email(let role) = $0.destination { role } else { nil } } == Self.roles)
        let incident = try #require(Incident(id: IncidentID(1), events: events))
        for delivery in deliveries(emails, of: incident) { _ = try await transport.send(delivery) }
        #expect(sink.received.map(\.to) == [["pat@example.com"], ["lee@example.com"], ["ceo@example.com"]])
    }
}
