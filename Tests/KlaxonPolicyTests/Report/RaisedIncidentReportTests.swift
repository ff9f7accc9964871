import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// The report of an incident raised to P0 on the way lists what the raise set off.
@Suite struct RaisedIncidentReportTests {
    @Test("A P1 raised to P0 lists the P0's at-once escalations at the raise, beside the declaration's")
    func theRaisesEscalationsAreListed() throws {
        let incident = Fixture.incident(.p1, then: [.severityChanged(from: .p1, to: .p0, reason: "Getting worse")])
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(incident, now: Fixture.at(minutes: 10))
        let raise = report.split(separator: "\n").first { $0.contains("at the raise to P0:") }
        #expect(raise?.hasSuffix("at the raise to P0: All engineers (the incident channel), CTO, Engineering lead") == true, "\(report)")
    }
}

/// The report's escalations are what was sent, in time order: a raise back to a severity already paged pages no one,
/// and a reopening pages again.
@Suite struct ReportEscalationTests {
    static func escalations(_ severity: Severity, _ changes: [IncidentChange]) throws -> [String] {
        let incident = Fixture.incident(severity, then: changes)
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(incident, now: Fixture.at(minutes: 10))
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "Escalations:") else { return [] }
        return lines[(start + 1)...].drop { $0.isEmpty }.prefix { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
    }

    @Test("A P0 lowered, raised again, resolved and reopened lists its declaration's and its reopening's pages, not the raise's")
    func aRaiseBackPagesNoOneAndAReopeningPagesAgain() throws {
        let paged = "All engineers (the incident channel), CTO, Engineering lead"
        let lines = try Self.escalations(.p0, [
            .severityChanged(from: .p0, to: .p1, reason: "Only the EU"), .severityChanged(from: .p1, to: .p0, reason: "Everywhere again"),
            .resolved(summary: "Drained", forcedReason: "x"), .reopened(reason: "Stalled again"),
        ])
        #expect(lines == ["14:00 UTC at once: \(paged)", "14:04 UTC at the reopening: \(paged)"])
    }

    @Test("Escalations caught up together after a restart: the second, paging a role the first just paged, says so")
    func aCaughtUpEscalationSaysItPagedNoOne() throws {
        let declared = Fixture.incident(.p0, publicFacing: true)
        let fired = ["p0-user-facing-ceo", "p0-over-one-hour"].map { IncidentEvent(at: Fixture.at(minutes: 65), actor: nil, change: .timerFired(.escalation(rule: $0))) }
        let incident = fired.reduce(declared) { $0.evolved(by: $1) }
        let report = try IncidentReport(policy: try Fixture.defaultPolicy(), templates: .defaults).markdown(incident, now: Fixture.at(minutes: 70))
        #expect(report.contains("15:05 UTC after 1 h 05 min: CEO\n"), "\(report)")
        #expect(report.contains("15:05 UTC after 1 h 05 min: CEO, paged a moment before by the one above"), "\(report)")
    }

    @Test("A rule that only offers the customer email is named as that offer, not by its chat prompt")
    func anOfferIsNamedAsTheOffer() throws {
        let lines = try Self.escalations(.p0, [.madePublic(title: nil), .timerFired(.escalation(rule: "p0-customer-email"))])
        #expect(lines.last == "14:02 UTC after 2 min: the customer email's draft offered", "\(lines)")
        #expect(!lines.contains { $0.contains("`") || $0.contains("draft below") }, "\(lines)")
    }
}

/// The message of an escalation that pages no one (its roles paged a moment before in the same batch).
@Suite struct UnaddressedEscalationRenderingTests {
    @Test("It reads as a sentence with its prompts, with no empty address")
    func itReadsAsASentence() throws {
        let policy = try Fixture.defaultPolicy()
        let declared = Fixture.incident(.p0, publicFacing: true)
        let fired = ["p0-user-facing-ceo", "p0-over-one-hour"].map { IncidentEvent(at: Fixture.at(minutes: 65), actor: nil, change: .timerFired(.escalation(rule: $0))) }
        let incident = fired.reduce(declared) { $0.evolved(by: $1) }
        let notices = Announcer(policy: policy).notices(for: fired, from: 1, incident: incident).filter { $0.kind == .escalation }
        let second = try #require(notices.last)
        #expect(second.audience.isEmpty)
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let text = ReplyComposer(renderer: renderer).text(of: second, incident: incident, now: Fixture.at(minutes: 65))
        #expect(!text.contains(", :") && !text.contains(" :"), "\(text)")
        #expect(text.contains("has been open 1 h 05 min:"), "\(text)")
    }
}
