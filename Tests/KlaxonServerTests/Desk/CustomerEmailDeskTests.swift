import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import Logging
import Testing

@Suite("The desk: `/incident notify customers` records only what can be sent")
struct CustomerEmailDeskTests {
    static let customers = PeopleDirectory(roles: ["customers": .init(email: ["status-subscribers@example.com"])])

    static func harness(_ router: DeliveryRouter) async throws -> DeskHarness {
        try await DeskHarness(router: router)
    }

    static func emailed(_ harness: DeskHarness) -> [DeskHarness.Sent] {
        harness.messages().filter { $0.kind == .customerEmail || $0.kind == .customersNotified }
    }

    @Test("With addresses for customers, the email is sent once; again only with --again")
    func theEmailIsSentOnceThenOnlyWithAgain() async throws {
        let desk = try await Self.harness(DeliveryRouter(chat: [.slack], email: true, people: Self.customers))
        try await desk.say("p0 Uploads failing --public")
        try await desk.say("notify customers", at: 70)
        #expect(Self.emailed(desk).map(\.destination) == [.email("customers"), .incidentChannel(DeskHarness.channel)])
        let second = try await desk.reply("notify customers", at: 75)
        #expect(second == "rejected: " + CommandRejection.customersAlreadyNotified(IncidentID(1), at: DeskHarness.start.addingTimeInterval(70 * 60)).message)
        try await desk.say("notify customers --again", at: 80)
        #expect(Self.emailed(desk).filter { $0.kind == .customerEmail }.map(\.minute) == [70, 80])
        try await desk.close()
    }

    @Test("A customer email given up for good is news even after email's failure was told, and may be sent again without --again")
    func aCustomerEmailGivenUpMaySendAgain() async throws {
        let desk = try await Self.harness(DeliveryRouter(chat: [.slack], email: true, people: Self.customers))
        try await desk.say("p0 Uploads failing --public")
        let refused = "SMTP 550: relay denied"
        await desk.desk.recordDeliveryProblem(OutboxWorker.Problem(incident: IncidentID(1), transport: .email, reason: refused, permanent: true))
        try await desk.say("notify customers", at: 70)
        // Not the customer email's event: a withdrawal's, or another message's; no hint, no resend.
        await desk.desk.recordDeliveryProblem(OutboxWorker.Problem(incident: IncidentID(1), transport: .email, reason: refused + ".", permanent: true, customerEmail: true, sequence: 1))
        #expect(try await desk.handle.store.incident(IncidentID(1))?.customerEmailFailedAt == nil)
        let timeline = try #require(try await desk.handle.store.incident(IncidentID(1))?.timeline)
        let notified = try #require(timeline.firstIndex { if case .customersNotified = $0.change { true } else { false } }) + 1
        await desk.desk.recordDeliveryProblem(OutboxWorker.Problem(incident: IncidentID(1), transport: .email, reason: refused, permanent: true, customerEmail: true, sequence: notified))
        let incident = try #require(try await desk.handle.store.incident(IncidentID(1)))
        #expect(incident.customerEmailFailedAt != nil, "recorded though its reason was told before")
        try await desk.say("notify customers", at: 75)
        #expect(Self.emailed(desk).filter { $0.kind == .customerEmail }.map(\.minute) == [70, 75])
        try await desk.close()
    }

    static let unreachable: [(String, DeliveryRouter, CommandRejection)] = [
        ("email configured, no address for customers", DeliveryRouter(chat: [.slack], email: true, people: PeopleDirectory()), .cannotEmail(role: "customers")),
        ("addresses, but no email configured", DeliveryRouter(chat: [.slack], email: false, people: customers), .emailNotConfigured),
        // A signing secret but nothing to deliver with: not local mode, so the console prints nothing either.
        ("no transport configured outside local mode", DeliveryRouter(chat: [], email: false, people: customers), .emailNotConfigured),
    ]

    @Test("When the email could reach no one, nothing is recorded and the reply says what to configure", arguments: unreachable)
    func anEmailThatCouldReachNoOneIsRefused(case _: String, router: DeliveryRouter, refusal: CommandRejection) async throws {
        let desk = try await Self.harness(router)
        try await desk.say("p0 Uploads failing --public")
        let before = try #require(try await desk.desk.incident(IncidentID(1))).version
        #expect(try await desk.reply("notify customers") == "rejected: " + refusal.message)
        #expect(try #require(try await desk.desk.incident(IncidentID(1))).version == before)
        #expect(Self.emailed(desk).isEmpty)
        try await desk.close()
    }

    @Test("In local mode the email is printed like every message")
    func inLocalModeTheEmailIsPrinted() async throws {
        let desk = try await Self.harness(.console)
        try await desk.say("p0 Uploads failing --public")
        try await desk.say("notify customers")
        #expect(Self.emailed(desk).map(\.kind) == [.customerEmail, .customersNotified])
        try await desk.close()
    }

    @Test("A preview answers with the draft and records nothing")
    func aPreviewAnswersWithTheDraft() async throws {
        let desk = try await Self.harness(DeliveryRouter(chat: [.slack], email: true, people: Self.customers))
        try await desk.say("p0 Uploads failing --public")
        let before = try #require(try await desk.desk.incident(IncidentID(1))).version
        let envelope = CommandEnvelope(
            command: .notifyCustomers(.current, preview: true, again: false), actor: Participant(platform: .slack, id: "UANN", name: nil),
            channel: DeskHarness.channel, requestKey: nil
        )
        let answer = try await desk.desk.handle(envelope) { outcome in
            if case .customerEmailPreview(let incident) = outcome { return "preview of \(incident.id)" }
            return "\(outcome)"
        }
        #expect(answer == "preview of #1")
        #expect(try #require(try await desk.desk.incident(IncidentID(1))).version == before)
        #expect(Self.emailed(desk).isEmpty)
        try await desk.close()
    }

    @Test("A public P0 an hour in is offered the draft; a private one is not")
    func aPublicP0AnHourInIsOfferedTheDraft() async throws {
        let desk = try await Self.harness(.console)
        try await desk.say("p0 Uploads failing --public")
        try await desk.say("p0 Search is slow")
        await desk.run(until: 61)
        let offers = desk.messages().filter { $0.rule == "p0-customer-email" }
        #expect(offers.map(\.minute) == [60])
        #expect(offers.map(\.offer) == [.customerEmail])
        try await desk.close()
    }

    @Test("The worker hands the email transport the incident as it stands at the send with a customer email, and only with one")
    func aCustomerEmailIsSentWithTheIncidentAsItStandsNow() async throws {
        let desk = try await Self.harness(DeliveryRouter(chat: [], email: true, people: Self.customers))
        try await desk.say("p0 Uploads failing --public")
        try await desk.say("notify customers", at: 70)
        try await desk.say("resolve Pool resized --force verified by hand", at: 80)
        let email = RecordingTransport(name: .email)
        let worker = OutboxWorker(
            store: desk.handle.store, policy: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy, transports: [email], clock: desk.clock,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), wake: desk.desk.outboxChanges, report: { _ in }
        )
        _ = await worker.drain()
        let customers = try #require(email.received.first { $0.notice.kind == .customerEmail })
        #expect(customers.incident.resolvedAt == nil, "as of its own event")
        #expect(customers.latest?.resolvedAt != nil, "and as it stands at the send: resolved since")
        #expect(email.received.filter { $0.notice.kind != .customerEmail }.allSatisfy { $0.latest == nil })
        try await desk.close()
    }
}
