import Foundation
import KlaxonCore
import KlaxonEmail
import KlaxonPolicy
import KlaxonServer
import Testing

/// An email's two parts say the same: a role is named alike in both, a quote reads as a quote in HTML, and the
/// template's bold is bold in HTML and gone from the text, where a title's own `*` and backticks stay as written.
@Suite struct EmailPartsAgreementTests {
    @Test func aRoleIsNamedAlikeInTheTextAndHTMLPartsAndAQuoteIsAQuote() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try "team-email:\n  email: [oncall@example.com]\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path)
        let settings = try SMTPSettings(url: "smtp://127.0.0.1:\(sink.port)", user: nil, password: nil, from: "klaxon@example.com")
        let transport = try EmailTransport(client: SMTPClient(settings: settings, timeoutSeconds: 10), people: bundle.people, policy: bundle.policy, templates: bundle.templates)
        let channel = ChannelRef(platform: .slack, id: "C1", name: "incidents")
        let ann = Participant(platform: .slack, id: "UANN", name: "ann")
        let events = [
            IncidentEvent(at: DeskHarness.start, actor: ann, change: .declared(Declaration(severity: .p0, title: "Uploads *all* failing for `eu`", publicFacing: true, channel: channel))),
            IncidentEvent(at: DeskHarness.start.addingTimeInterval(120), actor: ann, change: .withdrawn(reason: "Rolled back the deploy")),
        ]
        let incident = try #require(Incident(id: IncidentID(3), events: events))
        let notice = Notice(kind: .withdrawn, incident: incident.id, sequence: 2, destination: .email("team-email"), audience: [.role("team-email")])
        let delivery = Delivery(
            id: 1, key: "email/email:team-email:incident-3/2/withdrawn", target: .email(role: "team-email"), notice: notice,
            incident: incident, thread: nil, now: events[1].at
        )
        _ = try await transport.send(delivery)
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        let text = try #require(message.part("text/plain"))
        let html = try #require(message.part("text/html"))
        let role = bundle.policy.roles["team-email"] ?? "team-email"
        #expect(!text.contains("@team-email"), "\(text)")
        #expect(text.contains("Stand down, \(role):"), "\(text)")
        #expect(html.contains("Stand down, <b>\(role)</b>:"), "\(html)")
        #expect(html.contains("<blockquote"), "\(html)")
        #expect(!html.contains("&gt; Rolled back") && !html.contains("\n> Rolled back"), "\(html)")
        #expect(text.hasPrefix("[WITHDRAWN] #3 Uploads *all* failing for `eu` (P0)"), "\(text)")
        #expect(text.contains("\n> Rolled back the deploy\n"), "\(text)")
        #expect(html.contains("<b>[WITHDRAWN] #3 Uploads &#42;all&#42; failing for &#96;eu&#96;</b> (P0)"), "\(html)")
        #expect(message.header("Subject") == "[Klaxon] [WITHDRAWN] #3 Uploads *all* failing for `eu` (P0)")
    }
}
