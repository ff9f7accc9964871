import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// A note typed on several lines stays one entry of the timeline: its later lines are indented under it, in chat and
/// in the report, and a line of it that starts like a list item does not become an item of its own.
@Suite struct MultiLineTimelineTests {
    let policy: Policy
    /// A P1 with a note on three lines (the last one starting as a Markdown list item would), then an update.
    let incident = Fixture.incident(.p1, then: [
        .notePosted(text: "Pool at 50\nqueue draining\n- retries off"), .updatePosted(text: "Rolling back"),
    ])

    init() throws {
        policy = try Fixture.defaultPolicy()
    }

    @Test func theChatTimelineIndentsANotesLaterLinesUnderItsEntry() throws {
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let lines = renderer.render(.timeline, facts.timeline(incident, now: Fixture.at(minutes: 5))).split(separator: "\n").map(String.init)
        #expect(Array(lines.suffix(4)) == [
            "• 14:01 UTC <@U0BOB> noted: Pool at 50",
            "  queue draining",
            "  - retries off",
            "• 14:02 UTC <@U0BOB> posted an update: Rolling back",
        ])
    }

    @Test func theReportKeepsTheNoteInOneListItemAndItsDashAsText() throws {
        let report = try IncidentReport(policy: policy, templates: .defaults).markdown(incident, now: Fixture.at(minutes: 5))
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let noted = try #require(lines.firstIndex { $0.hasPrefix("- 14:01 UTC @bob noted: Pool at 50") }, "\(report)")
        #expect(Array(lines[noted + 1...noted + 3]) == ["  queue draining", "  \\- retries off", "- 14:02 UTC @bob posted an update: Rolling back"])
    }

    @Test("An update, a status note and a resolution typed on several lines are quoted line by line, paragraphs kept apart", arguments: [
        (IncidentChange.updatePosted(text: "Pool at 50\n\n  \nqueue <draining>\n\n"), MessageKind.updatePosted, true),
        (.statusChanged(from: .investigating, to: .identified, note: "Pool at 50\nqueue <draining>"), .statusChanged, false),
        (.resolved(summary: "Pool at 50\n\nqueue <draining>", forcedReason: "late"), .resolution, true),
    ])
    func textOnSeveralLinesIsQuotedLineByLine(change: IncidentChange, kind: MessageKind, paragraphs: Bool) throws {
        let renderer = try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect())
        let incident = Fixture.incident(.p1, then: [change])
        let notice = try #require(Announcer(policy: policy).notices(for: incident.timeline[1], sequence: 2, incident: incident).first { $0.kind == kind })
        let lines = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 2)).split(separator: "\n").map(String.init)
        let quote = try #require(lines.firstIndex(of: "> Pool at 50"), "\(lines)")
        // One quoted blank line (a zero-width space: `>` alone shows as itself on Discord) for any run of them.
        #expect(Array(lines[(quote + 1)...].prefix(paragraphs ? 2 : 1)) == (paragraphs ? ["> \u{200B}"] : []) + ["> queue &lt;draining&gt;"])
        #expect(!lines.last!.hasPrefix("> \u{200B}"), "no blank quoted line at the end")
    }

    @Test func onlyTextOnSeveralLinesIsIndentedInTheTimelinesEntries() {
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let entries = facts.timelineEntries(incident)
        #expect(entries.last?["text"] as? String == "Rolling back")
        #expect(entries[1]["text"] as? String == "Pool at 50\n  queue draining\n  - retries off")
    }
}
