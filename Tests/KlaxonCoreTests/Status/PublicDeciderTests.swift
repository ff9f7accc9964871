import Foundation
import KlaxonCore
import Testing

@Suite("IncidentDecider: what customers are told")
struct PublicDeciderTests {
    let decider = IncidentDecider(policy: TestPolicy.playbook)
    let now = Fixture.at(minutes: 90)
    let actor = Fixture.alice

    static let id = IncidentID(1)
    static let publicP0 = Fixture.incident(.p0, publicFacing: true)
    static let privateP0 = Fixture.incident(.p0)
    static let privateP1 = Fixture.incident(.p1)
    static let resolvedPublic = Fixture.incident(.p0, publicFacing: true, then: [.resolved(summary: "Pool raised", forcedReason: "late")])
    static let withETA = Fixture.incident(.p0, publicFacing: true, then: [.etaSet(at: Fixture.at(minutes: 120))])
    /// Declared in Slack with a mention in its title, not public.
    static let mentioningTitle = Incident(id: id, events: [IncidentEvent(
        at: Fixture.declaredAt, actor: Fixture.alice,
        change: .declared(Declaration(severity: .p1, title: "Logins fail for <@U0BOB|bob>", kind: .general, publicFacing: false, channel: Fixture.incidents))
    )])!

    static let table: [Decision] = [
        Decision(name: "a public update is posted to the team and to the page, with the current status", incident: publicP0,
                 command: .publicUpdate(.current, text: "Uploads are failing"),
                 expected: .records([.updatePosted(text: "Uploads are failing"), .publicUpdatePosted(status: .investigating, text: "Uploads are failing")])),
        Decision(name: "a public update on a private incident is refused", incident: privateP0,
                 command: .publicUpdate(.current, text: "x"), expected: .rejects(.notPublic(id, command: "update"))),
        Decision(name: "a public status note changes the status and tells customers", incident: publicP0,
                 command: .publicStatus(.current, phase: .identified, note: "We found it"),
                 expected: .records([
                    .statusChanged(from: .investigating, to: .identified, note: "We found it"), .publicUpdatePosted(status: .identified, text: "We found it"),
                 ])),
        Decision(name: "a public status note on a private incident is refused", incident: privateP0,
                 command: .publicStatus(.current, phase: .identified, note: "x"), expected: .rejects(.notPublic(id, command: "status"))),
        Decision(name: "resolving with a public note still needs the resolution checklist", incident: publicP0,
                 command: .publicStatus(.current, phase: .resolved, note: "Fixed"),
                 expected: .rejects(.resolutionChecklistIncomplete(id, missing: IncidentDeciderTests.allResolutionItems))),
        Decision(name: "a forced resolution with a public note records the reason and tells customers", incident: publicP0,
                 command: .publicStatus(.current, phase: .resolved, note: "Fixed", forceReason: "customer check pending"),
                 expected: .records([.resolved(summary: "Fixed", forcedReason: "customer check pending"), .publicUpdatePosted(status: .resolved, text: "Fixed")])),
        Decision(name: "a resolution for customers on a private incident says to resolve without --public", incident: privateP1,
                 command: .publicStatus(.current, phase: .resolved, note: "Fixed"), expected: .rejects(.notPublic(id, command: "resolve"))),
        Decision(name: "a P3 resolves with a public note", incident: Fixture.incident(.p3, publicFacing: true),
                 command: .publicStatus(.current, phase: .resolved, note: "Fixed"),
                 expected: .records([.resolved(summary: "Fixed", forcedReason: nil), .publicUpdatePosted(status: .resolved, text: "Fixed")])),
        Decision(name: "public puts a private incident on the page", incident: privateP0,
                 command: .makePublic(.current, title: nil), expected: .records([.madePublic(title: nil)])),
        Decision(name: "public with a title renames a public incident for customers", incident: publicP0,
                 command: .makePublic(.current, title: "Uploads are slow"), expected: .records([.madePublic(title: "Uploads are slow")])),
        Decision(name: "a public title is a heading: its closing full stop is dropped", incident: privateP0,
                 command: .makePublic(.current, title: "Uploads are slow."), expected: .records([.madePublic(title: "Uploads are slow")])),
        Decision(name: "the same public title again, with or without its full stop, is unchanged",
                 incident: privateP0.evolved(by: IncidentEvent(at: Fixture.at(minutes: 1), actor: Fixture.alice, change: .madePublic(title: "Uploads are slow"))),
                 command: .makePublic(.current, title: "Uploads are slow."), expected: .rejects(.unchanged(id, what: "is on the public status page"))),
        Decision(name: "public on a public incident without a new title is unchanged", incident: publicP0,
                 command: .makePublic(.current, title: nil), expected: .rejects(.unchanged(id, what: "is on the public status page"))),
        Decision(name: "private takes a public incident off the page", incident: publicP0,
                 command: .makePrivate(.current), expected: .records([.madePrivate])),
        Decision(name: "private on a private incident is unchanged", incident: privateP0,
                 command: .makePrivate(.current), expected: .rejects(.unchanged(id, what: "is off the public status page"))),
        Decision(name: "eta in 30 minutes is 30 minutes after the command", incident: publicP0,
                 command: .eta(.current, .after(seconds: 1800)), expected: .records([.etaSet(at: Fixture.at(minutes: 120))])),
        Decision(name: "eta at a clock time already past today is tomorrow's, within half a day", incident: publicP0,
                 command: .eta(.current, .clock(hour: 3, minute: 0)), expected: .records([.etaSet(at: Fixture.at(minutes: 13 * 60))])),
        Decision(name: "eta at a clock time just past today is refused: as tomorrow's it is nearly a day off", incident: publicP0,
                 command: .eta(.current, .clock(hour: 15, minute: 0)), expected: .rejects(.etaClockPassed(id, at: Fixture.at(minutes: 60 + 24 * 60)))),
        Decision(name: "eta at a clock time later today is today's", incident: publicP0,
                 command: .eta(.current, .clock(hour: 16, minute: 0)), expected: .records([.etaSet(at: Fixture.at(minutes: 120))])),
        Decision(name: "eta at a date and time is that moment", incident: publicP0,
                 command: .eta(.current, .at(CalendarDay(text: "2026-11-27")!, hour: 9, minute: 0)), expected: .records([.etaSet(at: Fixture.at(minutes: 19 * 60))])),
        Decision(name: "eta at a date and time that has passed is refused", incident: publicP0,
                 command: .eta(.current, .at(CalendarDay(text: "2026-11-26")!, hour: 15, minute: 0)),
                 expected: .rejects(.etaPassed(id, at: Fixture.at(minutes: 60)))),
        Decision(name: "eta at the command's own minute is refused as passed", incident: publicP0,
                 command: .eta(.current, .at(CalendarDay(text: "2026-11-26")!, hour: 15, minute: 30)),
                 expected: .rejects(.etaPassed(id, at: Fixture.at(minutes: 90)))),
        Decision(name: "eta 30 days ahead is an estimate", incident: publicP0,
                 command: .eta(.current, .after(seconds: 30 * 86_400)), expected: .records([.etaSet(at: Fixture.at(minutes: 90 + 30 * 1440))])),
        Decision(name: "eta more than 30 days ahead is refused as a slip", incident: publicP0,
                 command: .eta(.current, .after(seconds: 99_999 * 3600)),
                 expected: .rejects(.etaTooFar(id, at: Fixture.at(minutes: 90 + 99_999 * 60)))),
        Decision(name: "eta clear removes the estimate", incident: withETA,
                 command: .eta(.current, .clear), expected: .records([.etaSet(at: nil)])),
        Decision(name: "eta clear with no estimate is unchanged", incident: publicP0,
                 command: .eta(.current, .clear), expected: .rejects(.unchanged(id, what: "has no ETA"))),
        Decision(name: "eta on a resolved incident is refused", incident: resolvedPublic,
                 command: .eta(.current, .after(seconds: 60)), expected: .rejects(.incidentResolved(id))),
        Decision(name: "affects without a level takes a P0's major outage", incident: publicP0,
                 command: .affects(.current, components: ["uploads", "Authentication"], impact: nil),
                 expected: .records([.componentsAffected([AffectedComponent(id: "uploads", impact: .major), AffectedComponent(id: "auth", impact: .major)])])),
        Decision(name: "affects without a level takes a P1's partial outage", incident: privateP1,
                 command: .affects(.current, components: ["payments"], impact: nil),
                 expected: .records([.componentsAffected([AffectedComponent(id: "payments", impact: .partial)])])),
        Decision(name: "affects with a level uses it", incident: publicP0,
                 command: .affects(.current, components: ["ocr"], impact: .degraded),
                 expected: .records([.componentsAffected([AffectedComponent(id: "ocr", impact: .degraded)])])),
        Decision(name: "a public update that mentions people or channels is refused, naming them", incident: publicP0,
                 command: .publicUpdate(.current, text: "Thanks <@U0BOB|bob>, see <#C0OPS|ops>"),
                 expected: .rejects(.mentionsOnStatusPage(["@bob", "#ops"], in: .update))),
        Decision(name: "a public update's Slack links are written out for customers, and kept as typed for the team", incident: publicP0,
                 command: .publicUpdate(.current, text: "Details: <https://blog.example.com/x|our blog>"),
                 expected: .records([
                    .updatePosted(text: "Details: <https://blog.example.com/x|our blog>"),
                    .publicUpdatePosted(status: .investigating, text: "Details: our blog (https://blog.example.com/x)"),
                 ])),
        Decision(name: "a status note for customers that pings the channel is refused", incident: publicP0,
                 command: .publicStatus(.current, phase: .identified, note: "Found it <!here>"), expected: .rejects(.mentionsOnStatusPage(["@here"], in: .update))),
        Decision(name: "a resolution for customers that mentions someone is refused", incident: Fixture.incident(.p3, publicFacing: true),
                 command: .publicStatus(.current, phase: .resolved, note: "Fixed by <@U0BOB>"), expected: .rejects(.mentionsOnStatusPage(["@U0BOB"], in: .update))),
        Decision(name: "public refuses to put a title that mentions someone on the page", incident: mentioningTitle,
                 command: .makePublic(.current, title: nil), expected: .rejects(.mentionsOnStatusPage(["@bob"], in: .title))),
        Decision(name: "public with a title of its own puts such an incident on the page", incident: mentioningTitle,
                 command: .makePublic(.current, title: "Logins fail"), expected: .records([.madePublic(title: "Logins fail")])),
        Decision(name: "public with a title that mentions someone is refused", incident: privateP0,
                 command: .makePublic(.current, title: "Down, ask <#C0OPS|ops>"), expected: .rejects(.mentionsOnStatusPage(["#ops"], in: .update))),
        Decision(name: "declaring public with a title that mentions someone is refused", incident: nil,
                 command: .declare(severity: .p1, title: "Logins fail for <@U0BOB|bob>", kind: .general, publicFacing: true),
                 expected: .rejects(.mentionsOnStatusPage(["@bob"], in: .declaration))),
        Decision(name: "affects with operational marks a component recovered while the incident goes on",
                 incident: Fixture.incident(.p0, publicFacing: true, then: [.componentsAffected([AffectedComponent(id: "uploads", impact: .major)])]),
                 command: .affects(.current, components: ["uploads"], impact: .operational),
                 expected: .records([.componentsAffected([AffectedComponent(id: "uploads", impact: .operational)])])),
        Decision(name: "affects with operational on a component never marked is unchanged", incident: publicP0,
                 command: .affects(.current, components: ["uploads"], impact: .operational),
                 expected: .rejects(.unchanged(id, what: "affects those components that way"))),
        Decision(name: "affects an unknown component lists the known ones", incident: publicP0,
                 command: .affects(.current, components: ["printer"], impact: nil),
                 expected: .rejects(.unknownComponent("printer", available: PublicStatusPolicy.standard.components.map(\.id)))),
    ]

    @Test("Each public command on each state gives the events or the rejection in the table", arguments: table)
    func eachPublicCommandDecides(_ row: Decision) {
        row.verify(decider, by: actor, at: now)
    }

    /// At 09:00 UTC: a time later today is today's however far ahead; one already past is tomorrow's only within
    /// half a day.
    static let morning: [Decision] = [
        Decision(name: "eta at a clock time 13 hours later today is today's", incident: publicP0,
                 command: .eta(.current, .clock(hour: 22, minute: 0)), expected: .records([.etaSet(at: Fixture.at(minutes: 8 * 60))])),
        Decision(name: "eta at a clock time an hour ago is refused: as tomorrow's it is 23 hours off", incident: publicP0,
                 command: .eta(.current, .clock(hour: 8, minute: 0)), expected: .rejects(.etaClockPassed(id, at: Fixture.at(minutes: 18 * 60)))),
    ]

    @Test(arguments: morning)
    func anETAInTheMorningReadsTheDayAsMeant(_ row: Decision) {
        row.verify(decider, by: actor, at: Fixture.at(minutes: -5 * 60))
    }
}
