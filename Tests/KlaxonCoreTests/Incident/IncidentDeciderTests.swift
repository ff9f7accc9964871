import Foundation
import KlaxonCore
import Testing

/// One row of the decision table: a state, a command, and what the decider must answer.
struct Decision: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case records([IncidentChange])
        case rejects(CommandRejection)
    }

    let name: String
    let incident: Incident?
    let command: IncidentCommand
    let expected: Expected

    var testDescription: String { name }

    /// Decides the row's command and checks the answer against the row.
    func verify(_ decider: IncidentDecider, by actor: Participant, at now: Date) {
        let decide = { () throws(CommandRejection) -> [IncidentEvent] in
            try decider.decide(command, on: incident, by: actor, in: Fixture.incidents, at: now)
        }
        switch expected {
        case .records(let changes):
            let expected = changes.map { IncidentEvent(at: now, actor: actor, change: $0) }
            #expect(throws: Never.self) { try decide() }
            #expect((try? decide()) == expected)
        case .rejects(let rejection):
            #expect(throws: rejection) { try decide() }
        }
    }
}

@Suite("IncidentDecider")
struct IncidentDeciderTests {
    let decider = IncidentDecider(policy: TestPolicy.playbook)
    /// The time commands are decided at, well after every fixture event.
    let now = Fixture.at(minutes: 90)
    let actor = Fixture.alice

    static let id = IncidentID(1)
    static let openP0 = Fixture.incident(.p0)
    static let resolvedP0 = Fixture.incident(.p0, then: [.resolved(summary: "Rolled back", forcedReason: "Out of hours")])
    static let openP3 = Fixture.incident(.p3)
    static let p0LedByBob = Fixture.incident(.p0, then: [.commanderAssigned(Fixture.bob)])
    static let p0LedByAlice = Fixture.incident(.p0, then: [.commanderAssigned(Participant(platform: .slack, id: "U0ALICE", name: "Alice L."))])
    static let verifiedP0 = Fixture.incident(.p0, then: Fixture.resolutionTicks)
    static let allResolutionItems = [
        "Tested from multiple clients (`multiple-clients`)", "Monitoring shows it stable (`monitoring-stable`)",
        "A customer confirmed it works (`customer-confirmed`)", "Smoke tests pass (`smoke-tests`)",
    ]

    /// What a review time that cannot exist is refused as.
    static let impossibleTime = "a day and time that exist (a time of day 00:00 to 23:59, a date like 2026-12-01 or Dec 3, an offset within ±14:00)"

    static let table: [Decision] = [
        Decision(
            name: "declare records a declaration in the channel it came from", incident: nil,
            command: .declare(severity: .p0, title: "Database down", kind: .security, publicFacing: true),
            expected: .records([.declared(Declaration(
                severity: .p0, title: "Database down", kind: .security, publicFacing: true, channel: Fixture.incidents))])
        ),
        Decision(name: "update needs an incident", incident: nil, command: .update(.current, text: "x"), expected: .rejects(.noOpenIncident)),
        Decision(name: "update on an open incident is posted", incident: openP0,
                 command: .update(.current, text: "Rolled back"), expected: .records([.updatePosted(text: "Rolled back")])),
        Decision(name: "update on a resolved incident is refused", incident: resolvedP0,
                 command: .update(.current, text: "Still fine"), expected: .rejects(.incidentResolved(id))),
        Decision(name: "note on an open incident is recorded", incident: openP0,
                 command: .note(.current, text: "Pool raised"), expected: .records([.notePosted(text: "Pool raised")])),
        Decision(name: "note on a resolved incident is still recorded", incident: resolvedP0,
                 command: .note(.current, text: "Root cause found"), expected: .records([.notePosted(text: "Root cause found")])),
        Decision(name: "status moves the phase on, keeping the note", incident: openP0,
                 command: .status(.current, phase: .identified, note: "Pool exhausted"),
                 expected: .records([.statusChanged(from: .investigating, to: .identified, note: "Pool exhausted")])),
        Decision(name: "status may move back", incident: Fixture.incident(.p1, then: [.statusChanged(from: .investigating, to: .monitoring, note: nil)]),
                 command: .status(.current, phase: .identified, note: nil),
                 expected: .records([.statusChanged(from: .monitoring, to: .identified, note: nil)])),
        Decision(name: "status to the same phase is unchanged", incident: openP0,
                 command: .status(.current, phase: .investigating, note: nil), expected: .rejects(.unchanged(id, what: "is Investigating"))),
        Decision(name: "status on a resolved incident is refused", incident: resolvedP0,
                 command: .status(.current, phase: .monitoring, note: nil), expected: .rejects(.incidentResolved(id))),
        Decision(name: "status resolved resolves a P3 with the note as summary", incident: openP3,
                 command: .status(.current, phase: .resolved, note: "Typo fixed"),
                 expected: .records([.resolved(summary: "Typo fixed", forcedReason: nil)])),
        Decision(name: "status resolved without a note needs a summary", incident: openP3,
                 command: .status(.current, phase: .resolved, note: nil),
                 expected: .rejects(.missingArgument(command: "resolve", what: "a summary of the fix"))),
        Decision(name: "status resolved needs the resolution checklist like resolve", incident: openP0,
                 command: .status(.current, phase: .resolved, note: "Fixed"),
                 expected: .rejects(.resolutionChecklistIncomplete(id, missing: allResolutionItems))),
        Decision(name: "status resolved on a resolved incident is already resolved", incident: resolvedP0,
                 command: .status(.current, phase: .resolved, note: "Again"), expected: .rejects(.alreadyResolved(id))),
        Decision(name: "commander me assigns whoever sent the command", incident: openP0,
                 command: .commander(.current, .me), expected: .records([.commanderAssigned(Fixture.alice)])),
        Decision(name: "commander assigns the person named", incident: openP0,
                 command: .commander(.current, .person(Fixture.bob)), expected: .records([.commanderAssigned(Fixture.bob)])),
        Decision(name: "commander hands over from one person to another", incident: p0LedByBob,
                 command: .commander(.current, .me), expected: .records([.commanderAssigned(Fixture.alice)])),
        Decision(name: "commander who already leads is unchanged", incident: p0LedByBob,
                 command: .commander(.current, .person(Fixture.bob)), expected: .rejects(.unchanged(id, what: "has that commander"))),
        Decision(name: "commander me when I lead under another display name is unchanged", incident: p0LedByAlice,
                 command: .commander(.current, .me), expected: .rejects(.unchanged(id, what: "has that commander"))),
        Decision(name: "commander on a resolved incident is refused", incident: resolvedP0,
                 command: .commander(.current, .me), expected: .rejects(.incidentResolved(id))),
        Decision(name: "downgrade without a reason is refused", incident: openP0,
                 command: .severity(.current, .p2, reason: nil), expected: .rejects(.downgradeNeedsReason(id, from: .p0, to: .p2))),
        Decision(name: "downgrade with a reason is recorded", incident: openP0,
                 command: .severity(.current, .p2, reason: "Only EU affected"),
                 expected: .records([.severityChanged(from: .p0, to: .p2, reason: "Only EU affected")])),
        Decision(name: "escalation needs no reason", incident: openP3,
                 command: .severity(.current, .p1, reason: nil), expected: .records([.severityChanged(from: .p3, to: .p1, reason: nil)])),
        Decision(name: "severity to the same level is unchanged", incident: openP0,
                 command: .severity(.current, .p0, reason: "Still bad"), expected: .rejects(.unchanged(id, what: "is P0"))),
        Decision(name: "severity on a resolved incident is refused", incident: resolvedP0,
                 command: .severity(.current, .p1, reason: "Later"), expected: .rejects(.incidentResolved(id))),
        Decision(name: "scope is recorded", incident: openP0,
                 command: .scope(.current, text: "All uploads"), expected: .records([.scopeSet(text: "All uploads")])),
        Decision(name: "scope on a resolved incident is refused", incident: resolvedP0,
                 command: .scope(.current, text: "All uploads"), expected: .rejects(.incidentResolved(id))),
        Decision(name: "check ticks a resolution item by id", incident: openP0,
                 command: .check(.current, item: "smoke-tests"),
                 expected: .records([.checklistItemChecked(checklist: "resolution", item: "smoke-tests")])),
        Decision(name: "check finds an item by a word of its text", incident: openP0,
                 command: .check(.current, item: "Customer"),
                 expected: .records([.checklistItemChecked(checklist: "resolution", item: "customer-confirmed")])),
        Decision(name: "check of a P0 declare item waits for its event: the scope is ticked by setting it", incident: openP0,
                 command: .check(.current, item: "scope-determined"),
                 expected: .rejects(.doneByItsEvent(id, item: "Scope determined", trigger: .scopeSet))),
        Decision(name: "check of an unknown item lists the open items a person may tick (not those done by events)", incident: openP0,
                 command: .check(.current, item: "coffee"),
                 expected: .rejects(.unknownChecklistItem("coffee", available: [
                     "multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests",
                 ]))),
        Decision(name: "check of a word matching two items is unknown", incident: Fixture.incident(.p2),
                 command: .check(.current, item: "test"),
                 expected: .rejects(.unknownChecklistItem("test", available: [
                     "multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests",
                 ]))),
        Decision(name: "check of a declare item on a P1 is unknown, the declare checklist being P0 only", incident: Fixture.incident(.p1),
                 command: .check(.current, item: "scope-determined"),
                 expected: .rejects(.unknownChecklistItem("scope-determined", available: [
                     "multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests",
                 ]))),
        Decision(name: "check on a P3 says that P3 has no checklist", incident: openP3,
                 command: .check(.current, item: "smoke-tests"), expected: .rejects(.noChecklist(id, .p3))),
        Decision(name: "check of an item done by the declaration is already checked", incident: openP0,
                 command: .check(.current, item: "alert-posted"), expected: .rejects(.alreadyChecked(id, item: "Slack alert posted"))),
        Decision(name: "check of an item done by an event that has not happened is refused, with the command that does it", incident: openP0,
                 command: .check(.current, item: "commander-assigned"),
                 expected: .rejects(.doneByItsEvent(id, item: "Incident commander assigned", trigger: .commanderAssigned))),
        Decision(name: "check of the initial update before one is posted is refused", incident: openP0,
                 command: .check(.current, item: "initial-update-posted"),
                 expected: .rejects(.doneByItsEvent(id, item: "Initial update posted: \"We're investigating [issue]\"", trigger: .updatePosted))),
        Decision(name: "check of an item done by an event that happened is already checked",
                 incident: Fixture.incident(.p0, then: [.commanderAssigned(Fixture.bob)]),
                 command: .check(.current, item: "commander-assigned"), expected: .rejects(.alreadyChecked(id, item: "Incident commander assigned"))),
        Decision(name: "check of an item ticked before is already checked",
                 incident: Fixture.incident(.p0, then: [.checklistItemChecked(checklist: "resolution", item: "smoke-tests")]),
                 command: .check(.current, item: "smoke-tests"), expected: .rejects(.alreadyChecked(id, item: "Smoke tests pass"))),
        Decision(name: "uncheck takes back a tick made by hand",
                 incident: Fixture.incident(.p0, then: [.checklistItemChecked(checklist: "resolution", item: "smoke-tests")]),
                 command: .uncheck(.current, item: "smoke-tests"), expected: .records([.checklistItemUnchecked(checklist: "resolution", item: "smoke-tests")])),
        Decision(name: "uncheck of an item nobody ticked is refused", incident: openP0,
                 command: .uncheck(.current, item: "smoke-tests"), expected: .rejects(.notTickedByHand(id, item: "Smoke tests pass", why: .open))),
        Decision(name: "uncheck of an unknown item with nothing ticked by hand says there is no tick, not that all are ticked", incident: openP0,
                 command: .uncheck(.current, item: "bogus"), expected: .rejects(.notTickedByHand(id, item: "bogus", why: .noSuchItem))),
        Decision(name: "uncheck of an item done by its event is refused: it follows the event", incident: openP0,
                 command: .uncheck(.current, item: "alert-posted"), expected: .rejects(.notTickedByHand(id, item: "Slack alert posted"))),
        Decision(name: "uncheck of an unknown item lists the ticks that can be taken back",
                 incident: Fixture.incident(.p0, then: [.checklistItemChecked(checklist: "resolution", item: "smoke-tests")]),
                 command: .uncheck(.current, item: "coffee"), expected: .rejects(.unknownChecklistItem("coffee", available: ["smoke-tests"]))),
        Decision(name: "check on a resolved incident is refused", incident: resolvedP0,
                 command: .check(.current, item: "smoke-tests"), expected: .rejects(.incidentResolved(id))),
        Decision(name: "resolve with the checklist open lists every missing item", incident: openP0,
                 command: .resolve(.current, summary: "Fixed", forceReason: nil),
                 expected: .rejects(.resolutionChecklistIncomplete(id, missing: allResolutionItems))),
        Decision(name: "resolve lists only the items still open",
                 incident: Fixture.incident(.p1, then: Array(Fixture.resolutionTicks.prefix(3))),
                 command: .resolve(.current, summary: "Fixed", forceReason: nil),
                 expected: .rejects(.resolutionChecklistIncomplete(id, missing: ["Smoke tests pass (`smoke-tests`)"]))),
        Decision(name: "resolve of a P2 needs the checklist too", incident: Fixture.incident(.p2),
                 command: .resolve(.current, summary: "Fixed", forceReason: nil),
                 expected: .rejects(.resolutionChecklistIncomplete(id, missing: allResolutionItems))),
        Decision(name: "resolve with the checklist complete is recorded", incident: verifiedP0,
                 command: .resolve(.current, summary: "Rolled back", forceReason: nil),
                 expected: .records([.resolved(summary: "Rolled back", forcedReason: nil)])),
        Decision(name: "resolve with force records the reason instead of the checklist", incident: openP0,
                 command: .resolve(.current, summary: "Rolled back", forceReason: "Customer asleep"),
                 expected: .records([.resolved(summary: "Rolled back", forcedReason: "Customer asleep")])),
        Decision(name: "resolve of a P3 needs no checklist", incident: openP3,
                 command: .resolve(.current, summary: "Typo fixed", forceReason: nil),
                 expected: .records([.resolved(summary: "Typo fixed", forcedReason: nil)])),
        Decision(name: "resolve needs a summary", incident: openP3,
                 command: .resolve(.current, summary: "", forceReason: nil),
                 expected: .rejects(.missingArgument(command: "resolve", what: "a summary of the fix"))),
        Decision(name: "resolve twice is already resolved", incident: resolvedP0,
                 command: .resolve(.current, summary: "Again", forceReason: "Sure"), expected: .rejects(.alreadyResolved(id))),
        Decision(name: "scheduling the review of a resolved P0 is recorded", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "Friday 10:00"), expected: .records([.reviewScheduled(when: "Friday 10:00")])),
        Decision(name: "a review scheduled at a date and time already past is refused: it would stop the reminders", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "2025-01-01 10:00"), expected: .rejects(.reviewTimePassed(id, when: "2025-01-01 10:00"))),
        Decision(name: "a review scheduled for yesterday is refused as past, as a past date is", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "yesterday 10:00"), expected: .rejects(.reviewTimePassed(id, when: "yesterday 10:00"))),
        Decision(name: "a review scheduled for last Friday is refused as past", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "Last Friday"), expected: .rejects(.reviewTimePassed(id, when: "Last Friday"))),
        Decision(name: "a review at a time of day already past today is the next one, recorded as typed", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "10:00"), expected: .records([.reviewScheduled(when: "10:00")])),
        Decision(name: "a review scheduled at a date and time to come is recorded as typed", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "2026-11-27 10:00 +01:00"), expected: .records([.reviewScheduled(when: "2026-11-27 10:00 +01:00")])),
        Decision(name: "a review at a time of day no clock shows is refused as a typo, not kept as words that stop the reminders",
                 incident: resolvedP0, command: .scheduleReview(.current, when: "friday 25:00"),
                 expected: .rejects(.invalidValue(command: "review", value: "25:00", expected: Self.impossibleTime))),
        Decision(name: "a review in words with a ratio in them is words, recorded as typed", incident: resolvedP0,
                 command: .scheduleReview(.current, when: "after standup, room 1:10"), expected: .records([.reviewScheduled(when: "after standup, room 1:10")])),
        Decision(name: "scheduling the review of a P3 is refused, P3s having none", incident: openP3,
                 command: .scheduleReview(.current, when: "Friday"), expected: .rejects(.noReviewNeeded(id, .p3))),
        Decision(name: "queries record nothing", incident: openP0, command: .show(.current), expected: .records([])),
        Decision(name: "timeline records nothing", incident: resolvedP0, command: .timeline(.current), expected: .records([])),
    ]

    @Test("Each command on each state gives the events or the rejection in the table", arguments: table)
    func eachCommandOnEachStateGivesTheTableAnswer(decision: Decision) {
        decision.verify(decider, by: actor, at: now)
    }

    @Test("A declaration keeps the channel's name as well as its id")
    func aDeclarationKeepsTheChannelsNameAsWellAsItsId() throws {
        let events = try decider.decide(
            .declare(severity: .p1, title: "Login broken", kind: .general, publicFacing: false),
            on: nil, by: actor, in: Fixture.incidents, at: now
        )
        guard case .declared(let declaration) = try #require(events.first).change else {
            Issue.record("expected a declaration, got \(events)")
            return
        }
        #expect(declaration.channel.name == "incidents")
    }

    @Test("A title is a heading: one closing full stop is dropped, since messages go on after it", arguments: [
        ("Uploads failing.", "Uploads failing"), ("Uploads failing", "Uploads failing"), ("Uploads failing...", "Uploads failing..."),
        ("Node.js workers down", "Node.js workers down"), ("Is login down?", "Is login down?"), (".", "."), ("v2.", "v2"),
    ])
    func aTitleIsAHeading(typed: String, stored: String) throws {
        let events = try decider.decide(
            .declare(severity: .p1, title: typed, kind: .general, publicFacing: false), on: nil, by: actor, in: Fixture.incidents, at: now
        )
        guard case .declared(let declaration) = try #require(events.first).change else {
            Issue.record("expected a declaration, got \(events)")
            return
        }
        #expect(declaration.title == stored)
    }

    @Test("A declaration ignores any incident it is given and starts a new one")
    func aDeclarationIgnoresAnyIncidentItIsGiven() throws {
        let events = try decider.decide(
            .declare(severity: .p2, title: "OCR stuck", kind: .general, publicFacing: false),
            on: Self.openP0, by: Fixture.bob, in: Fixture.elsewhere, at: now
        )
        let declaration = Declaration(severity: .p2, title: "OCR stuck", channel: Fixture.elsewhere)
        #expect(events == [IncidentEvent(at: now, actor: Fixture.bob, change: .declared(declaration))])
    }

    @Test("The same command on the same state always decides the same events")
    func theSameCommandOnTheSameStateAlwaysDecidesTheSameEvents() throws {
        let command = IncidentCommand.severity(.current, .p1, reason: "Workaround found")
        let first = try decider.decide(command, on: Self.openP0, by: actor, in: Fixture.incidents, at: now)
        let second = try decider.decide(command, on: Self.openP0, by: actor, in: Fixture.incidents, at: now)
        #expect(first == second)
        #expect(first.count == 1)
    }

    @Test("Ticking the whole resolution checklist through the decider lets resolve through")
    func tickingTheWholeResolutionChecklistLetsResolveThrough() throws {
        var incident = Self.openP0
        for item in ["multiple-clients", "monitoring", "customer", "smoke"] {
            for event in try decider.decide(.check(.current, item: item), on: incident, by: actor, in: Fixture.incidents, at: now) {
                incident = incident.evolved(by: event)
            }
        }
        let events = try decider.decide(.resolve(.current, summary: "Fixed", forceReason: nil), on: incident, by: actor, in: Fixture.incidents, at: now)
        #expect(events == [IncidentEvent(at: now, actor: actor, change: .resolved(summary: "Fixed", forcedReason: nil))])
    }

    @Test("Downgrading a P0 to P1 takes the declare checklist out of play")
    func downgradingAP0ToP1TakesTheDeclareChecklistOutOfPlay() {
        let downgraded = Fixture.incident(.p0, then: [.severityChanged(from: .p0, to: .p1, reason: "Fewer users")])
        #expect(throws: CommandRejection.unknownChecklistItem("scope-determined", available: [
            "multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests",
        ])) {
            try decider.decide(.check(.current, item: "scope-determined"), on: downgraded, by: actor, in: Fixture.incidents, at: now)
        }
    }
}
