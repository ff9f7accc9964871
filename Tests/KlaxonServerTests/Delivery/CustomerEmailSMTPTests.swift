import Foundation
import KlaxonCore
import KlaxonEmail
import KlaxonPolicy
import KlaxonServer
import Testing

/// The customer email through libcurl to a real SMTP server (aiosmtpd) on loopback.
@Suite("The customer email over SMTP")
struct CustomerEmailSMTPTests {
    private func transport(port: Int, customers: [String], from: String = "status@example.com") throws -> EmailTransport {
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try "customers:\n  email: [\(customers.joined(separator: ", "))]\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path).published(at: "https://status.example.com")
        let settings = try SMTPSettings(url: "smtp://127.0.0.1:\(port)", user: nil, password: nil, from: from)
        return try EmailTransport(client: SMTPClient(settings: settings, timeoutSeconds: 10), people: bundle.people, policy: bundle.policy, templates: bundle.templates)
    }

    /// A public P0 with a public title and update, emailed to customers an hour and ten minutes in (sent `late`
    /// minutes after that).
    private func customerEmail(late: Double = 0) throws -> Delivery {
        let channel = ChannelRef(platform: .slack, id: "C1", name: "incidents")
        let ann = Participant(platform: .slack, id: "UANN", name: "ann")
        func at(_ minutes: Double) -> Date { DeskHarness.start.addingTimeInterval(minutes * 60) }
        let events = [
            IncidentEvent(at: at(0), actor: ann, change: .declared(Declaration(severity: .p0, title: "db-2 pool exhausted", publicFacing: true, channel: channel))),
            IncidentEvent(at: at(1), actor: ann, change: .madePublic(title: "Uploads are failing")),
            IncidentEvent(at: at(2), actor: ann, change: .updatePosted(text: "Restarting db-2 (internal)")),
            IncidentEvent(at: at(3), actor: ann, change: .publicUpdatePosted(status: .investigating, text: "Uploads fail for most users; we are on it.")),
            IncidentEvent(at: at(70), actor: ann, change: .customersNotified(role: "customers")),
        ]
        let incident = try #require(Incident(id: IncidentID(7), events: events))
        let notice = Notice(kind: .customerEmail, incident: incident.id, sequence: 5, destination: .email("customers"), audience: [.role("customers")])
        return Delivery(id: 1, key: "email/email:customers:incident-7/5/customer_email", target: .email(role: "customers"), notice: notice, incident: incident, thread: nil, now: at(70 + late))
    }

    @Test("Customers listed one by one each get it without seeing one another's addresses")
    func customersListedOneByOneAreBlindCopied() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        _ = try await transport(port: sink.port, customers: ["a@example.org", "b@example.net"]).send(try customerEmail())
        let mail = try #require(sink.received.first)
        #expect(mail.to == ["a@example.org", "b@example.net"])
        let message = try #require(MIMEMessage(mail.data))
        #expect(message.header("To") == "undisclosed-recipients:;")
        #expect(!mail.data.contains("a@example.org"))
        #expect(!mail.data.contains("b@example.net"))
    }

    @Test("A list address is named; the subject is the public title, with no severity or bot name; the body links the status page")
    func aListAddressIsNamedAndTheSubjectIsPublic() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        _ = try await transport(port: sink.port, customers: ["status-subscribers@example.com"]).send(try customerEmail())
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        #expect(message.header("To") == "status-subscribers@example.com")
        #expect(message.header("Subject") == "Uploads are failing: we are working on it")
        let text = try #require(message.part("text/plain"))
        #expect(text.hasPrefix("Hello,"))
        #expect(text.contains("Latest update: Uploads fail for most users; we are on it."))
        #expect(text.contains("https://status.example.com/status/incidents/7"))
        #expect(message.part("text/html")?.contains("https://status.example.com/status/incidents/7") == true)
        for word in ["db-2", "Restarting", "ann", "P0", "Klaxon"] {
            #expect(!text.contains(word), "\(word) reached a customer")
        }
    }

    @Test("A stale address the server refuses keeps no one else from the email, and the team is told which it was")
    func aRefusedAddressKeepsNoOneElseFromIt() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let customers = ["a@example.org", "refused-old-subscriber@example.org", "c@example.net"]
        let receipt = try await transport(port: sink.port, customers: customers).send(try customerEmail())
        #expect(sink.received.count == 1)
        #expect(sink.received.first?.to == ["a@example.org", "c@example.net"])
        #expect(receipt.warning == "the mail server refused 1 of 3 recipients of the customer email for good: r…r@example.org")
        #expect(receipt.teamHearsWarning)
    }

    @Test("A recipient refused for now (greylisted) fails the send as a whole, to be tried again: nobody got it yet")
    func aGreylistedRecipientFailsTheSendForNow() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let customers = ["a@example.org", "greylisted-b@example.net", "refused-c@example.org"]
        let transport = try transport(port: sink.port, customers: customers)
        let delivery = try customerEmail()
        do {
            _ = try await transport.send(delivery)
            Issue.record("expected a failure to retry")
        } catch {
            guard case .transient = error else { Issue.record("expected a transient failure, got \(error)"); return }
        }
        #expect(sink.received.isEmpty)
    }

    @Test("A recipient the server still defers five minutes after it first did keeps the others from it no longer: they get it, and the team hears who did not; a message merely late (the server was down) waits the whole grace")
    func aRecipientDeferredForFiveMinutesIsLeftOut() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let customers = ["a@example.org", "greylisted-b@example.net", "c@example.net"]
        let transport = try transport(port: sink.port, customers: customers)
        // Ten minutes late: the first answer the server gives is the first deferral, and the grace starts there.
        for late in [10.0, 14.5] {
            let delivery = try customerEmail(late: late)
            do throws(DeliveryFailure) {
                _ = try await transport.send(delivery)
                Issue.record("sent \(late) minutes late, before the grace was over")
            } catch {
                guard case .transient = error else { Issue.record("expected a transient failure, got \(error)"); return }
            }
        }
        #expect(sink.received.isEmpty)
        let receipt = try await transport.send(try customerEmail(late: 15.5))
        #expect(sink.received.map(\.to) == [["a@example.org", "c@example.net"]])
        #expect(receipt.warning == "the mail server kept deferring 1 of 3 recipients of the customer email for over 5 minutes, so the others got it without them: g…b@example.net")
        #expect(receipt.teamHearsWarning)
    }

    @Test("Sent late (the mail server was down), the customer email says what the page says by then; told again since, it keeps to its own moment", arguments: [
        ([IncidentChange.resolved(summary: "Pool resized", forcedReason: nil)], "Uploads are failing: resolved"),
        ([.publicUpdatePosted(status: .identified, text: "A bad deploy; rolling back."), .customersNotified(role: "customers")], "Uploads are failing: we are working on it"),
    ])
    func aLateCustomerEmailSaysWhatThePageSaysNow(then: [IncidentChange], subject: String) async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let email = try customerEmail(late: 20)
        let later = then.map { IncidentEvent(at: email.now.addingTimeInterval(-60), actor: nil, change: $0) }
        let latest = try #require(Incident(id: email.incident.id, events: email.incident.timeline + later))
        let late = Delivery(
            id: email.id, key: email.key, target: email.target, notice: email.notice, incident: email.incident, thread: nil, now: email.now, latest: latest
        )
        _ = try await transport(port: sink.port, customers: ["a@example.org"]).send(late)
        let message = try #require(sink.received.first.flatMap { MIMEMessage($0.data) })
        #expect(message.header("Subject") == subject)
        #expect(message.part("text/plain")?.contains("Uploads fail for most users; we are on it.") == (subject.hasSuffix("working on it")))
    }

    @Test("A sender given with a name is sent from its address, and named in the From header")
    func aSenderWithANameIsSentFromItsAddress() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let delivery = try customerEmail()
        _ = try await transport(port: sink.port, customers: ["a@example.org"], from: "Example Status <status@example.com>").send(delivery)
        let mail = try #require(sink.received.first)
        #expect(mail.from == "status@example.com")
        let message = try #require(MIMEMessage(mail.data))
        #expect(message.header("From") == "Example Status <status@example.com>")
        // The key of the message, then the declaration's moment (1,800,000,000 s, in ms): another store's #7 differs.
        #expect(message.header("Message-ID") == "<email.email.customers.incident.7.5.customer.email.1800000000000@example.com>")
    }

    @Test("Every email of one incident refers to the incident's thread, and only that incident's, so mail clients group them")
    func theIncidentsEmailsShareAThread() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let email = try customerEmail()
        let incident = email.incident
        let resolved = try #require(Incident(id: incident.id, events: incident.timeline + [
            IncidentEvent(at: email.now.addingTimeInterval(600), actor: nil, change: .resolved(summary: "Pool resized", forcedReason: nil)),
        ]))
        let later = Delivery(
            id: 2, key: "email/email:customers:incident-7/6/resolution", target: .email(role: "customers"),
            notice: Notice(kind: .resolution, incident: incident.id, sequence: 6, destination: .email("customers"), audience: [.role("customers")]),
            incident: resolved, thread: nil, now: email.now.addingTimeInterval(600)
        )
        let other = try #require(Incident(id: IncidentID(8), events: Array(incident.timeline.prefix(1))))
        let elsewhere = Delivery(
            id: 3, key: "email/email:customers:incident-8/1/initial_alert", target: .email(role: "customers"),
            notice: Notice(kind: .initialAlert, incident: other.id, sequence: 1, destination: .email("customers"), audience: [.role("customers")]),
            incident: other, thread: nil, now: email.now
        )
        let transport = try transport(port: sink.port, customers: ["a@example.org"])
        for delivery in [email, later, elsewhere] { _ = try await transport.send(delivery) }
        let messages = sink.received.compactMap { MIMEMessage($0.data) }
        try #require(messages.count == 3)
        for message in messages.prefix(2) {
            #expect(message.header("In-Reply-To") == "<incident.7.1800000000000@example.com>")
            #expect(message.header("References") == "<incident.7.1800000000000@example.com>")
        }
        #expect(messages[2].header("References") == "<incident.8.1800000000000@example.com>")
        #expect(Set(messages.compactMap { $0.header("Message-ID") }).count == 3, "each email keeps an id of its own")
    }
}
