import Foundation
import KlaxonCore
import KlaxonEmail
import KlaxonPolicy
import KlaxonServer
import Testing

/// Email through libcurl to a real SMTP server on loopback.
@Suite struct EmailDeliveryTests {
    static let people = """
    team-email:
      email: [oncall@example.com, eng@example.com]
    """

    private func transport(port: Int, user: String? = nil, password: String? = nil) throws -> EmailTransport {
        let path = NSTemporaryDirectory() + "klaxon-people-\(UUID().uuidString).yml"
        try Self.people.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil, peoplePath: path)
        let settings = try SMTPSettings(url: "smtp://127.0.0.1:\(port)", user: user, password: password, from: "klaxon@example.com")
        return try EmailTransport(client: SMTPClient(settings: settings, timeoutSeconds: 10), people: bundle.people, policy: bundle.policy, templates: bundle.templates)
    }

    /// The P0 internal email the playbook sends after 30 minutes.
    private func internalEmail(title: String = "Uploads <failing> & slow") throws -> Delivery {
        let channel = ChannelRef(platform: .slack, id: "C1", name: "incidents")
        let declared = IncidentEvent(
            at: DeskHarness.start, actor: Participant(platform: .slack, id: "UANN", name: "ann"),
            change: .declared(Declaration(severity: .p0, title: title, publicFacing: true, channel: channel))
        )
        let fired = IncidentEvent(at: DeskHarness.start.addingTimeInterval(1800), actor: nil, change: .timerFired(.escalation(rule: "p0-internal-email")))
        let incident = try #require(Incident(id: IncidentID(7), events: [declared, fired]))
        let notice = Notice(kind: .escalation, incident: incident.id, sequence: 2, destination: .email("team-email"), audience: [.role("team-email")], rule: "p0-internal-email")
        return Delivery(id: 1, key: "email/email:team-email:incident-7/2/escalation", target: .email(role: "team-email"), notice: notice, incident: incident, thread: nil, now: fired.at)
    }

    @Test("A team email whose line does not say the severity carries it in the subject's tag, for mail filters")
    func aLineWithoutTheSeverityGetsItInTheTag() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let escalation = try internalEmail()
        let notice = Notice(kind: .commanderMissing, incident: escalation.incident.id, sequence: 2, destination: .email("team-email"), audience: [.role("team-email")])
        let nudge = Delivery(id: 2, key: "email/nudge", target: .email(role: "team-email"), notice: notice, incident: escalation.incident, thread: nil, now: escalation.now)
        _ = try await transport(port: sink.port).send(nudge)
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        let subject = try #require(message.header("Subject"))
        #expect(subject.hasPrefix("[Klaxon P0] ") && subject.components(separatedBy: "P0").count == 2, "\(subject)")
    }

    @Test func theInternalEmailReachesEveryRecipientWithTextAndHTMLParts() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        _ = try await transport(port: sink.port).send(try internalEmail())
        let mail = try #require(sink.received.first)
        #expect(mail.from == "klaxon@example.com")
        #expect(mail.to == ["oncall@example.com", "eng@example.com"])
        let message = try #require(MIMEMessage(mail.data))
        #expect(message.header("Subject") == "[Klaxon] Escalating #7 Uploads <failing> & slow (P0) to The whole team", "the severity once")
        #expect(message.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        #expect(message.part("text/plain")?.contains("Escalating #7 Uploads <failing> & slow (P0)") == true)
        #expect(message.part("text/html")?.contains("Uploads &lt;failing&gt; &amp; slow") == true)
        #expect(mail.authenticated == false)
        // Who is told half an hour in learns where the incident stands, not only that it escalated.
        let text = try #require(message.part("text/plain"))
        #expect(text.contains("Status: Investigating, open 30 min · Commander: no commander yet"), "\(text)")
    }

    @Test("The HTML part shows the template's chat markup as HTML: bold, code, and a bare < escaped")
    func theHTMLPartShowsChatMarkupAsHTML() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let escalation = try internalEmail()
        let notice = Notice(kind: .initialAlert, incident: escalation.incident.id, sequence: 1, destination: .email("team-email"), audience: [.role("team-email")])
        let delivery = Delivery(
            id: 2, key: "email/email:team-email:incident-7/1/initial_alert", target: .email(role: "team-email"), notice: notice,
            incident: escalation.incident, thread: nil, now: DeskHarness.start
        )
        _ = try await transport(port: sink.port).send(delivery)
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        let html = try #require(message.part("text/html"))
        #expect(html.contains("<b>[P0 INCIDENT] Service is down - Uploads &lt;failing&gt; &amp; slow</b>"), "\(html)")
        #expect(html.contains("Recovery target: &lt; 1 hour."))
        #expect(html.contains("<code>/incident commander #7 me</code>"))
        #expect(!html.contains("*"))
        #expect(html.contains("declared by <b>@ann</b>"))
    }

    /// Each ASCII lead shifts where the first encoded word ends: with 0 to 2 letters its line came to 81 characters.
    @Test("A long title of emoji goes out as a subject of short encoded words on folded lines, which the server takes", arguments: ["", "a", "ab", "abc"])
    func aLongNonASCIISubjectIsFolded(lead: String) async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let title = lead + String(repeating: "🚨", count: 280)
        _ = try await transport(port: sink.port).send(try internalEmail(title: title))
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        #expect(message.header("Subject") == "[Klaxon] Escalating #7 \(title) (P0) to The whole team")
        #expect(MIMEMessage.headerLines(mail.data).allSatisfy { $0.count <= 78 }, "every header line within RFC 5322's 78")
    }

    @Test("A long ASCII title goes out as a subject folded at its spaces, every line within 78, read back as written")
    func aLongASCIISubjectIsFolded() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        let title = String(repeating: "Uploads failing for customers in eu-west-1 ", count: 5) + String(repeating: "x", count: 70)
        _ = try await transport(port: sink.port).send(try internalEmail(title: title))
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        #expect(message.header("Subject") == "[Klaxon] Escalating #7 \(title) (P0) to The whole team")
        #expect(MIMEMessage.headerLines(mail.data).allSatisfy { $0.count <= 78 }, "every header line within RFC 5322's 78")
    }

    @Test("A value's own asterisks and backticks stay as written in the HTML part: only the template's marks become HTML")
    func aValuesMarksStayAsWritten() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        _ = try await transport(port: sink.port).send(try internalEmail(title: "Ports 80*, 443* and `nginx` down"))
        let mail = try #require(sink.received.first)
        let message = try #require(MIMEMessage(mail.data))
        let html = try #require(message.part("text/html"))
        #expect(html.contains("Ports 80&#42;, 443&#42; and &#96;nginx&#96; down"), "\(html)")
        #expect(message.header("Subject") == "[Klaxon] Escalating #7 Ports 80*, 443* and `nginx` down (P0) to The whole team")
        #expect(!html.contains("<b>, 443"))
    }

    @Test func credentialsAreUsedWhenConfigured() async throws {
        let sink = try SMTPSink(user: "klaxon", password: "s3cret")
        defer { sink.stop() }
        _ = try await transport(port: sink.port, user: "klaxon", password: "s3cret").send(try internalEmail())
        #expect(sink.received.first?.authenticated == true)
    }

    @Test func wrongCredentialsArePermanentAndNothingIsSent() async throws {
        let sink = try SMTPSink(user: "klaxon", password: "s3cret")
        defer { sink.stop() }
        let delivery = try internalEmail()
        let transport = try transport(port: sink.port, user: "klaxon", password: "wrong")
        do {
            _ = try await transport.send(delivery)
            Issue.record("expected a failure")
        } catch {
            guard case .permanent = error else { Issue.record("expected a permanent failure, got \(error)"); return }
        }
        #expect(sink.received.isEmpty)
    }

    @Test func anUnreachableServerIsATransientFailure() async throws {
        let sink = try SMTPSink()
        let port = sink.port
        sink.stop()
        let delivery = try internalEmail()
        let transport = try transport(port: port)
        do {
            _ = try await transport.send(delivery)
            Issue.record("expected a failure")
        } catch {
            guard case .transient = error else { Issue.record("expected a transient failure, got \(error)"); return }
        }
    }

    @Test("A sender is an address, alone or with a name; the header quotes or encodes the name as it must", arguments: [
        ("klaxon@example.com", "klaxon@example.com", "klaxon@example.com"),
        ("Klaxon <klaxon@example.com>", "Klaxon <klaxon@example.com>", "klaxon@example.com"),
        ("\"Ops, Klaxon\" <klaxon@example.com>", "\"Ops, Klaxon\" <klaxon@example.com>", "klaxon@example.com"),
        ("Ops, Klaxon <klaxon@example.com>", "\"Ops, Klaxon\" <klaxon@example.com>", "klaxon@example.com"),
        ("Café <klaxon@example.com>", "=?UTF-8?B?Q2Fmw6k=?= <klaxon@example.com>", "klaxon@example.com"),
        ("klaxon@localhost", "klaxon@localhost", "klaxon@localhost"),
        ("Klaxon <k@[10.0.0.5]>", "Klaxon <k@[10.0.0.5]>", "k@[10.0.0.5]"),
    ])
    func aSenderIsAnAddressAloneOrWithAName(written: String, header: String, address: String) throws {
        let settings = try SMTPSettings(url: "smtp://127.0.0.1:25", user: nil, password: nil, from: written)
        #expect(settings.from == header)
        #expect(settings.address == address)
    }

    @Test("A sender that is no address is refused at start-up, saying how to write one", arguments: [
        "klaxon", "klaxon@", "@example.com", "Klaxon <>", "k@[10.0.0.5", "k@exa[mple.com", "Klaxon <klaxon@example.com", "a b@example.com", "klaxon@example.com\r\nBcc: x@example.com",
        "Kla<xon <klaxon@example.com>",
    ])
    func aSenderThatIsNoAddressIsRefused(written: String) {
        #expect(throws: SMTPSettingsError.self) { try SMTPSettings(url: "smtp://127.0.0.1:25", user: nil, password: nil, from: written) }
    }

    @Test(arguments: [
        ("http://mail.example.com", "must look like smtp://"),
        ("smtp://", "must look like smtp://"),
        ("smtp://user:pw@mail.example.com:587", "not in KLAXON_SMTP_URL"),
    ])
    func malformedSMTPSettingsAreRefusedClearly(url: String, expected: String) {
        #expect(throws: SMTPSettingsError.self) { try SMTPSettings(url: url, user: nil, password: nil, from: "k@example.com") }
        do {
            _ = try SMTPSettings(url: url, user: nil, password: nil, from: "k@example.com")
        } catch {
            #expect(error.description.contains(expected))
            #expect(!error.description.contains("pw@"))
        }
    }
}

/// Just enough MIME parsing to read back what was sent.
struct MIMEMessage {
    let headers: [String: String]
    let parts: [String: String]

    init?(_ raw: String) {
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = text.range(of: "\n\n") else { return nil }
        var headers: [String: String] = [:]
        // A folded header's next lines start with a space (RFC 5322 unfolding: drop the line break).
        for line in text[..<split.lowerBound].replacingOccurrences(of: "\n ", with: " ").split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        var parts: [String: String] = [:]
        for chunk in text[split.upperBound...].components(separatedBy: "--klaxon-alternative") {
            guard let blank = chunk.range(of: "\n\n"), let type = chunk.range(of: "Content-Type: ") else { continue }
            let mime = chunk[type.upperBound...].prefix { $0 != ";" && $0 != "\n" }
            let body = chunk[blank.upperBound...].replacingOccurrences(of: "\n", with: "")
            parts[String(mime)] = Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) }
        }
        self.parts = parts
    }

    /// The header, with RFC 2047's encoded words decoded (the space between two of them is not part of the text).
    func header(_ name: String) -> String? {
        guard let value = headers[name] else { return nil }
        let words = value.split(separator: " ")
        guard !words.isEmpty, words.allSatisfy({ $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }) else { return value }
        var bytes = Data()
        for word in words {
            guard let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return value }
            bytes.append(data)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The header's lines as sent (before unfolding), for checking their lengths.
    static func headerLines(_ raw: String) -> [Substring] {
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        return text[..<(text.range(of: "\n\n")?.lowerBound ?? text.endIndex)].split(separator: "\n")
    }

    func part(_ type: String) -> String? { parts[type] }
}
