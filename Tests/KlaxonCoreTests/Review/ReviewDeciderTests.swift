import Foundation
import KlaxonCore
import Testing

@Suite("Deciding the review commands")
struct ReviewDeciderTests {
    let decider = IncidentDecider(policy: TestPolicy.playbook)
    let now = Fixture.at(minutes: 90)
    let actor = Fixture.alice
    static let id = IncidentID(1)
    static let item = ActionItem(number: 1, owner: Fixture.bob, text: "Alert at 80%", team: "platform")

    static let openP0 = Fixture.incident(.p0)
    static let resolvedP0 = Fixture.incident(.p0, then: [.resolved(summary: "Rolled back", forcedReason: "Out of hours")])
    static let reviewedP0 = Fixture.incident(.p0, then: [
        .resolved(summary: "Rolled back", forcedReason: nil), .causeSet(text: "Pool"), .actionAdded(item),
    ])
    static let closedP0 = Fixture.incident(.p0, then: [.resolved(summary: "Rolled back", forcedReason: nil), .reviewClosed(forcedReason: "Met in person")])
    static let resolvedP1 = Fixture.incident(.p1, then: [.resolved(summary: "Fixed", forcedReason: nil)])
    static let resolvedP3 = Fixture.incident(.p3, then: [.resolved(summary: "Fixed", forcedReason: nil)])

    static let table: [Decision] = [
        Decision(name: "impact on an open incident is recorded", incident: openP0,
                 command: .impact(.current, text: "Everyone"), expected: .records([.impactSet(text: "Everyone")])),
        Decision(name: "cause on a resolved incident is still recorded", incident: resolvedP0,
                 command: .cause(.current, text: "Pool"), expected: .records([.causeSet(text: "Pool")])),
        Decision(name: "a gap is recorded", incident: resolvedP0,
                 command: .gap(.current, text: "No alert"), expected: .records([.gapNoted(text: "No alert")])),
        Decision(name: "an action item gets the next number and its owner", incident: reviewedP0,
                 command: .addAction(.current, owner: .person(Fixture.bob), text: "Runbook", team: nil, due: nil),
                 expected: .records([.actionAdded(ActionItem(number: 2, owner: Fixture.bob, text: "Runbook"))])),
        Decision(name: "an action item for me is owned by the sender", incident: openP0,
                 command: .addAction(.current, owner: .me, text: "Runbook", team: "ops", due: CalendarDay(text: "2026-12-01")),
                 expected: .records([.actionAdded(ActionItem(number: 1, owner: Fixture.alice, text: "Runbook", team: "ops", due: CalendarDay(text: "2026-12-01")))])),
        // Fixture time is 2026-11-26, 15:30 UTC.
        Decision(name: "an action item due before today is refused: a mistyped year, most likely", incident: openP0,
                 command: .addAction(.current, owner: .me, text: "Runbook", team: nil, due: CalendarDay(text: "2025-12-01")),
                 expected: .rejects(.actionDueInPast(id, due: CalendarDay(text: "2025-12-01")!, today: CalendarDay(text: "2026-11-26")!))),
        Decision(name: "an action item due today is recorded", incident: openP0,
                 command: .addAction(.current, owner: .me, text: "Runbook", team: nil, due: CalendarDay(text: "2026-11-26")),
                 expected: .records([.actionAdded(ActionItem(number: 1, owner: Fixture.alice, text: "Runbook", due: CalendarDay(text: "2026-11-26")))])),
        Decision(name: "closing an action item records it", incident: reviewedP0,
                 command: .closeAction(.current, number: 1), expected: .records([.actionClosed(number: 1)])),
        Decision(name: "closing an unknown action item is refused", incident: reviewedP0,
                 command: .closeAction(.current, number: 7), expected: .rejects(.unknownActionItem(id, number: 7))),
        Decision(name: "closing an action item twice is refused",
                 incident: Fixture.incident(.p0, then: [.actionAdded(item), .actionClosed(number: 1)]),
                 command: .closeAction(.current, number: 1), expected: .rejects(.actionAlreadyDone(id, number: 1))),
        Decision(name: "started records when impact began", incident: openP0,
                 command: .milestone(.current, .impactStarted, .ago(seconds: 6000)),
                 expected: .records([.milestoneSet(.impactStarted, at: Fixture.at(minutes: -10))])),
        Decision(name: "mitigated without a time is now", incident: openP0,
                 command: .milestone(.current, .mitigated, nil), expected: .records([.milestoneSet(.mitigated, at: Fixture.at(minutes: 90))])),
        Decision(name: "a milestone in the future is refused", incident: openP0,
                 command: .milestone(.current, .mitigated, .dateTime(CalendarDay(text: "2030-01-01")!, hour: 0, minute: 0)),
                 expected: .rejects(.implausibleMilestone(id, reason: "it is in the future"))),
        // Now is 15:30 UTC: a time of day already past today is today's, one still to come is yesterday's only within half a day.
        Decision(name: "a time of day earlier today is today's", incident: openP0,
                 command: .milestone(.current, .impactStarted, .clock(hour: 14, minute: 30)),
                 expected: .records([.milestoneSet(.impactStarted, at: Fixture.at(minutes: 30))])),
        Decision(name: "a time of day still to come, read as yesterday's 23 hours back, is refused with the date to write", incident: openP0,
                 command: .milestone(.current, .impactStarted, .clock(hour: 16, minute: 0)),
                 expected: .rejects(.implausibleMilestone(id, reason: "16:00 UTC is still to come today, and yesterday's was 23 hours ago; for yesterday's, write its date (`2026-11-25 16:00`)"))),
        Decision(name: "the same time with its date is recorded", incident: openP0,
                 command: .milestone(.current, .impactStarted, .dateTime(CalendarDay(text: "2026-11-25")!, hour: 16, minute: 0)),
                 expected: .records([.milestoneSet(.impactStarted, at: Fixture.at(minutes: -22 * 60))])),
        Decision(name: "impact that began 30 days before the declaration is recorded", incident: openP0,
                 command: .milestone(.current, .impactStarted, .dateTime(CalendarDay(text: "2026-10-27")!, hour: 14, minute: 0)),
                 expected: .records([.milestoneSet(.impactStarted, at: Fixture.at(minutes: -30 * 1440))])),
        Decision(name: "a milestone a year before the declaration is refused as a mistyped date", incident: openP0,
                 command: .milestone(.current, .impactStarted, .dateTime(CalendarDay(text: "2025-11-26")!, hour: 14, minute: 0)),
                 expected: .rejects(.implausibleMilestone(id, reason: "it is 365 days before the incident was declared (check the date)"))),
        Decision(name: "mitigation before impact began is refused",
                 incident: Fixture.incident(.p0, then: [.milestoneSet(.impactStarted, at: Fixture.at(minutes: 30))]),
                 command: .milestone(.current, .mitigated, .ago(seconds: 5000)),
                 expected: .rejects(.implausibleMilestone(id, reason: "impact can't be mitigated before it started"))),
        Decision(name: "facts after the review is closed are refused", incident: closedP0,
                 command: .cause(.current, text: "Late idea"), expected: .rejects(.reviewClosed(id))),
        Decision(name: "an action item is still marked done after the review is closed",
                 incident: Fixture.incident(.p0, then: [.resolved(summary: "Rolled back", forcedReason: nil), .actionAdded(item), .reviewClosed(forcedReason: "Met")]),
                 command: .closeAction(.current, number: 1), expected: .records([.actionClosed(number: 1)])),
        Decision(name: "an unknown action item after the review is closed is refused as unknown", incident: closedP0,
                 command: .closeAction(.current, number: 1), expected: .rejects(.unknownActionItem(id, number: 1))),
        Decision(name: "a new action item after the review is closed is refused", incident: closedP0,
                 command: .addAction(.current, owner: .me, text: "Late", team: nil, due: nil), expected: .rejects(.reviewClosed(id))),
        Decision(name: "notes after the review is closed are still recorded", incident: closedP0,
                 command: .note(.current, text: "Late idea"), expected: .records([.notePosted(text: "Late idea")])),
        Decision(name: "a P0 review with a cause and an action item closes", incident: reviewedP0,
                 command: .closeReview(.current, forceReason: nil), expected: .records([.reviewClosed(forcedReason: nil)])),
        Decision(name: "a P0 review without a cause or an action item is refused", incident: resolvedP0,
                 command: .closeReview(.current, forceReason: nil), expected: .rejects(.reviewIncomplete(id, missing: [
                     "a root cause (`/incident cause #1 <text>`)", "an action item (`/incident action #1 @owner <text>`)",
                 ]))),
        Decision(name: "a P0 review closes without them when forced with a reason", incident: resolvedP0,
                 command: .closeReview(.current, forceReason: "Met in person"), expected: .records([.reviewClosed(forcedReason: "Met in person")])),
        Decision(name: "a P0 review with everything closed with --force is recorded as a plain close", incident: reviewedP0,
                 command: .closeReview(.current, forceReason: "No time"), expected: .records([.reviewClosed(forcedReason: nil)])),
        Decision(name: "a P1 review without a root cause is refused: its brief postmortem says why it happened", incident: resolvedP1,
                 command: .closeReview(.current, forceReason: nil), expected: .rejects(.reviewIncomplete(id, missing: ["a root cause (`/incident cause #1 <text>`)"]))),
        Decision(name: "a P1 review closes without a cause when forced with a reason", incident: resolvedP1,
                 command: .closeReview(.current, forceReason: "No time"), expected: .records([.reviewClosed(forcedReason: "No time")])),
        Decision(name: "a P1 review with a root cause closes, with no action item needed",
                 incident: Fixture.incident(.p1, then: [.resolved(summary: "Rolled back", forcedReason: nil), .causeSet(text: "Pool too small")]),
                 command: .closeReview(.current, forceReason: nil), expected: .records([.reviewClosed(forcedReason: nil)])),
        Decision(name: "a review cannot close before resolution", incident: openP0,
                 command: .closeReview(.current, forceReason: "x"), expected: .rejects(.reviewBeforeResolution(id))),
        Decision(name: "a review cannot close twice", incident: closedP0,
                 command: .closeReview(.current, forceReason: "x"), expected: .rejects(.unchanged(id, what: "has its review closed"))),
        Decision(name: "a review cannot be scheduled before resolution", incident: openP0,
                 command: .scheduleReview(.current, when: "Friday"), expected: .rejects(.reviewBeforeResolution(id))),
        Decision(name: "a resolved incident's review is scheduled", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "Friday 10:00"), expected: .records([.reviewScheduled(when: "Friday 10:00")])),
        Decision(name: "a closed review cannot be scheduled again", incident: closedP0,
                 command: .scheduleReview(.current, when: "Friday"), expected: .rejects(.reviewClosed(id))),
        Decision(name: "a P3 has no review to close", incident: resolvedP3,
                 command: .closeReview(.current, forceReason: nil), expected: .rejects(.noReviewNeeded(id, .p3))),
        Decision(name: "actions and report record nothing", incident: resolvedP0, command: .report(.current), expected: .records([])),
    ]

    @Test("Each review command on each state gives the events or the rejection in the table", arguments: table)
    func eachReviewCommandGivesTheTableAnswer(decision: Decision) {
        decision.verify(decider, by: actor, at: now)
    }

    @Test("The review record folds the facts: the last cause stands, gaps and actions accumulate")
    func theReviewRecordFoldsTheFacts() {
        let incident = Fixture.incident(.p0, then: [
            .causeSet(text: "Disk"), .causeSet(text: "Pool"), .gapNoted(text: "No alert"), .gapNoted(text: "No dashboard"),
            .actionAdded(Self.item), .actionClosed(number: 1), .ticketFiled(action: 1, url: "https://github.com/o/r/issues/4"),
        ])
        #expect(incident.review.cause == "Pool")
        #expect(incident.review.gaps == ["No alert", "No dashboard"])
        #expect(incident.review.actions == [TrackedAction(item: Self.item, isDone: true, ticketURL: "https://github.com/o/r/issues/4")])
        #expect(incident.review.nextActionNumber == 2)
    }

    @Test("New events keep their stored JSON shape")
    func newEventsKeepTheirStoredJSONShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let change = IncidentChange.actionAdded(ActionItem(number: 1, owner: Fixture.bob, text: "Alert", due: CalendarDay(text: "2026-12-05")))
        let json = String(decoding: try encoder.encode(change), as: UTF8.self)
        #expect(json == #"{"actionAdded":{"_0":{"due":{"day":5,"month":12,"year":2026},"number":1,"owner":{"id":"U0BOB","name":"bob","platform":"slack"},"text":"Alert"}}}"#)
        #expect(try JSONDecoder().decode(IncidentChange.self, from: Data(json.utf8)) == change)
    }
}
