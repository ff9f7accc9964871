import Foundation
import KlaxonCore
import Testing

@Suite("Customer email: `/incident notify customers` and the draft a public P0 is offered")
struct CustomerEmailTests {
    static let three = IncidentTarget.incident(IncidentID(3))
    static let id = IncidentID(1)

    /// The playbook with a `customers` role for the status page, as the default policy has.
    static var policy: Policy {
        var policy = TestPolicy.playbook
        var page = PublicStatusPolicy.standard
        page.customers = "customers"
        policy.publicStatus = page
        return policy
    }

    static let parsed: [(String, IncidentCommand)] = [
        ("notify customers", .notifyCustomers(.current, preview: false, again: false)),
        ("notify Customers #3", .notifyCustomers(three, preview: false, again: false)),
        ("notify customers --preview", .notifyCustomers(.current, preview: true, again: false)),
        ("notify customers --again #3", .notifyCustomers(three, preview: false, again: true)),
        ("notify customers #3 --preview --again", .notifyCustomers(three, preview: true, again: true)),
    ]

    @Test("notify customers parses with its incident and flags in any order", arguments: parsed)
    func notifyCustomersParses(text: String, expected: IncidentCommand) throws {
        #expect(try CommandParser(platform: .slack).parse(text) == expected)
    }

    static let refused: [(String, CommandRejection)] = [
        ("notify", .missingArgument(command: "notify", what: "who to notify (`customers`)")),
        ("notify team", .invalidValue(command: "notify", value: "team", expected: "`customers` (the team hears through the incident's channel)")),
        ("notify customers now", .invalidValue(command: "notify", value: "now", expected: "`--preview`, `--again` or an incident like #3")),
        ("notify customers #0", .invalidValue(command: "notify", value: "#0", expected: "an incident number like #3")),
    ]

    @Test("A malformed notify gets a refusal that says what it takes", arguments: refused)
    func aMalformedNotifyIsRefused(text: String, expected: CommandRejection) {
        #expect(throws: expected) { try CommandParser(platform: .slack).parse(text) }
    }

    @Test("Discord's options give the same command as the text")
    func discordOptionsGiveTheSameCommand() throws {
        let command = try IncidentCommand(
            named: "notify", arguments: CommandArguments(["audience": .text("customers"), "preview": .flag(true), "incident": .text("#3")])
        )
        #expect(command == .notifyCustomers(Self.three, preview: true, again: false))
        #expect(throws: CommandRejection.invalidValue(command: "notify", value: "everyone", expected: "`customers`")) {
            try IncidentCommand(named: "notify", arguments: CommandArguments(["audience": .text("everyone")]))
        }
    }

    static let sent = Fixture.incident(.p0, publicFacing: true, then: [.customersNotified(role: "customers")])

    static let decisions: [Decision] = [
        Decision(name: "the first email to customers of a public incident is recorded with its role", incident: Fixture.incident(.p0, publicFacing: true),
                 command: .notifyCustomers(.current, preview: false, again: false), expected: .records([.customersNotified(role: "customers")])),
        Decision(name: "customers of a private incident are not emailed", incident: Fixture.incident(.p0),
                 command: .notifyCustomers(.current, preview: false, again: false), expected: .rejects(.notPublic(id, command: "notify"))),
        Decision(name: "a preview of a private incident is refused the same way", incident: Fixture.incident(.p0),
                 command: .notifyCustomers(.current, preview: true, again: false), expected: .rejects(.notPublic(id, command: "notify"))),
        Decision(name: "a second email needs --again", incident: sent,
                 command: .notifyCustomers(.current, preview: false, again: false),
                 expected: .rejects(.customersAlreadyNotified(id, at: Fixture.at(minutes: 1)))),
        Decision(name: "the customer email given up since it was sent is sent again without --again", incident: Fixture.incident(.p0, publicFacing: true, then: [
            .customersNotified(role: "customers"), .deliveryFailed(transport: .email, reason: "SMTP refused every recipient", permanent: true, customerEmail: true),
        ]), command: .notifyCustomers(.current, preview: false, again: false), expected: .records([.customersNotified(role: "customers")])),
        Decision(name: "a team email given up after the customer email says nothing of the customer email", incident: Fixture.incident(.p0, publicFacing: true, then: [
            .customersNotified(role: "customers"), .deliveryFailed(transport: .email, reason: "no address for cto", permanent: true),
        ]), command: .notifyCustomers(.current, preview: false, again: false), expected: .rejects(.customersAlreadyNotified(id, at: Fixture.at(minutes: 1)))),
        Decision(name: "email still retrying after the customer email may yet deliver it", incident: Fixture.incident(.p0, publicFacing: true, then: [
            .customersNotified(role: "customers"), .deliveryFailed(transport: .email, reason: "failing for 130 s", permanent: false, customerEmail: nil),
        ]), command: .notifyCustomers(.current, preview: false, again: false), expected: .rejects(.customersAlreadyNotified(id, at: Fixture.at(minutes: 1)))),
        Decision(name: "an email failure before the last email still leaves that email sent", incident: Fixture.incident(.p0, publicFacing: true, then: [
            .deliveryFailed(transport: .email, reason: "SMTP refused it", permanent: true, customerEmail: true), .customersNotified(role: "customers"),
        ]), command: .notifyCustomers(.current, preview: false, again: false), expected: .rejects(.customersAlreadyNotified(id, at: Fixture.at(minutes: 2)))),
        Decision(name: "one recipient refused while the others had it still needs --again", incident: Fixture.incident(.p0, publicFacing: true, then: [
            .customersNotified(role: "customers"), .deliveryFailed(transport: .email, reason: "refused 1 of 3 recipients", permanent: true, partly: true),
        ]), command: .notifyCustomers(.current, preview: false, again: false), expected: .rejects(.customersAlreadyNotified(id, at: Fixture.at(minutes: 1)))),
        Decision(name: "a chat platform failing says nothing about the email", incident: Fixture.incident(.p0, publicFacing: true, then: [
            .customersNotified(role: "customers"), .deliveryFailed(transport: .slack, reason: "channel_not_found", permanent: true),
        ]), command: .notifyCustomers(.current, preview: false, again: false), expected: .rejects(.customersAlreadyNotified(id, at: Fixture.at(minutes: 1)))),
        Decision(name: "with --again a second email is recorded", incident: sent,
                 command: .notifyCustomers(.current, preview: false, again: true), expected: .records([.customersNotified(role: "customers")])),
        Decision(name: "a resolved public incident's customers can still be told", incident: Fixture.incident(.p1, publicFacing: true, then: [.resolved(summary: "Fixed", forcedReason: "x")]),
                 command: .notifyCustomers(.current, preview: false, again: false), expected: .records([.customersNotified(role: "customers")])),
        Decision(name: "a preview records nothing", incident: Fixture.incident(.p0, publicFacing: true),
                 command: .notifyCustomers(.current, preview: true, again: false), expected: .records([])),
    ]

    @Test("notify customers decides on the incident's state", arguments: decisions)
    func notifyCustomersDecides(_ row: Decision) {
        row.verify(IncidentDecider(policy: Self.policy), by: Fixture.alice, at: Fixture.at(minutes: 70))
    }

    @Test("A policy that names no customers role refuses to email anyone")
    func aPolicyWithoutCustomersRefuses() {
        let decider = IncidentDecider(policy: TestPolicy.playbook)
        #expect(throws: CommandRejection.noCustomerRole) {
            try decider.decide(
                .notifyCustomers(.current, preview: false, again: false), on: Fixture.incident(.p0, publicFacing: true), by: Fixture.alice,
                in: Fixture.incidents, at: Fixture.at(minutes: 70)
            )
        }
    }

    @Test("Refused for a private incident, the reply says how to make it public, not to drop a flag the command has not got")
    func theRefusalFitsTheCommand() {
        let notify = CommandRejection.notPublic(IncidentID(2), command: "notify").message
        #expect(notify.contains("`/incident public #2 [title for customers]`"))
        #expect(!notify.contains("--public"))
        #expect(CommandRejection.notPublic(IncidentID(2), command: "update").message.contains("use `update` without `--public`"))
    }

    @Test("The refusal of a second email says when the first went and how to send again")
    func theRefusalOfASecondEmailSaysWhen() {
        let message = CommandRejection.customersAlreadyNotified(IncidentID(3), at: Fixture.at(minutes: 65)).message
        #expect(message.contains("15:05 UTC"))
        #expect(message.contains("`/incident notify customers #3 --again`"))
    }

    @Test("Sending records the email to the customers role and a line in the incident's thread")
    func sendingAnnouncesTheEmailAndALine() {
        let incident = Self.sent
        let notices = Announcer(policy: Self.policy).notices(for: incident.timeline[1], sequence: 2, incident: incident)
        #expect(notices == [
            Notice(kind: .customerEmail, incident: Self.id, sequence: 2, destination: .email("customers"), audience: [.role("customers")]),
            Notice(kind: .customersNotified, incident: Self.id, sequence: 2, destination: .incidentChannel(Fixture.incidents)),
        ])
        #expect(incident.customersNotifiedAt == Fixture.at(minutes: 1))
    }

    static func offerAfterAnHour(_ incident: Incident, policy: Policy = policy) -> Notice? {
        let fired = IncidentEvent(at: Fixture.at(minutes: 60), actor: nil, change: .timerFired(.escalation(rule: "p0-customer-email")))
        let after = incident.evolved(by: fired)
        return Announcer(policy: policy).notices(for: fired, sequence: after.version, incident: after).first
    }

    @Test("A public P0 an hour in is offered the draft, addressed to whoever runs it")
    func aPublicP0AnHourInIsOfferedTheDraft() throws {
        let notice = try #require(Self.offerAfterAnHour(Fixture.incident(.p0, publicFacing: true)))
        #expect(notice.offer == .customerEmail)
        #expect(notice.rule == "p0-customer-email")
        #expect(notice.prompts == ["Email affected users"])
        // No commander yet: the declarer and the on-call role.
        #expect(notice.audience == [.person(Fixture.alice), .role("on-call-lead")])
    }

    @Test("No draft is offered once customers were emailed, or when nobody is configured to receive it", arguments: [true, false])
    func noDraftOnceEmailedOrWithoutARole(emailed: Bool) throws {
        let notice = try #require(emailed ? Self.offerAfterAnHour(Self.sent) : Self.offerAfterAnHour(Fixture.incident(.p0, publicFacing: true), policy: TestPolicy.playbook))
        #expect(notice.offer == nil)
    }

    @Test("Only a public P0 is put on the customer email's clock")
    func onlyAPublicP0IsOnTheClock() {
        let keeper = Timekeeper(policy: Self.policy)
        func scheduled(_ incident: Incident) -> Bool {
            keeper.pending(incident).contains { $0.timer == .escalation(rule: "p0-customer-email") && $0.at == Fixture.at(minutes: 60) }
        }
        #expect(scheduled(Fixture.incident(.p0, publicFacing: true)))
        #expect(!scheduled(Fixture.incident(.p0)))
        #expect(!scheduled(Fixture.incident(.p1, publicFacing: true)))
        // Made public later: the rule applies from then on.
        #expect(scheduled(Fixture.incident(.p0, then: [.madePublic(title: nil)])))
    }
}
